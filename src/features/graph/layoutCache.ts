/**
 * First layouts of large graphs, kept in the browser (IndexedDB) so that a reload, or a visit on a
 * later day, draws a large document's graph without laying it out again: at 100,000 words the
 * overview's layout in a fresh worker was 0.65–0.75 s of a reload's ~2 s to a usable graph.
 *
 * A cache, never a requirement: whatever goes wrong (no IndexedDB, no `crypto.subtle` outside a
 * secure context, storage full, a record that does not read, a database that does not answer within
 * a second) is a miss, and the graph is laid out as if nothing had been kept.
 *
 * What is kept is numbers only: each layout's positions as x, y pairs in the input's node order,
 * under a SHA-256 digest of the whole input (ids, sizes, labels, edges, fixed nodes, seed) and of
 * the build's layout code. No name, id or text of a document is stored, so nothing lingers once a
 * document is removed; a layout nobody asks for again is dropped after `KEPT_LAYOUTS` newer ones.
 */
import { createStore, delMany, get, set, update } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import type { LayoutInput, Point } from './layout';

/** How many layouts are kept (the largest, every actor of 5,000, is 80 KB). */
export const KEPT_LAYOUTS = 12;

/**
 * A lookup that has not answered by then is a miss. Where there are workers the layout runs
 * meanwhile (see layoutClient), so a longer wait costs nothing and lets a lookup slowed by a busy
 * machine still be used; it bounds the wait of a page without workers, whose layout waits for it.
 */
export const LOOKUP_TIMEOUT_MS = 1000;

/** The digests of the kept layouts, the most recently used last. */
const RECENT = 'recent';

let opened: UseStore | null | undefined;

function storeOf(): UseStore | null {
  if (opened === undefined) {
    opened =
      typeof indexedDB === 'undefined' || typeof crypto === 'undefined' || !crypto.subtle
        ? null
        : createStore('ariadne-layouts', 'layouts');
  }
  return opened;
}

/** Opens the database ahead of the first lookup (a first open takes a few milliseconds). */
export function openLayoutCache(): void {
  const store = storeOf();
  if (store) get(RECENT, store).catch(() => undefined);
}

/**
 * The key of a layout: its input, and `code`, which names the code that lays out (the caller's
 * chunk, whose name a build derives from its content), so that a new build never takes an older
 * one's layouts.
 */
async function digestOf(input: string, code: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${code}\n${input}`);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface KeptLayout {
  /** The layout's key in storage, to keep it under (`keepLayout`) once it is computed. */
  readonly digest: string;
  /** The kept positions, or null when none are kept (or none read). */
  readonly positions: Record<string, Point> | null;
}

function within<T>(p: Promise<T>, ms: number, late: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(late), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(late);
      },
    );
  });
}

/**
 * The layout kept for `input` (as `JSON.stringify`ed by the caller, `key`), or null when there is
 * no storage to keep one in. Never rejects.
 */
export function findLayout(
  key: string,
  input: LayoutInput,
  code: string,
): Promise<KeptLayout | null> {
  const store = storeOf();
  if (!store) return Promise.resolve(null);
  const lookup = async (): Promise<KeptLayout> => {
    const digest = await digestOf(key, code);
    const value: unknown = await get(digest, store).catch(() => undefined);
    return { digest, positions: positionsOf(value, input) };
  };
  return within(lookup(), LOOKUP_TIMEOUT_MS, null);
}

/** The stored pairs as positions of the input's nodes, if they are that. */
function positionsOf(value: unknown, input: LayoutInput): Record<string, Point> | null {
  if (!(value instanceof Float64Array) || value.length !== input.nodes.length * 2) return null;
  if (!value.every(Number.isFinite)) return null;
  const positions: Record<string, Point> = {};
  input.nodes.forEach((n, i) => {
    positions[n.id] = { x: value[2 * i]!, y: value[2 * i + 1]! };
  });
  return positions;
}

/**
 * Keeps `positions` (all of `input`'s nodes) under `digest` as the most recently used layout, or
 * only marks it so when `positions` is omitted (it was just found), and forgets the oldest past
 * `KEPT_LAYOUTS`. Never rejects.
 */
export async function keepLayout(
  digest: string,
  input: LayoutInput,
  positions?: Readonly<Record<string, Point>>,
): Promise<void> {
  const store = storeOf();
  if (!store) return;
  try {
    if (positions) {
      const pairs = new Float64Array(input.nodes.length * 2);
      input.nodes.forEach((n, i) => {
        const p = positions[n.id];
        pairs[2 * i] = p?.x ?? NaN;
        pairs[2 * i + 1] = p?.y ?? NaN;
      });
      // A layout that left a node out is not worth keeping: it would never read back.
      if (!pairs.every(Number.isFinite)) return;
      await set(digest, pairs, store);
    }
    let dropped: string[] = [];
    await update<string[]>(
      RECENT,
      (old) => {
        const recent = (Array.isArray(old) ? old : []).filter(
          (d): d is string => typeof d === 'string' && d !== digest,
        );
        recent.push(digest);
        dropped = recent.splice(0, Math.max(0, recent.length - KEPT_LAYOUTS));
        return recent;
      },
      store,
    );
    if (dropped.length > 0) await delMany(dropped, store);
  } catch {
    // Full or gone: the next visit lays the graph out again.
  }
}
