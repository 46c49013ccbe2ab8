/**
 * Search over names and aliases. Typing narrows the actor list; Enter selects the best match and
 * jumps to its first mention; Escape clears.
 */
import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useAppStore } from '../../store/store';
import { selectQuery } from '../../store/selectors';
import { useSearchHits } from './useSearchHits';

export function SearchBox() {
  const query = useAppStore(selectQuery);
  const hits = useSearchHits();
  const ref = useRef<HTMLInputElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      const best = hits?.[0];
      if (best) useAppStore.getState().selectEntity(best.entity.id, { jump: true });
      e.preventDefault();
    } else if (e.key === 'Escape') {
      useAppStore.getState().setQuery('');
    }
  };
  return (
    <div className="search">
      <input
        ref={ref}
        id="entity-search"
        type="search"
        aria-label="Search entities"
        placeholder="Search actors and aliases… ( / )"
        aria-keyshortcuts="/"
        value={query}
        onChange={(e) => useAppStore.getState().setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      <p className="search-status" role="status" aria-live="polite">
        {hits === null
          ? ''
          : hits.length === 0
            ? `No actor matches “${query}”`
            : `${hits.length} ${hits.length === 1 ? 'match' : 'matches'} · Enter selects ${hits[0]?.entity.name ?? ''}`}
      </p>
    </div>
  );
}
