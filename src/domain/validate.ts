/**
 * Checks that need the text: every span inside it and in order, every quote equal to the text it
 * points at, every reference resolvable, every id unique. Returns problems instead of throwing so an
 * importer can report all of them and keep what is good.
 */
import type { AriadneDocument, Span } from './model';
import { spansText } from './model';

export interface Problem {
  /** Id of the record at fault, or a JSON path when there is no id. */
  readonly where: string;
  readonly message: string;
}

function spanProblem(text: string, span: Span): string | undefined {
  if (span.start > span.end) return `span ${span.start}–${span.end} is reversed`;
  if (span.end > text.length)
    return `span ${span.start}–${span.end} ends past the text (length ${text.length})`;
  return undefined;
}

export function validateDocument(doc: AriadneDocument): Problem[] {
  const problems: Problem[] = [];
  const add = (where: string, message: string) => problems.push({ where, message });
  const seen = new Set<string>();
  const unique = (kind: string, ids: readonly string[]) => {
    for (const id of ids) {
      if (seen.has(id)) add(id, `duplicate ${kind} id "${id}"`);
      seen.add(id);
    }
  };
  unique(
    'entity',
    doc.entities.map((e) => e.id),
  );
  unique(
    'mention',
    doc.mentions.map((m) => m.id),
  );
  unique(
    'relation',
    doc.relations.map((r) => r.id),
  );

  const entityTypes = new Set(doc.entityTypes.map((t) => t.key));
  const relationTypes = new Set(doc.relationTypes.map((t) => t.key));
  const entities = new Set(doc.entities.map((e) => e.id));

  for (const e of doc.entities) {
    if (!entityTypes.has(e.type)) add(e.id, `entity type "${e.type}" is not declared`);
  }
  for (const m of doc.mentions) {
    if (!entities.has(m.entityId)) add(m.id, `mention refers to missing entity "${m.entityId}"`);
    let bad = false;
    let last = -1;
    for (const s of m.spans) {
      const p = spanProblem(doc.text, s);
      if (p) {
        add(m.id, p);
        bad = true;
      } else if (s.start < last) {
        add(m.id, 'spans are not in text order');
        bad = true;
      }
      last = s.end;
    }
    if (!bad && spansText(doc.text, m.spans) !== m.text) {
      add(m.id, `text "${m.text}" does not match its span "${spansText(doc.text, m.spans)}"`);
    }
  }
  for (const r of doc.relations) {
    if (!relationTypes.has(r.type)) add(r.id, `relation type "${r.type}" is not declared`);
    if (!entities.has(r.source)) add(r.id, `relation source "${r.source}" does not exist`);
    if (!entities.has(r.target)) add(r.id, `relation target "${r.target}" does not exist`);
    for (const q of r.evidence) {
      const p = spanProblem(doc.text, q);
      if (p) add(r.id, `evidence ${p}`);
      else if (doc.text.slice(q.start, q.end) !== q.text)
        add(r.id, `evidence quote does not match the text at ${q.start}–${q.end}`);
    }
  }
  for (const [i, b] of (doc.blocks ?? []).entries()) {
    const p = spanProblem(doc.text, b);
    if (p) add(`blocks[${i}]`, p);
  }
  return problems;
}
