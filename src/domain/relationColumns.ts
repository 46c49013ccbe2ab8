/**
 * A document's relations as a few columns (ids, types, ends, certainties, and every quote's offsets
 * in one `Int32Array`) rather than two objects per relation, for storage, as the mentions are
 * (mentionColumns.ts). A quote's text is the document's text at its offsets, so only a quote that
 * says otherwise keeps its own. At 100,000 words (7,500 relations) Chromium's put of the objects
 * took 22–24 ms of the page after every edit of the relations and its read 14–16 ms; the columns
 * take ~5 ms each (with every quote's text, 0.7 MB again, the put took 14 ms).
 */
import { isColumnRecord } from './columns';
import type { Certainty, Relation } from './model';

export interface RelationColumns {
  /** Tells the columns from a list of relations stored before them. */
  readonly columns: 1;
  readonly ids: readonly string[];
  readonly types: readonly string[];
  readonly sources: readonly string[];
  readonly targets: readonly string[];
  /** Null where a relation has no certainty (it reads as stated). */
  readonly certainties: readonly (Certainty | null)[];
  /** Per relation: its number of quotes, then each quote's start and end. */
  readonly quotes: Int32Array<ArrayBuffer>;
  /** The quotes whose text is not the document's at their offsets: [quote's position, text]. */
  readonly quoteTexts: readonly (readonly [number, string])[];
  /** The few relations with a note or attributes: [position, what they have]. */
  readonly extras: readonly (readonly [number, RelationExtras])[];
}

type RelationExtras = Pick<Relation, 'note' | 'attributes'>;

/** The columns that are plain lists. */
const LISTS = [
  'ids',
  'types',
  'sources',
  'targets',
  'certainties',
  'quoteTexts',
  'extras',
] as const satisfies readonly (keyof RelationColumns)[];

/** `relations` as columns; `text` is the text of their document. */
export function packRelations(relations: readonly Relation[], text: string): RelationColumns {
  let length = 0;
  for (const r of relations) length += 1 + 2 * r.evidence.length;
  const quotes = new Int32Array(length);
  const quoteTexts: [number, string][] = [];
  const extras: [number, RelationExtras][] = [];
  let k = 0;
  let position = 0;
  relations.forEach((r, i) => {
    quotes[k++] = r.evidence.length;
    for (const q of r.evidence) {
      quotes[k++] = q.start;
      quotes[k++] = q.end;
      if (q.text !== text.slice(q.start, q.end)) quoteTexts.push([position, q.text]);
      position++;
    }
    if ('note' in r || 'attributes' in r) {
      const { note, attributes } = r;
      // Only the keys the relation has: unpacked, it is the same object again.
      extras.push([i, { ...('note' in r && { note }), ...('attributes' in r && { attributes }) }]);
    }
  });
  return {
    columns: 1,
    ids: relations.map((r) => r.id),
    types: relations.map((r) => r.type),
    sources: relations.map((r) => r.source),
    targets: relations.map((r) => r.target),
    certainties: relations.map((r) => r.certainty ?? null),
    quotes,
    quoteTexts,
    extras,
  };
}

/**
 * The relations `packRelations` packed, given the same text; anything else (a list stored before
 * columns, or a record that does not read) comes back as it is, for the document's schema to
 * accept or reject.
 */
export function unpackRelations(value: unknown, text: unknown): unknown {
  if (typeof text !== 'string' || !isColumnRecord<RelationColumns>(value, LISTS, 'quotes')) {
    return value;
  }
  const { ids, types, sources, targets, certainties, quotes, quoteTexts, extras } = value;
  const n = ids.length;
  if ([types, sources, targets, certainties].some((column) => column.length !== n)) return value;
  const ownText = new Map(quoteTexts);
  const extraAt = new Map(extras);
  const out: Relation[] = [];
  let k = 0;
  let position = 0;
  for (let i = 0; i < n; i++) {
    const count = quotes[k++] ?? 0;
    if (k + 2 * count > quotes.length) return value;
    const evidence = [];
    for (let j = 0; j < count; j++) {
      const start = quotes[k++] ?? 0;
      const end = quotes[k++] ?? 0;
      evidence.push({ start, end, text: ownText.get(position++) ?? text.slice(start, end) });
    }
    const certainty = certainties[i];
    out.push({
      id: ids[i] as string,
      type: types[i] as string,
      source: sources[i] as string,
      target: targets[i] as string,
      evidence,
      ...(certainty != null && { certainty }),
      ...extraAt.get(i),
    });
  }
  return k === quotes.length ? out : value;
}
