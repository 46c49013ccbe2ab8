/**
 * Small text helpers shared by propagation and discovery: word boundaries, name normalisation,
 * possessives, and a word tokenizer that keeps offsets (UTF-16 code units, end exclusive).
 */
import type { Span } from '../model';

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** Apostrophes a text may use for the same thing: ' ’ ʼ ‘ ′. */
export const APOSTROPHES = "'’ʼ‘′";
/** Hyphens a text may use inside a word. */
export const HYPHENS = '-‐‑';

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && WORD_CHAR.test(ch);
}

export function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && UPPER.test(ch);
}

export function hasLower(s: string): boolean {
  return LOWER.test(s);
}

export function hasUpper(s: string): boolean {
  return UPPER.test(s);
}

/** Two or more letters and no lower-case letter: "NATO", "LIMA", "U.S.". */
export function isAllCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && !LOWER.test(letters);
}

/** True when `start`–`end` is a whole word: no letter or digit touches it on either side. */
export function isWholeWord(text: string, start: number, end: number): boolean {
  return !isWordChar(text[start - 1]) && !isWordChar(text[end]) && end > start;
}

/** The end of `text[start, end)` without a trailing possessive ("Chile’s" → "Chile", "Jones’" stays). */
export function possessiveEnd(text: string, start: number, end: number): number {
  if (
    end - start > 2 &&
    /s/i.test(text[end - 1] ?? '') &&
    APOSTROPHES.includes(text[end - 2] ?? '')
  ) {
    return end - 2;
  }
  return end;
}

/**
 * How names are compared: Unicode-normalised, apostrophes and hyphens unified, white space
 * collapsed, possessive dropped, lower-cased. "Chile’s" and "CHILE'S" and "Chile" are the same name.
 */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[’ʼ‘′]/g, "'")
    .replace(/[‐‑–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/'s?$/i, '')
    .toLowerCase();
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A RegExp source that matches `form` with any apostrophe for an apostrophe, any hyphen for a
 * hyphen, and any run of white space for a space.
 */
export function formPattern(form: string): string {
  let out = '';
  for (const ch of form.normalize('NFC')) {
    if (APOSTROPHES.includes(ch)) out += `[${APOSTROPHES}]`;
    else if (HYPHENS.includes(ch)) out += `[${HYPHENS}]`;
    else if (/\s/.test(ch)) {
      if (!out.endsWith('\\s+')) out += '\\s+';
    } else out += escapeRegExp(ch);
  }
  return out;
}

export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A sorted set of spans that answers "does this span overlap any of them?" in log time. */
export class SpanSet {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Longest span so far, so a query knows how far back to look. */
  private longest = 0;

  constructor(spans: Iterable<Span> = []) {
    const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
    for (const s of sorted) {
      this.starts.push(s.start);
      this.ends.push(s.end);
      this.longest = Math.max(this.longest, s.end - s.start);
    }
  }

  /** Index of the first span whose start is >= `offset`. */
  private lowerBound(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  overlaps(span: Span): boolean {
    // Any span starting before span.end and ending after span.start; spans starting earlier than
    // span.start - longest cannot reach it.
    const from = this.lowerBound(span.start - this.longest);
    for (let i = from; i < this.starts.length; i++) {
      const start = this.starts[i] ?? 0;
      if (start >= span.end) break;
      if ((this.ends[i] ?? 0) > span.start) return true;
    }
    return false;
  }

  add(span: Span): void {
    if (span.end <= span.start) return;
    const i = this.lowerBound(span.start);
    this.starts.splice(i, 0, span.start);
    this.ends.splice(i, 0, span.end);
    this.longest = Math.max(this.longest, span.end - span.start);
  }

  /** Takes back one span that `add` put in (`longest` may stay larger: it only bounds the search). */
  delete(span: Span): void {
    for (let i = this.lowerBound(span.start); this.starts[i] === span.start; i++) {
      if (this.ends[i] !== span.end) continue;
      this.starts.splice(i, 1);
      this.ends.splice(i, 1);
      return;
    }
  }
}

/** A word of the text: letters and digits, with inner hyphens and apostrophes ("al-Sham", "O’Brien"). */
export interface Word extends Span {
  readonly text: string;
}

// Dotted acronyms first ("U.S.", "D.C."), then words with inner hyphens or apostrophes.
const WORD = new RegExp(
  `(?:\\p{Lu}\\.){2,}|[\\p{L}\\p{M}\\p{N}]+(?:[${HYPHENS}${APOSTROPHES}][\\p{L}\\p{M}\\p{N}]+)*`,
  'gu',
);

/** The words of `text[from, to)` with absolute offsets. */
export function words(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(WORD)) {
    out.push({ start: from + m.index, end: from + m.index + m[0].length, text: m[0] });
  }
  return out;
}

/** Line spans of a text (without the line breaks). */
export function lines(text: string): Span[] {
  const out: Span[] = [];
  const re = /\r\n|\n|\r|\u2028|\u2029/g;
  let start = 0;
  for (;;) {
    const m = re.exec(text);
    const end = m ? m.index : text.length;
    out.push({ start, end });
    if (!m) break;
    start = m.index + m[0].length;
  }
  return out;
}

/** First letter upper-cased: "rebel factions" → "Rebel factions". */
export function capitaliseFirst(s: string): string {
  const first = s.codePointAt(0);
  if (first === undefined) return s;
  const ch = String.fromCodePoint(first);
  return ch.toUpperCase() + s.slice(ch.length);
}
