/**
 * Checks that need the text: every span inside it and in order, every quote equal to the text it
 * points at, every reference resolvable, every id unique. Returns problems instead of throwing so an
 * importer can report all of them and keep what is good.
 */
import { changes } from './changes';
import type { Changes } from './changes';
import type { DocumentIndex } from './indexes';
import type { AriadneDocument, Entity, Mention, Relation, Span } from './model';
import { spansText } from './model';
import { finish } from './steps';

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

// Documents `validateDocument` found nothing wrong with: an edit of one needs only its changes checked.
const valid = new WeakSet<AriadneDocument>();

export function validateDocument(doc: AriadneDocument): Problem[] {
  return finish(validatingDocument(doc));
}

/** Records (ids, actors, mentions, relations, blocks) checked between two pauses of `validatingDocument`. */
const RECORDS_PER_CHECK_STEP = 5000;

/**
 * `validateDocument` in steps: it pauses after every `perStep` records, so that a caller can run
 * it in tasks of its own (a start checked the stored 300,000-word book, 87,000 records and their
 * ids, in one task of ~150–240 ms).
 */
export function* validatingDocument(
  doc: AriadneDocument,
  perStep = RECORDS_PER_CHECK_STEP,
): Generator<void, Problem[], void> {
  const problems = yield* checking(doc, perStep);
  if (problems.length === 0) valid.add(doc);
  return problems;
}

/**
 * `validateDocument(after)` for an edit of the indexed document, checking only the records the edit
 * removed and added when the document before it was valid and its text, blocks and types are the
 * same: every other record was valid against them and still is. At 100,000 words this takes a
 * whole check (12–30 ms in the page) off every edit. When anything is wrong, the whole check runs,
 * so the problems are the same ones, in the same order.
 */
export function validateEdit(before: DocumentIndex, after: AriadneDocument): Problem[] {
  // Checked already: a caller may check a large edit's result in a task of its own first.
  if (valid.has(after)) return [];
  const doc = before.doc;
  const same =
    valid.has(doc) &&
    doc.text === after.text &&
    doc.blocks === after.blocks &&
    doc.entityTypes === after.entityTypes &&
    doc.relationTypes === after.relationTypes;
  const entities = same ? changes(doc.entities, after.entities) : null;
  const mentions = same ? changes(doc.mentions, after.mentions) : null;
  const relations = same ? changes(doc.relations, after.relations) : null;
  if (!entities || !mentions || !relations) return validateDocument(after);
  if (!changesAreValid(before, after, entities, mentions, relations))
    return validateDocument(after);
  valid.add(after);
  return [];
}

function changesAreValid(
  before: DocumentIndex,
  after: AriadneDocument,
  entities: Changes<Entity>,
  mentions: Changes<Mention>,
  relations: Changes<Relation>,
): boolean {
  // Ids: each added one must occur once in the edited document. Before, each id occurred at most
  // once; the edit took away the removed records' ids and brought the added ones'.
  const count = new Map<string, number>();
  const add = (id: string, n: number) => count.set(id, (count.get(id) ?? 0) + n);
  for (const list of [entities.removed, mentions.removed, relations.removed])
    for (const r of list) add(r.id, -1);
  for (const list of [entities.added, mentions.added, relations.added])
    for (const r of list) add(r.id, 1);
  const had = (id: string) =>
    before.entityById.has(id) || before.mentionById.has(id) || before.relationById.has(id);
  for (const [id, n] of count) if (n > 0 && (had(id) ? 1 : 0) + n > 1) return false;

  const removedEntities = new Set(entities.removed.map((e) => e.id));
  const addedEntities = new Set(entities.added.map((e) => e.id));
  const exists = (id: string) =>
    addedEntities.has(id) || (before.entityById.has(id) && !removedEntities.has(id));
  const entityTypes = new Set(after.entityTypes.map((t) => t.key));
  const relationTypes = new Set(after.relationTypes.map((t) => t.key));
  if (entities.added.some((e) => !entityTypes.has(e.type))) return false;

  // An actor gone: none of its mentions or relations may be left.
  const goneMentions = new Set(mentions.removed);
  const goneRelations = new Set(relations.removed);
  for (const id of removedEntities) {
    if (exists(id)) continue;
    if (before.mentionsByEntity.get(id)?.some((m) => !goneMentions.has(m))) return false;
    if (before.relationsByEntity.get(id)?.some((r) => !goneRelations.has(r))) return false;
  }
  const text = after.text;
  for (const m of mentions.added) {
    if (!exists(m.entityId) || !mentionIsValid(text, m)) return false;
  }
  for (const r of relations.added) {
    if (!relationTypes.has(r.type) || !exists(r.source) || !exists(r.target)) return false;
    for (const q of r.evidence) {
      if (spanProblem(text, q) || text.slice(q.start, q.end) !== q.text) return false;
    }
  }
  return true;
}

function mentionIsValid(text: string, m: Mention): boolean {
  let last = -1;
  for (const s of m.spans) {
    if (spanProblem(text, s) || s.start < last) return false;
    last = s.end;
  }
  return spansText(text, m.spans) === m.text;
}

function* checking(doc: AriadneDocument, perStep: number): Generator<void, Problem[], void> {
  const problems: Problem[] = [];
  const add = (where: string, message: string) => problems.push({ where, message });
  let checked = 0;
  const due = () => ++checked % perStep === 0;
  const seen = new Set<string>();
  function* unique(kind: string, records: readonly { id: string }[]): Generator<void, void, void> {
    for (const { id } of records) {
      if (seen.has(id)) add(id, `duplicate ${kind} id "${id}"`);
      seen.add(id);
      if (due()) yield;
    }
  }
  yield* unique('entity', doc.entities);
  yield* unique('mention', doc.mentions);
  yield* unique('relation', doc.relations);

  const entityTypes = new Set(doc.entityTypes.map((t) => t.key));
  const relationTypes = new Set(doc.relationTypes.map((t) => t.key));
  const entities = new Set(doc.entities.map((e) => e.id));

  for (const e of doc.entities) {
    if (!entityTypes.has(e.type)) add(e.id, `entity type "${e.type}" is not declared`);
    if (due()) yield;
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
    if (due()) yield;
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
    if (due()) yield;
  }
  for (const [i, b] of (doc.blocks ?? []).entries()) {
    const p = spanProblem(doc.text, b);
    if (p) add(`blocks[${i}]`, p);
    if (due()) yield;
  }
  return problems;
}
