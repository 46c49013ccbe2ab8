import { afterEach, describe, expect, it, vi } from 'vitest';
import builtinJson from '../../domain/builtin/hts-terror-list.json';
import { documentSchema } from '../../domain/schema';
import type { AriadneDocument } from '../../domain/model';
import type { ExportReply, ExportRequest } from './exportClient';
import { exportBlobs } from './exportFiles';

const builtin: AriadneDocument = documentSchema.parse(builtinJson);

/** Stands in for the export worker: answers as it does, and records what the page sent. */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: ExportRequest[] = [];
  ended = false;
  onmessage: ((e: MessageEvent<ExportReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  private held: AriadneDocument | undefined;

  constructor() {
    FakeWorker.made.push(this);
  }

  postMessage(request: ExportRequest): void {
    this.sent.push(request);
    if (request.doc) this.held = request.doc;
    const held = this.held;
    const reply: ExportReply = held
      ? { id: request.id, ok: true, ...exportBlobs(held, request.kind) }
      : { id: request.id, ok: false, error: 'no document was sent' };
    queueMicrotask(() => this.onmessage?.({ data: reply } as MessageEvent<ExportReply>));
  }

  terminate(): void {
    this.ended = true;
  }
}

async function client() {
  vi.resetModules();
  return import('./exportClient');
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  FakeWorker.made = [];
});

describe('exportDocument', () => {
  it('writes the files in place where there is no worker', async () => {
    const { exportDocument } = await client();
    const { files, problems } = await exportDocument(builtin, 'brat');
    expect(files.map((f) => f.name)).toContain('annotation.conf');
    expect(await files[0]?.blob.text()).toBe(builtin.text);
    expect(problems.length).toBeGreaterThan(0);
  });

  it('sends a document to the worker once, and again once it has changed', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { exportDocument } = await client();
    await exportDocument(builtin, 'ariadne-json');
    await exportDocument(builtin, 'graphml');
    const edited = { ...builtin, title: 'Edited' };
    const json = await exportDocument(edited, 'ariadne-json');
    const back = await exportDocument(builtin, 'relations-csv');
    const worker = FakeWorker.made[0]!;
    expect(FakeWorker.made).toHaveLength(1);
    expect(worker.sent.map((r) => r.doc?.title ?? null)).toEqual([
      builtin.title,
      null,
      'Edited',
      builtin.title,
    ]);
    expect(json.files[0]?.name).toBe('edited.ariadne.json');
    expect(back.files[0]?.name).toMatch(/^russia-.*-relations\.csv$/);
  });

  it('ends an idle worker, letting its copy go, and starts a fresh one when needed', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', FakeWorker);
    const { exportDocument } = await client();
    await exportDocument(builtin, 'graphml');
    await vi.advanceTimersByTimeAsync(59_000);
    expect(FakeWorker.made[0]?.ended).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(FakeWorker.made[0]?.ended).toBe(true);
    await exportDocument(builtin, 'graphml');
    expect(FakeWorker.made).toHaveLength(2);
    // The new worker holds nothing yet: it is sent the document.
    expect(FakeWorker.made[1]?.sent[0]?.doc).toBe(builtin);
  });

  it('rejects with what the worker said went wrong', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { exportDocument } = await client();
    const first = exportDocument(builtin, 'graphml');
    FakeWorker.made[0]!.onerror?.({ message: 'out of memory' } as ErrorEvent);
    await expect(first).rejects.toThrow('out of memory');
    // The next export starts a new worker and sends it the document.
    await exportDocument(builtin, 'graphml');
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[1]?.sent[0]?.doc).toBe(builtin);
  });

  it('rejects a document the worker cannot be sent, and sends the next one whole', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { exportDocument } = await client();
    await exportDocument(builtin, 'graphml');
    const worker = FakeWorker.made[0]!;
    const post = vi.spyOn(worker, 'postMessage').mockImplementationOnce(() => {
      throw new DOMException('could not be cloned', 'DataCloneError');
    });
    const edited = { ...builtin, title: 'Edited' };
    await expect(exportDocument(edited, 'graphml')).rejects.toThrow('could not be cloned');
    post.mockRestore();
    // The worker still holds the first document: the edited one is sent again, whole.
    await exportDocument(edited, 'graphml');
    expect(worker.sent.at(-1)?.doc).toBe(edited);
  });
});
