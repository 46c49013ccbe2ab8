/**
 * The library: every document the reader has opened, kept in memory here and mirrored to IndexedDB
 * by `persistence.ts`. Removing is undoable; problems from the last import are kept until dismissed.
 */
import type { StateCreator } from 'zustand';
import type { ImportProblem } from '../domain/formats/problems';
import type { AriadneDocument } from '../domain/model';
import type { AppState } from './store';

export interface LibraryEntry {
  readonly id: string;
  readonly title: string;
  readonly entityCount: number;
  readonly relationCount: number;
  readonly builtin: boolean;
}

export type StorageStatus =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ok' }
  | { readonly kind: 'memory-only'; readonly reason: string };

export interface LibrarySlice {
  documents: ReadonlyMap<string, AriadneDocument>;
  /**
   * Document ids in the order the list shows them; an id may come before its document (a stored one
   * still loading, see `expectDocuments`), and is then skipped by the list.
   */
  order: readonly string[];
  openDocumentId: string | null;
  builtinId: string | null;
  problems: readonly ImportProblem[];
  importing: { readonly files: number } | null;
  storage: StorageStatus;
  /**
   * How many documents are waiting to be written to storage or removed from it, and how many of
   * them to be removed (see startPersistence).
   */
  unsaved: number;
  removing: number;
  removed: { readonly doc: AriadneDocument; readonly position: number } | null;
  addDocuments: (
    docs: readonly AriadneDocument[],
    options?: { open?: boolean; builtin?: boolean; replace?: boolean; docUrl?: string },
  ) => void;
  openDocument: (id: string, docUrl?: string) => void;
  renameDocument: (id: string, title: string) => void;
  removeDocument: (id: string) => void;
  undoRemove: () => void;
  reportProblems: (problems: readonly ImportProblem[]) => void;
  dismissProblems: () => void;
  setImporting: (importing: { files: number } | null) => void;
  setStorage: (status: StorageStatus) => void;
  setUnsaved: (documents: number, removing?: number) => void;
  /** Puts the documents in a saved order; unknown ids are skipped, unsaved ones go last. */
  restoreOrder: (saved: readonly string[]) => void;
  /**
   * Holds places (and ids) for stored documents still loading: they keep their place in the list,
   * and a document added meanwhile cannot take one's id.
   */
  expectDocuments: (ids: readonly string[]) => void;
}

export function libraryEntries(
  s: Pick<LibrarySlice, 'documents' | 'order' | 'builtinId'>,
): LibraryEntry[] {
  return s.order.flatMap((id) => {
    const doc = s.documents.get(id);
    if (!doc) return [];
    return [
      {
        id,
        title: doc.title || id,
        entityCount: doc.entities.length,
        relationCount: doc.relations.length,
        builtin: id === s.builtinId,
      },
    ];
  });
}

/** An id not yet in the library: the document's own, or that with a counter. */
function freeId(id: string, taken: { has(id: string): boolean }): string {
  if (!taken.has(id)) return id;
  for (let i = 2; ; i++) if (!taken.has(`${id}-${i}`)) return `${id}-${i}`;
}

export const createLibrarySlice: StateCreator<AppState, [], [], LibrarySlice> = (set, get) => ({
  documents: new Map(),
  order: [],
  openDocumentId: null,
  builtinId: null,
  problems: [],
  importing: null,
  storage: { kind: 'loading' },
  unsaved: 0,
  removing: 0,
  removed: null,
  addDocuments: (docs, options = {}) => {
    if (docs.length === 0) return;
    const documents = new Map(get().documents);
    const order = [...get().order];
    const added: string[] = [];
    for (const doc of docs) {
      // A document opened again from the same URL replaces its old copy instead of piling up.
      const taken = { has: (x: string) => documents.has(x) || order.includes(x) };
      const id = options.builtin || options.replace ? doc.id : freeId(doc.id, taken);
      documents.set(id, id === doc.id ? doc : { ...doc, id });
      if (!order.includes(id)) order.push(id);
      added.push(id);
    }
    set({ documents, order, ...(options.builtin ? { builtinId: added[0] ?? null } : {}) });
    const first = added[0];
    if (options.open && first) get().openDocument(first, options.docUrl);
  },
  openDocument: (id, docUrl) => {
    const doc = get().documents.get(id);
    if (!doc) return;
    get().loadDocument(doc, docUrl);
    // "Last edit" speaks of the document it was made in.
    set({ openDocumentId: id, lastEditLabel: null });
  },
  renameDocument: (id, title) => {
    const doc = get().documents.get(id);
    const clean = title.trim();
    if (!doc || !clean || id === get().builtinId) return;
    const renamed = { ...doc, title: clean };
    const documents = new Map(get().documents).set(id, renamed);
    set({ documents });
    // The open document keeps its index: only the title changed.
    if (get().openDocumentId === id) set({ index: { ...get().index, doc: renamed } });
  },
  removeDocument: (id) => {
    const { documents, order, openDocumentId, builtinId } = get();
    const doc = documents.get(id);
    if (!doc || id === builtinId) return;
    const next = new Map(documents);
    next.delete(id);
    set({
      documents: next,
      order: order.filter((x) => x !== id),
      removed: { doc, position: order.indexOf(id) },
    });
    if (openDocumentId === id) {
      const fallback = builtinId ?? order.find((x) => x !== id);
      if (fallback) get().openDocument(fallback);
    }
  },
  undoRemove: () => {
    const { removed, documents, order } = get();
    if (!removed) return;
    const next = new Map(documents).set(removed.doc.id, removed.doc);
    const nextOrder = [...order];
    nextOrder.splice(Math.min(removed.position, nextOrder.length), 0, removed.doc.id);
    set({ documents: next, order: nextOrder, removed: null });
  },
  reportProblems: (problems) => set({ problems: [...problems] }),
  dismissProblems: () => set({ problems: [] }),
  setImporting: (importing) => set({ importing }),
  setStorage: (storage) => set({ storage }),
  setUnsaved: (unsaved, removing = 0) => set({ unsaved, removing }),
  expectDocuments: (ids) => {
    const order = get().order;
    const missing = ids.filter((id) => !order.includes(id));
    if (missing.length) set({ order: [...order, ...missing] });
  },
  restoreOrder: (saved) => {
    const known = get().order;
    const first = saved.filter((id) => known.includes(id));
    set({ order: [...first, ...known.filter((id) => !first.includes(id))] });
  },
});
