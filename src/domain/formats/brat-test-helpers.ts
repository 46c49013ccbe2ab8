/**
 * Test helpers for the brat adapter: a normal form of a document's annotations that ignores ids and
 * order, so "import → export → import gives the same annotations" can be checked with toEqual.
 * Used only by the tests beside it.
 */
import type { AriadneDocument, AttributeValue, Span } from '../model';
import { BRAT_TYPE_ATTRIBUTE } from './brat';

const spanKey = (spans: readonly Span[]) => spans.map((s) => `${s.start}-${s.end}`).join(',');

const sortedAttributes = (bag: Readonly<Record<string, AttributeValue>> | undefined) =>
  Object.entries(bag ?? {})
    .filter(([k]) => k !== BRAT_TYPE_ATTRIBUTE)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const byJson = <T>(xs: T[]): T[] =>
  xs
    .map((x) => [JSON.stringify(x), x] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, x]) => x);

export interface ShapeOptions {
  /**
   * Compare what follows from the annotations too: entity names, aliases, entity types, evidence.
   * Off for generated documents, whose names and evidence are arbitrary.
   */
  readonly derived: boolean;
}

/**
 * The annotations of `doc` without ids: mentions by span with their effective brat type, entities as
 * sets of mention spans, relations between such sets.
 */
export function annotationShape(doc: AriadneDocument, options: ShapeOptions = { derived: true }) {
  const entities = new Map(doc.entities.map((e) => [e.id, e]));
  const members = new Map<string, string[]>();
  for (const m of doc.mentions) {
    const list = members.get(m.entityId) ?? [];
    list.push(spanKey(m.spans));
    members.set(m.entityId, list);
  }
  const group = (entityId: string) => [...(members.get(entityId) ?? [])].sort().join(' | ');
  const typeOf = (m: AriadneDocument['mentions'][number]) => {
    const own = m.attributes?.[BRAT_TYPE_ATTRIBUTE];
    return typeof own === 'string' ? own : entities.get(m.entityId)?.type;
  };
  return {
    mentions: byJson(
      doc.mentions.map((m) => ({
        span: spanKey(m.spans),
        text: m.text,
        type: typeOf(m),
        attributes: sortedAttributes(m.attributes),
        notes: m.notes ?? [],
      })),
    ),
    entities: byJson(
      doc.entities.map((e) => ({
        group: group(e.id),
        kind: e.kind ?? 'actor',
        refs: byJson([...(e.refs ?? [])].map((r) => ({ ...r }))),
        attributes: sortedAttributes(e.attributes),
        notes: e.notes ?? [],
        ...(options.derived ? { name: e.name, type: e.type, aliases: [...e.aliases].sort() } : {}),
      })),
    ),
    relations: byJson(
      doc.relations.map((r) => ({
        type: r.type,
        source: group(r.source),
        target: group(r.target),
        certainty: r.certainty ?? null,
        note: r.note ?? null,
        attributes: sortedAttributes(r.attributes),
        ...(options.derived ? { evidence: r.evidence.map((q) => `${q.start}-${q.end}`) } : {}),
      })),
    ),
  };
}
