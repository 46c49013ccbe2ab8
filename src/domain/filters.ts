/**
 * What a filter leaves visible. An entity is visible when its type is not hidden; a relation when its
 * type is not hidden and both its ends are visible. Graph, entity list and text emphasis all ask here,
 * so they can never disagree.
 */
import type { DocumentIndex } from './indexes';
import type { Entity, Relation } from './model';

export interface Filters {
  readonly hiddenEntityTypes: ReadonlySet<string>;
  readonly hiddenRelationTypes: ReadonlySet<string>;
}

export const NO_FILTERS: Filters = { hiddenEntityTypes: new Set(), hiddenRelationTypes: new Set() };

export function isEntityVisible(entity: Entity, filters: Filters): boolean {
  return !filters.hiddenEntityTypes.has(entity.type);
}

export function isRelationVisible(
  relation: Relation,
  index: DocumentIndex,
  filters: Filters,
): boolean {
  if (filters.hiddenRelationTypes.has(relation.type)) return false;
  const s = index.entityById.get(relation.source);
  const t = index.entityById.get(relation.target);
  return !!s && !!t && isEntityVisible(s, filters) && isEntityVisible(t, filters);
}

export function visibleEntities(index: DocumentIndex, filters: Filters): Entity[] {
  return index.doc.entities.filter((e) => isEntityVisible(e, filters));
}

export function visibleRelations(index: DocumentIndex, filters: Filters): Relation[] {
  return index.doc.relations.filter((r) => isRelationVisible(r, index, filters));
}
