import 'fake-indexeddb/auto';
import { clear, createStore, del as idbDel, get as idbGet, keys, set as idbSet } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import builtin from '../../src/domain/builtin/hts-terror-list.json';
import { importPlainText } from '../../src/domain/formats/plain-text';
import { renameEntity } from '../../src/domain/edits';
import type { AriadneDocument } from '../../src/domain/model';
import { documentSchema } from '../../src/domain/schema';
import { SPLITTER_VERSION, knownSentences, splitSentences } from '../../src/domain/sentences';
import {
  loadPersisted,
  loadRest,
  loadStart,
  openStorage,
  setInTurn,
  startPersistence,
} from '../../src/store/persistence';
import { useAppStore } from '../../src/store/store';

const doc = (name: string, text: string): AriadneDocument =>
  importPlainText(`${name}.txt`, `${name}\n${text}`);

// Each test's persistence stops with it, or later tests would count its writes too.
const running: (() => void)[] = [];
const stopLater = (stop: () => void) => running.push(stop);
afterEach(() => running.splice(0).forEach((stop) => stop()));

beforeEach(async () => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  // An empty library per test (deleting the database would wait on open connections).
  await clear(createStore('ariadne', 'library'));
});

/**
 * A library of `count` documents ("Doc 0"…) stored, with the one at `open` open, and the start a
 * reload would read from storage.
 */
async function storedLibrary(count: number, open: number) {
  const storage = await openStorage();
  if (storage.kind !== 'ok') throw new Error(storage.reason);
  stopLater(startPersistence(storage.store, useAppStore.subscribe, () => {}));
  const docs = Array.from({ length: count }, (_, i) => doc(`Doc ${i}`, `Text ${i}.`));
  useAppStore.getState().addDocuments(docs);
  const order = useAppStore.getState().order;
  useAppStore.getState().openDocument(order[open]!);
  await settle();
  await settle();
  return { storage, docs, order, start: await loadStart(storage.store) };
}

/** The built-in article added, opened and stored, with storage and its id there. */
async function storedArticle() {
  const storage = await openStorage();
  if (storage.kind !== 'ok') throw new Error(storage.reason);
  stopLater(startPersistence(storage.store, useAppStore.subscribe, () => {}));
  const article = builtin as AriadneDocument;
  useAppStore.getState().addDocuments([article], { open: true });
  await settle();
  return { store: storage.store, article, id: useAppStore.getState().openDocumentId! };
}

/**
 * Storage with persistence running, and every count of unsaved documents it told (and of those
 * being removed), in order.
 */
async function persistenceHeard() {
  const storage = await openStorage();
  if (storage.kind !== 'ok') throw new Error(storage.reason);
  const heard: number[] = [];
  // Of those, how many wait for a removal.
  const removing: number[] = [];
  stopLater(
    startPersistence(
      storage.store,
      useAppStore.subscribe,
      () => {},
      (n, r) => {
        heard.push(n);
        removing.push(r);
      },
    ),
  );
  return { storage, heard, removing };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('the library in IndexedDB', () => {
  it('saves added documents and the open one, and loads them back', async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    stopLater(startPersistence(storage.store, useAppStore.subscribe, () => {}));
    const s = useAppStore.getState();
    s.addDocuments([builtin as AriadneDocument], { builtin: true });
    s.addDocuments([doc('One', 'First text.'), doc('Two', 'Second text.')], { open: true });
    await settle();
    const loaded = await loadPersisted(storage.store);
    expect(loaded.problems).toEqual([]);
    expect(loaded.docs.map((d) => d.title).sort()).toEqual(['One', 'Two']);
    expect(loaded.meta?.openId).toBe(useAppStore.getState().openDocumentId);
  });

  it('tells how many documents wait for their write, down to none once stored', async () => {
    const { storage, heard } = await persistenceHeard();
    useAppStore
      .getState()
      .addDocuments([
        doc('One', 'First text.'),
        doc('Two', 'Second text.'),
        doc('Three', 'Third.'),
      ]);
    await Promise.resolve();
    // Told once for the three, after the store's notification.
    expect(heard).toEqual([3]);
    await vi.waitFor(() => expect(heard.at(-1)).toBe(0));
    expect(Math.max(...heard)).toBe(3);
    // By then every document is stored.
    const loaded = await loadPersisted(storage.store);
    expect(loaded.docs.map((d) => d.title).sort()).toEqual(['One', 'Three', 'Two']);
  });

  it("counts a graph's arrangement as unsaved until it is written, the built-in article's too", async () => {
    const { storage, heard } = await persistenceHeard();
    useAppStore.getState().addDocuments([builtin as AriadneDocument], { builtin: true });
    const builtinId = useAppStore.getState().builtinId!;
    useAppStore.getState().keepArrangement(builtinId, { 'e-hts': { x: 1, y: 2 } }, ['e-hts']);
    await Promise.resolve();
    expect(heard).toEqual([1]);
    await vi.waitFor(() => expect(heard.at(-1)).toBe(0));
    expect((await loadStart(storage.store)).arrangements.get(builtinId)?.pinned).toEqual(['e-hts']);
    // Forgetting it is a write too.
    useAppStore.getState().forgetArrangement(builtinId);
    await Promise.resolve();
    expect(heard.at(-1)).toBe(1);
    await vi.waitFor(() => expect(heard.at(-1)).toBe(0));
    expect((await loadStart(storage.store)).arrangements.has(builtinId)).toBe(false);
  });

  it('counts a removed document as unsaved, and as being removed, until its records are gone', async () => {
    const { storage, heard, removing } = await persistenceHeard();
    useAppStore.getState().addDocuments([doc('One', 'First text.')]);
    await vi.waitFor(() => expect(heard.at(-1)).toBe(0));
    // Writes are not removals.
    expect(removing.every((n) => n === 0)).toBe(true);
    const id = useAppStore.getState().order[0]!;
    useAppStore.getState().removeDocument(id);
    await Promise.resolve();
    expect(heard.at(-1)).toBe(1);
    expect(removing.at(-1)).toBe(1);
    await vi.waitFor(() => expect(heard.at(-1)).toBe(0));
    expect(removing.at(-1)).toBe(0);
    expect((await loadPersisted(storage.store)).docs).toEqual([]);
  });

  it('keeps renames and removals, and brings a removed document back on undo', async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    stopLater(startPersistence(storage.store, useAppStore.subscribe, () => {}));
    const s = useAppStore.getState();
    s.addDocuments([doc('One', 'First text.'), doc('Two', 'Second text.')]);
    const [one, two] = useAppStore.getState().order;
    s.renameDocument(one!, 'Renamed');
    s.removeDocument(two!);
    await settle();
    let loaded = await loadPersisted(storage.store);
    expect(loaded.docs.map((d) => d.title)).toEqual(['Renamed']);
    useAppStore.getState().undoRemove();
    await settle();
    loaded = await loadPersisted(storage.store);
    expect(loaded.docs.map((d) => d.title).sort()).toEqual(['Renamed', 'Two']);
  });

  it('reports a stored record that no longer parses, leaves it alone and loads the others', async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    await idbSet('doc:good', doc('Good', 'Fine text.'), storage.store);
    await idbSet('doc:broken', { format: 'ariadne/0', nonsense: true }, storage.store);
    const loaded = await loadPersisted(storage.store);
    expect(loaded.docs.map((d) => d.title)).toEqual(['Good']);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ file: 'saved document broken', severity: 'error' });
    expect(loaded.problems[0]!.message).toMatch(/no longer reads .*left in storage untouched/);
    // Still there for a later version that may read it.
    const again = await loadPersisted(createStore('ariadne', 'library'));
    expect(again.problems).toHaveLength(1);
  });

  it('writes only the parts of a document that an edit changed, and loads it back whole', async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    stopLater(startPersistence(storage.store, useAppStore.subscribe, () => {}));
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const written = () => put.mock.calls.map((c) => String(c[1])).sort();
    useAppStore.getState().addDocuments([builtin as AriadneDocument], { open: true });
    await settle();
    const id = useAppStore.getState().openDocumentId!;
    const parts = ['text', 'entities', 'mentions', 'relations'].map((p) => `part:${id}:${p}`);
    expect(written()).toEqual(expect.arrayContaining([`doc:${id}`, ...parts]));
    // The shell, written with every edit, does not carry the text.
    expect(await idbGet(`doc:${id}`, storage.store)).not.toHaveProperty('text');
    // Storage answers a few ticks later: let the first writes land before counting.
    await settle();
    put.mockClear();
    useAppStore.getState().edit('Rename', (d) => renameEntity(d, 'e-hts', 'HTS'));
    await settle();
    // A rename changes the actors only: the mentions and relations stay as stored.
    expect(written()).toEqual([`doc:${id}`, `part:${id}:entities`]);
    put.mockRestore();
    const loaded = await loadPersisted(storage.store);
    expect(loaded.problems).toEqual([]);
    expect(loaded.docs).toEqual([documentSchema.parse(useAppStore.getState().documents.get(id))]);
    expect(loaded.docs[0]!.entities.find((e) => e.id === 'e-hts')?.name).toBe('HTS');
    useAppStore.getState().removeDocument(id);
    await settle();
    expect((await keys(storage.store)).filter((k) => String(k).includes(id))).toEqual([]);
  });

  it('writes a new document once it is painted, and an edit only after the next frame', async () => {
    // Frames by hand: each call of `frame` runs the animation-frame callbacks queued so far.
    let queued: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => queued.push(cb));
    const frame = async () => {
      const now = queued;
      queued = [];
      now.forEach((cb) => cb(0));
      await settle();
    };
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    // The document's records, not the library's list (written at once).
    const written = () => put.mock.calls.map((c) => String(c[1])).filter((k) => k !== 'meta');
    try {
      const storage = await openStorage();
      if (storage.kind !== 'ok') throw new Error(storage.reason);
      stopLater(startPersistence(storage.store, useAppStore.subscribe, () => {}));
      useAppStore.getState().addDocuments([builtin as AriadneDocument], { open: true });
      const id = useAppStore.getState().openDocumentId!;
      await settle();
      expect(written()).toEqual([]);
      await frame();
      expect(written()).toContain(`doc:${id}`);
      put.mockClear();

      useAppStore.getState().edit('Rename', (d) => renameEntity(d, 'e-hts', 'HTS'));
      await frame();
      // The frame that shows the edit (the graph draws it then) comes first.
      expect(written()).toEqual([]);
      await frame();
      expect(written()).toContain(`doc:${id}`);
    } finally {
      put.mockRestore();
      vi.unstubAllGlobals();
    }
  });

  it("keeps a document's sentences with it, so that a start need not split its text again", async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    stopLater(startPersistence(storage.store, useAppStore.subscribe, () => {}));
    const one = doc('One', 'First sentence here. A second one, about Dr. Smith. And a third.');
    useAppStore.getState().addDocuments([one], { open: true });
    await settle();
    const id = useAppStore.getState().openDocumentId!;
    const kept = () => idbGet(`sentences:${id}`, storage.store);
    const split = splitSentences(one.text);
    expect(await kept()).toEqual({
      version: SPLITTER_VERSION,
      locale: 'en',
      packed: new Int32Array(split.flatMap((x) => [x.start, x.end])),
    });
    // What is read back is what a start uses: here, a record of one sentence for the whole text.
    const whole = { version: SPLITTER_VERSION, locale: 'en', packed: new Int32Array([0, 13]) };
    await idbSet(`sentences:${id}`, whole, storage.store);
    await loadPersisted(storage.store);
    expect(knownSentences(one.text)).toEqual([{ index: 0, start: 0, end: 13 }]);
    useAppStore.getState().removeDocument(id);
    await settle();
    expect(await kept()).toBeUndefined();
  });

  it('keeps the sentences of a document stored without them once it is opened, and of no other', async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    const one = { ...doc('One', 'Stored before. Sentences were kept.'), id: 'one' };
    await idbSet('doc:one', one, storage.store);
    await idbSet('doc:two', { ...doc('Two', 'Never opened here.'), id: 'two' }, storage.store);
    await idbSet('meta', { order: ['one', 'two'], openId: 'one' }, storage.store);
    const start = await loadStart(storage.store);
    stopLater(startPersistence(storage.store, useAppStore.subscribe, () => {}));
    const s = useAppStore.getState();
    s.addDocuments(start.docs, { replace: true });
    await loadRest(storage.store, start.rest, (more) =>
      useAppStore.getState().addDocuments(more, { replace: true }),
    );
    useAppStore.getState().openDocument('one');
    await settle();
    await settle();
    const split = splitSentences(one.text);
    expect(await idbGet('sentences:one', storage.store)).toEqual({
      version: SPLITTER_VERSION,
      locale: 'en',
      packed: new Int32Array(split.flatMap((x) => [x.start, x.end])),
    });
    expect(await idbGet('sentences:two', storage.store)).toBeUndefined();
    // The same for one added now and written before it was ever split.
    const three = doc('Three', 'Added now. Opened later.');
    useAppStore.getState().addDocuments([three]);
    await settle();
    const id = useAppStore.getState().order.at(-1)!;
    expect((await keys(storage.store)).map(String)).toContain(`doc:${id}`);
    expect(await idbGet(`sentences:${id}`, storage.store)).toBeUndefined();
    useAppStore.getState().openDocument(id);
    await settle();
    await settle();
    expect(await idbGet(`sentences:${id}`, storage.store)).toMatchObject({
      version: SPLITTER_VERSION,
    });
  });

  it('splits a stored text again when its kept sentences are of another splitter, locale or text', async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    const texts = ['Stale. Two.', 'Locale. Two.', 'Too long. Two.', 'Odd. Two.', 'Good. Two.'];
    const records = [
      { version: SPLITTER_VERSION - 1, locale: 'en', packed: new Int32Array([0, 4]) },
      { version: SPLITTER_VERSION, locale: 'de', packed: new Int32Array([0, 4]) },
      { version: SPLITTER_VERSION, locale: 'en', packed: new Int32Array([0, 999]) },
      { version: SPLITTER_VERSION, locale: 'en', packed: [0, 4] },
      { version: SPLITTER_VERSION, locale: 'en', packed: new Int32Array([0, 4]) },
    ];
    for (const [i, text] of texts.entries()) {
      const d = { ...doc(`T${i}`, text), id: `t${i}` };
      await idbSet(`doc:t${i}`, d, storage.store);
      await idbSet(`sentences:t${i}`, records[i], storage.store);
    }
    const loaded = await loadPersisted(storage.store);
    expect(loaded.problems).toEqual([]);
    expect(loaded.docs.map((d) => [d.title, knownSentences(d.text)])).toEqual([
      ['T0', undefined],
      ['T1', undefined],
      ['T2', undefined],
      ['T3', undefined],
      // The one that fits is used as it is.
      ['T4', [{ index: 0, start: 0, end: 4 }]],
    ]);
  });

  it('starts with the document open last, and reads the others after, in batches and in order', async () => {
    const { storage, docs, order, start } = await storedLibrary(60, 30);
    expect(start.docs.map((d) => d.title)).toEqual(['Doc 30']);
    expect(start.rest).toEqual(order.filter((id) => id !== order[30]));
    const batches: string[][] = [];
    await loadRest(storage.store, start.rest, (more) => batches.push(more.map((d) => d.title)));
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(docs.map((d) => d.title).filter((t) => t !== 'Doc 30'));
  });

  it('hands the others over as each slice of checking ends, letting other tasks run between', async () => {
    const { storage, start } = await storedLibrary(4, 0);

    const seen: string[] = [];
    // No time for more than one document a slice: each comes on its own, and a task queued
    // meanwhile runs before the next.
    await loadRest(
      storage.store,
      start.rest,
      (more) => {
        seen.push(more.map((d) => d.title).join('+'));
        setTimeout(() => seen.push('other task'), 0);
      },
      { sliceMs: 0 },
    );
    expect(seen).toEqual(['Doc 1', 'other task', 'Doc 2', 'other task', 'Doc 3', 'other task']);
    // With time enough, the batch comes whole.
    const whole: string[] = [];
    await loadRest(
      storage.store,
      start.rest,
      (more) => whole.push(more.map((d) => d.title).join('+')),
      {
        sliceMs: 60_000,
      },
    );
    expect(whole).toEqual(['Doc 1+Doc 2+Doc 3']);
  });

  it("checks a long stored document in several tasks when a slice's time is up, and hands it over whole", async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    stopLater(startPersistence(storage.store, useAppStore.subscribe, () => {}));
    // More mentions than are checked at a time.
    const words = Array.from({ length: 12_000 }, (_, i) => `w${i}`);
    const text = words.join(' ');
    let at = 0;
    const long: AriadneDocument = {
      ...doc('Long', 'x'),
      text,
      entityTypes: [{ key: 'person', label: 'Person' }],
      entities: [{ id: 'e1', name: 'W', type: 'person', aliases: [] }],
      mentions: words.map((w, i) => {
        const start = at;
        at += w.length + 1;
        return { id: `m${i}`, entityId: 'e1', spans: [{ start, end: start + w.length }], text: w };
      }),
    };
    useAppStore.getState().addDocuments([doc('Short', 'A text.'), long], { open: true });
    await settle();
    await settle();
    const start = await loadStart(storage.store);
    // Tasks that ran meanwhile: a timer that queues itself again each time it runs.
    const ticksWhile = async (sliceMs: number) => {
      let ticks = 0;
      let done = false;
      const tick = () => {
        ticks++;
        if (!done) setTimeout(tick, 0);
      };
      setTimeout(tick, 0);
      const got: AriadneDocument[] = [];
      await loadRest(storage.store, start.rest, (more) => got.push(...more), { sliceMs });
      done = true;
      expect(got.map((d) => d.mentions.length)).toEqual([12_000]);
      return ticks;
    };
    const whole = await ticksWhile(60_000);
    const sliced = await ticksWhile(0);
    expect(sliced).toBeGreaterThanOrEqual(whole + 4);
  });

  it('writes nothing for documents read back from storage, and saves one again after undo', async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    await idbSet('doc:one', { ...doc('One', 'First text.'), id: 'one' }, storage.store);
    await idbSet('doc:two', { ...doc('Two', 'Second text.'), id: 'two' }, storage.store);
    await idbSet('meta', { order: ['one', 'two'], openId: 'one' }, storage.store);
    await idbSet('layout:two', { positions: { a: { x: 1, y: 2 } }, pinned: [] }, storage.store);
    const start = await loadStart(storage.store);
    stopLater(startPersistence(storage.store, useAppStore.subscribe, () => {}));
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const s = useAppStore.getState();
    s.addDocuments(start.docs, { replace: true });
    s.expectDocuments(start.rest);
    s.restoreArrangements(start.arrangements);
    // A document added while the library loads cannot take a stored one's id.
    s.addDocuments([{ ...doc('New', 'New text.'), id: 'two' }]);
    expect(useAppStore.getState().order).toEqual(['one', 'two', 'two-2']);
    await loadRest(storage.store, start.rest, (more) =>
      useAppStore.getState().addDocuments(more, { replace: true }),
    );
    await settle();
    const docKeys = () =>
      put.mock.calls.map((c) => String(c[1])).filter((k) => /^(doc|layout):/.test(k));
    expect(docKeys()).toEqual(['doc:two-2']);
    expect(useAppStore.getState().documents.get('two')?.title).toBe('Two');
    put.mockClear();
    useAppStore.getState().removeDocument('one');
    await settle();
    useAppStore.getState().undoRemove();
    await settle();
    expect(docKeys()).toEqual(['doc:one']);
    put.mockRestore();
    const loaded = await loadPersisted(storage.store);
    expect(loaded.docs.map((d) => d.title).sort()).toEqual(['New', 'One', 'Two']);
  });

  it('stores the mentions as columns, and still reads those stored as a list', async () => {
    const { store, article, id } = await storedArticle();
    const part = await idbGet(`part:${id}:mentions`, store);
    expect(part).toMatchObject({ columns: 1, ids: article.mentions.map((m) => m.id) });
    // As a version before columns stored it.
    await idbSet(`part:${id}:mentions`, article.mentions, store);
    const loaded = await loadPersisted(store);
    expect(loaded.problems).toEqual([]);
    expect(loaded.docs[0]?.mentions).toEqual(article.mentions);
  });

  it('stores the relations as columns, and still reads those stored as a list', async () => {
    const { store, article, id } = await storedArticle();
    const part = await idbGet(`part:${id}:relations`, store);
    expect(part).toMatchObject({ columns: 1, ids: article.relations.map((r) => r.id) });
    expect((await loadPersisted(store)).docs[0]?.relations).toEqual(article.relations);
    // As a version before columns stored it.
    await idbSet(`part:${id}:relations`, article.relations, store);
    const loaded = await loadPersisted(store);
    expect(loaded.problems).toEqual([]);
    expect(loaded.docs[0]?.relations).toEqual(article.relations);
  });

  it('still reads a document stored with its text in its shell', async () => {
    const { store, article, id } = await storedArticle();
    // As a version before the text's own part stored it.
    const shell = (await idbGet(`doc:${id}`, store)) as Record<string, unknown>;
    await idbSet(`doc:${id}`, { ...shell, text: article.text }, store);
    await idbDel(`part:${id}:text`, store);
    const loaded = await loadPersisted(store);
    expect(loaded.problems).toEqual([]);
    expect(loaded.docs[0]?.text).toBe(article.text);
    expect(loaded.docs[0]?.relations).toEqual(article.relations);
  });

  it('reports a document whose stored parts are missing, and loads the others', async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    await idbSet('doc:good', doc('Good', 'Fine text.'), storage.store);
    const half = doc('Half', 'Half the parts.');
    await idbSet('doc:half', { ...half, mentions: undefined, storedInParts: true }, storage.store);
    await idbSet('part:half:entities', half.entities, storage.store);
    const loaded = await loadPersisted(storage.store);
    expect(loaded.docs.map((d) => d.title)).toEqual(['Good']);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ file: 'saved document half', severity: 'error' });
  });

  it("keeps how the reader arranged each document's graph, the built-in article's too", async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    stopLater(startPersistence(storage.store, useAppStore.subscribe, () => {}));
    const s = useAppStore.getState();
    s.addDocuments([builtin as AriadneDocument], { builtin: true });
    s.addDocuments([doc('One', 'First text.')]);
    const builtinId = useAppStore.getState().builtinId!;
    const one = useAppStore.getState().order.find((id) => id !== builtinId)!;
    s.keepArrangement(builtinId, { 'e-hts': { x: 10, y: -20 } }, ['e-hts']);
    s.keepArrangement(one, { a: { x: 1, y: 2 } });
    s.keepArrangement(one, { b: { x: 3, y: 4 } }, ['b']);
    await settle();
    let loaded = await loadPersisted(storage.store);
    expect(loaded.problems).toEqual([]);
    expect(Object.fromEntries(loaded.arrangements)).toEqual({
      [builtinId]: { positions: { 'e-hts': { x: 10, y: -20 } }, pinned: ['e-hts'] },
      [one]: { positions: { a: { x: 1, y: 2 }, b: { x: 3, y: 4 } }, pinned: ['b'] },
    });

    useAppStore.getState().unpinNodes(builtinId);
    await settle();
    loaded = await loadPersisted(storage.store);
    expect(loaded.arrangements.get(builtinId)?.pinned).toEqual([]);

    // Removed with its document, and back with it on undo.
    useAppStore.getState().removeDocument(one);
    await settle();
    const layouts = async () =>
      (await keys(storage.store)).filter((k) => String(k).startsWith('layout:')).map(String);
    expect(await layouts()).toEqual([`layout:${builtinId}`]);
    useAppStore.getState().undoRemove();
    await settle();
    loaded = await loadPersisted(storage.store);
    expect(loaded.arrangements.get(one)?.positions).toEqual({
      a: { x: 1, y: 2 },
      b: { x: 3, y: 4 },
    });
  });

  it('skips stored arrangements that do not read, without a word, and loads the rest', async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    const good = { positions: { a: { x: 1, y: 2 } }, pinned: ['a'] };
    await idbSet('doc:good', doc('Good', 'Fine text.'), storage.store);
    await idbSet('layout:good', good, storage.store);
    await idbSet(
      'layout:bad',
      { positions: { a: { x: 'left', y: 2 } }, pinned: [] },
      storage.store,
    );
    await idbSet('layout:worse', [1, 2], storage.store);
    await idbSet('layout:older', { a: { x: 1, y: 2 } }, storage.store);
    const loaded = await loadPersisted(storage.store);
    expect(loaded.problems).toEqual([]);
    expect(loaded.docs.map((d) => d.title)).toEqual(['Good']);
    expect(Object.fromEntries(loaded.arrangements)).toEqual({ good });
  });

  it('goes on in memory and says why when saving fails (storage full)', async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    const failure = vi.fn();
    const full = new DOMException('quota', 'QuotaExceededError');
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw full;
    });
    stopLater(startPersistence(storage.store, useAppStore.subscribe, failure));
    useAppStore.getState().addDocuments([doc('Big', 'Too much text.')], { open: true });
    await settle();
    spy.mockRestore();
    expect(failure).toHaveBeenCalledWith('saving failed: the browser storage is full');
    // Nothing was lost in memory.
    expect(useAppStore.getState().documents.size).toBe(1);
    expect(useAppStore.getState().index.doc.title).toBe('Big');
  });

  it('puts the records of a write one after another, in one transaction: all of them or none', async () => {
    const storage = await openStorage();
    if (storage.kind !== 'ok') throw new Error(storage.reason);
    // Each put is made once the one before has succeeded (so each clones its value in a task of
    // its own).
    const put = IDBObjectStore.prototype.put;
    const requests: IDBRequest[] = [];
    const before: (IDBRequestReadyState | undefined)[] = [];
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      before.push(requests.at(-1)?.readyState);
      const request = put.call(this, value, key);
      requests.push(request);
      return request;
    });
    await setInTurn(
      [
        ['a', 1],
        ['b', { two: 2 }],
        ['c', [3]],
      ],
      storage.store,
    );
    expect(before).toEqual([undefined, 'done', 'done']);
    spy.mockRestore();
    expect(await idbGet('b', storage.store)).toEqual({ two: 2 });

    // A value that cannot be stored, after two that can: the write fails, and neither is kept.
    await expect(
      setInTurn(
        [
          ['d', 4],
          ['e', 5],
          ['f', () => 6],
        ],
        storage.store,
      ),
    ).rejects.toThrow();
    expect(await idbGet('d', storage.store)).toBeUndefined();
    expect(await idbGet('e', storage.store)).toBeUndefined();
    expect(await idbGet('a', storage.store)).toBe(1);
  });

  it('says storage is unavailable where the browser has no IndexedDB', async () => {
    const original = globalThis.indexedDB;
    // @ts-expect-error -- simulating a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      expect(await openStorage()).toEqual({
        kind: 'memory-only',
        reason: 'this browser offers no IndexedDB storage',
      });
    } finally {
      globalThis.indexedDB = original;
    }
  });
});
