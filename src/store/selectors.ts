/**
 * Module-level selectors, so components subscribe to exactly what they draw and a selector's
 * identity never changes between renders.
 */
import type { AppState } from './store';

export const selectIndex = (s: AppState) => s.index;
export const selectDoc = (s: AppState) => s.index.doc;
export const selectQuery = (s: AppState) => s.query;
