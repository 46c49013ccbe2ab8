import { describe, expect, it } from 'vitest';
import json from '../../src/domain/builtin/hts-terror-list.json';
import { documentSchema } from '../../src/domain/schema';
import { indexFor, indexingFor } from '../../src/store/indexCache';

describe('indexFor', () => {
  it('builds an index once per document object', () => {
    const doc = documentSchema.parse(json);
    const index = indexFor(doc);
    expect(index.doc).toBe(doc);
    expect(indexFor(doc)).toBe(index);
    // A changed document is a new object, with an index of its own.
    const renamed = { ...doc, title: 'Renamed' };
    expect(indexFor(renamed)).not.toBe(index);
    expect(indexFor(renamed).doc.title).toBe('Renamed');
  });
});

describe('indexingFor', () => {
  const run = (steps: Generator<void, ReturnType<typeof indexFor>, void>) => {
    let pauses = 0;
    for (;;) {
      const step = steps.next();
      if (step.done) return { index: step.value, pauses };
      pauses++;
    }
  };

  it('builds in steps the index that indexFor then answers, and has nothing to do the next time', () => {
    const doc = documentSchema.parse(json);
    const first = run(indexingFor(doc));
    expect(first.pauses).toBeGreaterThan(0);
    expect(indexFor(doc)).toBe(first.index);
    expect(run(indexingFor(doc))).toEqual({ index: first.index, pauses: 0 });
  });

  it('keeps the index built meanwhile, if one was needed at once between its steps', () => {
    const doc = documentSchema.parse(json);
    const steps = indexingFor(doc);
    steps.next();
    const meanwhile = indexFor(doc);
    expect(run(steps).index).toBe(meanwhile);
    expect(indexFor(doc)).toBe(meanwhile);
  });
});
