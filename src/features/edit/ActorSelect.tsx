import type { ReactNode } from 'react';
import type { Entity } from '../../domain/model';

/** A labelled choice among actors, empty until the reader picks one. */
export function ActorSelect({
  label,
  actors,
  value,
  onChange,
}: {
  label: ReactNode;
  actors: readonly Entity[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose an actor…</option>
        {actors.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </select>
    </label>
  );
}
