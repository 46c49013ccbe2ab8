/**
 * Lookups built once when a document is loaded, so that no view ever scans the whole document on a
 * click or a render: entity → mentions, sentence → mention pieces, entity → relations, offset →
 * sentence, and the types present with their counts. Everything here is linear (or n log n) in the
 * size of the document.
 */
import { deriveBlocks } from './blocks';
import { changes } from './changes';
import type { Changes } from './changes';
import type { AriadneDocument, Block, Entity, Mention, Relation, Span } from './model';
import { resolveType } from './palette';
import type { ResolvedType } from './palette';
import { splitSentences } from './sentences';
import type { Sentence } from './sentences';
import { finish } from './steps';

export interface IndexedBlock extends Block {
  readonly index: number;
  /** Sentences whose start lies in this block: `[firstSentence, endSentence)`. */
  readonly firstSentence: number;
  readonly endSentence: number;
}

/** The part of one mention span that falls inside one sentence. */
export interface MentionPiece extends Span {
  readonly mentionId: string;
  readonly entityId: string;
}

export interface TypeCount {
  readonly type: ResolvedType;
  readonly count: number;
}

export interface DocumentIndex {
  readonly doc: AriadneDocument;
  readonly sentences: readonly Sentence[];
  readonly blocks: readonly IndexedBlock[];
  /** The block each sentence starts in (-1 for a sentence outside every block). */
  readonly blockOfSentence: Int32Array;
  readonly entityById: ReadonlyMap<string, Entity>;
  readonly mentionById: ReadonlyMap<string, Mention>;
  /** Each entity's mentions in text order. */
  readonly mentionsByEntity: ReadonlyMap<string, readonly Mention[]>;
  /** Pieces of mentions inside each sentence, sorted by start then longest first. */
  readonly piecesBySentence: readonly (readonly MentionPiece[])[];
  readonly relationById: ReadonlyMap<string, Relation>;
  /** Relations where the entity is source or target, in document order. */
  readonly relationsByEntity: ReadonlyMap<string, readonly Relation[]>;
  /** Sentences that hold each relation's evidence. */
  readonly evidenceSentences: ReadonlyMap<string, readonly number[]>;
  readonly entityTypes: ReadonlyMap<string, ResolvedType>;
  readonly relationTypes: ReadonlyMap<string, ResolvedType>;
  /** Entity types with at least one entity, in declaration order, with entity counts. */
  readonly entityTypeCounts: readonly TypeCount[];
  /** Relation types with at least one relation, with relation counts. */
  readonly relationTypeCounts: readonly TypeCount[];
  readonly maxMentions: number;
}

/** Index of the sentence containing `offset`, or the nearest one before it (-1 if none). */
export function sentenceAt(sentences: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = sentences[mid];
    if (!s) break;
    if (s.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The sentence of a mention's first character. Looked up when asked (a binary search) rather than
 * kept for every mention: a map of 16,700 entries cost each index ~5 ms to build and each edit of
 * the mentions as much to copy.
 */
export function sentenceOfMention(index: DocumentIndex, mention: Mention): number | undefined {
  const first = mention.spans[0];
  return first ? Math.max(0, sentenceAt(index.sentences, first.start)) : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function resolveTypes(
  declared: readonly { key: string; label: string }[],
  used: Iterable<string>,
): Map<string, ResolvedType> {
  const out = new Map<string, ResolvedType>();
  for (const def of declared) out.set(def.key, resolveType(def, out.size));
  // A type used but never declared still needs a colour and a name rather than a crash.
  for (const key of used) {
    if (!out.has(key)) out.set(key, resolveType({ key, label: key }, out.size));
  }
  return out;
}

/** Sentences and blocks: what depends on the text alone. */
function layoutOf(doc: AriadneDocument) {
  const sentences = splitSentences(doc.text, doc.language ?? 'en');
  const rawBlocks = doc.blocks && doc.blocks.length > 0 ? doc.blocks : deriveBlocks(doc.text);
  const blocks: IndexedBlock[] = [];
  let s = 0;
  for (const [index, b] of rawBlocks.entries()) {
    while (s < sentences.length && (sentences[s]?.start ?? 0) < b.start) s++;
    const first = s;
    while (s < sentences.length && (sentences[s]?.start ?? 0) < b.end) s++;
    blocks.push({ ...b, index, firstSentence: first, endSentence: s });
  }
  const blockOfSentence = new Int32Array(sentences.length).fill(-1);
  for (const b of blocks) blockOfSentence.fill(b.index, b.firstSentence, b.endSentence);
  return { sentences, blocks, blockOfSentence };
}

type MentionIndexes = Pick<DocumentIndex, 'mentionById' | 'mentionsByEntity' | 'piecesBySentence'>;
type RelationIndexes = Pick<
  DocumentIndex,
  'relationById' | 'relationsByEntity' | 'evidenceSentences'
>;

/** Calls `visit` with each sentence a mention's spans reach and the part of it they cover. */
function eachPiece(
  m: Mention,
  sentences: readonly Sentence[],
  visit: (sentence: number, piece: MentionPiece) => void,
): void {
  for (const span of m.spans) {
    // A span may cross a sentence boundary the splitter drew; give each sentence its part.
    for (let i = Math.max(0, sentenceAt(sentences, span.start)); i < sentences.length; i++) {
      const sent = sentences[i];
      if (!sent || sent.start >= span.end) break;
      const start = Math.max(span.start, sent.start);
      const end = Math.min(span.end, sent.end);
      if (end > start) visit(i, { start, end, mentionId: m.id, entityId: m.entityId });
    }
  }
}

const byFirstStart = (a: Mention, b: Mention) =>
  (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0);
const byPieceOrder = (a: MentionPiece, b: MentionPiece) => a.start - b.start || b.end - a.end;

/**
 * Mentions or relations indexed between two pauses of a whole build: a book of 300,000 words
 * (50,130 mentions, 22,499 relations) took 65–100 ms for each list in one step (profiled).
 */
export const RECORDS_PER_INDEX_STEP = 10_000;

/** What depends on the mentions (and the sentences), pausing every `RECORDS_PER_INDEX_STEP`. */
function* mentionIndexing(
  mentions: readonly Mention[],
  sentences: readonly Sentence[],
): Generator<void, MentionIndexes, void> {
  const mentionById = new Map(mentions.map((m) => [m.id, m]));
  const sortedMentions = [...mentions].sort(byFirstStart);
  const mentionsByEntity = new Map<string, Mention[]>();
  const piecesBySentence: MentionPiece[][] = sentences.map(() => []);
  let done = 0;
  for (const m of sortedMentions) {
    push(mentionsByEntity, m.entityId, m);
    eachPiece(m, sentences, (i, piece) => piecesBySentence[i]?.push(piece));
    if (++done % RECORDS_PER_INDEX_STEP === 0) yield;
  }
  for (const list of piecesBySentence) list.sort(byPieceOrder);
  return { mentionById, mentionsByEntity, piecesBySentence };
}

/**
 * The mention indexes of `mentions` from those of an earlier version, given what the edit removed
 * and added: only the affected actors' lists and sentences' pieces are made again, each exactly as
 * `mentionIndexing` makes it (the same order, ties included).
 */
function patchMentionIndexes(
  previous: MentionIndexes,
  mentions: readonly Mention[],
  { removed, added }: Changes<Mention>,
  sentences: readonly Sentence[],
): MentionIndexes {
  const mentionById = new Map(previous.mentionById);
  const entities = new Set<string>();
  const touched = new Set<number>();
  const mark = (i: number) => touched.add(i);
  for (const m of removed) {
    mentionById.delete(m.id);
    entities.add(m.entityId);
    eachPiece(m, sentences, mark);
  }
  for (const m of added) {
    mentionById.set(m.id, m);
    entities.add(m.entityId);
    eachPiece(m, sentences, mark);
  }
  // The mentions the touched sentences hold now: those they held, less the removed, and the added.
  const gone = new Set(removed);
  const held = new Set<Mention>(added);
  for (const i of touched) {
    for (const piece of previous.piecesBySentence[i] ?? []) {
      const m = previous.mentionById.get(piece.mentionId);
      if (m && !gone.has(m)) held.add(m);
    }
  }
  // One pass in document order: the affected actors' mentions, and the held ones in that order
  // (a full build visits mentions by start, ties in document order).
  const lists = new Map<string, Mention[]>();
  const inOrder: Mention[] = [];
  for (const m of mentions) {
    if (entities.has(m.entityId)) push(lists, m.entityId, m);
    if (held.has(m)) inOrder.push(m);
  }
  for (const list of lists.values()) list.sort(byFirstStart);
  const mentionsByEntity = withLists(previous.mentionsByEntity, entities, lists);
  const piecesBySentence = previous.piecesBySentence.slice();
  const fresh = new Map<number, MentionPiece[]>([...touched].map((i) => [i, []]));
  for (const m of inOrder.sort(byFirstStart)) {
    eachPiece(m, sentences, (i, piece) => fresh.get(i)?.push(piece));
  }
  for (const [i, list] of fresh) piecesBySentence[i] = list.sort(byPieceOrder);
  return { mentionById, mentionsByEntity, piecesBySentence };
}

/** The sentences that hold a relation's evidence, in order. */
function evidenceOf(r: Relation, sentences: readonly Sentence[]): number[] {
  const found = new Set<number>();
  for (const q of r.evidence) {
    const first = sentenceAt(sentences, q.start);
    for (let i = Math.max(0, first); i < sentences.length; i++) {
      const sent = sentences[i];
      if (!sent || (sent.start >= q.end && i > first)) break;
      // A quote starting in the white space after a sentence does not hold that sentence.
      if (sent.end <= q.start && q.end > q.start) continue;
      found.add(i);
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** Adds `r` to the lists of its source and target (once for a relation of an actor to itself). */
function pushRelation(map: Map<string, Relation[]>, r: Relation, only?: ReadonlySet<string>): void {
  if (!only || only.has(r.source)) push(map, r.source, r);
  if (r.target !== r.source && (!only || only.has(r.target))) push(map, r.target, r);
}

/** What depends on the relations (and the sentences). */
function* relationIndexing(
  relations: readonly Relation[],
  sentences: readonly Sentence[],
): Generator<void, RelationIndexes, void> {
  const relationById = new Map(relations.map((r) => [r.id, r]));
  const relationsByEntity = new Map<string, Relation[]>();
  const evidenceSentences = new Map<string, number[]>();
  let done = 0;
  for (const r of relations) {
    pushRelation(relationsByEntity, r);
    evidenceSentences.set(r.id, evidenceOf(r, sentences));
    if (++done % RECORDS_PER_INDEX_STEP === 0) yield;
  }
  return { relationById, relationsByEntity, evidenceSentences };
}

/** As `patchMentionIndexes`, for the relations. */
function patchRelationIndexes(
  previous: RelationIndexes,
  relations: readonly Relation[],
  { removed, added }: Changes<Relation>,
  sentences: readonly Sentence[],
): RelationIndexes {
  const relationById = new Map(previous.relationById);
  const evidenceSentences = new Map(previous.evidenceSentences);
  const entities = new Set<string>();
  for (const r of removed) {
    relationById.delete(r.id);
    evidenceSentences.delete(r.id);
    entities.add(r.source).add(r.target);
  }
  for (const r of added) {
    relationById.set(r.id, r);
    evidenceSentences.set(r.id, evidenceOf(r, sentences));
    entities.add(r.source).add(r.target);
  }
  const lists = new Map<string, Relation[]>();
  for (const r of relations) pushRelation(lists, r, entities);
  const relationsByEntity = withLists(previous.relationsByEntity, entities, lists);
  return { relationById, relationsByEntity, evidenceSentences };
}

/**
 * What depends on one list of records: the earlier version's (`same`, of the same text) when the
 * list is the same, patched when it changed in a few records, else built afresh.
 */
function* partIndexing<R, I>(
  same: DocumentIndex | undefined,
  listOf: (index: DocumentIndex) => readonly R[],
  list: readonly R[],
  build: () => Generator<void, I, void>,
  patch: (previous: DocumentIndex, found: Changes<R>) => I,
): Generator<void, I | DocumentIndex, void> {
  if (!same) return yield* build();
  if (listOf(same) === list) return same;
  const found = changes(listOf(same), list);
  return found ? patch(same, found) : yield* build();
}

/** `previous` with the lists of `ids` taken from `lists`; an id with none there loses its entry. */
function withLists<V>(
  previous: ReadonlyMap<string, readonly V[]>,
  ids: Iterable<string>,
  lists: ReadonlyMap<string, readonly V[]>,
): Map<string, readonly V[]> {
  const out = new Map(previous);
  for (const id of ids) {
    const list = lists.get(id);
    if (list) out.set(id, list);
    else out.delete(id);
  }
  return out;
}

/**
 * Indexes `doc`. With `previous` (the index of an earlier version of the same document), what
 * depends only on parts the edit left as they were (the same text, the same mentions array, the
 * same relations array) is taken from it rather than rebuilt: renaming one of 5,000 actors does not
 * redo the mentions of a 100,000-word text. Where an edit changed a few mentions or relations
 * (deleted an actor, added a mention), the previous indexes are patched where those were.
 */
export function buildIndex(doc: AriadneDocument, previous?: DocumentIndex): DocumentIndex {
  return finish(indexing(doc, previous));
}

/**
 * `buildIndex` in steps: it pauses after the sentences, after the mentions' indexes and after the
 * relations', and within a whole build of either every `RECORDS_PER_INDEX_STEP` records, so that a
 * caller can run each in a task of its own (a book of 300,000 words took ~250 ms to index in one).
 */
export function* indexing(
  doc: AriadneDocument,
  previous?: DocumentIndex,
): Generator<void, DocumentIndex, void> {
  const before = previous?.doc;
  const sameText =
    before !== undefined &&
    before.text === doc.text &&
    before.language === doc.language &&
    before.blocks === doc.blocks;
  const { sentences, blocks, blockOfSentence } = sameText && previous ? previous : layoutOf(doc);
  yield;
  // The earlier version's index, when the text (so the sentences) is the same.
  const same = sameText ? previous : undefined;
  const byMention = yield* partIndexing(
    same,
    (x) => x.doc.mentions,
    doc.mentions,
    () => mentionIndexing(doc.mentions, sentences),
    (x, found) => patchMentionIndexes(x, doc.mentions, found, sentences),
  );
  yield;
  const byRelation = yield* partIndexing(
    same,
    (x) => x.doc.relations,
    doc.relations,
    () => relationIndexing(doc.relations, sentences),
    (x, found) => patchRelationIndexes(x, doc.relations, found, sentences),
  );
  yield;
  const entityById = new Map(doc.entities.map((e) => [e.id, e]));
  const { mentionById, mentionsByEntity, piecesBySentence: pieces } = byMention;
  const { relationById, relationsByEntity, evidenceSentences } = byRelation;

  const entityTypes = resolveTypes(
    doc.entityTypes,
    doc.entities.map((e) => e.type),
  );
  const relationTypes = resolveTypes(
    doc.relationTypes,
    doc.relations.map((r) => r.type),
  );
  const countBy = (keys: readonly string[], types: Map<string, ResolvedType>): TypeCount[] => {
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    return [...types.values()]
      .filter((t) => counts.has(t.key))
      .map((type) => ({ type, count: counts.get(type.key) ?? 0 }));
  };

  let maxMentions = 0;
  for (const list of mentionsByEntity.values()) maxMentions = Math.max(maxMentions, list.length);

  return {
    doc,
    sentences,
    blocks,
    blockOfSentence,
    entityById,
    mentionById,
    mentionsByEntity,
    piecesBySentence: pieces,
    relationById,
    relationsByEntity,
    evidenceSentences,
    entityTypes,
    relationTypes,
    entityTypeCounts: countBy(
      doc.entities.map((e) => e.type),
      entityTypes,
    ),
    relationTypeCounts: countBy(
      doc.relations.map((r) => r.type),
      relationTypes,
    ),
    maxMentions,
  };
}
