/**
 * Runs `computeLayout` in a worker, one worker per request (a new request does not wait for an old
 * one, whose result is simply dropped). Where workers are missing it runs in place.
 */
import { computeLayout } from './layout';
import type { LayoutInput, Point } from './layout';

type Reply = { ok: true; positions: Record<string, Point> } | { ok: false; error: string };

export function layoutOffThread(input: LayoutInput): {
  result: Promise<Record<string, Point>>;
  cancel: () => void;
} {
  if (typeof Worker === 'undefined') {
    return { result: Promise.resolve().then(() => computeLayout(input)), cancel: () => {} };
  }
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  const result = new Promise<Record<string, Point>>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<Reply>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.positions);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the layout worker failed'));
    };
  });
  worker.postMessage(input);
  return { result, cancel: () => worker.terminate() };
}
