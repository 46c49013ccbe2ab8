/**
 * Conversion between Unicode code point offsets (what brat and Python count) and UTF-16 code unit
 * offsets (what JavaScript strings and our model count) for one given text.
 *
 * The two differ only after an astral character (emoji, rare CJK, historic scripts), which takes two
 * UTF-16 code units but one code point. We record where the astral characters are once per text and
 * answer each lookup with a binary search over them, so converting every offset of a long document
 * costs O(log a) per offset (a = number of astral characters). A text without astral characters, the
 * common case, converts by identity.
 *
 * A lone surrogate (malformed UTF-16) counts as one code point, as it does when iterating a string.
 */

export interface OffsetConverter {
  /** True when some character of the text lies outside the Basic Multilingual Plane. */
  readonly hasAstral: boolean;
  /** Length of the text in code points. */
  readonly codePointLength: number;
  /** Length of the text in UTF-16 code units (`text.length`). */
  readonly utf16Length: number;
  /** The UTF-16 offset of code point offset `cp`, or undefined when `cp` is not in 0..codePointLength. */
  toUtf16(cp: number): number | undefined;
  /**
   * The code point offset of UTF-16 offset `u16`, or undefined when `u16` is not in 0..utf16Length or
   * falls between the two halves of a surrogate pair (no code point boundary there).
   */
  toCodePoint(u16: number): number | undefined;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Number of elements of the ascending array `xs` that are strictly less than `x`. */
function countBelow(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] ?? Infinity) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isOffset = (n: number): boolean => Number.isInteger(n) && n >= 0;

export function createOffsetConverter(text: string): OffsetConverter {
  // UTF-16 offsets of the high surrogate of each well-formed surrogate pair, ascending.
  const pairsU16: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
      pairsU16.push(i);
      i++;
    }
  }
  const utf16Length = text.length;
  const codePointLength = utf16Length - pairsU16.length;

  if (pairsU16.length === 0) {
    const identity = (n: number, max: number) => (isOffset(n) && n <= max ? n : undefined);
    return {
      hasAstral: false,
      codePointLength,
      utf16Length,
      toUtf16: (cp) => identity(cp, codePointLength),
      toCodePoint: (u16) => identity(u16, utf16Length),
    };
  }

  // Code point offset of each pair: every earlier pair shifted it by one.
  const pairsCp = pairsU16.map((u16, k) => u16 - k);
  return {
    hasAstral: true,
    codePointLength,
    utf16Length,
    toUtf16(cp) {
      if (!isOffset(cp) || cp > codePointLength) return undefined;
      // Each astral character before `cp` adds one extra code unit.
      return cp + countBelow(pairsCp, cp);
    },
    toCodePoint(u16) {
      if (!isOffset(u16) || u16 > utf16Length) return undefined;
      const k = countBelow(pairsU16, u16);
      // The pair starting just before `u16` would be cut in half.
      if (k > 0 && pairsU16[k - 1] === u16 - 1) return undefined;
      return u16 - k;
    },
  };
}
