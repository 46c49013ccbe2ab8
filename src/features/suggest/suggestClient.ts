/**
 * Runs `findSuggestions` in a worker, so that the page stays live while a long text is read (about
 * 4 ms per kB of text, most of it the NLP library's tagger). The worker is started when the reader
 * opens the suggestions (`warmSuggestions`), so that loading the library and its model does not
 * wait for the press, and it lives on for a while after an answer, so that "Look again" finds it
 * ready (and its code compiled); idle, it ends. Where workers are missing (tests in jsdom) the engine
 * is loaded and run in place.
 */
import type { AriadneDocument } from '../../domain/model';
import type { Found } from './findSuggestions';

export interface SuggestRequest {
  readonly id: number;
  /** Absent for a warm-up: the worker only loads its code. */
  readonly doc?: AriadneDocument;
}

export type SuggestReply =
  | { readonly id: number; readonly ok: true; readonly found: Found }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** How long an idle worker is kept. */
const KEEP_MS = 60_000;

let worker: Worker | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (f: Found) => void; reject: (e: Error) => void }>();

function stop(): void {
  worker?.terminate();
  worker = null;
  clearTimeout(idleTimer);
}

function idle(): void {
  if (pending.size > 0) return;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(stop, KEEP_MS);
}

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./suggest.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<SuggestReply>) => {
    const reply = e.data;
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (waiting) {
      if (reply.ok) waiting.resolve(reply.found);
      else waiting.reject(new Error(reply.error));
    }
    idle();
  };
  w.onerror = (e) => {
    stop();
    const error = new Error(e.message || 'the suggestion engine failed');
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker = w;
  return w;
}

/** Starts the worker, if workers there are, so that a request soon after finds it ready. */
export function warmSuggestions(): void {
  if (typeof Worker === 'undefined') return;
  const w = started();
  if (pending.size === 0) idle();
  w.postMessage({ id: 0 } satisfies SuggestRequest);
}

/** The suggestions for `doc`, found off the main thread where it can be. */
export function suggestOffThread(doc: AriadneDocument): Promise<Found> {
  if (typeof Worker === 'undefined') {
    return import('./findSuggestions').then(({ findSuggestions }) => findSuggestions(doc));
  }
  const w = started();
  clearTimeout(idleTimer);
  const id = nextId++;
  const result = new Promise<Found>((resolve, reject) => pending.set(id, { resolve, reject }));
  w.postMessage({ id, doc } satisfies SuggestRequest);
  return result;
}
