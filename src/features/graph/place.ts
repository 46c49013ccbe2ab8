/**
 * Putting elements on the canvas: laying small graphs out in place, describing large ones for the
 * layout worker, framing the viewport before drawing, and adding elements a few tasks apart.
 * Imperative helpers over a Cytoscape core, used by `GraphView`.
 */
import type {
  Collection,
  Core,
  ElementDataDefinition,
  ElementDefinition,
  SingularElementArgument,
} from 'cytoscape';
import { LABEL_WIDTH } from './graphStyle';
import { FIRST_SEED, SEPARATE_LIMIT, canvasMeasure, computeLayout } from './layout';
import type { FixedNode, LayoutInput, Point } from './layout';
import { separate } from './separate';
import type { Box } from './separate';

/** Where the pinned nodes are now, for the layout to keep them there. */
export function fixedNodes(cy: Core, pinned: ReadonlySet<string>): FixedNode[] {
  return [...pinned]
    .map((id) => cy.$id(id))
    .filter((n) => n.nonempty())
    .map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
}

/** Where every drawn node is now, by id. */
export function positionsOf(cy: Core): Record<string, Point> {
  const out: Record<string, Point> = {};
  cy.nodes().forEach((n) => {
    out[n.id()] = { ...n.position() };
  });
  return out;
}

/**
 * Where the reader left these nodes (see `Arrangement`), for a graph drawn again. Kept places serve
 * when they cover at least half of the nodes; otherwise the picture is mostly new (the reader
 * switched to every actor, or most of the cast changed) and only the pinned nodes keep theirs.
 */
export function keptPlaces(
  nodes: readonly ElementDefinition[],
  kept: { readonly positions: Readonly<Record<string, Point>> } | undefined,
  pinned: ReadonlySet<string>,
): FixedNode[] {
  if (!kept) return [];
  const places = nodes.flatMap((n) => {
    const id = String(n.data.id);
    const p = kept.positions[id];
    return p ? [{ nodeId: id, position: { x: p.x, y: p.y } }] : [];
  });
  return places.length * 2 >= nodes.length ? places : places.filter((f) => pinned.has(f.nodeId));
}

/**
 * Lays a small graph out in place (the layout the worker runs for larger ones: `computeLayout`),
 * then keeps its labels apart as Cytoscape measures them; pinned nodes stay exactly where they
 * were. Also what a page without a working layout worker does with any graph.
 */
export function layoutInPlace(
  cy: Core,
  pinned: ReadonlySet<string>,
  eles: Collection,
  seed = FIRST_SEED,
): void {
  const fixed = fixedNodes(cy, pinned);
  const input = layoutInputOf(
    eles.nodes().map(definitionOf),
    eles.edges().map(definitionOf),
    fixed,
    seed,
  );
  const laid = computeLayout(input, canvasMeasure());
  cy.batch(() => {
    for (const [id, p] of Object.entries(laid)) cy.$id(id).position(p);
    for (const f of fixed) cy.$id(f.nodeId).position(f.position);
  });
  separateLabels(cy, pinned, eles);
  const positions: Record<string, Point> = {};
  eles.nodes().forEach((n) => {
    positions[n.id()] = { ...n.position() };
  });
  const framed = fitToFrame(cy, positions, fixed);
  cy.batch(() => {
    for (const [id, p] of Object.entries(framed)) cy.$id(id).position(p);
  });
}

/**
 * A finished layout, stretched towards the graph pane's proportions (see `stretchToFrame`) unless
 * nodes were fixed: dragged nodes stay exactly where the reader put them.
 */
export function fitToFrame(
  cy: Core,
  positions: Record<string, Point>,
  fixed: readonly FixedNode[],
): Record<string, Point> {
  return fixed.length > 0 ? positions : stretchToFrame(positions, cy.width(), cy.height());
}

/** An element on the graph as the definition it was added from (its data). */
export const definitionOf = (e: SingularElementArgument): ElementDefinition => ({
  data: e.data() as ElementDataDefinition,
});

/** What the layout worker needs of a graph's element definitions. */
export function layoutInputOf(
  nodes: readonly ElementDefinition[],
  edges: readonly ElementDefinition[],
  fixed: FixedNode[] = [],
  seed = FIRST_SEED,
): LayoutInput {
  return {
    nodes: nodes.map((n) => ({
      id: String(n.data.id),
      size: Number(n.data.size) || 30,
      label: String(n.data.label ?? ''),
    })),
    edges: edges.map((e) => ({
      id: String(e.data.id),
      source: String(e.data.source),
      target: String(e.data.target),
    })),
    fixed,
    seed,
  };
}

/**
 * Elements are added this many at a time, each chunk styled, measured and pre-drawn, and chunks
 * go on in one task until it has taken `CHUNKS_SLICE_MS`, so that no single task does it for
 * thousands. Chunks of 150 nodes or 400 edges, a task each, took 50–100 ms at 100,000 words and
 * up to 230 ms for a book's overview (long labels). Nothing is drawn until the last (see
 * GraphView), so small chunks cost no extra drawing.
 */
export const NODE_CHUNK = 40;
export const EDGE_CHUNK = 120;
export const CHUNKS_SLICE_MS = 30;

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The most a layout is stretched along one axis to fill its frame (see `stretchToFrame`). */
export const MAX_STRETCH = 1.6;

/**
 * Stretches a layout along one axis towards the frame's proportions: a force layout comes out
 * round, and a round hairball in a wide pane leaves its sides empty while labels, which run
 * sideways, crowd in the middle. Distances only grow, so nothing comes to overlap. Returns new
 * positions; `width` and `height` are the frame's.
 */
export function stretchToFrame(
  positions: Readonly<Record<string, Point>>,
  width: number,
  height: number,
): Record<string, Point> {
  const points = Object.values(positions);
  if (points.length < 3 || width <= 0 || height <= 0) return { ...positions };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x1, x2] = [Math.min(...xs), Math.max(...xs)];
  const [y1, y2] = [Math.min(...ys), Math.max(...ys)];
  const w = x2 - x1;
  const h = y2 - y1;
  if (w <= 0 || h <= 0) return { ...positions };
  const ratio = width / height / (w / h);
  const sx = ratio > 1 ? Math.min(ratio, MAX_STRETCH) : 1;
  const sy = ratio < 1 ? Math.min(1 / ratio, MAX_STRETCH) : 1;
  const cx = (x1 + x2) / 2;
  const cy = (y1 + y2) / 2;
  const out: Record<string, Point> = {};
  for (const [id, p] of Object.entries(positions))
    out[id] = { x: cx + (p.x - cx) * sx, y: cy + (p.y - cy) * sy };
  return out;
}

export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Room a revealed node takes on its arc (a node and its label, which is wider than the node). */
export const FAN_SPACING = 100;
/** Distance between a fan's centre and its first arc. */
export const FAN_RADIUS = 120;
/** Distance between one arc of a fan and the next (a node and a two-line label). */
export const FAN_ROW = 80;
/** The fan opens this many radians, facing away from the overview. */
const FAN_ANGLE = (5 * Math.PI) / 6;

/**
 * Where a selection and the neighbours it reveals go in a partial graph: beside the overview, not
 * in it, so that neither buries the other. `drawn` is the box the overview's nodes take; `anchor`
 * is where the selection already is (undefined when it must be drawn too); `towards` is where its
 * drawn neighbours are, which decides the side. The selection goes just outside the box on that
 * side (or stays where it is), and the new neighbours fan out around it, away from the box, arc
 * after arc.
 */
export function placeReveal(
  drawn: Rect,
  anchor: Point | undefined,
  towards: Point | undefined,
  count: number,
): { anchor: Point; fresh: Point[] } {
  const centre = { x: (drawn.x1 + drawn.x2) / 2, y: (drawn.y1 + drawn.y2) / 2 };
  const from = anchor ?? towards;
  let dx = from ? from.x - centre.x : 1;
  let dy = from ? from.y - centre.y : 0;
  const length = Math.hypot(dx, dy);
  // A selection at the very centre opens sideways, where a wide pane has room.
  [dx, dy] = length < 1 ? [1, 0] : [dx / length, dy / length];
  // How far the box reaches from its centre in that direction.
  const halfW = (drawn.x2 - drawn.x1) / 2;
  const halfH = (drawn.y2 - drawn.y1) / 2;
  const reachX = Math.abs(dx) > 1e-9 ? halfW / Math.abs(dx) : Infinity;
  const reachY = Math.abs(dy) > 1e-9 ? halfH / Math.abs(dy) : Infinity;
  const reach = Math.min(reachX, reachY);
  const edge = { x: centre.x + dx * reach, y: centre.y + dy * reach };
  // The fan faces straight out of the side it leaves by: opened less than half a turn, it then
  // stays clear of the box.
  const [nx, ny] = reachX <= reachY ? [Math.sign(dx), 0] : [0, Math.sign(dy)];
  const placedAnchor = anchor ?? { x: edge.x + nx * FAN_SPACING, y: edge.y + ny * FAN_SPACING };
  // The fan opens from the anchor when it lies outside the box, else from the box's edge.
  const inside =
    placedAnchor.x > drawn.x1 &&
    placedAnchor.x < drawn.x2 &&
    placedAnchor.y > drawn.y1 &&
    placedAnchor.y < drawn.y2;
  const hub = inside ? edge : placedAnchor;
  const facing = Math.atan2(ny, nx);
  const fresh: Point[] = [];
  for (let row = 0; fresh.length < count; row++) {
    const radius = FAN_RADIUS + row * FAN_ROW;
    const room = Math.max(1, Math.floor((radius * FAN_ANGLE) / FAN_SPACING) + 1);
    const here = Math.min(room, count - fresh.length);
    for (let i = 0; i < here; i++) {
      // Evenly over the fan, centred on the direction away from the box.
      const angle = facing + (here === 1 ? 0 : (i / (here - 1) - 0.5) * FAN_ANGLE);
      fresh.push({ x: hub.x + radius * Math.cos(angle), y: hub.y + radius * Math.sin(angle) });
    }
  }
  return { anchor: placedAnchor, fresh };
}

/** Sets the viewport to show nodes at these positions, as `fit` would once they are drawn. */
export function frameViewport(
  cy: Core,
  nodes: readonly ElementDefinition[],
  positions: Record<string, Point>,
) {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of nodes) {
    const p = positions[String(n.data.id)];
    if (!p) continue;
    const r = (Number(n.data.size) || 30) / 2;
    // A label (at most LABEL_WIDTH wide) is centred under its node and may be wider than it.
    const half = Math.max(r, LABEL_WIDTH / 2);
    x1 = Math.min(x1, p.x - half);
    x2 = Math.max(x2, p.x + half);
    y1 = Math.min(y1, p.y - r);
    // Room for the label below.
    y2 = Math.max(y2, p.y + r + 24);
  }
  if (!Number.isFinite(x1)) return;
  const padding = 40;
  const zoom = Math.min(
    cy.maxZoom(),
    Math.max(
      cy.minZoom(),
      Math.min(
        (cy.width() - 2 * padding) / (x2 - x1 || 1),
        (cy.height() - 2 * padding) / (y2 - y1 || 1),
      ),
    ),
  );
  cy.viewport({
    zoom,
    pan: {
      x: cy.width() / 2 - (zoom * (x1 + x2)) / 2,
      y: cy.height() / 2 - (zoom * (y1 + y2)) / 2,
    },
  });
}

/**
 * Resolves in a task of its own, after the input and the frame that are waiting. A message, not a
 * timer: chained timers are held back 4 ms each.
 */
export const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/** Moves nodes so no two node-plus-label boxes overlap; pinned nodes stay. */
function separateLabels(cy: Core, pinned: ReadonlySet<string>, eles: Collection): void {
  if (eles.nodes().length > SEPARATE_LIMIT) return;
  const offsets = new Map<string, { x: number; y: number }>();
  const boxes: Box[] = eles.nodes().map((n) => {
    const b = n.boundingBox({ includeLabels: true, includeOverlays: false });
    const p = n.position();
    const centre = { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 };
    // Labels sit below their node, so the box centre is offset from the node's position.
    offsets.set(n.id(), { x: centre.x - p.x, y: centre.y - p.y });
    return { id: n.id(), ...centre, w: b.w, h: b.h, fixed: pinned.has(n.id()) };
  });
  if (separate(boxes) === 0) return;
  cy.batch(() => {
    for (const b of boxes) {
      const o = offsets.get(b.id) ?? { x: 0, y: 0 };
      cy.$id(b.id).position({ x: b.x - o.x, y: b.y - o.y });
    }
  });
}
