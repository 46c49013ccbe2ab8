/**
 * Undo and redo for edits to the open document. Every change to a document's annotations goes
 * through `edit(label, fn)` with a pure operation from `domain/edits.ts`; the slice records the
 * document before and after, writes the new document into the library (so persistence saves it) and
 * re-indexes it while keeping the selection and filters that still make sense.
 *
 * Stacks are kept per document id, so switching documents and coming back still lets the reader undo
 * there; each stack holds at most {@link HISTORY_LIMIT} entries. A stack whose document was replaced
 * behind its back (re-imported under the same id) no longer matches and is treated as empty;
 * renaming a document does not invalidate its stack, and undo keeps the current title.
 *
 * The built-in article is never changed: the first edit made while it is open creates an editable
 * copy in the library (id `<builtin id>-edited`, or `-edited-2`… when taken; title + " (edited)"),
 * opens it in the built-in's place and applies the edit there. The copy's history starts with that
 * edit, and undoing it leaves the copy as an unedited duplicate rather than removing it.
 */
import type { StateCreator } from 'zustand';
import { EditError } from '../domain/edits';
import { indexFor } from './indexCache';
import type { DocumentIndex } from '../domain/indexes';
import type { AriadneDocument } from '../domain/model';
import { validateDocument, validateEdit } from '../domain/validate';
import type { AppState } from './store';

export const HISTORY_LIMIT = 200;

export interface EditEntry {
  /** What the edit did, for a reader: "Merge ISIS into HTS". */
  readonly label: string;
  readonly before: AriadneDocument;
  readonly after: AriadneDocument;
}

export interface HistoryStacks {
  /** Oldest first; the last entry is the one undo reverts. */
  readonly past: readonly EditEntry[];
  /** The last entry is the one redo applies again. */
  readonly future: readonly EditEntry[];
}

export interface HistorySlice {
  /** Undo and redo stacks by document id. Read them through the selectors below. */
  history: ReadonlyMap<string, HistoryStacks>;
  /** A message about the last edit, undo or redo: "Merge ISIS into HTS", "Undid: …", "Redid: …". */
  lastEditLabel: string | null;
  /**
   * Applies `fn` to the open document. Returns the {@link EditError} it threw (and changes nothing)
   * or, on success, undefined. An `fn` that returns its input unchanged is a no-op and not recorded.
   * Errors other than EditError are programming errors and propagate.
   */
  edit: (label: string, fn: (doc: AriadneDocument) => AriadneDocument) => EditError | undefined;
  /** Reverts the open document's last edit; false when there is nothing to undo. */
  undo: () => boolean;
  /** Applies the last undone edit again; false when there is nothing to redo. */
  redo: () => boolean;
}

const EMPTY_STACKS: HistoryStacks = { past: [], future: [] };

/** Same document, allowing for a rename (which copies the document with a new title only). */
function sameDocument(a: AriadneDocument, b: AriadneDocument): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('title');
  for (const k of keys) {
    if (a[k as keyof AriadneDocument] !== b[k as keyof AriadneDocument]) return false;
  }
  return true;
}

type HistoryView = Pick<AppState, 'history' | 'openDocumentId' | 'documents'>;

/** The open document's stacks, or empty ones when there are none or they no longer match it. */
export function openStacks(s: HistoryView): HistoryStacks {
  const id = s.openDocumentId;
  const current = id === null ? undefined : s.documents.get(id);
  const stacks = id === null ? undefined : s.history.get(id);
  if (!current || !stacks) return EMPTY_STACKS;
  const expected = stacks.past.at(-1)?.after ?? stacks.future.at(-1)?.before;
  return expected && !sameDocument(expected, current) ? EMPTY_STACKS : stacks;
}

export const selectPast = (s: HistoryView) => openStacks(s).past;
export const selectFuture = (s: HistoryView) => openStacks(s).future;
export const selectCanUndo = (s: HistoryView) => openStacks(s).past.length > 0;
export const selectCanRedo = (s: HistoryView) => openStacks(s).future.length > 0;
/** Label of the edit undo would revert, for a button's title ("Undo Merge ISIS into HTS"). */
export const selectUndoLabel = (s: HistoryView) => openStacks(s).past.at(-1)?.label ?? null;
export const selectRedoLabel = (s: HistoryView) => openStacks(s).future.at(-1)?.label ?? null;
export const selectLastEditLabel = (s: AppState) => s.lastEditLabel;

function withTitle(doc: AriadneDocument, title: string): AriadneDocument {
  return doc.title === title ? doc : { ...doc, title };
}

function capped(entries: readonly EditEntry[]): readonly EditEntry[] {
  return entries.length > HISTORY_LIMIT ? entries.slice(entries.length - HISTORY_LIMIT) : entries;
}

function keptSet(
  set: ReadonlySet<string>,
  known: ReadonlyMap<string, unknown>,
): ReadonlySet<string> {
  const kept = [...set].filter((k) => known.has(k));
  return kept.length === set.size ? set : new Set(kept);
}

/** Selection and filters that still hold in the new index; the rest cleared. */
function keptView(s: AppState, index: DocumentIndex): Partial<AppState> {
  const entity =
    s.selectedEntityId !== null && index.entityById.has(s.selectedEntityId)
      ? s.selectedEntityId
      : null;
  const relation =
    s.selectedRelationId !== null && index.relationById.has(s.selectedRelationId)
      ? s.selectedRelationId
      : null;
  const mentions = entity === null ? 0 : (index.mentionsByEntity.get(entity)?.length ?? 0);
  return {
    selectedEntityId: entity,
    selectedRelationId: relation,
    mentionCursor: s.mentionCursor < mentions ? s.mentionCursor : 0,
    currentSentence:
      s.currentSentence !== null && s.currentSentence < index.sentences.length
        ? s.currentSentence
        : null,
    hiddenEntityTypes: keptSet(s.hiddenEntityTypes, index.entityTypes),
    hiddenRelationTypes: keptSet(s.hiddenRelationTypes, index.relationTypes),
  };
}

function freeCopyId(base: string, taken: { has(id: string): boolean }): string {
  const id = `${base}-edited`;
  if (!taken.has(id)) return id;
  for (let i = 2; ; i++) if (!taken.has(`${id}-${i}`)) return `${id}-${i}`;
}

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set, get) => {
  /** Puts `doc` in the library under `id`, as the open document, with `stacks` as its history. */
  const install = (
    id: string,
    doc: AriadneDocument,
    stacks: HistoryStacks,
    message: string,
    extra: Partial<AppState> = {},
  ) => {
    const s = get();
    const index = indexFor(doc, s.index);
    set({
      documents: new Map(s.documents).set(id, doc),
      history: new Map(s.history).set(id, stacks),
      index,
      lastEditLabel: message,
      ...keptView(s, index),
      ...extra,
    });
  };

  return {
    history: new Map(),
    lastEditLabel: null,

    edit: (label, fn) => {
      const s = get();
      const id = s.openDocumentId;
      if (id === null || !s.documents.has(id)) return new EditError('No document is open to edit');
      const before = s.index.doc;
      let result: AriadneDocument;
      try {
        result = fn(before);
      } catch (e) {
        if (e instanceof EditError) return e;
        throw e;
      }
      if (result === before) return undefined;
      const problems = validateEdit(s.index, result);
      const first = problems[0];
      if (first && validateDocument(before).length === 0) {
        return new EditError(
          `The edit would leave the document invalid: ${first.message} (${first.where})`,
        );
      }
      const text = label.trim() || 'Edit';

      if (id === s.builtinId) {
        const copyId = freeCopyId(id, {
          has: (x) => s.documents.has(x) || s.order.includes(x),
        });
        const title = `${before.title} (edited)`;
        const source = { ...before.source, origin: 'built-in (edited copy)' };
        const copyBefore: AriadneDocument = { ...before, id: copyId, title, source };
        const copyAfter: AriadneDocument = { ...result, id: copyId, title, source };
        const order = [...s.order];
        const at = order.indexOf(id);
        order.splice(at < 0 ? order.length : at + 1, 0, copyId);
        install(
          copyId,
          copyAfter,
          { past: [{ label: text, before: copyBefore, after: copyAfter }], future: [] },
          text,
          { order, openDocumentId: copyId, docUrl: undefined },
        );
        return undefined;
      }

      const after = result.id === id ? result : { ...result, id };
      const stacks = openStacks(s);
      install(
        id,
        after,
        { past: capped([...stacks.past, { label: text, before, after }]), future: [] },
        text,
      );
      return undefined;
    },

    undo: () => {
      const s = get();
      const id = s.openDocumentId;
      const current = id === null ? undefined : s.documents.get(id);
      const stacks = openStacks(s);
      const entry = stacks.past.at(-1);
      if (id === null || !current || !entry) return false;
      install(
        id,
        withTitle(entry.before, current.title),
        { past: stacks.past.slice(0, -1), future: [...stacks.future, entry] },
        `Undid: ${entry.label}`,
      );
      return true;
    },

    redo: () => {
      const s = get();
      const id = s.openDocumentId;
      const current = id === null ? undefined : s.documents.get(id);
      const stacks = openStacks(s);
      const entry = stacks.future.at(-1);
      if (id === null || !current || !entry) return false;
      install(
        id,
        withTitle(entry.after, current.title),
        { past: capped([...stacks.past, entry]), future: stacks.future.slice(0, -1) },
        `Redid: ${entry.label}`,
      );
      return true;
    },
  };
};
