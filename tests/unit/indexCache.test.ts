import { describe, expect, it } from 'vitest';
import json from '../../src/domain/builtin/hts-terror-list.json';
import { documentSchema } from '../../src/domain/schema';
import { indexFor } from '../../src/store/indexCache';

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
