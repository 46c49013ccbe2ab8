import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DocumentIndex } from '../../domain/indexes';
import { overviewIds } from './overview';

/** The overview as a full sort finds it: by mentions, then by name. */
function reference(index: DocumentIndex, limit: number): Set<string> {
  const count = (id: string) => index.mentionsByEntity.get(id)?.length ?? 0;
  return new Set(
    [...index.doc.entities]
      .sort((a, b) => count(b.id) - count(a.id) || a.name.localeCompare(b.name))
      .slice(0, limit)
      .map((e) => e.id),
  );
}

/** Just what `overviewIds` reads of an index. */
function indexOf(entities: { id: string; name: string; mentions: number }[]): DocumentIndex {
  return {
    doc: { entities: entities.map(({ id, name }) => ({ id, name })) },
    mentionsByEntity: new Map(entities.map((e) => [e.id, Array.from({ length: e.mentions })])),
  } as unknown as DocumentIndex;
}

describe('overviewIds', () => {
  it('picks what sorting every actor by mentions and then name picks, ties and all', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            id: fc.string({ minLength: 1 }),
            name: fc.constantFrom('Ann', 'Bob', 'Cé', 'ann', 'Zoë', ''),
            mentions: fc.nat({ max: 4 }),
          }),
          { selector: (e) => e.id, maxLength: 60 },
        ),
        fc.nat({ max: 70 }),
        (entities, limit) => {
          const index = indexOf(entities);
          expect(overviewIds(index, limit)).toEqual(reference(index, limit));
        },
      ),
    );
  });
});
