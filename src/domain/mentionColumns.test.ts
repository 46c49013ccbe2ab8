import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packMentions, unpackMentions } from './mentionColumns';
import type { Mention } from './model';

const mention: fc.Arbitrary<Mention> = fc
  .record(
    {
      id: fc.string({ minLength: 1 }),
      entityId: fc.string({ minLength: 1 }),
      spans: fc.array(
        fc
          .tuple(fc.nat({ max: 1e6 }), fc.nat({ max: 1e4 }))
          .map(([start, length]) => ({ start, end: start + length })),
        { minLength: 1, maxLength: 3 },
      ),
      // Astral characters too: the columns hold the text as it is.
      text: fc.string({ unit: 'grapheme' }),
      attributes: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.boolean()), {
        noNullPrototype: true,
      }),
      notes: fc.array(fc.string()),
    },
    { requiredKeys: ['id', 'entityId', 'spans', 'text'], noNullPrototype: true },
  )
  .map((m) => m as Mention);

describe('mention columns', () => {
  it('give back any mentions packed, attributes and notes included, and no key they did not have', () => {
    fc.assert(
      fc.property(fc.array(mention, { maxLength: 30 }), (mentions) => {
        const back = unpackMentions(structuredClone(packMentions(mentions)));
        expect(back).toStrictEqual(mentions);
      }),
    );
  });

  it('pass a list of mentions stored before columns, or what does not read, through untouched', () => {
    const list = [{ id: 'm1', entityId: 'e1', spans: [{ start: 0, end: 3 }], text: 'Ann' }];
    expect(unpackMentions(list)).toBe(list);
    const packed = packMentions(list);
    const short = { ...packed, spans: packed.spans.slice(0, 2) };
    expect(unpackMentions(short)).toBe(short);
    const long = { ...packed, spans: Int32Array.from([...packed.spans, 7]) };
    expect(unpackMentions(long)).toBe(long);
    const uneven = { ...packed, texts: [] };
    expect(unpackMentions(uneven)).toBe(uneven);
    expect(unpackMentions(null)).toBeNull();
  });
});
