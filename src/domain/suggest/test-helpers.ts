/**
 * Helpers for the suggestion tests: documents from a text and a few marks. Used only by tests.
 */
import { importPlainText } from '../formats/plain-text';
import type { AriadneDocument, Entity, Mention, Span, TypeDef } from '../model';
import type { MentionSuggestion } from './types';

/** brat's news tutorial types (annotation.conf). */
export const BRAT_NEWS_TYPES: TypeDef[] = [
  { key: 'Person', label: 'Person' },
  { key: 'Organization', label: 'Organization' },
  { key: 'GPE', label: 'GPE' },
  { key: 'Money', label: 'Money' },
];

export function plain(text: string, entityTypes?: readonly TypeDef[]): AriadneDocument {
  const doc = importPlainText('test.txt', text);
  return entityTypes ? { ...doc, entityTypes } : doc;
}

/** The span of the `occurrence`-th (0-based) occurrence of `needle` in `text`. */
export function spanOf(text: string, needle: string, occurrence = 0): Span {
  let from = 0;
  for (let i = 0; ; i++) {
    const at = text.indexOf(needle, from);
    if (at < 0) throw new Error(`"${needle}" #${occurrence} not in text`);
    if (i === occurrence) return { start: at, end: at + needle.length };
    from = at + 1;
  }
}

export interface Mark {
  readonly entity: string;
  readonly name?: string;
  readonly type?: string;
  readonly aliases?: readonly string[];
  readonly kind?: Entity['kind'];
  /** Text of the mention and which occurrence of it (0-based). */
  readonly text: string;
  readonly occurrence?: number;
}

/** `doc` with the marked mentions, creating entities (id `entity`) on first use. */
export function annotate(doc: AriadneDocument, marks: readonly Mark[]): AriadneDocument {
  const entities = new Map<string, Entity>(doc.entities.map((e) => [e.id, e]));
  const mentions: Mention[] = [...doc.mentions];
  for (const [i, m] of marks.entries()) {
    if (!entities.has(m.entity)) {
      entities.set(m.entity, {
        id: m.entity,
        name: m.name ?? m.text,
        type: m.type ?? 'person',
        aliases: [...(m.aliases ?? [])],
        ...(m.kind ? { kind: m.kind } : {}),
      });
    }
    const span = spanOf(doc.text, m.text, m.occurrence ?? 0);
    mentions.push({ id: `m${i + 1}`, entityId: m.entity, spans: [span], text: m.text });
  }
  return { ...doc, entities: [...entities.values()], mentions };
}

/** Suggestions as `text@start` strings, for compact assertions. */
export function where(suggestions: readonly MentionSuggestion[]): string[] {
  return suggestions.map((s) => `${s.text}@${s.spans[0]?.start ?? -1}`);
}

export function byText(
  suggestions: readonly MentionSuggestion[],
  text: string,
): MentionSuggestion | undefined {
  return suggestions.find((s) => s.text === text);
}
