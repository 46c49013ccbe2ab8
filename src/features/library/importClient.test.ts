import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IntakeFile } from './importClient';

const sample: IntakeFile[] = [{ name: 'sample.txt', bytes: new TextEncoder().encode('A text.') }];

/** A stand-in Worker: records what it is sent and answers imports with `answer`'s messages. */
function fakeWorkers(
  answer: (files: IntakeFile[]) => unknown[] | Promise<unknown[]> = () => [
    { kind: 'done', problems: [] },
  ],
) {
  const started: FakeWorker[] = [];
  class FakeWorker {
    sent: unknown[] = [];
    terminated = false;
    onmessage: ((e: { data: unknown }) => void) | null = null;
    constructor() {
      started.push(this);
    }
    postMessage(m: unknown) {
      this.sent.push(m);
      if (Array.isArray(m)) {
        // One task per message, as a worker's messages arrive.
        void Promise.resolve(answer(m as IntakeFile[])).then((replies) => {
          for (const data of replies) setTimeout(() => this.onmessage?.({ data }));
        });
      }
    }
    terminate() {
      this.terminated = true;
    }
  }
  let onIdle: (() => void) | undefined;
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('requestIdleCallback', (fn: () => void) => {
    onIdle = fn;
  });
  return { started, idle: () => onIdle?.() };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('warmUpImports', () => {
  it('keeps a worker warmed on the sample for each import, started once the page is idle', async () => {
    const workers = fakeWorkers();
    vi.resetModules();
    const { importIntoLibrary, warmUpImports } = await import('./importClient');
    warmUpImports(sample);
    expect(workers.started).toHaveLength(0);
    workers.idle();
    expect(workers.started).toHaveLength(1);
    expect(workers.started[0]?.sent).toEqual([{ warmUp: sample }]);

    await importIntoLibrary(sample);
    // The warmed worker did the import and is gone with its garbage; a fresh one waits for idle.
    expect(workers.started[0]?.sent).toEqual([{ warmUp: sample }, sample]);
    expect(workers.started[0]?.terminated).toBe(true);
    expect(workers.started).toHaveLength(1);
    workers.idle();
    expect(workers.started).toHaveLength(2);
    expect(workers.started[1]?.sent).toEqual([{ warmUp: sample }]);
    await importIntoLibrary(sample);
    expect(workers.started).toHaveLength(2);
    expect(workers.started[1]?.sent).toEqual([{ warmUp: sample }, sample]);
  });
});

describe('importIntoLibrary', () => {
  it('gathers the documents of a worker answering one message each, then adds and opens them', async () => {
    const { importReplies } = await import('./importReplies');
    fakeWorkers((files) => Array.from(importReplies(files), (o) => o.reply));
    vi.resetModules();
    const { importIntoLibrary } = await import('./importClient');
    const { useAppStore } = await import('../../store/store');
    const encode = (s: string) => new TextEncoder().encode(s);
    const files: IntakeFile[] = [
      { name: 'first.txt', bytes: encode('The first one.') },
      { name: 'second.txt', bytes: encode('The second one. It has two sentences.') },
      { name: 'third.json', bytes: encode('{ not json') },
    ];
    expect(await importIntoLibrary(files)).toBe(2);
    const s = useAppStore.getState();
    const titles = s.order.map((id) => s.documents.get(id)?.title);
    expect(titles).toEqual(['The first one.', 'The second one. It has two sentences.']);
    expect(s.index.doc.title).toBe('The first one.');
    expect(s.problems.map((p) => p.file)).toContain('third.json');
  });

  it('puts back together a long document whose records came ahead of it in batches', async () => {
    const { importReplies, RECORDS_PER_MESSAGE } = await import('./importReplies');
    const { generateDocument } = await import('../../../bench/generate');
    const { importFiles } = await import('../../domain/formats/intake');
    const long = generateDocument({ words: 60_000, entities: 6_000, seed: 3 });
    const files: IntakeFile[] = [
      { name: 'long.json', bytes: new TextEncoder().encode(JSON.stringify(long)) },
    ];
    let batches = 0;
    fakeWorkers((sent) =>
      Array.from(importReplies(sent), (o) => {
        if (o.reply.kind === 'records') batches++;
        return o.reply;
      }),
    );
    vi.resetModules();
    const { importIntoLibrary } = await import('./importClient');
    const { useAppStore } = await import('../../store/store');
    expect(await importIntoLibrary(files)).toBe(1);
    expect(long.entities.length).toBeGreaterThan(RECORDS_PER_MESSAGE);
    expect(batches).toBeGreaterThan(0);
    expect(useAppStore.getState().index.doc).toEqual(importFiles(files).documents[0]);
  });

  it('reports a worker answer it cannot read as a problem, and keeps the library as it was', async () => {
    fakeWorkers(() => [
      {
        kind: 'records',
        part: 'mentions',
        records: { columns: 1, ids: ['m0'], entityIds: [], texts: [], spans: new Int32Array() },
      },
      { kind: 'done', problems: [] },
    ]);
    vi.resetModules();
    const { importIntoLibrary } = await import('./importClient');
    const { useAppStore } = await import('../../store/store');
    const before = useAppStore.getState().order;
    expect(await importIntoLibrary(sample)).toBe(0);
    const s = useAppStore.getState();
    expect(s.order).toEqual(before);
    expect(s.importing).toBeNull();
    expect(s.problems.map((p) => p.message)).toEqual([
      'could not be imported: the mentions sent ahead do not unpack',
    ]);
  });

  it('opens the first of many documents with the sentences the worker split, not split again', async () => {
    const { importReplies } = await import('./importReplies');
    // The worker's sentences for the first text: one, where splitting it here would give three.
    fakeWorkers((files) =>
      Array.from(importReplies(files), (o, i) =>
        i === 0 && o.reply.kind === 'document'
          ? { ...o.reply, sentences: new Int32Array([0, o.reply.doc.text.length]) }
          : o.reply,
      ),
    );
    vi.resetModules();
    const { importIntoLibrary } = await import('./importClient');
    const { useAppStore } = await import('../../store/store');
    // More documents than the page remembers the sentences of (four).
    const files: IntakeFile[] = Array.from({ length: 6 }, (_, i) => ({
      name: `report-${i}.txt`,
      bytes: new TextEncoder().encode(`Report ${i}. It has three sentences. This is the third.`),
    }));
    expect(await importIntoLibrary(files)).toBe(6);
    const { index } = useAppStore.getState();
    expect(index.doc.title).toBe('Report 0. It has three sentences. This is the third.');
    expect(index.sentences).toHaveLength(1);
  });

  it('hands chosen files to the worker unread, which reads them and reports one it cannot', async () => {
    const { importReplies, readSources } = await import('./importReplies');
    const workers = fakeWorkers(async (sources) => {
      const { files, problems } = await readSources(sources);
      return Array.from(importReplies(files, problems), (o) => o.reply);
    });
    vi.resetModules();
    const { importChosenFiles } = await import('./importClient');
    const { useAppStore } = await import('../../store/store');
    const chosen = new File(['Chosen, not read on the page.'], 'chosen.txt');
    const unreadable = Object.assign(new File([''], 'gone.txt'), {
      arrayBuffer: () => Promise.reject(new Error('the file was moved')),
    });
    expect(await importChosenFiles([chosen, unreadable])).toBe(1);
    expect(workers.started[0]?.sent).toEqual([
      [
        { name: 'chosen.txt', file: chosen },
        { name: 'gone.txt', file: unreadable },
      ],
    ]);
    const s = useAppStore.getState();
    expect(s.index.doc.text).toBe('Chosen, not read on the page.');
    expect(s.problems).toContainEqual({
      file: 'gone.txt',
      message: 'could not be read: the file was moved',
      severity: 'error',
    });
  });
});
