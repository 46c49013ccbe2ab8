import { useMemo, useState } from 'react';
import type { Entity } from '../../domain/model';
import { searchEntities } from '../../domain/search';
import { useAppStore } from '../../store/store';

/** Above this many actors a picker narrows its list by a typed filter. */
export const ACTOR_FILTER_ABOVE = 200;
/** How many matches a narrowed picker lists. */
export const ACTOR_MATCHES_SHOWN = 100;

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

// Sorted once per document version, not once per picker: an actor's editor is rebuilt for every
// actor opened, and sorting 5,000 names by collation takes 6–16 ms here.
const sortedByName = new WeakMap<readonly Entity[], readonly Entity[]>();

/**
 * Every actor of the open document but one: by name when a picker lists them all; as they come
 * when there are too many to list, since a picker then orders its matches itself (and every edit
 * is a new version, whose sort would hold each edit of a long document).
 */
export function useOtherActors(exceptId: string): readonly Entity[] {
  const entities = useAppStore((s) => s.index.doc.entities);
  return useMemo(() => {
    if (entities.length - 1 > ACTOR_FILTER_ABOVE) return entities.filter((e) => e.id !== exceptId);
    let sorted = sortedByName.get(entities);
    if (!sorted) {
      sorted = [...entities].sort((a, b) => byName.compare(a.name, b.name));
      sortedByName.set(entities, sorted);
    }
    return sorted.filter((e) => e.id !== exceptId);
  }, [entities, exceptId]);
}

/**
 * A labelled choice among actors, empty until the reader picks one. A list of thousands is
 * unusable as one drop-down (and costly to draw), so long lists get a filter box: the drop-down then
 * holds the best matches by name or alias.
 */
export function ActorSelect({
  label,
  actors,
  value,
  onChange,
}: {
  label: string;
  actors: readonly Entity[];
  value: string;
  onChange: (id: string) => void;
}) {
  const [query, setQuery] = useState('');
  const mentionsByEntity = useAppStore((s) => s.index.mentionsByEntity);
  const long = actors.length > ACTOR_FILTER_ABOVE;
  const shown = useMemo(() => {
    if (!long) return actors;
    const picked = actors.find((e) => e.id === value);
    const matches = query.trim()
      ? searchEntities(actors, query, (id) => mentionsByEntity.get(id)?.length ?? 0).map(
          (h) => h.entity,
        )
      : [];
    const list = matches.slice(0, ACTOR_MATCHES_SHOWN);
    // The chosen actor stays choosable while the filter changes.
    return picked && !list.includes(picked) ? [picked, ...list] : list;
  }, [long, actors, query, value, mentionsByEntity]);

  const select = (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">
        {long && !query.trim()
          ? 'Type above to find an actor…'
          : long && shown.length === 0
            ? 'No actor matches'
            : 'Choose an actor…'}
      </option>
      {shown.map((e) => (
        <option key={e.id} value={e.id}>
          {e.name}
        </option>
      ))}
    </select>
  );
  if (!long) {
    return (
      <label>
        {label}
        {select}
      </label>
    );
  }
  return (
    <div className="actor-picker" role="group" aria-label={label}>
      <label>
        {label}
        <input
          type="search"
          value={query}
          placeholder={`Find among ${actors.length.toLocaleString()} actors…`}
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      <label>
        Matches
        {select}
      </label>
    </div>
  );
}
