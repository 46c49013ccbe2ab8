/**
 * A graph whose selection is drawn above it (SelectionLayer) does not show the selection itself, so
 * a picture of it would leave the selection out. Kept apart from the layer so that the export can
 * ask without loading Cytoscape with the first page.
 */
import type { Core } from 'cytoscape';

type Drawer = <T>(f: () => Promise<T>) => Promise<T>;

const drawers = new WeakMap<Core, Drawer>();

/** Set (or, with undefined, cleared) by the layer drawing `cy`'s selection. */
export function setSelectionDrawer(cy: Core, drawer: Drawer | undefined): void {
  if (drawer) drawers.set(cy, drawer);
  else drawers.delete(cy);
}

/** Runs `f` (a picture of the graph, say) while the graph itself shows its selection. */
export function withSelectionDrawn<T>(cy: Core, f: () => Promise<T>): Promise<T> {
  const drawer = drawers.get(cy);
  return drawer ? drawer(f) : f();
}
