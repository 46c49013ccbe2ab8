/**
 * Actors and relations as CSV tables for spreadsheets and scripts.
 *
 * RFC 4180: fields separated by commas, records by CRLF (the last one too), a field quoted when it
 * holds a comma, a double quote, a CR or a LF, and quotes inside doubled. Lists inside a field
 * (aliases, references) are joined with "; ", evidence quotes with a line break.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some a tab or CR) as a formula,
 * which a text quoting "=HYPERLINK(…)" could abuse (CSV injection), so such a field gets a leading
 * apostrophe, which spreadsheets show as text and do not run. Counts are numbers we write and are
 * left as they are.
 *
 * The strings carry no byte order mark; `withByteOrderMark` adds one for a download that Excel should
 * open as UTF-8.
 */
import type { AriadneDocument, TypeDef } from '../model';

const CRLF = '\r\n';

/** Characters that make a spreadsheet read a cell as a formula when they start it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text field: defused if it could run as a formula, quoted if it must be. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRecord(fields: readonly (string | number)[]): string {
  return fields.map((f) => (typeof f === 'number' ? String(f) : csvField(f))).join(',');
}

function csvTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return [header, ...rows].map((r) => `${csvRecord(r)}${CRLF}`).join('');
}

/** Prefixes the UTF-8 byte order mark so that Excel reads the file as UTF-8. */
export function withByteOrderMark(csv: string): string {
  return `\uFEFF${csv}`;
}

const labelOf = (types: readonly TypeDef[], key: string) =>
  types.find((t) => t.key === key)?.label ?? key;

export const ENTITY_COLUMNS = [
  'id',
  'name',
  'type',
  'type_label',
  'aliases',
  'mentions',
  'description',
  'refs',
] as const;

export const RELATION_COLUMNS = [
  'id',
  'source_id',
  'source_name',
  'type',
  'type_label',
  'target_id',
  'target_name',
  'certainty',
  'evidence',
  'note',
] as const;

/**
 * One row per entity. `mentionCount` gives the number of mentions per entity id (from the index, say);
 * without it the document's mentions are counted.
 */
export function entitiesCsv(
  doc: AriadneDocument,
  mentionCount?: (entityId: string) => number,
): string {
  let count = mentionCount;
  if (!count) {
    const counts = new Map<string, number>();
    for (const m of doc.mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    count = (id) => counts.get(id) ?? 0;
  }
  const rows = doc.entities.map((e) => [
    e.id,
    e.name,
    e.type,
    labelOf(doc.entityTypes, e.type),
    e.aliases.join('; '),
    count(e.id),
    e.description ?? '',
    (e.refs ?? []).map((r) => `${r.source}:${r.id}`).join('; '),
  ]);
  return csvTable(ENTITY_COLUMNS, rows);
}

/** One row per relation, with both ends' names and the evidence quotes. */
export function relationsCsv(doc: AriadneDocument): string {
  const names = new Map(doc.entities.map((e) => [e.id, e.name]));
  const rows = doc.relations.map((r) => [
    r.id,
    r.source,
    names.get(r.source) ?? '',
    r.type,
    labelOf(doc.relationTypes, r.type),
    r.target,
    names.get(r.target) ?? '',
    r.certainty ?? '',
    r.evidence.map((q) => q.text).join('\n'),
    r.note ?? '',
  ]);
  return csvTable(RELATION_COLUMNS, rows);
}
