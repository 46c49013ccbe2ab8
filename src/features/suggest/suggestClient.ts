/**
 * Runs `findSuggestions` in a worker, so that the page stays live while a long text is read (about
 * 4 ms per kB of text, most of it the NLP library's tagger). The worker is started when the reader
 * opens the suggestions (`warmSuggestions`), so that loading the library and its model does not
 * wait for the press, and it lives on for a while after an answer, so that "Look again" finds it
 * ready (and its code compiled); idle, it ends. Where workers are missing (tests in jsdom) the engine
 * is loaded and run in place.
 */
import type { AriadneDocument } from '../../domain/model';
import type { Found, SuggestProgress } from './findSuggestions';
import { keptWorker } from '../keptWorker';

export interface SuggestRequest {
  readonly id: number;
  /** Absent for a warm-up, which gets no reply. */
  readonly doc?: AriadneDocument;
}

export type SuggestReply =
  | { readonly id: number; readonly ok: true; readonly found: Found }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** Sent while a request is under way, every so often. */
export interface SuggestProgressReply {
  readonly id: number;
  readonly progress: SuggestProgress;
}

const suggester = keptWorker<SuggestReply>(
  () => new Worker(new URL('./suggest.worker.ts', import.meta.url), { type: 'module' }),
  { keepMs: 60_000, failure: 'the suggestion engine failed' },
);

/** Starts the worker, if workers there are, so that a request soon after finds it ready. */
export function warmSuggestions(): void {
  if (typeof Worker === 'undefined') return;
  suggester.post({ id: 0 } satisfies SuggestRequest);
}

/**
 * The suggestions for `doc`, found off the main thread where it can be; `onProgress` is told how
 * far the engine is now and then (in place, it is not: nothing could be drawn meanwhile).
 */
export async function suggestOffThread(
  doc: AriadneDocument,
  onProgress?: (progress: SuggestProgress) => void,
): Promise<Found> {
  if (typeof Worker === 'undefined') {
    const { findSuggestions } = await import('./findSuggestions');
    return findSuggestions(doc);
  }
  const reply = await suggester.request(
    (id) => ({ id, doc }) satisfies SuggestRequest,
    onProgress && ((progress) => onProgress(progress as SuggestProgress)),
  );
  return reply.found;
}
