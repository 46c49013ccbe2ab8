/**
 * Edit operations on the document model. Every operation is pure: it takes a document and its
 * arguments and returns a new document, sharing every record it did not touch, and never mutates its
 * input. Invalid arguments (unknown ids or types, spans outside the text, reversed, empty or cutting
 * an astral character in half, empty names) throw an {@link EditError} with a message fit to show a
 * reader; nothing else is thrown for bad input.
 *
 * An operation that would change nothing (renaming to the same name, moving a mention to the entity
 * it already belongs to, an empty patch) returns its input document itself, so a caller can tell a
 * no-op by identity.
 *
 * New records get ids that are unique across entities, mentions and relations (validation checks
 * them as one set) and deterministic given the document: `m<N>` and `r<N>` one above the highest
 * number in use, `e-<slug of the name>` with `-2`, `-3`… when taken. Type keys are slugs of their
 * label, made unique the same way.
 *
 * Every operation keeps a valid document valid: `validateDocument(result)` is `[]` when
 * `validateDocument(doc)` was.
 */
import type {
  AriadneDocument,
  Certainty,
  Entity,
  ExternalRef,
  Mention,
  NodeShape,
  Quote,
  Relation,
  Span,
  TypeDef,
} from './model';
import { CERTAINTIES, NODE_SHAPES, quote, spansText } from './model';

/** Thrown by every edit operation when its arguments do not fit the document. */
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Collapses runs of white space (a span across a line break) and trims. */
function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/** How names and aliases are compared: white space collapsed, case ignored. */
function nameKey(name: string): string {
  return cleanName(name).toLowerCase();
}

/** Lower-case letters and digits of any script joined by single hyphens; accents dropped. */
export function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`… whichever is first not in `taken`. */
function withSuffix(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** The document's ids that start with `prefix`: all a new id made from it can collide with. */
function idsStartingWith(doc: AriadneDocument, prefix: string): Set<string> {
  const ids = new Set<string>();
  for (const list of [doc.entities, doc.mentions, doc.relations]) {
    for (const { id } of list) if (id.startsWith(prefix)) ids.add(id);
  }
  return ids;
}

/** `<prefix><N>` with N one above the highest such number in use, skipping any id taken. */
function nextNumberedId(prefix: string, doc: AriadneDocument): string {
  // A plain pass over the ids, not a set of them and a pattern: a long report has ~30,000, and
  // that cost ~12 ms of every mention or relation added.
  let max = 0;
  const lists = [doc.entities, doc.mentions, doc.relations];
  for (const list of lists) {
    for (const { id } of list) {
      if (id.length <= prefix.length || !id.startsWith(prefix)) continue;
      let n = 0;
      for (let i = prefix.length; i < id.length && n >= 0; i++) {
        const digit = id.charCodeAt(i) - 48;
        n = digit >= 0 && digit <= 9 ? n * 10 + digit : -1;
      }
      if (n > max) max = n;
    }
  }
  const taken = (id: string) => lists.some((list) => list.some((x) => x.id === id));
  let n = max + 1;
  while (taken(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function newEntityId(doc: AriadneDocument, name: string): string {
  const base = `e-${slugify(name) || 'entity'}`;
  return withSuffix(base, idsStartingWith(doc, base));
}

function requireEntity(doc: AriadneDocument, id: string, role = 'entity'): Entity {
  const e = doc.entities.find((x) => x.id === id);
  if (!e) throw new EditError(`Unknown ${role} "${id}"`);
  return e;
}

function requireMention(doc: AriadneDocument, id: string): Mention {
  const m = doc.mentions.find((x) => x.id === id);
  if (!m) throw new EditError(`Unknown mention "${id}"`);
  return m;
}

function requireRelation(doc: AriadneDocument, id: string): Relation {
  const r = doc.relations.find((x) => x.id === id);
  if (!r) throw new EditError(`Unknown relation "${id}"`);
  return r;
}

function requireEntityType(doc: AriadneDocument, key: string): void {
  if (!doc.entityTypes.some((t) => t.key === key))
    throw new EditError(`Unknown entity type "${key}"`);
}

function requireRelationType(doc: AriadneDocument, key: string): TypeDef {
  const t = doc.relationTypes.find((x) => x.key === key);
  if (!t) throw new EditError(`Unknown relation type "${key}"`);
  return t;
}

function requireName(name: string, what = 'Entity name'): string {
  const clean = cleanName(name);
  if (!clean) throw new EditError(`${what} is empty`);
  return clean;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when `offset` falls between the two halves of an astral character. */
function splitsPair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHighSurrogate(text.charCodeAt(offset - 1)) &&
    isLowSurrogate(text.charCodeAt(offset))
  );
}

function describeSpan(s: Span): string {
  return `${s.start}–${s.end}`;
}

/**
 * Checks spans against the text: at least one, integers, inside the text, not reversed or empty,
 * not cutting an astral character, in text order without overlap. Returns copies holding only
 * `start` and `end`.
 */
function checkSpans(text: string, spans: readonly Span[], what: string): Span[] {
  if (spans.length === 0) throw new EditError(`${what} needs at least one span`);
  const out: Span[] = [];
  let last: Span | undefined;
  for (const s of spans) {
    const at = describeSpan(s);
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end))
      throw new EditError(`Span ${at} has an offset that is not a whole number`);
    if (s.start < 0) throw new EditError(`Span ${at} starts before the text`);
    if (s.start > s.end) throw new EditError(`Span ${at} is reversed`);
    if (s.start === s.end) throw new EditError(`Span ${at} is empty`);
    if (s.end > text.length)
      throw new EditError(`Span ${at} ends past the text (length ${text.length})`);
    for (const offset of [s.start, s.end]) {
      if (splitsPair(text, offset))
        throw new EditError(`Span ${at} cuts a character in half at offset ${offset}`);
    }
    if (last && s.start < last.end)
      throw new EditError(`Span ${at} overlaps or comes before span ${describeSpan(last)}`);
    out.push({ start: s.start, end: s.end });
    last = s;
  }
  return out;
}

/** Evidence spans checked, sorted, exact repeats dropped, and quoted from the text. */
function buildEvidence(text: string, spans: readonly Span[]): Quote[] {
  if (spans.length === 0) throw new EditError('A relation needs at least one evidence span');
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const unique = sorted.filter(
    (s, i) => i === 0 || s.start !== sorted[i - 1]?.start || s.end !== sorted[i - 1]?.end,
  );
  // Evidence sentences may overlap one another, so check each span on its own.
  for (const s of unique) checkSpans(text, [s], 'Evidence');
  return unique.map((s) => quote(text, s));
}

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  return a.length === b.length && a.every((s, i) => s.start === b[i]?.start && s.end === b[i]?.end);
}

function checkCertainty(certainty: Certainty | undefined): void {
  if (certainty !== undefined && !CERTAINTIES.includes(certainty))
    throw new EditError(`Unknown certainty "${String(certainty)}" (use ${CERTAINTIES.join(', ')})`);
}

/** JSON with object keys sorted, so equal content gives an equal string. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * What makes two relations the same statement: everything but the id. For a symmetric type the
 * ends are an unordered pair.
 */
function relationKey(doc: AriadneDocument, r: Relation): string {
  const symmetric = doc.relationTypes.find((t) => t.key === r.type)?.symmetric === true;
  const ends = symmetric && r.target < r.source ? [r.target, r.source] : [r.source, r.target];
  return canonical({
    type: r.type,
    ends,
    evidence: r.evidence.map((q) => [q.start, q.end]),
    certainty: r.certainty ?? null,
    note: r.note ?? null,
    attributes: r.attributes ?? null,
  });
}

/** A relation's type and its two ends in either order, as one unambiguous string. */
function pairOf(r: Relation): string {
  const [a, b] = r.source < r.target ? [r.source, r.target] : [r.target, r.source];
  return `${r.type.length}:${r.type}${a.length}:${a}${b}`;
}

function dedupeNames(names: readonly string[], exclude: string): string[] {
  const seen = new Set([nameKey(exclude)]);
  const out: string[] = [];
  for (const n of names) {
    const clean = cleanName(n);
    const key = nameKey(clean);
    if (!clean || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out;
}

function unionBy<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const x of b) {
    const k = key(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}

function replaceEntity(doc: AriadneDocument, next: Entity): AriadneDocument {
  return { ...doc, entities: doc.entities.map((e) => (e.id === next.id ? next : e)) };
}

// ---------------------------------------------------------------------------------------------
// Mentions

export interface AddMentionArgs {
  /** One span, or several for a discontinuous mention, in text order. */
  readonly spans: readonly Span[];
  readonly entityId: string;
}

/** Adds a mention of an existing entity; its text is the spans' text joined by a space. */
export function addMention(doc: AriadneDocument, args: AddMentionArgs): AriadneDocument {
  const entity = requireEntity(doc, args.entityId);
  const spans = checkSpans(doc.text, args.spans, 'A mention');
  const twin = doc.mentions.find((m) => m.entityId === entity.id && sameSpans(m.spans, spans));
  if (twin)
    throw new EditError(
      `${entity.name} already has a mention at ${spans.map(describeSpan).join(', ')} (${twin.id})`,
    );
  const mention: Mention = {
    id: nextNumberedId('m', doc),
    entityId: entity.id,
    spans,
    text: spansText(doc.text, spans),
  };
  return { ...doc, mentions: [...doc.mentions, mention] };
}

export interface AddMentionWithNewEntityArgs {
  readonly spans: readonly Span[];
  /** Defaults to the spans' text, white space collapsed. */
  readonly name?: string;
  /** Key of a declared entity type. */
  readonly type: string;
}

/** Creates an entity (named after the text unless a name is given) with this one mention. */
export function addMentionWithNewEntity(
  doc: AriadneDocument,
  args: AddMentionWithNewEntityArgs,
): AriadneDocument {
  const spans = checkSpans(doc.text, args.spans, 'A mention');
  requireEntityType(doc, args.type);
  const name = requireName(args.name ?? spansText(doc.text, spans));
  const entity: Entity = { id: newEntityId(doc, name), name, type: args.type, aliases: [] };
  const withEntity = { ...doc, entities: [...doc.entities, entity] };
  return addMention(withEntity, { spans, entityId: entity.id });
}

/** Moves a mention to another entity. */
export function changeMentionEntity(
  doc: AriadneDocument,
  mentionId: string,
  entityId: string,
): AriadneDocument {
  const mention = requireMention(doc, mentionId);
  const entity = requireEntity(doc, entityId);
  if (mention.entityId === entityId) return doc;
  const twin = doc.mentions.find(
    (m) => m.entityId === entityId && sameSpans(m.spans, mention.spans),
  );
  if (twin)
    throw new EditError(`${entity.name} already has a mention at the same place (${twin.id})`);
  return {
    ...doc,
    mentions: doc.mentions.map((m) => (m.id === mentionId ? { ...m, entityId } : m)),
  };
}

/**
 * Removes one mention. An entity left with no mentions stays in the document, with its relations:
 * it may still be worth keeping (a relation the text implies), and deleting it is a separate edit.
 */
export function deleteMention(doc: AriadneDocument, mentionId: string): AriadneDocument {
  requireMention(doc, mentionId);
  return { ...doc, mentions: doc.mentions.filter((m) => m.id !== mentionId) };
}

// ---------------------------------------------------------------------------------------------
// Entities

/**
 * Renames an entity. The old name becomes an alias unless it already is one or equals the new name
 * (both compared ignoring case and extra white space); the new name is taken out of the aliases if
 * it was one.
 */
export function renameEntity(
  doc: AriadneDocument,
  entityId: string,
  name: string,
): AriadneDocument {
  const entity = requireEntity(doc, entityId);
  const clean = requireName(name);
  if (clean === entity.name) return doc;
  const aliases = dedupeNames([...entity.aliases, entity.name], clean);
  return replaceEntity(doc, { ...entity, name: clean, aliases });
}

export function changeEntityType(
  doc: AriadneDocument,
  entityId: string,
  type: string,
): AriadneDocument {
  const entity = requireEntity(doc, entityId);
  requireEntityType(doc, type);
  if (entity.type === type) return doc;
  return replaceEntity(doc, { ...entity, type });
}

/** Removes an entity with all its mentions and every relation from or to it. */
export function deleteEntity(doc: AriadneDocument, entityId: string): AriadneDocument {
  requireEntity(doc, entityId);
  return {
    ...doc,
    entities: doc.entities.filter((e) => e.id !== entityId),
    mentions: doc.mentions.filter((m) => m.entityId !== entityId),
    relations: doc.relations.filter((r) => r.source !== entityId && r.target !== entityId),
  };
}

/**
 * Merges `mergeId` into `keepId`, which keeps its id, name, type, description and place in the list.
 *
 * - Mentions of `mergeId` move to `keepId`; one at exactly the same spans as a mention `keepId`
 *   already has is dropped, its notes added to the kept mention's.
 * - Relations from or to `mergeId` now run from or to `keepId`. A relation between the two becomes a
 *   self-loop and is kept: the text said it, and dropping it would lose its evidence; the reader can
 *   delete it. Only exact duplicates (same type, ends, evidence, certainty, note and attributes; ends
 *   unordered for a symmetric type) are dropped, keeping the first in document order.
 * - `mergeId`'s name and aliases become aliases of `keepId` (deduplicated ignoring case, never equal
 *   to `keepId`'s name); refs and notes are merged without repeats; `keepId`'s attributes win over
 *   `mergeId`'s; `mergeId`'s description is used only when `keepId` has none.
 */
export function mergeEntities(
  doc: AriadneDocument,
  keepId: string,
  mergeId: string,
): AriadneDocument {
  const keep = requireEntity(doc, keepId, 'entity to keep');
  const merge = requireEntity(doc, mergeId, 'entity to merge');
  if (keepId === mergeId) throw new EditError(`Cannot merge ${keep.name} into itself`);

  const refs = unionBy(keep.refs ?? [], merge.refs ?? [], (r: ExternalRef) =>
    canonical([r.source, r.id]),
  );
  const notes = unionBy(keep.notes ?? [], merge.notes ?? [], (n) => n);
  const attributes =
    keep.attributes || merge.attributes ? { ...merge.attributes, ...keep.attributes } : undefined;
  const description = keep.description ?? merge.description;
  const merged: Entity = {
    ...keep,
    aliases: dedupeNames([...keep.aliases, merge.name, ...merge.aliases], keep.name),
    ...(description !== undefined ? { description } : {}),
    ...(refs.length ? { refs } : {}),
    ...(notes.length ? { notes } : {}),
    ...(attributes ? { attributes } : {}),
  };

  // Mentions move, except one at exactly the spans of a mention keepId has: its notes go there.
  const spansKey = (m: Mention) => canonical(m.spans.map((s) => [s.start, s.end]));
  const keptAt = new Map<string, string>();
  for (const m of doc.mentions) {
    if (m.entityId === keepId && !keptAt.has(spansKey(m))) keptAt.set(spansKey(m), m.id);
  }
  const extraNotes = new Map<string, string[]>();
  const dropped = new Set<string>();
  for (const m of doc.mentions) {
    const twin = m.entityId === mergeId ? keptAt.get(spansKey(m)) : undefined;
    if (twin === undefined) continue;
    dropped.add(m.id);
    extraNotes.set(twin, [...(extraNotes.get(twin) ?? []), ...(m.notes ?? [])]);
  }
  const mentions: Mention[] = [];
  for (const m of doc.mentions) {
    if (dropped.has(m.id)) continue;
    if (m.entityId === mergeId) {
      mentions.push({ ...m, entityId: keepId });
      continue;
    }
    const extra = extraNotes.get(m.id);
    const notes = extra?.length ? unionBy(m.notes ?? [], extra, (n) => n) : undefined;
    mentions.push(notes && notes.length !== (m.notes?.length ?? 0) ? { ...m, notes } : m);
  }

  const moved = doc.relations.map((r) =>
    r.source === mergeId || r.target === mergeId
      ? {
          ...r,
          source: r.source === mergeId ? keepId : r.source,
          target: r.target === mergeId ? keepId : r.target,
        }
      : r,
  );
  // Only relations of the same type between the same two actors can be the same statement: only
  // those are keyed in full (all 7,500 of a long report took ~40 ms).
  const pairKeys = moved.map(pairOf);
  const pairs = new Map<string, number>();
  for (const key of pairKeys) pairs.set(key, (pairs.get(key) ?? 0) + 1);
  const seen = new Set<string>();
  const relations: Relation[] = [];
  for (const [i, r] of moved.entries()) {
    if ((pairs.get(pairKeys[i] ?? '') ?? 0) > 1) {
      const key = relationKey(doc, r);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    relations.push(r);
  }

  return {
    ...doc,
    entities: doc.entities
      .filter((e) => e.id !== mergeId)
      .map((e) => (e.id === keepId ? merged : e)),
    mentions,
    relations,
  };
}

/**
 * Splits an alias off an entity into an entity of its own, named as the alias is spelled, of the
 * same type unless `type` is given. Every mention of the entity whose text equals the alias
 * (ignoring case and extra white space) moves to the new entity; the alias leaves the old entity.
 * Relations stay with the old entity: which of them belong to the new one is for the reader to say.
 * The new entity is created even when no mention matches.
 */
export function splitAlias(
  doc: AriadneDocument,
  entityId: string,
  alias: string,
  type?: string,
): AriadneDocument {
  const entity = requireEntity(doc, entityId);
  const key = nameKey(alias);
  const spelled = entity.aliases.find((a) => nameKey(a) === key);
  if (spelled === undefined)
    throw new EditError(`"${cleanName(alias)}" is not an alias of ${entity.name} (${entity.id})`);
  const newType = type ?? entity.type;
  requireEntityType(doc, newType);
  const name = requireName(spelled, 'Alias');
  const created: Entity = { id: newEntityId(doc, name), name, type: newType, aliases: [] };
  const old: Entity = { ...entity, aliases: entity.aliases.filter((a) => nameKey(a) !== key) };
  return {
    ...doc,
    entities: [...doc.entities.map((e) => (e.id === entityId ? old : e)), created],
    mentions: doc.mentions.map((m) =>
      m.entityId === entityId && nameKey(m.text) === key ? { ...m, entityId: created.id } : m,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Relations

export interface AddRelationArgs {
  /** Key of a declared relation type. */
  readonly type: string;
  readonly source: string;
  readonly target: string;
  /** The sentence or sentences that state it; quoted from the text, sorted, repeats dropped. */
  readonly evidence: readonly Span[];
  readonly certainty?: Certainty;
  /** Trimmed; an empty note is left out. */
  readonly note?: string;
}

function checkDuplicate(doc: AriadneDocument, r: Relation): void {
  const key = relationKey(doc, r);
  // A twin has the same type and ends (in either order, when symmetric): only those are keyed.
  // Keying all 7,500 relations of a long report took ~17 ms of every relation edit.
  const twin = doc.relations.find(
    (x) =>
      x.id !== r.id &&
      x.type === r.type &&
      ((x.source === r.source && x.target === r.target) ||
        (x.source === r.target && x.target === r.source)) &&
      relationKey(doc, x) === key,
  );
  if (twin) throw new EditError(`The same relation already exists (${twin.id})`);
}

/**
 * Adds a relation. A relation from an entity to itself is allowed (the text may say "Russia
 * protects itself"); an exact duplicate of an existing relation is not.
 */
export function addRelation(doc: AriadneDocument, args: AddRelationArgs): AriadneDocument {
  requireRelationType(doc, args.type);
  requireEntity(doc, args.source, 'source entity');
  requireEntity(doc, args.target, 'target entity');
  checkCertainty(args.certainty);
  const evidence = buildEvidence(doc.text, args.evidence);
  const note = args.note?.trim();
  const relation: Relation = {
    id: nextNumberedId('r', doc),
    type: args.type,
    source: args.source,
    target: args.target,
    evidence,
    ...(args.certainty ? { certainty: args.certainty } : {}),
    ...(note ? { note } : {}),
  };
  checkDuplicate(doc, relation);
  return { ...doc, relations: [...doc.relations, relation] };
}

export interface RelationPatch {
  readonly type?: string;
  readonly source?: string;
  readonly target?: string;
  /** `null` removes the certainty. */
  readonly certainty?: Certainty | null;
  /** `null` or an empty string removes the note. */
  readonly note?: string | null;
  /** Replaces the evidence; quoted from the text like {@link addRelation}'s. */
  readonly evidence?: readonly Span[];
}

/** Changes the given fields of a relation; fields absent from the patch stay as they are. */
export function editRelation(
  doc: AriadneDocument,
  relationId: string,
  patch: RelationPatch,
): AriadneDocument {
  const old = requireRelation(doc, relationId);
  if (patch.type !== undefined) requireRelationType(doc, patch.type);
  if (patch.source !== undefined) requireEntity(doc, patch.source, 'source entity');
  if (patch.target !== undefined) requireEntity(doc, patch.target, 'target entity');
  if (patch.certainty !== null) checkCertainty(patch.certainty);
  const evidence =
    patch.evidence !== undefined ? buildEvidence(doc.text, patch.evidence) : old.evidence;

  const { certainty: oldCertainty, note: oldNote, ...rest } = old;
  const certainty = patch.certainty === undefined ? oldCertainty : (patch.certainty ?? undefined);
  const note = patch.note === undefined ? oldNote : patch.note?.trim() || undefined;
  const next: Relation = {
    ...rest,
    type: patch.type ?? old.type,
    source: patch.source ?? old.source,
    target: patch.target ?? old.target,
    evidence,
    ...(certainty ? { certainty } : {}),
    ...(note ? { note } : {}),
  };
  if (canonical(next) === canonical(old)) return doc;
  checkDuplicate(doc, next);
  return { ...doc, relations: doc.relations.map((r) => (r.id === relationId ? next : r)) };
}

export function deleteRelation(doc: AriadneDocument, relationId: string): AriadneDocument {
  requireRelation(doc, relationId);
  return { ...doc, relations: doc.relations.filter((r) => r.id !== relationId) };
}

// ---------------------------------------------------------------------------------------------
// Types

function typeKey(list: readonly TypeDef[], key: string | undefined, label: string): string {
  const keys = new Set(list.map((t) => t.key));
  if (key === undefined) return withSuffix(slugify(label) || 'type', keys);
  const clean = key.trim();
  if (!clean) throw new EditError('Type key is empty');
  if (keys.has(clean)) throw new EditError(`Type key "${clean}" is already declared`);
  return clean;
}

export interface AddEntityTypeArgs {
  /** Defaults to a slug of the label, made unique. */
  readonly key?: string;
  readonly label: string;
  /** A CSS colour; when absent the palette picks one. */
  readonly color?: string;
  readonly shape?: NodeShape;
}

export function addEntityType(doc: AriadneDocument, args: AddEntityTypeArgs): AriadneDocument {
  const label = requireName(args.label, 'Type label');
  const key = typeKey(doc.entityTypes, args.key, label);
  const color = args.color?.trim();
  if (args.color !== undefined && !color) throw new EditError('Type colour is empty');
  if (args.shape !== undefined && !NODE_SHAPES.includes(args.shape))
    throw new EditError(`Unknown node shape "${String(args.shape)}"`);
  const def: TypeDef = {
    key,
    label,
    ...(color ? { color } : {}),
    ...(args.shape ? { shape: args.shape } : {}),
  };
  return { ...doc, entityTypes: [...doc.entityTypes, def] };
}

export interface AddRelationTypeArgs {
  /** Defaults to a slug of the label, made unique. */
  readonly key?: string;
  readonly label: string;
  /** True when direction carries no meaning ("allied with"). */
  readonly symmetric?: boolean;
}

export function addRelationType(doc: AriadneDocument, args: AddRelationTypeArgs): AriadneDocument {
  const label = requireName(args.label, 'Type label');
  const key = typeKey(doc.relationTypes, args.key, label);
  const def: TypeDef = { key, label, ...(args.symmetric ? { symmetric: true } : {}) };
  return { ...doc, relationTypes: [...doc.relationTypes, def] };
}
