/**
 * How the reader arranged each document's graph: where its nodes were when they last dragged one or
 * re-ran the layout, and which nodes they dragged. Kept with the library (see persistence.ts), so
 * that a reload, or a return to the document, draws the graph as they left it; nodes it did not
 * show then are laid out around the others.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

/** A node's position in the graph's own coordinates (not the screen's). */
export interface Position {
  readonly x: number;
  readonly y: number;
}

/** How the reader left a document's graph. */
export interface Arrangement {
  /** Where each node was drawn when the reader last moved one or re-ran the layout (by entity id). */
  readonly positions: Readonly<Record<string, Position>>;
  /** The nodes the reader dragged: they stay put when the layout runs again. */
  readonly pinned: readonly string[];
}

export interface ArrangementSlice {
  arrangements: ReadonlyMap<string, Arrangement>;
  /**
   * Keeps document `docId`'s graph as drawn now: `positions` of the nodes on screen (added to any
   * kept before), and `dragged` added to the pinned nodes.
   */
  keepArrangement: (
    docId: string,
    positions: Arrangement['positions'],
    dragged?: readonly string[],
  ) => void;
  /** Lets every node of document `docId` move again the next time the layout runs. */
  unpinNodes: (docId: string) => void;
  /** Forgets how the reader arranged document `docId`'s graph: it is laid out as at first. */
  forgetArrangement: (docId: string) => void;
  /** The arrangements read back from storage at startup. */
  restoreArrangements: (saved: ReadonlyMap<string, Arrangement>) => void;
}

const isPosition = (p: unknown): p is Position =>
  typeof p === 'object' &&
  p !== null &&
  Number.isFinite((p as Position).x) &&
  Number.isFinite((p as Position).y);

/** Whether `value` is an arrangement as stored: finite positions and a list of ids. */
export function isArrangement(value: unknown): value is Arrangement {
  if (typeof value !== 'object' || value === null) return false;
  const { positions, pinned } = value as Record<string, unknown>;
  return (
    typeof positions === 'object' &&
    positions !== null &&
    !Array.isArray(positions) &&
    Object.values(positions).every(isPosition) &&
    Array.isArray(pinned) &&
    pinned.every((id) => typeof id === 'string')
  );
}

export const createArrangementSlice: StateCreator<AppState, [], [], ArrangementSlice> = (
  set,
  get,
) => ({
  arrangements: new Map(),
  keepArrangement: (docId, positions, dragged = []) => {
    const before = get().arrangements.get(docId);
    if (Object.keys(positions).length === 0 && dragged.length === 0) return;
    const arrangements = new Map(get().arrangements);
    arrangements.set(docId, {
      positions: { ...before?.positions, ...positions },
      pinned: [...new Set([...(before?.pinned ?? []), ...dragged])],
    });
    set({ arrangements });
  },
  unpinNodes: (docId) => {
    const before = get().arrangements.get(docId);
    if (!before || before.pinned.length === 0) return;
    const arrangements = new Map(get().arrangements);
    arrangements.set(docId, { ...before, pinned: [] });
    set({ arrangements });
  },
  forgetArrangement: (docId) => {
    if (!get().arrangements.has(docId)) return;
    const arrangements = new Map(get().arrangements);
    arrangements.delete(docId);
    set({ arrangements });
  },
  restoreArrangements: (saved) => set({ arrangements: new Map([...get().arrangements, ...saved]) }),
});
