import { afterEach, describe, expect, it, vi } from 'vitest';
import { importPlainText } from '../../domain/formats/plain-text';
import type { SuggestProgressReply, SuggestReply, SuggestRequest } from './suggestClient';

const doc = importPlainText('lisbon.txt', 'Foreign Minister Ana Costa met officials in Lisbon.');

/** Stands in for the suggestion worker: answers a request with a document, as it does. */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: SuggestRequest[] = [];
  ended = false;
  failNext = false;
  /** Sent before the reply, as the engine goes. */
  progress: SuggestProgressReply['progress'][] = [];
  onmessage: ((e: MessageEvent<SuggestReply | SuggestProgressReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;

  constructor() {
    FakeWorker.made.push(this);
  }

  postMessage(request: SuggestRequest): void {
    this.sent.push(request);
    if (!request.doc) return;
    const reply: SuggestReply = this.failNext
      ? { id: request.id, ok: false, error: 'the engine choked' }
      : { id: request.id, ok: true, found: { mentions: [], relations: [] } };
    const send = (data: SuggestReply | SuggestProgressReply) =>
      this.onmessage?.({ data } as MessageEvent<SuggestReply | SuggestProgressReply>);
    queueMicrotask(() => {
      // A report for a request no longer waited for is passed over.
      send({ id: request.id + 100, progress: { stage: 'names', fraction: 0.5 } });
      for (const progress of this.progress) send({ id: request.id, progress });
      send(reply);
    });
  }

  terminate(): void {
    this.ended = true;
  }
}

async function client() {
  vi.resetModules();
  return import('./suggestClient');
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  FakeWorker.made = [];
});

describe('suggestOffThread', () => {
  it('finds suggestions in place where there is no worker', async () => {
    const { suggestOffThread, warmSuggestions } = await client();
    warmSuggestions();
    const found = await suggestOffThread(doc);
    expect(found.mentions.map((m) => m.text)).toContain('Ana Costa');
  });

  it('starts the worker on warming, keeps it for the requests after, and ends it once idle', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', FakeWorker);
    const { suggestOffThread, warmSuggestions } = await client();
    warmSuggestions();
    expect(FakeWorker.made).toHaveLength(1);
    expect(FakeWorker.made[0]?.sent).toEqual([{ id: 0 }]);
    await suggestOffThread(doc);
    await suggestOffThread(doc);
    expect(FakeWorker.made).toHaveLength(1);
    expect(FakeWorker.made[0]?.sent.map((r) => r.doc?.id)).toEqual([undefined, doc.id, doc.id]);
    // Requests with different ids, each answered by its own reply.
    expect(new Set(FakeWorker.made[0]?.sent.map((r) => r.id)).size).toBe(3);
    vi.advanceTimersByTime(59_000);
    expect(FakeWorker.made[0]?.ended).toBe(false);
    vi.advanceTimersByTime(2_000);
    expect(FakeWorker.made[0]?.ended).toBe(true);
    // A request after that starts a new one.
    await suggestOffThread(doc);
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('passes on how far the engine is, for the request it is about', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { suggestOffThread, warmSuggestions } = await client();
    warmSuggestions();
    const worker = FakeWorker.made[0]!;
    worker.progress = [
      { stage: 'names', fraction: 0.25 },
      { stage: 'relations', fraction: 1 },
    ];
    const seen: unknown[] = [];
    await suggestOffThread(doc, (p) => seen.push(p));
    expect(seen).toEqual(worker.progress);
    // Without a listener the reports are dropped, and the answer still comes.
    await expect(suggestOffThread(doc)).resolves.toEqual({ mentions: [], relations: [] });
  });

  it('rejects with the engine’s error, and fails what waits when the worker dies', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { suggestOffThread } = await client();
    const first = suggestOffThread(doc);
    await first;
    const worker = FakeWorker.made[0]!;
    worker.failNext = true;
    await expect(suggestOffThread(doc)).rejects.toThrow('the engine choked');
    worker.failNext = false;
    // A request the worker never answers: it dies instead.
    const postMessage = worker.postMessage.bind(worker);
    worker.postMessage = (r: SuggestRequest) => void worker.sent.push(r);
    const waiting = suggestOffThread(doc);
    worker.onerror?.({ message: 'out of memory' } as ErrorEvent);
    await expect(waiting).rejects.toThrow('out of memory');
    expect(worker.ended).toBe(true);
    worker.postMessage = postMessage;
    await suggestOffThread(doc);
    expect(FakeWorker.made).toHaveLength(2);
  });
});
