import { describe, it, expect } from 'vitest';
import {
  NO_FILTERS,
  isEntityVisible,
  isRelationVisible,
  visibleEntities,
  visibleRelations,
} from './filters';
import type { Filters } from './filters';
import { buildIndex } from './indexes';
import type { AriadneDocument, Relation } from './model';

const rel = (id: string, type: string, source: string, target: string): Relation => ({
  id,
  type,
  source,
  target,
  evidence: [],
});

const doc: AriadneDocument = {
  format: 'ariadne/1',
  id: 'filters',
  title: 'Filters',
  text: 'Ann met Bob. Acme paid Ann.',
  entityTypes: [
    { key: 'person', label: 'Person' },
    { key: 'org', label: 'Organisation' },
  ],
  relationTypes: [
    { key: 'met', label: 'met' },
    { key: 'paid', label: 'paid' },
  ],
  entities: [
    { id: 'ann', name: 'Ann', type: 'person', aliases: [] },
    { id: 'bob', name: 'Bob', type: 'person', aliases: [] },
    { id: 'acme', name: 'Acme', type: 'org', aliases: [] },
  ],
  mentions: [],
  relations: [
    rel('r-met', 'met', 'ann', 'bob'),
    rel('r-paid', 'paid', 'acme', 'ann'),
    rel('r-met-acme', 'met', 'bob', 'acme'),
    rel('r-dangling-target', 'met', 'ann', 'nobody'),
    rel('r-dangling-source', 'paid', 'ghost', 'bob'),
  ],
};
const index = buildIndex(doc);

const filters = (entityTypes: string[] = [], relationTypes: string[] = []): Filters => ({
  hiddenEntityTypes: new Set(entityTypes),
  hiddenRelationTypes: new Set(relationTypes),
});
const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);

describe('filters', () => {
  it('hides nothing with no filters', () => {
    expect(NO_FILTERS.hiddenEntityTypes.size).toBe(0);
    expect(NO_FILTERS.hiddenRelationTypes.size).toBe(0);
    expect(ids(visibleEntities(index, NO_FILTERS))).toEqual(['ann', 'bob', 'acme']);
    expect(ids(visibleRelations(index, NO_FILTERS))).toEqual(['r-met', 'r-paid', 'r-met-acme']);
  });

  it('hides entities of a hidden type', () => {
    const f = filters(['org']);
    expect(ids(visibleEntities(index, f))).toEqual(['ann', 'bob']);
    expect(isEntityVisible(doc.entities[2]!, f)).toBe(false);
    expect(isEntityVisible(doc.entities[0]!, f)).toBe(true);
  });

  it('hides the relations of a hidden entity type, whichever end it is', () => {
    const f = filters(['org']);
    expect(ids(visibleRelations(index, f))).toEqual(['r-met']);
    expect(isRelationVisible(doc.relations[1]!, index, f)).toBe(false); // org is the source
    expect(isRelationVisible(doc.relations[2]!, index, f)).toBe(false); // org is the target
  });

  it('hides relations of a hidden relation type but keeps their entities', () => {
    const f = filters([], ['met']);
    expect(ids(visibleRelations(index, f))).toEqual(['r-paid']);
    expect(ids(visibleEntities(index, f))).toEqual(['ann', 'bob', 'acme']);
  });

  it('combines hidden entity and relation types', () => {
    expect(ids(visibleRelations(index, filters(['org'], ['met'])))).toEqual([]);
    expect(ids(visibleRelations(index, filters(['person'])))).toEqual([]);
    expect(ids(visibleEntities(index, filters(['person', 'org'])))).toEqual([]);
  });

  it('never shows a relation with an end that does not exist', () => {
    for (const f of [NO_FILTERS, filters(['org']), filters([], ['met'])]) {
      expect(isRelationVisible(doc.relations[3]!, index, f)).toBe(false);
      expect(isRelationVisible(doc.relations[4]!, index, f)).toBe(false);
    }
  });

  it('ignores hidden types that no entity or relation has', () => {
    const f = filters(['vehicle'], ['sold']);
    expect(ids(visibleEntities(index, f))).toEqual(['ann', 'bob', 'acme']);
    expect(ids(visibleRelations(index, f))).toEqual(['r-met', 'r-paid', 'r-met-acme']);
  });
});
