import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CERTAINTIES } from './model';
import type { Relation } from './model';
import { packRelations, unpackRelations } from './relationColumns';

/** Relations of `text`: each quote is the text at its offsets, or (a broken one) says otherwise. */
const relationOf = (text: string): fc.Arbitrary<Relation> =>
  fc
    .record(
      {
        id: fc.string({ minLength: 1 }),
        type: fc.string({ minLength: 1 }),
        source: fc.string({ minLength: 1 }),
        target: fc.string({ minLength: 1 }),
        evidence: fc.array(
          fc
            .tuple(
              fc.nat({ max: text.length + 5 }),
              fc.nat({ max: 20 }),
              fc.option(fc.string({ unit: 'grapheme' }), { freq: 4 }),
            )
            .map(([start, length, own]) => {
              const end = start + length;
              return { start, end, text: own ?? text.slice(start, end) };
            }),
          { maxLength: 3 },
        ),
        certainty: fc.constantFrom(...CERTAINTIES),
        note: fc.string({ unit: 'grapheme' }),
        attributes: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.boolean()), {
          noNullPrototype: true,
        }),
      },
      { requiredKeys: ['id', 'type', 'source', 'target', 'evidence'], noNullPrototype: true },
    )
    .map((r) => r as Relation);

/** Relation r1, e1 met e2, with this evidence and anything else given. */
const met = (evidence: Relation['evidence'], rest: Partial<Relation> = {}): Relation => ({
  id: 'r1',
  type: 'met',
  source: 'e1',
  target: 'e2',
  evidence,
  ...rest,
});

describe('relation columns', () => {
  it('give back any relations packed, with no key they did not have', () => {
    fc.assert(
      fc.property(
        // Astral characters too: offsets count UTF-16 code units, in the text and the quotes.
        fc
          .string({ unit: 'grapheme', maxLength: 80 })
          .chain((text) =>
            fc.tuple(fc.constant(text), fc.array(relationOf(text), { maxLength: 30 })),
          ),
        ([text, relations]) => {
          const back = unpackRelations(structuredClone(packRelations(relations, text)), text);
          expect(back).toStrictEqual(relations);
        },
      ),
    );
  });

  it("keep only the quotes' texts that are not the document's", () => {
    const text = 'Ann 🙂 Bob met.';
    const relations = [
      met([
        { start: 0, end: 15, text },
        { start: 0, end: 3, text: 'Anne' },
      ]),
    ];
    const packed = packRelations(relations, text);
    expect(packed.quoteTexts).toEqual([[1, 'Anne']]);
    expect(unpackRelations(packed, text)).toStrictEqual(relations);
  });

  it('keep an emoji quote and its offsets as they were', () => {
    const relations = [met([{ start: 2, end: 11, text: 'Ann 🙂 Bo' }], { certainty: 'reported' })];
    const text = '..Ann 🙂 Bo';
    const packed = structuredClone(packRelations(relations, text));
    // Its text is the document's: not stored again.
    expect(packed.quoteTexts).toEqual([]);
    expect(unpackRelations(packed, text)).toStrictEqual(relations);
  });

  it('pass a list of relations stored before columns, or what does not read, through untouched', () => {
    const list = [met([{ start: 0, end: 3, text: 'Ann' }])];
    const text = 'Ann met Bob.';
    expect(unpackRelations(list, text)).toBe(list);
    const packed = packRelations(list, text);
    expect(unpackRelations(packed, undefined)).toBe(packed);
    const short = { ...packed, quotes: packed.quotes.slice(0, 2) };
    expect(unpackRelations(short, text)).toBe(short);
    const long = { ...packed, quotes: Int32Array.from([...packed.quotes, 7]) };
    expect(unpackRelations(long, text)).toBe(long);
    const uneven = { ...packed, sources: [] };
    expect(unpackRelations(uneven, text)).toBe(uneven);
    expect(unpackRelations(null, text)).toBeNull();
  });
});
