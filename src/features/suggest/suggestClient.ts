/**
 * Runs `findSuggestions` in a worker, so that the page stays live while a long text is read (about
 * 4 ms per kB of text). One worker per request, ended when it answers or is cancelled. Where
 * workers are missing (tests in jsdom) the engine is loaded and run in place.
 */
import type { AriadneDocument } from '../../domain/model';
import type { Found } from './findSuggestions';

type Reply = { ok: true; found: Found } | { ok: false; error: string };

export function suggestOffThread(doc: AriadneDocument): {
  result: Promise<Found>;
  cancel: () => void;
} {
  if (typeof Worker === 'undefined') {
    return {
      result: import('./findSuggestions').then(({ findSuggestions }) => findSuggestions(doc)),
      cancel: () => {},
    };
  }
  const worker = new Worker(new URL('./suggest.worker.ts', import.meta.url), { type: 'module' });
  const result = new Promise<Found>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<Reply>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.found);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the suggestion engine failed'));
    };
  });
  worker.postMessage(doc);
  return { result, cancel: () => worker.terminate() };
}
