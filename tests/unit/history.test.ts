import 'fake-indexeddb/auto';
import { clear, createStore } from 'idb-keyval';
import { describe, it, expect, beforeEach } from 'vitest';
import json from '../../src/domain/builtin/hts-terror-list.json';
import {
  EditError,
  addRelation,
  deleteEntity,
  mergeEntities,
  renameEntity,
  changeEntityType,
} from '../../src/domain/edits';
import type { AriadneDocument } from '../../src/domain/model';
import { documentSchema } from '../../src/domain/schema';
import { validateDocument } from '../../src/domain/validate';
import {
  HISTORY_LIMIT,
  selectCanRedo,
  selectCanUndo,
  selectFuture,
  selectPast,
  selectRedoLabel,
  selectUndoLabel,
} from '../../src/store/historySlice';
import { loadPersisted, openStorage, startPersistence } from '../../src/store/persistence';
import { useAppStore } from '../../src/store/store';

const builtin: AriadneDocument = documentSchema.parse(json);
const pristine = structuredClone(builtin);
const EDITED = 'hts-terror-list-edited';
const get = () => useAppStore.getState();
const openDoc = () => get().index.doc;
const libraryDoc = (id: string) => get().documents.get(id);

/** The built-in article as a plain library document under another id. */
const plain = (id: string, title = id): AriadneDocument => ({ ...builtin, id, title });

const mergeIsis = (doc: AriadneDocument) => mergeEntities(doc, 'e-hts', 'e-isis');

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  get().addDocuments([builtin], { builtin: true, open: true });
});

describe('history: edit, undo, redo', () => {
  it('applies an edit, saves it in the library and re-indexes the open document', () => {
    get().addDocuments([plain('a')], { open: true });
    const before = openDoc();
    expect(get().edit('Merge ISIS into HTS', mergeIsis)).toBeUndefined();
    const after = openDoc();
    expect(after).not.toBe(before);
    expect(libraryDoc('a')).toBe(after);
    expect(get().index.entityById.has('e-isis')).toBe(false);
    const count = (id: string) => builtin.mentions.filter((m) => m.entityId === id).length;
    expect(get().index.mentionsByEntity.get('e-hts')?.length).toBe(
      count('e-hts') + count('e-isis'),
    );
    expect(validateDocument(after)).toEqual([]);
    expect(get().lastEditLabel).toBe('Merge ISIS into HTS');
    expect(selectPast(get())).toEqual([{ label: 'Merge ISIS into HTS', before, after }]);
    expect(selectCanUndo(get())).toBe(true);
    expect(selectCanRedo(get())).toBe(false);
    expect(selectUndoLabel(get())).toBe('Merge ISIS into HTS');
  });

  it('forgets the last edit’s message when another document is opened', () => {
    get().addDocuments([plain('a')], { open: true });
    get().edit('Merge ISIS into HTS', mergeIsis);
    expect(get().lastEditLabel).toBe('Merge ISIS into HTS');
    get().openDocument('hts-terror-list');
    expect(get().lastEditLabel).toBeNull();
    // The edit itself is kept, and can still be undone in its own document.
    get().openDocument('a');
    expect(selectUndoLabel(get())).toBe('Merge ISIS into HTS');
  });

  it('undo then redo restores each document exactly', () => {
    get().addDocuments([plain('a')], { open: true });
    const before = structuredClone(openDoc());
    get().edit('Merge ISIS into HTS', mergeIsis);
    const after = structuredClone(openDoc());

    expect(get().undo()).toBe(true);
    expect(openDoc()).toEqual(before);
    expect(libraryDoc('a')).toEqual(before);
    expect(get().index.entityById.has('e-isis')).toBe(true);
    expect(get().lastEditLabel).toBe('Undid: Merge ISIS into HTS');
    expect(selectCanUndo(get())).toBe(false);
    expect(selectCanRedo(get())).toBe(true);
    expect(selectRedoLabel(get())).toBe('Merge ISIS into HTS');

    expect(get().redo()).toBe(true);
    expect(openDoc()).toEqual(after);
    expect(libraryDoc('a')).toEqual(after);
    expect(get().lastEditLabel).toBe('Redid: Merge ISIS into HTS');
    expect(selectCanRedo(get())).toBe(false);
    expect(get().redo()).toBe(false);
  });

  it('undoes several edits one step at a time, and redoes them in order', () => {
    get().addDocuments([plain('a')], { open: true });
    const docs = [openDoc()];
    const edits: [string, (d: AriadneDocument) => AriadneDocument][] = [
      ['Merge ISIS into HTS', mergeIsis],
      ['Rename Russia', (d) => renameEntity(d, 'e-russia', 'Russian Federation')],
      ['Delete TASS', (d) => deleteEntity(d, 'e-tass')],
      ['Retype Kremlin', (d) => changeEntityType(d, 'e-kremlin', 'state')],
    ];
    for (const [label, fn] of edits) {
      expect(get().edit(label, fn)).toBeUndefined();
      docs.push(openDoc());
    }
    expect(selectPast(get()).map((e) => e.label)).toEqual(edits.map(([l]) => l));
    for (let i = edits.length - 1; i >= 0; i--) {
      expect(selectUndoLabel(get())).toBe(edits[i]?.[0]);
      get().undo();
      expect(openDoc()).toEqual(docs[i]);
      expect(libraryDoc('a')).toEqual(docs[i]);
    }
    expect(get().undo()).toBe(false);
    expect(selectFuture(get())).toHaveLength(edits.length);
    for (let i = 1; i <= edits.length; i++) {
      get().redo();
      expect(openDoc()).toEqual(docs[i]);
    }
  });

  it('a new edit clears the redo stack', () => {
    get().addDocuments([plain('a')], { open: true });
    get().edit('Merge ISIS into HTS', mergeIsis);
    get().edit('Delete TASS', (d) => deleteEntity(d, 'e-tass'));
    get().undo();
    expect(selectCanRedo(get())).toBe(true);
    get().edit('Rename Russia', (d) => renameEntity(d, 'e-russia', 'RF'));
    expect(selectCanRedo(get())).toBe(false);
    expect(selectFuture(get())).toEqual([]);
    expect(selectPast(get()).map((e) => e.label)).toEqual(['Merge ISIS into HTS', 'Rename Russia']);
    expect(get().redo()).toBe(false);
    expect(get().index.entityById.has('e-tass')).toBe(true);
  });

  it('a failing edit changes nothing and returns the error', () => {
    get().addDocuments([plain('a')], { open: true });
    get().edit('Merge ISIS into HTS', mergeIsis);
    get().selectEntity('e-hts');
    const state = get();
    const error = get().edit('Merge nothing', (d) => mergeEntities(d, 'e-hts', 'e-nobody'));
    expect(error).toBeInstanceOf(EditError);
    expect(error?.message).toBe('Unknown entity to merge "e-nobody"');
    expect(get()).toBe(state);
    // Nothing was recorded for it either.
    expect(selectPast(get())).toHaveLength(1);
  });

  it('refuses an edit that would leave the document invalid, and lets other errors through', () => {
    get().addDocuments([plain('a')], { open: true });
    const state = get();
    const error = get().edit('Break', (d) => ({ ...d, mentions: [...d.mentions, ...d.mentions] }));
    expect(error?.message).toMatch(/^The edit would leave the document invalid: duplicate mention/);
    expect(get()).toBe(state);
    expect(() =>
      get().edit('Crash', () => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });

  it('records nothing for an edit that changes nothing', () => {
    get().addDocuments([plain('a')], { open: true });
    const state = get();
    expect(get().edit('Rename', (d) => renameEntity(d, 'e-russia', 'Russia'))).toBeUndefined();
    expect(get()).toBe(state);
  });

  it('says so when no document is open', () => {
    useAppStore.setState(useAppStore.getInitialState(), true);
    expect(get().edit('Anything', mergeIsis)?.message).toBe('No document is open to edit');
    expect(get().undo()).toBe(false);
    expect(selectCanUndo(get())).toBe(false);
  });

  it(`keeps at most ${HISTORY_LIMIT} entries`, () => {
    const tiny: AriadneDocument = {
      format: 'ariadne/1',
      id: 'tiny',
      title: 'Tiny',
      text: 'TASS',
      entityTypes: [{ key: 'media', label: 'Media' }],
      relationTypes: [],
      entities: [{ id: 'e-tass', name: 'TASS', type: 'media', aliases: [] }],
      mentions: [],
      relations: [],
    };
    get().addDocuments([tiny], { open: true });
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      get().edit(`Rename ${i}`, (d) => renameEntity(d, 'e-tass', `TASS ${i}`));
    }
    const past = selectPast(get());
    expect(past).toHaveLength(HISTORY_LIMIT);
    expect(past[0]?.label).toBe('Rename 5');
    expect(past.at(-1)?.label).toBe(`Rename ${HISTORY_LIMIT + 4}`);
  });
});

describe('history: selection and filters', () => {
  it('keeps a selection that still exists, and the filters', () => {
    get().addDocuments([plain('a')], { open: true });
    get().selectEntity('e-hts', { jump: true });
    get().stepMention(1);
    get().selectRelation('r9');
    get().toggleEntityType('person');
    get().setQuery('assad');
    const { currentSentence, hiddenEntityTypes } = get();
    get().edit('Merge ISIS into HTS', mergeIsis);
    expect(get().selectedEntityId).toBe('e-hts');
    expect(get().selectedRelationId).toBe('r9');
    expect(get().mentionCursor).toBe(1);
    expect(get().currentSentence).toBe(currentSentence);
    expect(get().hiddenEntityTypes).toBe(hiddenEntityTypes);
    expect(get().query).toBe('assad');
  });

  it('clears the selection of an entity or relation that is gone, and brings back neither on undo', () => {
    get().addDocuments([plain('a')], { open: true });
    get().selectEntity('e-isis');
    get().selectRelation('r17');
    get().edit('Delete ISIS', (d) => deleteEntity(d, 'e-isis'));
    expect(get().selectedEntityId).toBeNull();
    expect(get().selectedRelationId).toBeNull();
    expect(get().mentionCursor).toBe(0);
    get().undo();
    expect(get().index.entityById.has('e-isis')).toBe(true);
    expect(get().selectedEntityId).toBeNull();
  });

  it('keeps an entity selected but resets a mention cursor past its mentions', () => {
    get().addDocuments([plain('a')], { open: true });
    get().edit('Merge ISIS into HTS', mergeIsis);
    get().selectEntity('e-hts');
    // HTS has 12 mentions after the merge and 8 before it.
    for (let i = 0; i < 10; i++) get().stepMention(1);
    expect(get().mentionCursor).toBe(10);
    get().undo();
    expect(get().selectedEntityId).toBe('e-hts');
    expect(get().mentionCursor).toBe(0);
  });
});

describe('history: the built-in article', () => {
  it('makes an edited copy, opens it and leaves the built-in untouched', () => {
    get().selectEntity('e-hts');
    expect(get().openDocumentId).toBe('hts-terror-list');
    expect(get().edit('Merge ISIS into HTS', mergeIsis)).toBeUndefined();

    expect(libraryDoc('hts-terror-list')).toBe(builtin);
    expect(builtin).toEqual(pristine);
    expect(get().builtinId).toBe('hts-terror-list');

    const copy = libraryDoc(EDITED);
    expect(copy).toBe(openDoc());
    expect(get().openDocumentId).toBe(EDITED);
    expect(get().order).toEqual(['hts-terror-list', EDITED]);
    expect(copy?.title).toBe(`${builtin.title} (edited)`);
    expect(copy?.entities.some((e) => e.id === 'e-isis')).toBe(false);
    expect(validateDocument(copy as AriadneDocument)).toEqual([]);
    expect(get().selectedEntityId).toBe('e-hts');
    expect(selectUndoLabel(get())).toBe('Merge ISIS into HTS');

    // Further edits go to the copy; undoing all of them leaves the copy unedited.
    get().edit('Delete TASS', (d) => deleteEntity(d, 'e-tass'));
    expect(get().openDocumentId).toBe(EDITED);
    expect(get().documents.size).toBe(2);
    get().undo();
    get().undo();
    expect(openDoc()).toEqual({
      ...builtin,
      id: EDITED,
      title: `${builtin.title} (edited)`,
      source: { ...builtin.source, origin: 'built-in (edited copy)' },
    });
    expect(libraryDoc('hts-terror-list')).toBe(builtin);
  });

  it('makes a second copy when the first is taken, and a failing edit makes none', () => {
    get().edit('Merge ISIS into HTS', mergeIsis);
    get().openDocument('hts-terror-list');
    expect(selectCanUndo(get())).toBe(false);
    expect(get().edit('Bad', (d) => deleteEntity(d, 'nobody'))?.message).toBe(
      'Unknown entity "nobody"',
    );
    expect(get().documents.size).toBe(2);
    get().edit('Delete TASS', (d) => deleteEntity(d, 'e-tass'));
    expect(get().openDocumentId).toBe(`${EDITED}-2`);
    expect(get().order).toEqual(['hts-terror-list', `${EDITED}-2`, EDITED]);
    expect(libraryDoc('hts-terror-list')).toBe(builtin);
  });
});

describe('history: per-document stacks', () => {
  it('keeps each document its own undo and redo', () => {
    get().addDocuments([plain('a'), plain('b')]);
    get().openDocument('a');
    get().edit('Merge ISIS into HTS', mergeIsis);
    get().edit('Delete TASS', (d) => deleteEntity(d, 'e-tass'));
    const aAfter = openDoc();

    get().openDocument('b');
    expect(selectCanUndo(get())).toBe(false);
    get().edit('Rename Russia', (d) => renameEntity(d, 'e-russia', 'RF'));
    get().undo();
    expect(selectCanRedo(get())).toBe(true);
    expect(libraryDoc('a')).toBe(aAfter);

    get().openDocument('a');
    expect(selectPast(get()).map((e) => e.label)).toEqual(['Merge ISIS into HTS', 'Delete TASS']);
    expect(selectCanRedo(get())).toBe(false);
    get().undo();
    expect(get().index.entityById.has('e-tass')).toBe(true);
    expect(libraryDoc('b')).toEqual(plain('b'));

    get().openDocument('b');
    expect(selectRedoLabel(get())).toBe('Rename Russia');
    get().redo();
    expect(get().index.entityById.get('e-russia')?.name).toBe('RF');
  });

  it('survives a rename and keeps the new title on undo', () => {
    get().addDocuments([plain('a', 'Old')], { open: true });
    get().edit('Merge ISIS into HTS', mergeIsis);
    get().renameDocument('a', 'New');
    expect(selectCanUndo(get())).toBe(true);
    get().undo();
    expect(openDoc().title).toBe('New');
    expect(openDoc().entities.some((e) => e.id === 'e-isis')).toBe(true);
    get().redo();
    expect(openDoc().title).toBe('New');
    expect(openDoc().entities.some((e) => e.id === 'e-isis')).toBe(false);
  });

  it('forgets a stack whose document was replaced by a re-import', () => {
    get().addDocuments([plain('a')], { open: true });
    get().edit('Merge ISIS into HTS', mergeIsis);
    get().addDocuments([plain('a', 'Reloaded')], { replace: true, open: true });
    expect(selectCanUndo(get())).toBe(false);
    expect(get().undo()).toBe(false);
    get().edit('Delete TASS', (d) => deleteEntity(d, 'e-tass'));
    expect(selectPast(get()).map((e) => e.label)).toEqual(['Delete TASS']);
  });
});

describe('history: persistence', () => {
  it('saves edits, undos and the edited copy of the built-in', async () => {
    await clear(createStore('ariadne', 'library'));
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    const stop = startPersistence(storage.store, useAppStore.subscribe, () => {});
    const settle = async () => {
      for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    };
    try {
      get().edit('Merge ISIS into HTS', mergeIsis);
      get().edit('Add a relation', (d) =>
        addRelation(d, {
          type: 'warned-about',
          source: 'e-russia',
          target: 'e-hts',
          evidence: [{ start: 0, end: 69 }],
        }),
      );
      await settle();
      let loaded = await loadPersisted(storage.store);
      expect(loaded.problems).toEqual([]);
      expect(loaded.docs.map((d) => d.id)).toEqual([EDITED]);
      expect(loaded.docs[0]?.relations).toHaveLength(builtin.relations.length + 1);
      expect(loaded.meta?.openId).toBe(EDITED);

      get().undo();
      await settle();
      loaded = await loadPersisted(storage.store);
      expect(loaded.docs[0]?.relations).toHaveLength(builtin.relations.length);
    } finally {
      stop();
    }
  });
});
