/**
 * What a document's graph is drawn from when it is drawn afresh (a document opened, "Show all",
 * "Reset layout"): which actors, which of them the reader pinned, where the reader left them, and
 * so what the layout has to place. A pure function of the document and the arrangement, apart from
 * the graph's build that draws it.
 */
import type { ElementDefinition } from 'cytoscape';
import type { DocumentIndex } from '../../domain/indexes';
import type { Arrangement } from '../../store/arrangementSlice';
import { toElements } from './elements';
import { IN_PLACE_LAYOUT_LIMIT } from './layout';
import type { FixedNode, LayoutInput } from './layout';
import { isLarge, overviewIds } from './overview';
import { keptPlaces, layoutInputOf } from './place';
import { DENSE_EDGES, bornDense } from './view';

export interface FreshDrawing {
  /** The overview's actors when a large document shows only those, else null (every actor). */
  readonly overview: ReadonlySet<string> | null;
  /** The nodes the reader dragged, still in the document. */
  readonly pinned: Set<string>;
  readonly nodes: ElementDefinition[];
  readonly edges: ElementDefinition[];
  /** Where the reader left nodes (see `keptPlaces`). */
  readonly places: FixedNode[];
}

export function freshDrawing(
  index: DocumentIndex,
  kept: Arrangement | undefined,
  showAll: boolean,
): FreshDrawing {
  const overview = isLarge(index) && !showAll ? overviewIds(index) : null;
  const pinned = new Set((kept?.pinned ?? []).filter((id) => index.entityById.has(id)));
  const elements = toElements(index, overview ? new Set([...overview, ...pinned]) : undefined);
  const nodes = elements.filter((e) => e.group === 'nodes');
  const edges = elements.filter((e) => e.group === 'edges');
  if (edges.length > DENSE_EDGES) bornDense(edges);
  return { overview, pinned, nodes, edges, places: keptPlaces(nodes, kept, pinned) };
}

/** Whether every node has a kept place, so that nothing is laid out. */
export function fullyPlaced(d: FreshDrawing): boolean {
  return d.nodes.length > 0 && d.places.length === d.nodes.length;
}

/**
 * The layout a fresh drawing has the worker do, or null: small graphs are laid out in place (their
 * labels measured), and a graph whose every node has a kept place needs none.
 */
export function offThreadLayout(d: FreshDrawing): LayoutInput | null {
  if (d.nodes.length <= IN_PLACE_LAYOUT_LIMIT || fullyPlaced(d)) return null;
  return layoutInputOf(d.nodes, d.edges, d.places);
}
