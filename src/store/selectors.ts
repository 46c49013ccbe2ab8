/**
 * Module-level selectors, so components subscribe to exactly what they draw and a selector's
 * identity never changes between renders.
 */
import type { AppState } from './store';

export const selectIndex = (s: AppState) => s.index;
export const selectDoc = (s: AppState) => s.index.doc;
export const selectSelectedEntityId = (s: AppState) => s.selectedEntityId;
export const selectSelectedRelationId = (s: AppState) => s.selectedRelationId;
export const selectQuery = (s: AppState) => s.query;
export const selectHiddenEntityTypes = (s: AppState) => s.hiddenEntityTypes;
export const selectHiddenRelationTypes = (s: AppState) => s.hiddenRelationTypes;
export const selectFilters = (s: AppState) => ({
  hiddenEntityTypes: s.hiddenEntityTypes,
  hiddenRelationTypes: s.hiddenRelationTypes,
});
export const selectActions = (s: AppState) => ({
  selectEntity: s.selectEntity,
  selectRelation: s.selectRelation,
  stepMention: s.stepMention,
  clearSelection: s.clearSelection,
  toggleEntityType: s.toggleEntityType,
  toggleRelationType: s.toggleRelationType,
  showAllTypes: s.showAllTypes,
  setQuery: s.setQuery,
});
