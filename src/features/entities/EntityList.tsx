/**
 * The actors as a list: the accessible twin of the graph. It follows the same filters and the search
 * box, and selecting an actor here does what clicking its node does.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Entity } from '../../domain/model';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';
import { TypeSwatch } from '../filters/TypeSwatch';
import { useSearchHits } from '../search/useSearchHits';

const selectList = (s: AppState) => ({
  index: s.index,
  hidden: s.hiddenEntityTypes,
  selected: s.selectedEntityId,
});

export function EntityList() {
  const { index, hidden, selected } = useAppStore(useShallow(selectList));
  const hits = useSearchHits();
  const count = (id: string) => index.mentionsByEntity.get(id)?.length ?? 0;
  const entities: Entity[] = useMemo(() => {
    const base = hits
      ? hits.map((h) => h.entity)
      : [...index.doc.entities].sort(
          (a, b) =>
            (index.mentionsByEntity.get(b.id)?.length ?? 0) -
              (index.mentionsByEntity.get(a.id)?.length ?? 0) || a.name.localeCompare(b.name),
        );
    return base.filter((e) => !hidden.has(e.type));
  }, [index, hits, hidden]);
  const hiddenCount = index.doc.entities.length - entities.length;

  return (
    <section className="entity-list" aria-labelledby="entity-list-heading">
      <h2 id="entity-list-heading">
        Actors <span className="count">({entities.length})</span>
      </h2>
      {entities.length === 0 ? (
        <div className="empty">
          <p>
            {index.doc.entities.length === 0
              ? 'This document has no annotated actors yet.'
              : 'No actor matches the filters and search.'}
          </p>
          {index.doc.entities.length > 0 && (
            <button
              type="button"
              className="link"
              onClick={() => {
                useAppStore.getState().showAllTypes();
                useAppStore.getState().setQuery('');
              }}
            >
              Clear filters and search
            </button>
          )}
        </div>
      ) : (
        <ul>
          {entities.map((e) => {
            const type = index.entityTypes.get(e.type);
            const n = count(e.id);
            return (
              <li key={e.id}>
                <button
                  type="button"
                  className="entity-item"
                  aria-pressed={selected === e.id}
                  onClick={() => useAppStore.getState().selectEntity(e.id, { jump: true })}
                >
                  {type && <TypeSwatch type={type} />}
                  <span className="entity-name">{e.name}</span>
                  <span className="count" aria-label={`${n} mentions`}>
                    {n}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {hiddenCount > 0 && entities.length > 0 && (
        <p className="muted">{hiddenCount} more hidden by filters or search.</p>
      )}
    </section>
  );
}
