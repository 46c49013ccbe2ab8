/**
 * Runs `computeLayout` in a worker. One worker is kept ready (started when the graph first
 * mounts), so a layout does not wait for the worker's script to load and compile. A layout that
 * is cancelled while it runs takes its worker with it; the next request starts a fresh one. Where
 * workers are missing the layout runs in place.
 *
 * A layout is seeded, so the same input always comes out the same: the last few results are kept,
 * and going back to a document (or to its overview after "Show all") draws its graph at once. A
 * document's first layouts are also kept in the browser (`layoutCache`), for the next visit.
 */
import { FIRST_SEED, WARM_UP, canvasMeasure, computeLayout } from './layout';
import type { LayoutInput, Point } from './layout';
import { findLayout, keepLayout, openLayoutCache } from './layoutCache';
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
  if (keepsLayouts()) openLayoutCache();
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

/**
 * Whether first layouts are kept in the browser. Not in development, where the code that lays out
 * changes under the same name (see `findLayout`'s `code`).
 */
function keepsLayouts(): boolean {
  return !import.meta.env.DEV;
}

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
  const done = (positions: Record<string, Point>) => {
    remember(key, copy(positions));
    return positions;
  };
  // A re-run's layout is kept with the document's arrangement instead (see arrangementSlice).
  if (input.seed !== FIRST_SEED || !keepsLayouts()) {
    const job = startLayout(input);
    return { result: job.result.then(done), cancel: job.cancel };
  }
  let cancelled = false;
  // In a worker the layout starts at once, so that one not kept (a new document's) waits for no
  // lookup (which, after a new document's text is drawn, waits behind its storage): a kept one,
  // found first, stops it. On the page (no workers) a layout could not be stopped: it waits.
  let job = typeof Worker === 'undefined' ? null : startLayout(input);
  const computed = () => {
    if (cancelled) return Promise.reject(new Error('the layout was cancelled'));
    job ??= startLayout(input);
    return job.result;
  };
  // This chunk's name changes with its content, which holds the layout code the worker runs too.
  const lookup = findLayout(key, input, import.meta.url);
  // A small graph's worker may well answer first.
  const workerDone = job ? job.result.then(nothing, nothing) : new Promise<null>(() => {});
  const result = Promise.race([lookup, workerDone]).then(async (kept) => {
    if (kept?.positions) {
      job?.cancel();
      // The stopped worker was the one kept ready: another takes its place once the page is idle
      // (its script compiling now would slow the graph being drawn).
      if (job) whenIdle(prepareLayoutWorker);
      const { digest } = kept;
      whenIdle(() => void keepLayout(digest, input));
      return done(kept.positions);
    }
    const positions = done(await computed());
    // Written once the page is idle, by when the caller may have changed what it got.
    const snapshot = copy(positions);
    void lookup.then((k) => {
      if (k && !k.positions) whenIdle(() => void keepLayout(k.digest, input, snapshot));
    });
    return positions;
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
      job?.cancel();
    },
  };
}

const nothing = () => null;

function startLayout(input: LayoutInput): {
  result: Promise<Record<string, Point>>;
  cancel: () => void;
} {
  if (typeof Worker === 'undefined') {
    return {
      result: Promise.resolve().then(() => computeLayout(input, canvasMeasure())),
      cancel: () => {},
    };
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
