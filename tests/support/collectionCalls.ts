/**
 * Counts calls of methods that every Cytoscape element and collection share (their prototype), for
 * tests that tell a patched or a lighter path by the work it does rather than by its time.
 */
import cytoscape from 'cytoscape';
import { vi } from 'vitest';

type Method = (...args: unknown[]) => unknown;

/** How many times `run` called each of `names`, in that order. */
export function collectionCalls(names: readonly string[], run: () => void): number[] {
  const shared = Object.getPrototypeOf(cytoscape({ headless: true }).collection()) as Record<
    string,
    Method
  >;
  const spies = names.map((name) => vi.spyOn(shared, name));
  try {
    run();
    return spies.map((spy) => spy.mock.calls.length);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
