import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createOffsetConverter } from './offsets';

describe('createOffsetConverter', () => {
  it('is the identity for text without astral characters', () => {
    const c = createOffsetConverter('Привет, 世界 — café');
    expect(c.hasAstral).toBe(false);
    expect(c.codePointLength).toBe(17);
    expect(c.toUtf16(0)).toBe(0);
    expect(c.toUtf16(17)).toBe(17);
    expect(c.toCodePoint(9)).toBe(9);
  });

  it('returns undefined outside the text and for non-integers', () => {
    const c = createOffsetConverter('abc');
    expect(c.toUtf16(4)).toBeUndefined();
    expect(c.toUtf16(-1)).toBeUndefined();
    expect(c.toUtf16(1.5)).toBeUndefined();
    expect(c.toCodePoint(4)).toBeUndefined();
    const d = createOffsetConverter('a😀b');
    expect(d.toUtf16(4)).toBeUndefined();
    expect(d.toCodePoint(5)).toBeUndefined();
    expect(d.toCodePoint(Number.NaN)).toBeUndefined();
  });

  it('shifts offsets after each emoji by one code unit', () => {
    //            0 1  2  3 4  5   (code points)
    const text = 'a😀b👍🏽c';
    const c = createOffsetConverter(text);
    expect(c.hasAstral).toBe(true);
    expect(c.codePointLength).toBe([...text].length);
    expect(c.utf16Length).toBe(text.length);
    expect(c.toUtf16(0)).toBe(0);
    expect(c.toUtf16(1)).toBe(1); // before 😀
    expect(c.toUtf16(2)).toBe(3); // after 😀
    expect(c.toUtf16(3)).toBe(4); // after b
    expect(c.toUtf16(4)).toBe(6); // after 👍
    expect(c.toUtf16(5)).toBe(8); // after 🏽 (a second astral character)
    expect(text.slice(c.toUtf16(2), c.toUtf16(5))).toBe('b👍🏽');
    expect(c.toCodePoint(3)).toBe(2);
    expect(c.toCodePoint(8)).toBe(5);
  });

  it('refuses a UTF-16 offset inside a surrogate pair', () => {
    const c = createOffsetConverter('😀x');
    expect(c.toCodePoint(1)).toBeUndefined();
    expect(c.toCodePoint(2)).toBe(1);
  });

  it('counts a lone surrogate as one code point, like string iteration', () => {
    const text = 'a\ud800b😀\udc00';
    const c = createOffsetConverter(text);
    expect(c.codePointLength).toBe([...text].length);
    expect(c.toUtf16(3)).toBe(3);
    expect(c.toUtf16(4)).toBe(5);
  });

  const anyText = fc.string({ unit: 'grapheme', maxLength: 60 });
  // Raw UTF-16 units biased towards surrogates, so lone and paired halves both occur.
  const utf16Soup = fc
    .array(
      fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0, max: 0xffff })),
      {
        maxLength: 60,
      },
    )
    .map((units) => String.fromCharCode(...units));
  const fullUnicode = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), utf16Soup);

  it('agrees with Array.from(text) for every code point offset (property)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fullUnicode), (text) => {
        const c = createOffsetConverter(text);
        const cps = Array.from(text);
        expect(c.codePointLength).toBe(cps.length);
        expect(c.hasAstral).toBe(cps.some((ch) => ch.length === 2));
        let u16 = 0;
        for (let cp = 0; cp <= cps.length; cp++) {
          expect(c.toUtf16(cp)).toBe(u16);
          expect(c.toCodePoint(u16)).toBe(cp);
          u16 += cps[cp]?.length ?? 0;
        }
        expect(c.toUtf16(cps.length + 1)).toBeUndefined();
      }),
    );
  });

  it('toCodePoint inverts toUtf16 and is undefined exactly inside pairs (property)', () => {
    fc.assert(
      fc.property(fullUnicode, (text) => {
        const c = createOffsetConverter(text);
        for (let u = 0; u <= text.length; u++) {
          const cp = c.toCodePoint(u);
          const high = text.charCodeAt(u - 1);
          const low = text.charCodeAt(u);
          // A high surrogate can only open a pair, so this is exactly "u splits a pair".
          const inside = high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
          if (inside) expect(cp).toBeUndefined();
          else {
            expect(cp).toBeDefined();
            expect(c.toUtf16(cp as number)).toBe(u);
          }
        }
      }),
    );
  });

  it('handles a long astral-heavy text quickly', () => {
    const text = 'ab😀'.repeat(50_000);
    const c = createOffsetConverter(text);
    const started = performance.now();
    let sum = 0;
    for (let cp = 0; cp <= c.codePointLength; cp++) sum += c.toUtf16(cp) ?? 0;
    expect(sum).toBeGreaterThan(0);
    expect(c.toUtf16(c.codePointLength)).toBe(text.length);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
