/**
 * Filters by actor type and by relation type. The checkboxes double as the colour legend; counts say
 * how many actors or relations each type has in this document.
 */
import { useShallow } from 'zustand/react/shallow';
import type { TypeCount } from '../../domain/indexes';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';
import { TypeSwatch } from './TypeSwatch';

const selectFilterPanel = (s: AppState) => ({
  entityTypes: s.index.entityTypeCounts,
  relationTypes: s.index.relationTypeCounts,
  hiddenEntityTypes: s.hiddenEntityTypes,
  hiddenRelationTypes: s.hiddenRelationTypes,
});

function TypeGroup({
  legend,
  types,
  hidden,
  onToggle,
  swatch,
}: {
  legend: string;
  types: readonly TypeCount[];
  hidden: ReadonlySet<string>;
  onToggle: (key: string) => void;
  swatch: boolean;
}) {
  return (
    <fieldset className="type-group">
      <legend>{legend}</legend>
      {types.length === 0 && <p className="muted">None in this document.</p>}
      {types.map(({ type, count }) => (
        <label key={type.key} className="type-option">
          <input
            type="checkbox"
            checked={!hidden.has(type.key)}
            onChange={() => onToggle(type.key)}
          />
          {swatch && <TypeSwatch type={type} />}
          <span className="type-name">{type.label}</span>{' '}
          <span className="count">({count.toLocaleString()})</span>
        </label>
      ))}
    </fieldset>
  );
}

export function FilterPanel() {
  const { entityTypes, relationTypes, hiddenEntityTypes, hiddenRelationTypes } = useAppStore(
    useShallow(selectFilterPanel),
  );
  const { toggleEntityType, toggleRelationType, showAllTypes } = useAppStore.getState();
  const anyHidden = hiddenEntityTypes.size > 0 || hiddenRelationTypes.size > 0;
  return (
    <div className="filters">
      <TypeGroup
        legend="Actor types"
        types={entityTypes}
        hidden={hiddenEntityTypes}
        onToggle={toggleEntityType}
        swatch
      />
      <TypeGroup
        legend="Relation types"
        types={relationTypes}
        hidden={hiddenRelationTypes}
        onToggle={toggleRelationType}
        swatch={false}
      />
      {anyHidden && (
        <button type="button" className="link" onClick={showAllTypes}>
          Show all types
        </button>
      )}
    </div>
  );
}
