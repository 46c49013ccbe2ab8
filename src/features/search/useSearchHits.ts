import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { searchEntities } from '../../domain/search';
import type { SearchHit } from '../../domain/search';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';

const selectSearch = (s: AppState) => ({ index: s.index, query: s.query });

/** Ranked matches for the current query, or null when there is no query. */
export function useSearchHits(): SearchHit[] | null {
  const { index, query } = useAppStore(useShallow(selectSearch));
  return useMemo(() => {
    if (!query.trim()) return null;
    return searchEntities(
      index.doc.entities,
      query,
      (id) => index.mentionsByEntity.get(id)?.length ?? 0,
    );
  }, [index, query]);
}
