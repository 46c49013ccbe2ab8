/**
 * Keeps the library in IndexedDB (through idb-keyval) so a reload brings it back. Storage is a
 * convenience, never a requirement: when it is missing, full or holds a record that no longer reads,
 * the app says so and goes on in memory, and no other document is dropped.
 */
import { afterPaint } from './afterPaint';
import { inSlices, nextTask } from './tasks';
import { createStore, delMany, get as idbGet, getMany, keys, set as idbSet } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import type { ImportProblem } from '../domain/formats/problems';
import { packMentions, unpackMentions } from '../domain/mentionColumns';
import { packRelations, unpackRelations } from '../domain/relationColumns';
import type { AriadneDocument } from '../domain/model';
import { parsingDocument } from '../domain/schema';
import {
  SPLITTER_VERSION,
  knownSentences,
  packSentences,
  rememberSentences,
  unpackSentences,
} from '../domain/sentences';
import type { Sentence } from '../domain/sentences';
import { validatingDocument } from '../domain/validate';
import { isArrangement } from './arrangementSlice';
import type { Arrangement } from './arrangementSlice';
import type { AppState } from './store';

const META = 'meta';
const DOC_PREFIX = 'doc:';

/**
 * A document is stored as its shell (everything but these parts, under `doc:<id>`) and one record
 * per part (`part:<id>:<name>`), so that an edit writes only what it changed: cloning a
 * 100,000-word document whole for storage takes ~120 ms, its 5,000 actors alone a fraction of that.
 * The shell is written with every edit, so the text (0.7 MB there, ~5 ms of each write) is a part
 * too. The mentions and relations are stored as columns (see mentionColumns.ts,
 * relationColumns.ts). A document stored whole (before parts), with its text in its shell, or
 * with lists (before columns), still loads.
 */
const PARTS = ['text', 'entities', 'mentions', 'relations'] as const;
type Part = (typeof PARTS)[number];
const partKey = (id: string, part: Part) => `part:${id}:${part}`;
const IN_PARTS = 'storedInParts';
/** Where the reader put a document's nodes (`layout:<id>`); the built-in article's too. */
const LAYOUT_PREFIX = 'layout:';
/**
 * A document's sentences (`sentences:<id>`), kept so that a start need not split its text again
 * (~55 ms of a reload's ~650 ms to the text of 100,000 words). Written with the text if it was
 * split lately, else once the document is opened (see `unsplit`); one of another splitter version
 * or locale, or that does not fit the text, is ignored.
 */
const SENTENCES_PREFIX = 'sentences:';

interface StoredSentences {
  readonly version: number;
  readonly locale: string;
  readonly packed: Int32Array;
}

function storedSentences(value: unknown, text: string, locale: string): Sentence[] | null {
  if (typeof value !== 'object' || value === null) return null;
  const {
    version,
    locale: kept,
    packed,
  } = value as Partial<Record<keyof StoredSentences, unknown>>;
  if (version !== SPLITTER_VERSION || kept !== locale || !(packed instanceof Int32Array))
    return null;
  return unpackSentences(packed, text.length);
}

/** The records that make document `id` (its arrangement aside). */
const documentRecords = (id: string) => [
  DOC_PREFIX + id,
  SENTENCES_PREFIX + id,
  ...PARTS.map((p) => partKey(id, p)),
];

/** The row of the sentences of `doc`, if they were split lately (see `knownSentences`). */
function sentencesRow(id: string, doc: AriadneDocument): [IDBValidKey, StoredSentences] | null {
  const locale = doc.language ?? 'en';
  const split = knownSentences(doc.text, locale);
  if (!split) return null;
  return [
    SENTENCES_PREFIX + id,
    { version: SPLITTER_VERSION, locale, packed: packSentences(split) },
  ];
}

/** A part of `doc` as stored: mentions and relations as columns, text and actors as they are. */
function packed(doc: AriadneDocument, part: Part): unknown {
  if (part === 'mentions') return packMentions(doc.mentions);
  if (part === 'relations') return packRelations(doc.relations, doc.text);
  return doc[part];
}

/** The document as stored: from its shell and parts, or whole. */
function assemble(id: string, value: unknown, records: Map<IDBValidKey, unknown>): unknown {
  if (typeof value !== 'object' || value === null || !(IN_PARTS in value)) return value;
  const doc: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  delete doc[IN_PARTS];
  for (const part of PARTS) {
    const stored = records.get(partKey(id, part));
    // Stored before its text was a part of its own, a document keeps it in its shell.
    if (part === 'text' && stored === undefined) continue;
    doc[part] = stored;
  }
  doc.mentions = unpackMentions(doc.mentions);
  doc.relations = unpackRelations(doc.relations, doc.text);
  return doc;
}

/**
 * Stores `rows` in one transaction (all or none), each put made when the one before has succeeded.
 * A put clones its value in the task that makes it: every part of a document put at once held the
 * page ~230 ms at 300,000 words; one part per task lets it paint and answer input between them.
 */
export function setInTurn(rows: readonly [IDBValidKey, unknown][], store: UseStore): Promise<void> {
  return store(
    'readwrite',
    (records) =>
      new Promise<void>((resolve, reject) => {
        const tx = records.transaction;
        tx.oncomplete = () => resolve();
        tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('the write was aborted'));
        const putFrom = (i: number): void => {
          const row = rows[i];
          if (!row) return;
          try {
            records.put(row[1], row[0]).onsuccess = () => putFrom(i + 1);
          } catch (e) {
            // A value that cannot be cloned: nothing of this write is kept.
            tx.abort();
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        };
        putFrom(0);
      }),
  );
}

export interface PersistedMeta {
  readonly order: readonly string[];
  readonly openId: string | null;
}

export type Storage =
  | { readonly kind: 'ok'; readonly store: UseStore }
  | { readonly kind: 'memory-only'; readonly reason: string };

function describe(e: unknown): string {
  if (e instanceof DOMException && e.name === 'QuotaExceededError')
    return 'the browser storage is full';
  return e instanceof Error ? e.message : String(e);
}

export async function openStorage(): Promise<Storage> {
  if (typeof indexedDB === 'undefined') {
    return { kind: 'memory-only', reason: 'this browser offers no IndexedDB storage' };
  }
  try {
    const store = createStore('ariadne', 'library');
    await idbGet(META, store);
    return { kind: 'ok', store };
  } catch (e) {
    return { kind: 'memory-only', reason: `browser storage cannot be opened (${describe(e)})` };
  }
}

/** Documents exactly as storage holds them: seeing one added to the library writes nothing. */
const stored = new WeakSet<AriadneDocument>();

/**
 * Ids of stored documents whose sentences are not stored with them (they were not split when the
 * document was written, or were stored before sentences were kept, or by another splitter): they
 * are written once split, when the document is opened.
 */
const unsplit = new Set<string>();

/** What a start needs: the open document, the arrangements, and which documents are still to come. */
export interface LibraryStart {
  /** The document open last, when it still reads; the others come with `loadRest`. */
  readonly docs: AriadneDocument[];
  readonly meta: PersistedMeta | undefined;
  readonly arrangements: Map<string, Arrangement>;
  readonly problems: ImportProblem[];
  /** Ids of the other stored documents, in the library's saved order. */
  readonly rest: string[];
}

/** The records of the stored documents `ids`, read in one go. */
async function readRecords(
  store: UseStore,
  ids: readonly string[],
): Promise<Map<IDBValidKey, unknown>> {
  const wanted = ids.flatMap(documentRecords);
  const values = await getMany(wanted, store);
  return new Map<IDBValidKey, unknown>(wanted.map((k, i) => [k, values[i]]));
}

type Checked = { readonly doc: AriadneDocument } | { readonly problem: ImportProblem };

/**
 * Stored document `id` from its records, checked; or, when it no longer reads, the problem. In
 * steps (put together, its shape checked a few thousand records at a time, then its offsets and
 * ids), so that a caller can run them in tasks of their own.
 */
function* checking(id: string, records: Map<IDBValidKey, unknown>): Generator<void, Checked, void> {
  const value = assemble(id, records.get(DOC_PREFIX + id), records);
  yield;
  const parsed = yield* parsingDocument(value);
  yield;
  const problemsOf = parsed.success ? yield* validatingDocument(parsed.data) : [];
  if (parsed.success && problemsOf.length === 0) {
    const doc = parsed.data;
    const locale = doc.language ?? 'en';
    const sentences = storedSentences(records.get(SENTENCES_PREFIX + id), doc.text, locale);
    if (sentences) rememberSentences(doc.text, locale, sentences);
    else unsplit.add(id);
    stored.add(doc);
    return { doc };
  }
  const why = parsed.success ? problemsOf[0]?.message : parsed.issues[0]?.message;
  return {
    problem: {
      file: `saved document ${id}`,
      message: `no longer reads (${why ?? 'unknown problem'}); it was left in storage untouched and not opened`,
      severity: 'error',
    },
  };
}

/** Reads and checks the stored documents `ids`; one that no longer reads becomes a problem. */
async function readDocuments(
  store: UseStore,
  ids: readonly string[],
): Promise<{ docs: AriadneDocument[]; problems: ImportProblem[] }> {
  const records = await readRecords(store, ids);
  const docs: AriadneDocument[] = [];
  const problems: ImportProblem[] = [];
  for (const id of ids) {
    // Apart from reading the records back, which their last read's task has done.
    await nextTask();
    const checked = await inSlices(checking(id, records));
    if ('doc' in checked) docs.push(checked.doc);
    else problems.push(checked.problem);
  }
  return { docs, problems };
}

/**
 * Reads what the first view needs: the list of stored documents, the arrangements and the document
 * open last. Reading every document first made a start wait on the whole library: with 300
 * documents the first paint came 2.4 s after loading instead of 0.65 s.
 */
export async function loadStart(store: UseStore): Promise<LibraryStart> {
  const all = await keys(store);
  const ids: string[] = [];
  const layouts: string[] = [];
  for (const key of all) {
    if (typeof key !== 'string') continue;
    if (key.startsWith(DOC_PREFIX)) ids.push(key.slice(DOC_PREFIX.length));
    else if (key.startsWith(LAYOUT_PREFIX)) layouts.push(key);
  }
  const meta = (await idbGet(META, store)) as PersistedMeta | undefined;
  const arrangements = new Map<string, Arrangement>();
  const kept = await getMany(layouts, store);
  layouts.forEach((key, i) => {
    // Positions are a convenience: one that does not read is left alone, and the graph is laid
    // out as if the reader had never dragged anything.
    const value = kept[i];
    if (isArrangement(value)) arrangements.set(key.slice(LAYOUT_PREFIX.length), value);
  });
  const first = meta?.openId && ids.includes(meta.openId) ? [meta.openId] : [];
  const { docs, problems } = await readDocuments(store, first);
  const place = new Map((meta?.order ?? []).map((id, i) => [id, i]));
  const rest = ids
    .filter((id) => !first.includes(id))
    .sort((a, b) => (place.get(a) ?? Infinity) - (place.get(b) ?? Infinity));
  return { docs, meta, arrangements, problems, rest };
}

/** How many documents `loadRest` reads from storage at a time. */
const BATCH = 25;

/**
 * Reads the stored documents `ids`, handing them to `onBatch` in order, a few at a time, and lets
 * the page paint and answer input between: a slice of checking ends once it has taken `sliceMs`.
 * Checking a stored 100,000-word document (its shape, then its offsets and ids) takes 60–100 ms:
 * six of them in one batch held the page ~0.5 s just after a start.
 */
export async function loadRest(
  store: UseStore,
  ids: readonly string[],
  onBatch: (docs: AriadneDocument[], problems: ImportProblem[]) => void,
  { sliceMs = 30 }: { readonly sliceMs?: number } = {},
): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const records = await readRecords(store, batch);
    let docs: AriadneDocument[] = [];
    let problems: ImportProblem[] = [];
    let until = performance.now() + sliceMs;
    for (const [k, id] of batch.entries()) {
      const steps = checking(id, records);
      let step = steps.next();
      while (!step.done) {
        // A long document's check goes on in a task of its own; the batch is handed over later.
        if (performance.now() >= until) {
          await nextTask();
          until = performance.now() + sliceMs;
        }
        step = steps.next();
      }
      const checked = step.value;
      if ('doc' in checked) docs.push(checked.doc);
      else problems.push(checked.problem);
      for (const key of documentRecords(id)) records.delete(key);
      if (performance.now() < until && k < batch.length - 1) continue;
      onBatch(docs, problems);
      docs = [];
      problems = [];
      await nextTask();
      until = performance.now() + sliceMs;
    }
  }
}

/** The whole stored library at once (`loadStart` and `loadRest` together). */
export async function loadPersisted(store: UseStore): Promise<{
  docs: AriadneDocument[];
  meta: PersistedMeta | undefined;
  arrangements: Map<string, Arrangement>;
  problems: ImportProblem[];
}> {
  const start = await loadStart(store);
  const docs = [...start.docs];
  const problems = [...start.problems];
  await loadRest(store, start.rest, (more, wrong) => {
    docs.push(...more);
    problems.push(...wrong);
  });
  return { docs, meta: start.meta, arrangements: start.arrangements, problems };
}

/**
 * Mirrors the library to storage from now on. Only documents whose object changed are written.
 * `onUnsaved` hears how many documents are waiting for their write or removal, or for that of
 * their graph's arrangement, and how many of those for a removal, whenever that changes (an import
 * of hundreds takes a second or more to store: the reader is told). Returns the unsubscribe
 * function.
 */
export function startPersistence(
  store: UseStore,
  subscribe: (listener: (s: AppState, prev: AppState) => void) => () => void,
  onFailure: (reason: string) => void,
  onUnsaved: (documents: number, removing: number) => void = () => {},
): () => void {
  let failed = false;
  // Writes (and removals) scheduled or under way, per document id; and removals alone.
  const waiting = new Map<string, number>();
  const removals = new Map<string, number>();
  // Told once per turn, after this listener has returned: not from inside the store's own
  // notification, and once for a batch of hundreds rather than once each.
  let told = true;
  const tell = () => {
    if (!told) return;
    told = false;
    queueMicrotask(() => {
      told = true;
      onUnsaved(waiting.size, removals.size);
    });
  };
  const count = (counts: Map<string, number>, id: string, change: 1 | -1) => {
    const n = (counts.get(id) ?? 0) + change;
    if (n > 0) counts.set(id, n);
    else counts.delete(id);
  };
  const track = (id: string, change: 1 | -1, removal = false) => {
    count(waiting, id, change);
    if (removal) count(removals, id, change);
    tell();
  };
  const fail = (e: unknown) => {
    if (failed) return;
    failed = true;
    // Nothing more will be written: nothing is waiting any longer (the failure is reported).
    waiting.clear();
    removals.clear();
    tell();
    onFailure(`saving failed: ${describe(e)}`);
  };
  // Each write or removal counts as its document's until it is done, an arrangement's too: a page
  // closed just after a drag would come back with the graph laid out afresh, or after a removal
  // with the document still there, and nothing said.
  const keep = (id: string, written: Promise<void>, removal = false) => {
    track(id, 1, removal);
    written.then(() => track(id, -1, removal)).catch(fail);
  };
  let latest: AppState | undefined;
  // The version of each document last sent to storage, to write only the parts that differ from
  // it. Empty at first: a document's first write in a session writes every part.
  const written = new Map<string, AriadneDocument>();
  const write = (id: string, doc: AriadneDocument) => {
    const before = written.get(id);
    const shell: Record<string, unknown> = { ...doc, [IN_PARTS]: true };
    const rows: [IDBValidKey, unknown][] = [[DOC_PREFIX + id, shell]];
    for (const part of PARTS) {
      delete shell[part];
      if (before?.[part] === doc[part]) continue;
      rows.push([partKey(id, part), packed(doc, part)]);
    }
    // Only if split lately (an import's worker split it, or it was opened): splitting the many
    // documents of a large import here would hold the page; those are split when opened.
    if (before?.text !== doc.text || before.language !== doc.language) {
      const sentences = sentencesRow(id, doc);
      if (sentences) rows.push(sentences);
      else unsplit.add(id);
    }
    written.set(id, doc);
    // The shell and its parts are stored together or not at all.
    keep(id, setInTurn(rows, store));
  };
  return subscribe((s, prev) => {
    latest = s;
    if (failed) return;
    const opened = s.index.doc;
    if (s.index !== prev.index && unsplit.has(opened.id)) {
      // Its index has just split it.
      unsplit.delete(opened.id);
      afterPaint(() => {
        const row = latest?.documents.has(opened.id) ? sentencesRow(opened.id, opened) : null;
        if (!failed && row) idbSet(row[0], row[1], store).catch(fail);
      });
    }
    if (s.documents !== prev.documents) {
      for (const [id, doc] of s.documents) {
        if (id === s.builtinId || prev.documents.get(id) === doc) continue;
        if (stored.has(doc)) {
          // Just read from storage (see loadRest): nothing to write.
          written.set(id, doc);
          continue;
        }
        // Storing clones what changed (up to ~120 ms for a whole 100,000-word document); do it
        // after the new document has painted. Skipped if the document changed or went away
        // meanwhile: a later write covers it. An edit's write waits for one more frame: the graph's
        // update, queued after the same paint, is drawn first (the clone held it ~15–30 ms).
        track(id, 1);
        const edited = written.has(id);
        afterPaint(() => {
          const save = () => {
            if (!failed && latest?.documents.get(id) === doc) write(id, doc);
            track(id, -1);
          };
          if (edited) afterPaint(save);
          else save();
        });
      }
      for (const [id, gone] of prev.documents) {
        if (s.documents.has(id)) continue;
        written.delete(id);
        unsplit.delete(id);
        // Its records go: should an undo bring it back, it is written again.
        stored.delete(gone);
        keep(id, delMany([...documentRecords(id), LAYOUT_PREFIX + id], store), true);
      }
    }
    // Every click goes through here: arrangements are looked at only when they or the documents
    // changed.
    if (s.arrangements !== prev.arrangements || s.documents !== prev.documents) {
      for (const [id, arrangement] of s.arrangements) {
        // Written when it changed, and again when its document comes back (undo of a removal;
        // not a document just read from storage, which still holds it).
        const doc = s.documents.get(id);
        if (doc === undefined) continue;
        const back = !prev.documents.has(id) && !stored.has(doc);
        if (prev.arrangements.get(id) === arrangement && !back) continue;
        keep(id, idbSet(LAYOUT_PREFIX + id, arrangement, store));
      }
      for (const id of prev.arrangements.keys()) {
        if (!s.arrangements.has(id)) keep(id, delMany([LAYOUT_PREFIX + id], store));
      }
    }
    if (s.order !== prev.order || s.openDocumentId !== prev.openDocumentId) {
      const meta: PersistedMeta = { order: [...s.order], openId: s.openDocumentId };
      idbSet(META, meta, store).catch(fail);
    }
  });
}
