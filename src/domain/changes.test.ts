import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changes } from './changes';

describe('changes', () => {
  const pool = Array.from({ length: 40 }, (_, i) => ({ i }));
  /** How many times each record is in the list. */
  const counts = (xs: readonly object[]) => {
    const n = new Map<object, number>();
    for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
    return n;
  };

  it('finds exactly what an edit that keeps the order removed and added, in the lists’ order', () => {
    const edit = fc
      .subarray(pool.slice(0, 30))
      .chain((before) =>
        fc.tuple(
          fc.constant(before),
          fc.subarray(before),
          fc.array(fc.tuple(fc.nat(), fc.constantFrom(...pool.slice(30))), { maxLength: 10 }),
        ),
      );
    fc.assert(
      fc.property(edit, ([before, kept, inserts]) => {
        const after = [...kept];
        for (const [at, x] of inserts)
          if (!after.includes(x)) after.splice(at % (after.length + 1), 0, x);
        expect(changes(before, after)).toEqual({
          removed: before.filter((x) => !after.includes(x)),
          added: after.filter((x) => !before.includes(x)),
        });
      }),
    );
  });

  it('lists, for any edit, records whose removal and addition make the later list', () => {
    const list = fc.shuffledSubarray(pool);
    fc.assert(
      fc.property(list, list, (before, after) => {
        const found = changes(before, after);
        if (!found) return;
        const made = counts(before);
        for (const x of found.removed) made.set(x, (made.get(x) ?? 0) - 1);
        for (const x of found.added) made.set(x, (made.get(x) ?? 0) + 1);
        const wanted = counts(after);
        for (const x of new Set([...made.keys(), ...wanted.keys()]))
          expect([x, made.get(x) ?? 0]).toEqual([x, wanted.get(x) ?? 0]);
        for (const x of found.added) expect(after).toContain(x);
      }),
    );
  });

  it('tells an equal copy from the same record: an edited record is a new object', () => {
    const a = { id: 'a' };
    const copy = { id: 'a' };
    expect(changes([a], [copy])).toEqual({ removed: [a], added: [copy] });
    expect(changes([a], [a])).toEqual({ removed: [], added: [] });
  });

  it('gives up past 256 changes or an eighth of the list, whichever is more', () => {
    const some = Array.from({ length: 1000 }, (_, i) => ({ i }));
    expect(changes(some, some.slice(300))).toBeNull();
    expect(changes(some, some.slice(200))?.removed).toHaveLength(200);
    const many = Array.from({ length: 8000 }, (_, i) => ({ i }));
    expect(changes(many, many.slice(0, 7500))?.removed).toHaveLength(500);
    expect(changes(many, many.slice(0, 7000))).toBeNull();
  });
});
