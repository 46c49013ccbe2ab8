/**
 * Runs `computeLayout` in a worker. One worker is kept ready (started when the graph first
 * mounts), so a layout does not wait for the worker's script to load and compile. A layout that
 * is cancelled while it runs takes its worker with it; the next request starts a fresh one. Where
 * workers are missing the layout runs in place.
 *
 * A layout is seeded, so the same input always comes out the same: the last few results are kept,
 * and going back to a document (or to its overview after "Show all") draws its graph at once.
 */
import { WARM_UP, computeLayout } from './layout';
import type { LayoutInput, Point } from './layout';
import { whenIdle } from '../whenIdle';

type Reply = { ok: true; positions: Record<string, Point> } | { ok: false; error: string };

let idle: Worker | null = null;

function startWorker(): Worker {
  return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
}

let warmedUp = false;

/**
 * Starts the worker ahead of the first large layout, and once the page is idle has it lay out a
 * small graph: a worker's first layout is its slowest (~3x), and the first layout a reader waits
 * for is that of a document just opened.
 */
export function prepareLayoutWorker(): void {
  if (typeof Worker === 'undefined' || idle) return;
  idle = startWorker();
  if (warmedUp) return;
  warmedUp = true;
  whenIdle(() => idle?.postMessage(WARM_UP));
}

/** How many recent layouts are kept (each a few hundred kilobytes at most, with its key). */
export const RECENT_LAYOUTS = 4;
const recent = new Map<string, Record<string, Point>>();

function remember(key: string, positions: Record<string, Point>): void {
  recent.delete(key);
  recent.set(key, positions);
  for (const old of recent.keys()) {
    if (recent.size <= RECENT_LAYOUTS) break;
    recent.delete(old);
  }
}

/** A copy: callers may keep or change what they get. */
const copy = (positions: Record<string, Point>) =>
  Object.fromEntries(Object.entries(positions).map(([id, p]) => [id, { ...p }]));

export function layoutOffThread(input: LayoutInput): {
  result: Promise<Record<string, Point>>;
  cancel: () => void;
} {
  // The whole input is the key: ids, sizes and labels (label room is estimated) and the seed.
  const key = JSON.stringify(input);
  const known = recent.get(key);
  if (known) {
    remember(key, known);
    return { result: Promise.resolve(copy(known)), cancel: () => {} };
  }
  const job = startLayout(input);
  return {
    result: job.result.then((positions) => {
      remember(key, copy(positions));
      return positions;
    }),
    cancel: job.cancel,
  };
}

function startLayout(input: LayoutInput): {
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
