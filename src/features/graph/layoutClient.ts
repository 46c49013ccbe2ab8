/**
 * Runs `computeLayout` in a worker. One worker is kept ready (started when the graph first
 * mounts), so a layout does not wait for the worker's script to load and compile. A layout that
 * is cancelled while it runs takes its worker with it; the next request starts a fresh one. Where
 * workers are missing the layout runs in place.
 */
import { computeLayout } from './layout';
import type { LayoutInput, Point } from './layout';

type Reply = { ok: true; positions: Record<string, Point> } | { ok: false; error: string };

let idle: Worker | null = null;

function startWorker(): Worker {
  return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
}

/** Starts the worker ahead of the first large layout. */
export function prepareLayoutWorker(): void {
  if (typeof Worker === 'undefined' || idle) return;
  idle = startWorker();
}

export function layoutOffThread(input: LayoutInput): {
  result: Promise<Record<string, Point>>;
  cancel: () => void;
} {
  if (typeof Worker === 'undefined') {
    return { result: Promise.resolve().then(() => computeLayout(input)), cancel: () => {} };
  }
  const worker = idle ?? startWorker();
  idle = null;
  let settled = false;
  const result = new Promise<Record<string, Point>>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<Reply>) => {
      settled = true;
      // Done: keep it for the next layout unless another is already waiting.
      if (idle) worker.terminate();
      else idle = worker;
      if (e.data.ok) resolve(e.data.positions);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      settled = true;
      worker.terminate();
      reject(new Error(e.message || 'the layout worker failed'));
    };
  });
  worker.postMessage(input);
  return {
    result,
    cancel: () => {
      if (!settled) worker.terminate();
    },
  };
}
