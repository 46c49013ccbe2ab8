/**
 * Type colours, selection emphasis and filters for the text, as one generated style sheet. Changing
 * the selection rewrites a few rules instead of re-rendering thousands of mention spans.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';

/** Quotes a value for an attribute selector; ids come from documents, so never trust them. */
export function attr(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
}

const EMPHASIS =
  'background:color-mix(in srgb,var(--c) 45%,transparent);box-shadow:0 0 0 2px var(--c)';

const selectEmphasis = (s: AppState) => ({
  index: s.index,
  entity: s.selectedEntityId,
  relation: s.selectedRelationId,
  hidden: s.hiddenEntityTypes,
});

export function TextEmphasis() {
  const { index, entity, relation, hidden } = useAppStore(useShallow(selectEmphasis));
  const rules: string[] = [];
  for (const t of index.entityTypes.values()) {
    rules.push(`.text .mention[data-type=${attr(t.key)}]{--c:${t.color}}`);
  }
  for (const key of hidden) {
    rules.push(`.text .mention[data-type=${attr(key)}]{--c:transparent;border-color:transparent}`);
  }
  if (entity) {
    // Others recede by losing their fill, not their text colour, so they stay readable.
    rules.push(
      '.text .mention{background:transparent;border-bottom-color:color-mix(in srgb,var(--c) 45%,transparent)}',
    );
    rules.push(`.text .mention[data-entities~=${attr(entity)}]{${EMPHASIS}}`);
  }
  const rel = relation ? index.relationById.get(relation) : undefined;
  if (rel) {
    for (const s of index.evidenceSentences.get(rel.id) ?? []) {
      rules.push(`.text [data-sentence="${s}"]{background:var(--evidence-bg)}`);
      for (const end of [rel.source, rel.target]) {
        rules.push(
          `.text [data-sentence="${s}"] .mention[data-entities~=${attr(end)}]{${EMPHASIS}}`,
        );
      }
    }
  }
  return <style>{rules.join('\n')}</style>;
}
