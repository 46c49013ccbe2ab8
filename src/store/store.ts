/**
 * The one app store: the open document with its index, the selection, the filters. Actions are thin:
 * they call domain functions and set state. Imperative views (the graph, scrolling the text) listen
 * with `useAppStore.subscribe`, not through re-renders.
 */
import { create } from 'zustand';
import type { StateCreator } from 'zustand';
import { buildIndex, sentenceOfMention } from '../domain/indexes';
import { indexFor } from './indexCache';
import type { DocumentIndex } from '../domain/indexes';
import type { AriadneDocument } from '../domain/model';
import { createArrangementSlice } from './arrangementSlice';
import type { ArrangementSlice } from './arrangementSlice';
import { createHistorySlice } from './historySlice';
import type { HistorySlice } from './historySlice';
import { createLibrarySlice } from './librarySlice';
import type { LibrarySlice } from './librarySlice';
import type { ViewState } from './viewState';

export interface DocumentSlice {
  index: DocumentIndex;
  /** Where the open document came from, for the URL (`?doc=`); undefined for the built-in one. */
  docUrl: string | undefined;
  loadDocument: (doc: AriadneDocument, docUrl?: string) => void;
}

/** A request to bring a sentence into view; `seq` changes on every jump, even to the same place. */
export interface Jump {
  readonly sentence: number;
  readonly seq: number;
}

export interface SelectionSlice {
  selectedEntityId: string | null;
  selectedRelationId: string | null;
  /** Position in the selected entity's mentions that next/previous step from. */
  mentionCursor: number;
  /** The sentence marked `aria-current`. */
  currentSentence: number | null;
  jump: Jump | null;
  selectEntity: (id: string | null, options?: { jump?: boolean; mentionId?: string }) => void;
  stepMention: (delta: 1 | -1) => void;
  selectRelation: (id: string | null, options?: { jump?: boolean }) => void;
  clearSelection: () => void;
}

export interface FilterSlice {
  hiddenEntityTypes: ReadonlySet<string>;
  hiddenRelationTypes: ReadonlySet<string>;
  query: string;
  toggleEntityType: (key: string) => void;
  toggleRelationType: (key: string) => void;
  showAllTypes: () => void;
  setQuery: (query: string) => void;
}

export interface ViewSlice {
  /**
   * Sets selection and filters from a link, ignoring ids this document does not have; with `jump`,
   * the text goes to the selection's first mention (or the relation's evidence).
   */
  applyViewState: (view: ViewState, options?: { jump?: boolean }) => void;
}

export type AppState = DocumentSlice &
  SelectionSlice &
  FilterSlice &
  ViewSlice &
  LibrarySlice &
  HistorySlice &
  ArrangementSlice;
type Slice<T> = StateCreator<AppState, [], [], T>;

const EMPTY_DOC: AriadneDocument = {
  format: 'ariadne/1',
  id: 'empty',
  title: 'No document',
  text: '',
  entityTypes: [],
  relationTypes: [],
  entities: [],
  mentions: [],
  relations: [],
};

const noSelection = {
  selectedEntityId: null,
  selectedRelationId: null,
  mentionCursor: 0,
  currentSentence: null,
  jump: null,
};

const createDocumentSlice: Slice<DocumentSlice> = (set) => ({
  index: buildIndex(EMPTY_DOC),
  docUrl: undefined,
  loadDocument: (doc, docUrl) =>
    set({
      index: indexFor(doc),
      docUrl,
      ...noSelection,
      hiddenEntityTypes: new Set(),
      hiddenRelationTypes: new Set(),
      query: '',
    }),
});

function nextJump(prev: Jump | null, sentence: number): Jump {
  return { sentence, seq: (prev?.seq ?? 0) + 1 };
}

const createSelectionSlice: Slice<SelectionSlice> = (set, get) => ({
  ...noSelection,
  selectEntity: (id, options = {}) => {
    const { index, jump } = get();
    if (id === null || !index.entityById.has(id)) {
      set({ selectedEntityId: null, selectedRelationId: null, mentionCursor: 0 });
      return;
    }
    const mentions = index.mentionsByEntity.get(id) ?? [];
    const at = options.mentionId ? mentions.findIndex((m) => m.id === options.mentionId) : 0;
    const cursor = Math.max(0, at);
    const mention = mentions[cursor];
    const sentence = mention ? sentenceOfMention(index, mention) : undefined;
    set({
      selectedEntityId: id,
      selectedRelationId: null,
      mentionCursor: cursor,
      ...(sentence !== undefined && (options.jump || options.mentionId)
        ? { currentSentence: sentence }
        : {}),
      ...(sentence !== undefined && options.jump ? { jump: nextJump(jump, sentence) } : {}),
    });
  },
  stepMention: (delta) => {
    const { index, selectedEntityId, mentionCursor, jump } = get();
    if (!selectedEntityId) return;
    const mentions = index.mentionsByEntity.get(selectedEntityId) ?? [];
    if (mentions.length === 0) return;
    const cursor = (mentionCursor + delta + mentions.length) % mentions.length;
    const mention = mentions[cursor];
    const sentence = mention ? sentenceOfMention(index, mention) : undefined;
    if (sentence === undefined) return;
    set({ mentionCursor: cursor, currentSentence: sentence, jump: nextJump(jump, sentence) });
  },
  selectRelation: (id, options = {}) => {
    const { index, jump } = get();
    if (id === null || !index.relationById.has(id)) {
      set({ selectedRelationId: null });
      return;
    }
    const sentence = index.evidenceSentences.get(id)?.[0];
    set({
      selectedRelationId: id,
      ...(sentence !== undefined && options.jump
        ? { currentSentence: sentence, jump: nextJump(jump, sentence) }
        : {}),
    });
  },
  clearSelection: () => set({ ...noSelection, jump: get().jump }),
});

function toggled(set: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(set);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

const createFilterSlice: Slice<FilterSlice> = (set, get) => ({
  hiddenEntityTypes: new Set(),
  hiddenRelationTypes: new Set(),
  query: '',
  toggleEntityType: (key) => set({ hiddenEntityTypes: toggled(get().hiddenEntityTypes, key) }),
  toggleRelationType: (key) =>
    set({ hiddenRelationTypes: toggled(get().hiddenRelationTypes, key) }),
  showAllTypes: () => set({ hiddenEntityTypes: new Set(), hiddenRelationTypes: new Set() }),
  setQuery: (query) => set({ query }),
});

const createViewSlice: Slice<ViewSlice> = (set, get) => ({
  applyViewState: (view, { jump = false } = {}) => {
    const { index } = get();
    const entity = view.entity && index.entityById.has(view.entity) ? view.entity : null;
    const relation = view.relation && index.relationById.has(view.relation) ? view.relation : null;
    set({
      hiddenEntityTypes: new Set(view.hiddenEntityTypes.filter((k) => index.entityTypes.has(k))),
      hiddenRelationTypes: new Set(
        view.hiddenRelationTypes.filter((k) => index.relationTypes.has(k)),
      ),
    });
    if (entity !== get().selectedEntityId) get().selectEntity(entity, { jump });
    if (relation !== get().selectedRelationId) get().selectRelation(relation, { jump });
  },
});

export const useAppStore = create<AppState>()((...a) => ({
  ...createDocumentSlice(...a),
  ...createSelectionSlice(...a),
  ...createFilterSlice(...a),
  ...createViewSlice(...a),
  ...createLibrarySlice(...a),
  ...createHistorySlice(...a),
  ...createArrangementSlice(...a),
}));

/** The view state a link should carry for the current store state. */
export function currentViewState(s: AppState): ViewState {
  return {
    doc: s.docUrl,
    entity: s.selectedEntityId ?? undefined,
    relation: s.selectedRelationId ?? undefined,
    hiddenEntityTypes: [...s.hiddenEntityTypes],
    hiddenRelationTypes: [...s.hiddenRelationTypes],
  };
}
