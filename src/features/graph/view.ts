/**
 * How the graph shows the reader's state: which elements are selected, filtered, faded or near the
 * selection, and which part of a large document's graph is drawn. Plain functions over a Cytoscape
 * core (no React), so they run against headless Cytoscape in unit tests.
 */
import type {
  Collection,
  Core,
  EdgeCollection,
  EdgeSingular,
  ElementDefinition,
  NodeCollection,
  NodeSingular,
  SingularElementArgument,
} from 'cytoscape';
import { isRelationVisible } from '../../domain/filters';
import type { Relation } from '../../domain/model';
import type { AppState } from '../../store/store';
import { toElements } from './elements';
import type { Point } from './layout';
import { placeReveal } from './place';
import type { Rect } from './place';
import { NEIGHBOUR_LIMIT } from './overview';

/** What of the app's state the graph shows. */
export type ViewState = Pick<
  AppState,
  'index' | 'selectedEntityId' | 'selectedRelationId' | 'hiddenEntityTypes' | 'hiddenRelationTypes'
>;

/**
 * Above this many nodes a sparse graph marks the selection's neighbourhood instead of fading all the
 * rest (a dense one does neither: see `applyView`).
 */
export const FADE_LIMIT = 400;

/** Above this many edges a graph is dense: edges are drawn as light, plain lines (see graphStyle). */
export const DENSE_EDGES = 200;

/**
 * Past this many elements a frame that draws every element again costs 150–400 ms here (~15 µs an
 * element), so the graph avoids such frames: a hovered edge is named in a tooltip rather than
 * restyled (EdgeHover), panning and zooming move a picture of the view until the gesture ends
 * (setViewportTexture), and the selection is drawn above the graph (SelectionLayer).
 */
export const REDRAW_LIMIT = 2000;

/**
 * The class of the elements a partial graph draws for the selection beyond its overview (see
 * `revealAround`). The overview leaves them out of its picture and draws them over it (`drawOver`
 * in textures.ts): they come and go with every click.
 */
export const REVEALED = 'revealed';

/** Classes that show the reader's state (set here, and `hover` by EdgeHover), not the document's. */
export const VIEW_CLASSES: ReadonlySet<string> = new Set([
  'filtered',
  'faded',
  'near',
  'end',
  'hover',
  REVEALED,
]);

/** Marks the edges among these definitions dense before they are added: none is restyled after. */
export function bornDense(elements: readonly ElementDefinition[]): void {
  for (const e of elements) if (e.group === 'edges') e.classes = `${String(e.classes ?? '')} dense`;
}

/**
 * A large document's graph holds only its overview plus the current selection's neighbourhood;
 * `overview` is null when the graph holds everything. `revealed` are the nodes drawn beyond the
 * overview for the selection; `pinned` (nodes the reader dragged) stay once drawn.
 */
export interface Scope {
  overview: ReadonlySet<string> | null;
  revealed: Set<string>;
  pinned: ReadonlySet<string>;
}

/** The anchor, its `NEIGHBOUR_LIMIT` most mentioned neighbours, and a selected relation's ends. */
function neighbourhood(s: ViewState, anchorId: string, rel: Relation | undefined): Set<string> {
  const wanted = new Set<string>([anchorId]);
  const neighbours = new Set<string>();
  for (const r of s.index.relationsByEntity.get(anchorId) ?? []) {
    neighbours.add(r.source === anchorId ? r.target : r.source);
  }
  const mentions = (id: string) => s.index.mentionsByEntity.get(id)?.length ?? 0;
  [...neighbours]
    .sort((a, b) => mentions(b) - mentions(a))
    .slice(0, NEIGHBOUR_LIMIT)
    .forEach((id) => wanted.add(id));
  if (rel) {
    wanted.add(rel.source);
    wanted.add(rel.target);
  }
  return wanted;
}

/**
 * Draws the selection and its neighbours in a partial graph, beside the overview (see
 * `placeReveal`), and takes away what an earlier selection revealed: the graph stays the overview
 * plus one neighbourhood, as its caption says, instead of growing with every click. Returns the
 * nodes it drew, with the selection (`placed`), and whether it took earlier ones away (`hid`).
 */
function revealAround(
  cy: Core,
  scope: Scope,
  s: ViewState,
): { placed?: NodeCollection; hid: boolean; added: readonly string[] } {
  const none: readonly string[] = [];
  const { overview, revealed, pinned } = scope;
  if (!overview) return { hid: false, added: none };
  const rel = s.selectedRelationId ? s.index.relationById.get(s.selectedRelationId) : undefined;
  const anchor = s.selectedEntityId ?? rel?.source;
  const anchorId = anchor && s.index.entityById.has(anchor) ? anchor : undefined;
  const wanted = anchorId ? neighbourhood(s, anchorId, rel) : new Set<string>();
  const hid = hide(
    cy,
    revealed,
    [...revealed].filter((id) => !wanted.has(id) && !pinned.has(id) && !overview.has(id)),
  );
  if (!anchorId) return { hid, added: none };
  const missing = new Set([...wanted].filter((id) => cy.$id(id).empty()));
  const drawn = (id: string) => cy.$id(id).nonempty();
  const anchorWasDrawn = drawn(anchorId);
  const added = toElements(s.index, missing, drawn);
  if (added.length === 0) return { hid, added: none };
  if (cy.edges().length > DENSE_EDGES) bornDense(added);
  for (const e of added) e.classes = `${String(e.classes ?? '')} ${REVEALED}`;
  for (const id of missing) revealed.add(id);
  // Beside the overview, on the side of the anchor or of its neighbours already drawn.
  const box = overviewBox(cy, overview);
  const near = [...wanted].filter((id) => id !== anchorId && !missing.has(id) && drawn(id));
  const towards = near.length > 0 ? centroid(near.map((id) => cy.$id(id).position())) : undefined;
  const fresh = [...missing].filter((id) => id !== anchorId);
  const place = placeReveal(
    box ?? cy.extent(),
    anchorWasDrawn ? { ...cy.$id(anchorId).position() } : undefined,
    towards,
    fresh.length,
  );
  cy.batch(() => {
    cy.add(added);
    if (!anchorWasDrawn) cy.$id(anchorId).position(place.anchor);
    fresh.forEach((id, i) => {
      const p = place.fresh[i];
      if (p) cy.$id(id).position(p);
    });
  });
  const placed = cy.collection();
  for (const id of new Set([...missing, anchorId])) placed.merge(cy.$id(id));
  return { placed, hid, added: added.map((e) => String(e.data.id)) };
}

/** The overview's nodes that are drawn. */
function overviewNodes(cy: Core, overview: ReadonlySet<string>): NodeCollection {
  return cy.nodes().filter((n) => overview.has(n.id()));
}

/** Where the overview's nodes are, or undefined when none is drawn. */
function overviewBox(cy: Core, overview: ReadonlySet<string>): Rect | undefined {
  const points: Point[] = [];
  for (const id of overview) {
    const n = cy.$id(id);
    if (n.nonempty()) points.push(n.position());
  }
  if (points.length === 0) return undefined;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) };
}

function centroid(points: readonly Point[]): Point {
  const sum = points.reduce((a, p) => ({ x: a.x + p.x, y: a.y + p.y }), { x: 0, y: 0 });
  return { x: sum.x / points.length, y: sum.y / points.length };
}

/** Rendered pixels `panInto` keeps between the nodes and the canvas's edges (the toolbar is above it). */
const VIEW_MARGIN = 20;

/**
 * Pans (never zooms: a new zoom redraws every node's texture) so that the nodes just drawn are in
 * view, moving as little as it can; nodes that cannot all fit are centred.
 */
function panInto(cy: Core, nodes: NodeCollection): void {
  const b = nodes.boundingBox({});
  const ext = cy.extent();
  const shift = (lo: number, hi: number, min: number, max: number) =>
    hi - lo > max - min
      ? (min + max) / 2 - (lo + hi) / 2
      : lo < min
        ? min - lo
        : hi > max
          ? max - hi
          : 0;
  const margin = VIEW_MARGIN / cy.zoom();
  const dx = shift(b.x1, b.x2, ext.x1 + margin, ext.x2 - margin);
  const dy = shift(b.y1, b.y2, ext.y1 + margin, ext.y2 - margin);
  if (dx !== 0 || dy !== 0) cy.panBy({ x: dx * cy.zoom(), y: dy * cy.zoom() });
}

/** Whether the nodes fit in the view at its zoom, with the margins `panInto` keeps. */
function fits(cy: Core, nodes: NodeCollection): boolean {
  const b = nodes.boundingBox({});
  const ext = cy.extent();
  const z = cy.zoom();
  return b.w <= ext.w - (2 * VIEW_MARGIN) / z && b.h <= ext.h - (2 * VIEW_MARGIN) / z;
}

/** Removes revealed nodes (with their edges) that the selection no longer needs; says if any. */
function hide(cy: Core, revealed: Set<string>, ids: readonly string[]): boolean {
  if (ids.length === 0) return false;
  cy.batch(() => {
    for (const id of ids) {
      cy.$id(id).remove();
      revealed.delete(id);
    }
  });
  return true;
}

/**
 * Class changes gathered element by element and applied once per class. Cytoscape restyles every
 * element `toggleClass` is called on, even when its classes stay the same, so only real changes are
 * passed on.
 */
class ClassChanges {
  private readonly changes = new Map<string, { add: Collection; remove: Collection }>();

  constructor(private readonly cy: Core) {}

  set(ele: SingularElementArgument, cls: string, on: boolean): void {
    if (ele.hasClass(cls) === on) return;
    let change = this.changes.get(cls);
    if (!change) {
      change = { add: this.cy.collection(), remove: this.cy.collection() };
      this.changes.set(cls, change);
    }
    // `merge` grows the collection in place.
    (on ? change.add : change.remove).merge(ele);
  }

  apply(): void {
    for (const [cls, { add, remove }] of this.changes) {
      if (remove.nonempty()) remove.removeClass(cls);
      if (add.nonempty()) add.addClass(cls);
    }
  }
}

/**
 * Past `DENSE_EDGES` edges a graph is dense: its edges are drawn as light, plain lines (far cheaper
 * than curved ones). Returns whether it is.
 */
export function markDense(cy: Core): boolean {
  const edges = cy.edges();
  if (edges.length <= DENSE_EDGES) return false;
  // Edges added by revealing a neighbourhood come last; most calls find nothing to mark.
  if (!edges.last().hasClass('dense') || !edges.first().hasClass('dense')) {
    // A filter function, not the selector `:not(.dense)`: no selector to parse and match per click.
    edges.filter((e) => !e.hasClass('dense')).addClass('dense');
  }
  return true;
}

/**
 * What shows the selection, by element id: the selected elements, the relations (and, in a
 * sparse graph of thousands, the actors) `near` a selected actor, and the `end`s of a selected
 * relation. A graph that draws its own selection carries the last two as classes.
 */
export interface SelectionMarks {
  readonly selected: ReadonlySet<string>;
  readonly near: ReadonlySet<string>;
  readonly end: ReadonlySet<string>;
}

/** What the last `applyView` on a core marked, and from what: the next one may start from it. */
interface Applied {
  readonly index: ViewState['index'];
  readonly hiddenEntityTypes: ViewState['hiddenEntityTypes'];
  readonly hiddenRelationTypes: ViewState['hiddenRelationTypes'];
  /** The core's count of elements added and removed then (see `elementChanges`). */
  readonly changes: number;
  readonly dense: boolean;
  readonly drawsSelection: boolean;
  /** Nodes and edges that the selection then marked (near, end): only they can lose a mark. */
  readonly marked: ReadonlySet<string>;
}

const applied = new WeakMap<Core, Applied>();
const changeCounts = new WeakMap<Core, { n: number }>();

/** How many elements the core has gained or lost since it was first asked (a version, in effect). */
function elementChanges(cy: Core): number {
  let count = changeCounts.get(cy);
  if (!count) {
    const c = { n: 0 };
    cy.on('add remove', () => c.n++);
    changeCounts.set(cy, c);
    count = c;
  }
  return count.n;
}

/**
 * Brings every element's classes and selection to what the state asks for. Only elements whose
 * state changes are touched: Cytoscape restyles each touched element, which dominates a click on a
 * graph of hundreds of edges. In a dense graph only the selection's own elements carry a mark, so
 * while the document, the filters and the elements stay as they were, a new selection looks at the
 * old and the new selection's elements alone, not at all of them (12,500 in the every-actor view of
 * a long report). Returns the selection's marks, for a SelectionLayer to draw.
 */
export function applyView(
  cy: Core,
  s: ViewState,
  centre: boolean,
  scope: Scope,
  /** False when the reader asks for less motion: the view then moves in one step. */
  motion = true,
  /**
   * False when a SelectionLayer draws the selection above the graph: its elements then carry no
   * `near` or `end` mark. Its sheet would draw none of them, but Cytoscape handles each element
   * whose classes change as restyled: marking the 479 relations of the hub of 100,000 words cost
   * 10–15 ms of a click in the view of every actor.
   */
  drawsSelection = true,
): SelectionMarks {
  const before = elementChanges(cy);
  const { placed, hid, added } = revealAround(cy, scope, s);
  const filters = {
    hiddenEntityTypes: s.hiddenEntityTypes,
    hiddenRelationTypes: s.hiddenRelationTypes,
  };
  const node = s.selectedEntityId ? cy.$id(s.selectedEntityId) : cy.collection();
  const edge = s.selectedRelationId ? cy.$id(s.selectedRelationId) : cy.collection();
  const selected = node.union(edge);
  const changes = elementChanges(cy);
  const last = applied.get(cy);
  // The same document's elements as last time, but for what this selection's reveal added and
  // took away: only the added ones can need their classes.
  const sameButReveal =
    last !== undefined &&
    last.index === s.index &&
    last.changes === before &&
    last.drawsSelection === drawsSelection;
  // None is new, so none needs marking dense.
  const same = sameButReveal && changes === before;
  // Dense graphs draw their edges light (see graphStyle) and keep them so: fading hundreds of
  // edges on every click costs more than it shows. Their selection's edges still stand out.
  const dense = same ? last.dense : markDense(cy);
  // Fading every node outside the neighbourhood restyles nearly every node on each click. In a
  // graph of thousands of nodes the neighbourhood's nodes are marked instead, which touches only
  // them. A dense graph (a large document's overview) marks neither: a node's mark changes its
  // bounds, and Cytoscape then recomputes all its edges, hundreds for a hub; its neighbourhood is
  // drawn by its edges, which turn dark and arrowed (see graphStyle).
  const fadeNodes = !dense && cy.nodes().length <= FADE_LIMIT;
  const markNodes = !dense && !fadeNodes;
  // Plain id sets: `Collection.has` builds a collection from its argument on every call.
  const ids = (c: Collection | NodeCollection | EdgeCollection) =>
    new Set(c.map((e: SingularElementArgument) => e.id()));
  const hood = node.nonempty() ? ids(node.closedNeighborhood()) : null;
  const near = ids(node.connectedEdges());
  const ends = ids(edge.connectedNodes());
  const edgeId = edge.nonempty() ? edge.id() : undefined;
  // Elements outside both selections keep their marks (none) and their filter class; those the
  // reveal added get theirs.
  const onlyMarked =
    sameButReveal &&
    dense &&
    last.hiddenEntityTypes === s.hiddenEntityTypes &&
    last.hiddenRelationTypes === s.hiddenRelationTypes;
  const nearNodes = markNodes && hood !== null ? [...hood].filter((id) => !near.has(id)) : [];
  const marks: SelectionMarks = {
    selected: ids(selected),
    near: new Set([...near, ...nearNodes]),
    end: ends,
  };
  const marked = drawsSelection ? new Set([...near, ...ends]) : new Set<string>();
  const want = new ClassChanges(cy);
  const setNode = (n: NodeSingular) => {
    const id = n.id();
    want.set(n, 'filtered', s.hiddenEntityTypes.has(n.data('type') as string));
    want.set(n, 'faded', fadeNodes && hood !== null && !hood.has(id) && !ends.has(id));
    want.set(n, 'near', drawsSelection && marks.near.has(id));
    want.set(n, 'end', drawsSelection && ends.has(id));
  };
  const setEdge = (e: EdgeSingular) => {
    const id = e.id();
    const r = s.index.relationById.get(id);
    want.set(e, 'filtered', !r || !isRelationVisible(r, s.index, filters));
    want.set(e, 'near', drawsSelection && near.has(id));
    want.set(e, 'faded', !dense && hood !== null && !hood.has(id) && edgeId !== id);
  };
  if (onlyMarked) {
    for (const id of new Set([...last.marked, ...marked, ...added])) {
      const ele = cy.$id(id);
      if (ele.empty()) continue;
      if (ele.isNode()) setNode(ele);
      else setEdge(ele as EdgeSingular);
    }
  } else {
    cy.nodes().forEach(setNode);
    cy.edges().forEach(setEdge);
  }
  cy.batch(() => {
    cy.elements(':selected').difference(selected).unselect();
    selected.filter((e) => !e.selected()).select();
    want.apply();
  });
  applied.set(cy, {
    index: s.index,
    hiddenEntityTypes: s.hiddenEntityTypes,
    hiddenRelationTypes: s.hiddenRelationTypes,
    changes,
    dense,
    drawsSelection,
    marked,
  });
  const focus = node.nonempty() ? node : undefined;
  if (centre && placed) {
    // The overview too, when it fits in the view with them: panned to the new nodes alone, the
    // overview could slide out of view.
    const withOverview = scope.overview ? placed.union(overviewNodes(cy, scope.overview)) : placed;
    panInto(cy, fits(cy, withOverview) ? withOverview : placed);
  } else if (centre && hid && !focus && scope.overview) {
    // The reveal the view was panned to is gone: back to the overview, if it fits at this zoom
    // (a reader who zoomed in on part of it keeps their view).
    const shown = overviewNodes(cy, scope.overview);
    if (shown.nonempty() && fits(cy, shown)) panInto(cy, shown);
  } else if (centre && focus && focus.visible()) {
    const ext = cy.extent();
    const p = focus.position();
    if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) {
      // Every animation frame redraws the whole graph: a large one moves in one step.
      if (fadeNodes && motion) cy.animate({ center: { eles: focus } }, { duration: 250 });
      else cy.center(focus);
    }
  }
  return marks;
}
