import type { Certainty } from '../../domain/model';
import { CERTAINTIES } from '../../domain/model';

/** A relation's certainty: stated, reported or possible. */
export function CertaintySelect({
  value,
  onChange,
}: {
  value: Certainty;
  onChange: (certainty: Certainty) => void;
}) {
  return (
    <label>
      Certainty
      <select value={value} onChange={(e) => onChange(e.target.value as Certainty)}>
        {CERTAINTIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}
