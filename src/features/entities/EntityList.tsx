/**
 * The actors as a list: the accessible twin of the graph. It follows the same filters and the search
 * box, and selecting an actor here does what clicking its node does.
 */
import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Entity } from '../../domain/model';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';
import { TypeSwatch } from '../filters/TypeSwatch';
import { useSearchHits } from '../search/useSearchHits';
import { VirtualRows, moveInPlainRows } from '../VirtualRows';

const selectList = (s: AppState) => ({
  index: s.index,
  hidden: s.hiddenEntityTypes,
});

/** Above this many actors the list renders only the rows in view. */
const VIRTUAL_ROWS = 200;
const ROW_HEIGHT = 30;

/** One actor; subscribes to its own selected state so a click re-renders two rows, not all. */
const EntityRow = memo(function EntityRow({ entity }: { entity: Entity }) {
  const index = useAppStore((s) => s.index);
  const selected = useAppStore((s) => s.selectedEntityId === entity.id);
  const type = index.entityTypes.get(entity.type);
  const n = index.mentionsByEntity.get(entity.id)?.length ?? 0;
  return (
    <button
      type="button"
      className="entity-item"
      aria-pressed={selected}
      onClick={() => useAppStore.getState().selectEntity(entity.id, { jump: true })}
    >
      {type && <TypeSwatch type={type} />}
      <span className="entity-name">{entity.name}</span>
      <span className="count" aria-label={`${n.toLocaleString()} mentions`}>
        {n.toLocaleString()}
      </span>
    </button>
  );
});

export function EntityList() {
  const { index, hidden } = useAppStore(useShallow(selectList));
  const hits = useSearchHits();
  // Sorted once per version of the actors and their mentions, not per edit: the 5,000 actors of
  // a long report took ~15 ms to sort after every edit of a relation. Filters and search only
  // pick from it.
  const all = index.doc.entities;
  const mentions = index.mentionsByEntity;
  const byMentions = useMemo(
    () =>
      [...all].sort(
        (a, b) =>
          (mentions.get(b.id)?.length ?? 0) - (mentions.get(a.id)?.length ?? 0) ||
          a.name.localeCompare(b.name),
      ),
    [all, mentions],
  );
  const entities: Entity[] = useMemo(() => {
    const base = hits ? hits.map((h) => h.entity) : byMentions;
    return hidden.size === 0 ? base : base.filter((e) => !hidden.has(e.type));
  }, [byMentions, hits, hidden]);
  const hiddenCount = index.doc.entities.length - entities.length;

  return (
    <section className="entity-list" aria-labelledby="entity-list-heading">
      <h2 id="entity-list-heading">
        Actors <span className="count">({entities.length.toLocaleString()})</span>
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
      ) : entities.length > VIRTUAL_ROWS ? (
        <VirtualRows
          items={entities}
          keyOf={(e) => e.id}
          rowHeight={ROW_HEIGHT}
          className="entity-rows"
        >
          {(e) => <EntityRow entity={e} />}
        </VirtualRows>
      ) : (
        <ul className="entity-rows" onKeyDown={moveInPlainRows}>
          {entities.map((e) => (
            <li key={e.id}>
              <EntityRow entity={e} />
            </li>
          ))}
        </ul>
      )}
      {hiddenCount > 0 && entities.length > 0 && (
        <p className="muted">{hiddenCount} more hidden by filters or search.</p>
      )}
    </section>
  );
}
