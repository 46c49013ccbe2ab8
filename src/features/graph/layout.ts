/**
 * Where the nodes go: `computeLayout`, up to 400 nodes by stress majorization (`stress.ts`), past
 * that by fcose's spectral draft on a headless copy of the graph. Small graphs are laid out on the
 * page (`layoutInPlace`), larger ones in a worker (`layout.worker.ts`) so that the page stays
 * responsive.
 */
import cytoscape from 'cytoscape';
import type { LayoutOptions } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { LABEL_FONT, LABEL_WIDTH } from './graphStyle';
import { separate } from './separate';
import type { Box } from './separate';
import { stressLayout } from './stress';

cytoscape.use(fcose);

/**
 * Up to this many nodes a graph is laid out in place (`layoutInPlace`); above, off the main thread.
 * The layout itself takes 2–16 ms at 30–59 nodes (in Node), but drawing a graph at once
 * rather than in parts does not pay: in place up to 80, a 55-actor document's graph came no sooner
 * (147 → 158 ms median, eight opens each) and its longest task grew (51 → 64 ms).
 */
export const IN_PLACE_LAYOUT_LIMIT = 20;

/** Above this many nodes the pairwise label overlap pass would cost more than it helps. */
export const SEPARATE_LIMIT = 400;

export interface Point {
  x: number;
  y: number;
}

export interface FixedNode {
  nodeId: string;
  position: Point;
}

/**
 * What a layout needs to know of a graph: node sizes and who is linked to whom; and the seed of its
 * random start, so that the same graph comes out the same on every load.
 */
export interface LayoutInput {
  nodes: { id: string; size: number; label: string }[];
  edges: { id: string; source: string; target: string }[];
  fixed: FixedNode[];
  seed: number;
}

/** The seed of a graph's first layout; "Re-run layout" takes the next ones, for a fresh start. */
export const FIRST_SEED = 1;

/**
 * Runs a synchronous layout with `Math.random` drawn from a generator seeded with `seed`: fcose
 * starts from random positions and offers no seed of its own. Nothing else runs meanwhile (the
 * layout does not animate), and the real `Math.random` is back before this returns.
 */
export function seeded<T>(seed: number, run: () => T): T {
  const random = Math.random;
  const rng = xoroshiro128plus(seed);
  Math.random = () => uniformFloat64(rng);
  try {
    return run();
  } finally {
    Math.random = random;
  }
}

/** Up to this many nodes a layout is a stress layout; past it, fcose's spectral draft alone. */
export const REFINED_LAYOUT_LIMIT = 400;

/**
 * fcose's options for the spectral draft of a large graph: its force pass grows quadratically, and
 * a readable hairball is not on offer at thousands of nodes anyway. No fit: a headless graph has no
 * view to frame, and framing it measured every element again.
 */
export function draftOptions(fixed: FixedNode[]): LayoutOptions {
  return {
    name: 'fcose',
    fit: false,
    quality: 'draft',
    animate: false,
    randomize: true,
    nodeDimensionsIncludeLabels: false,
    nodeRepulsion: () => 6000,
    idealEdgeLength: () => 70,
    edgeElasticity: () => 0.4,
    nodeSeparation: 60,
    packComponents: true,
    padding: 40,
    fixedNodeConstraint: fixed.length > 0 ? fixed : undefined,
  } as LayoutOptions;
}

/**
 * Lays a graph out and returns every node's position: by stress majorization up to
 * `REFINED_LAYOUT_LIMIT` nodes, fcose's spectral draft past that. No DOM needed: the layout worker
 * runs it for graphs of more than `IN_PLACE_LAYOUT_LIMIT` nodes, the page for smaller ones.
 */
export function computeLayout(
  input: LayoutInput,
  /** How wide a text is in the labels' font (`canvasMeasure`); by its characters without. */
  measure?: MeasureText,
): Record<string, Point> {
  if (input.nodes.length <= REFINED_LAYOUT_LIMIT) return stressed(input, measure);
  // fcose joins a graph's components into one before its spectral draft, at a cost that grows with
  // their number times the graph's size: a 5,000-actor document with 1,117 actors in no relation
  // (1,165 components) took 3.1–3.5 s to lay out, 1.7–2.2 s without them. Actors in no relation
  // have no place to be found anyway: they go in a block of their own under the others.
  const ids = new Set(input.nodes.map((n) => n.id));
  const linked = new Set(
    input.edges.flatMap((e) =>
      ids.has(e.source) && ids.has(e.target) ? [e.source, e.target] : [],
    ),
  );
  const fixed = new Set(input.fixed.map((f) => f.nodeId));
  const alone = input.nodes.filter((n) => !linked.has(n.id) && !fixed.has(n.id));
  if (alone.length === 0) return draftLayout(input);
  const rest = new Set(alone.map((n) => n.id));
  const positions =
    alone.length < input.nodes.length
      ? draftLayout({ ...input, nodes: input.nodes.filter((n) => !rest.has(n.id)) })
      : {};
  return { ...positions, ...gridUnder(positions, alone) };
}

/**
 * Nodes in rows under the drawing `above` (or around the origin when it is empty), as wide as it,
 * `ROOM_PER_NODE` apart, the most mentioned (biggest) first.
 */
function gridUnder(
  above: Readonly<Record<string, Point>>,
  nodes: LayoutInput['nodes'],
): Record<string, Point> {
  const points = Object.values(above);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const width = points.length > 1 ? Math.max(...xs) - Math.min(...xs) : 0;
  const columns = Math.max(
    Math.ceil(Math.sqrt(nodes.length)),
    Math.floor(width / ROOM_PER_NODE) + 1,
  );
  const left = points.length > 0 ? Math.min(...xs) : (-(columns - 1) * ROOM_PER_NODE) / 2;
  const top = points.length > 0 ? Math.max(...ys) + 2 * ROOM_PER_NODE : 0;
  const order = nodes.map((n, i) => ({ n, i })).sort((a, b) => b.n.size - a.n.size || a.i - b.i);
  const out: Record<string, Point> = {};
  order.forEach(({ n }, k) => {
    out[n.id] = {
      x: left + (k % columns) * ROOM_PER_NODE,
      y: top + Math.floor(k / columns) * ROOM_PER_NODE,
    };
  });
  return out;
}

/**
 * fcose's spectral draft of a graph of more than `REFINED_LAYOUT_LIMIT` nodes, on a headless
 * Cytoscape, spread out so that the nodes have room.
 */
function draftLayout(input: LayoutInput): Record<string, Point> {
  const nodeIds = new Set(input.nodes.map((n) => n.id));
  // The draft places nodes by their links alone: their sizes only moved the drawing as a whole (by
  // ~10 px; not at all with fixed nodes), and styling thousands of elements to give them sizes took
  // a third of the layout of every actor of a long report. So the graph is not styled.
  const cy = cytoscape({
    headless: true,
    styleEnabled: false,
    elements: [
      ...input.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id } })),
      ...input.edges
        .filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target))
        .map((e) => ({
          group: 'edges' as const,
          data: { id: e.id, source: e.source, target: e.target },
        })),
    ],
  });
  const fixed = input.fixed.filter((f) => nodeIds.has(f.nodeId));
  seeded(input.seed, () => cy.layout(draftOptions(fixed)).run());
  const positions: Record<string, Point> = {};
  cy.nodes().forEach((n) => {
    positions[n.id()] = { ...n.position() };
  });
  cy.destroy();
  spreadOut(positions, input.nodes);
  // fcose honours fixed nodes only up to its own tolerance; they go back exactly where they were.
  for (const f of fixed) positions[f.nodeId] = { ...f.position };
  // Spread out, the others moved and the fixed ones went back: one may now lie on another, and a
  // reader grabbing it would drag whichever is drawn on top.
  clearAround(fixed, positions, input.nodes);
  return positions;
}

/**
 * The shortest hop of the stress layout, between the centres of two related nodes: about a wrapped
 * label's width (110 px), so that the label pass has little left to push apart. Dense graphs get
 * longer hops (see `stressLayout`). Over the overviews of six generated documents and six brat
 * documents of 68–80 actors (docs/performance.md), 100 px drew them as compact as fcose did.
 */
export const STRESS_SPACING = 100;

/**
 * A graph of up to `REFINED_LAYOUT_LIMIT` nodes laid out by stress majorization, then its labels
 * kept apart. The first layout of a graph starts from the classical scaling (the same picture every
 * time); another seed ("Re-run layout") starts from random places, for another picture.
 */
function stressed(input: LayoutInput, measure: MeasureText | undefined): Record<string, Point> {
  const positions = stressLayout({
    ...input,
    spacing: STRESS_SPACING,
    randomStart: input.seed !== FIRST_SEED,
  });
  separateEstimated(input, positions, measure);
  return positions;
}

/** The message that asks a layout worker to warm up with `warmUpInput`. */
export const WARM_UP = 'warm-up';

/**
 * A graph shaped like a large document's overview (80 actors, ~7 relations each), for warming a
 * layout worker up: the first layout a worker runs takes about three times as long as the next
 * ones (its code is not compiled yet), and the first one a reader waits for is a new document's.
 */
export function warmUpInput(): LayoutInput {
  const n = 80;
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    size: 26 + (i % 7) * 5,
    label: `Actor number ${i}`,
  }));
  const edges = nodes.flatMap((_, i) =>
    [1, 3, 7, 19].map((step, k) => ({
      id: `e${i}-${k}`,
      source: `n${i}`,
      target: `n${(i * 5 + step) % n}`,
    })),
  );
  return { nodes, edges, fixed: [], seed: FIRST_SEED };
}

/** Room each node gets when a spectral draft is spread out: about two node widths a side. */
const ROOM_PER_NODE = 90;

/**
 * The spectral draft of thousands of nodes packs them far tighter than their size, so that fitted
 * to the screen they pile into one blot. Scales the drawing about its centre until each node has
 * about `ROOM_PER_NODE` pixels a side.
 */
function spreadOut(positions: Record<string, Point>, nodes: LayoutInput['nodes']): void {
  const points = nodes.map((n) => positions[n.id]).filter((p): p is Point => p !== undefined);
  if (points.length < 2) return;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const area = Math.max(1, (x2 - x1) * (y2 - y1));
  const scale = Math.sqrt((points.length * ROOM_PER_NODE ** 2) / area);
  if (scale <= 1) return;
  const cx = (x1 + x2) / 2;
  const cy = (y1 + y2) / 2;
  for (const p of points) {
    p.x = cx + (p.x - cx) * scale;
    p.y = cy + (p.y - cy) * scale;
  }
}

/** Moves nodes that lie on a fixed node straight away from it, to half a spread-out node's room. */
export function clearAround(
  fixed: readonly FixedNode[],
  positions: Record<string, Point>,
  nodes: LayoutInput['nodes'],
): void {
  const pinned = new Set(fixed.map((f) => f.nodeId));
  for (const f of fixed) {
    const c = f.position;
    nodes.forEach((n, i) => {
      const p = positions[n.id];
      if (!p || pinned.has(n.id)) return;
      const d = Math.hypot(p.x - c.x, p.y - c.y);
      if (d >= ROOM_PER_NODE / 2) return;
      // Right on it: a direction of its own for each node, so that two do not land together.
      const angle = d > 0 ? Math.atan2(p.y - c.y, p.x - c.x) : i;
      positions[n.id] = {
        x: c.x + (ROOM_PER_NODE / 2) * Math.cos(angle),
        y: c.y + (ROOM_PER_NODE / 2) * Math.sin(angle),
      };
    });
  }
}

// The graph style's node labels: 14px type under the node, wrapped at 110px, on a padded background.
const CHAR_WIDTH = 7.4;
const LINE_HEIGHT = 17;
const LABEL_GAP = 4 + 2 * 2;

/** A text's width in pixels, in the graph's label font. */
export type MeasureText = (text: string) => number;

/** Without a canvas to measure on (Node): a character's average width in the label font. */
const byCharacters: MeasureText = (text) => text.length * CHAR_WIDTH;

/** `canvasMeasure`'s answer, once asked (undefined: no canvas here). */
let measurer: MeasureText | undefined | null = null;

/**
 * Measures text in the labels' font on an OffscreenCanvas, as Cytoscape measures them on its own
 * canvas (widths rounded up), in a worker or on the page; undefined where there is none (Node).
 * An estimate by characters was off by a line or 20–35 px for Cyrillic labels, which drew labels
 * on top of each other once the stress layout packed nodes to the estimate.
 */
export function canvasMeasure(): MeasureText | undefined {
  // One canvas for every layout of the page (or worker): the font stays set on it.
  if (measurer === null) {
    const context =
      typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
    if (context) context.font = LABEL_FONT;
    measurer = context ? (text) => Math.ceil(context.measureText(text).width) : undefined;
  }
  return measurer;
}

/**
 * How big a node's label will be drawn: its lines wrapped as Cytoscape wraps them (its 'wrap'
 * text-wrap: words join a line while the line with the word and its separator fits the wrap width;
 * a word that does not fit starts a new line, however long it is), measured by `measure`.
 */
export function estimateLabel(
  label: string,
  measure: MeasureText = byCharacters,
): { w: number; h: number } {
  const lines: string[] = [];
  for (const text of label.split('\n')) {
    if (measure(text) <= LABEL_WIDTH) {
      lines.push(text);
      continue;
    }
    let line = '';
    let from = 0;
    for (const gap of text.matchAll(/[\s\u200b]+|$/g)) {
      const word = text.slice(from, gap.index);
      from = gap.index + gap[0].length;
      const tried = line.length === 0 ? word : line + word + gap[0];
      if (measure(tried) <= LABEL_WIDTH) {
        line += word + gap[0];
      } else {
        if (line) lines.push(line);
        line = word + gap[0];
      }
    }
    if (!/^[\s\u200b]*$/.test(line)) lines.push(line);
  }
  const drawn = lines.filter((l) => l.length > 0);
  const widest = Math.max(0, ...drawn.map(measure));
  return { w: widest + 4, h: drawn.length * LINE_HEIGHT };
}

/** A node and its label below it, as one box (the label hangs from the node's bottom). */
function withLabel(
  n: LayoutInput['nodes'][number],
  measure: MeasureText | undefined,
): { w: number; h: number } {
  const label = estimateLabel(n.label, measure);
  return { w: Math.max(n.size, label.w), h: n.size + (label.h > 0 ? LABEL_GAP + label.h : 0) };
}

/** Pushes apart nodes whose node-plus-label boxes overlap; fixed nodes stay. */
function separateEstimated(
  input: LayoutInput,
  positions: Record<string, Point>,
  measure: MeasureText | undefined,
): void {
  const fixed = new Set(input.fixed.map((f) => f.nodeId));
  const offsets = new Map<string, number>();
  const boxes: Box[] = input.nodes.map((n) => {
    const p = positions[n.id] ?? { x: 0, y: 0 };
    const { w, h } = withLabel(n, measure);
    const top = p.y - n.size / 2;
    offsets.set(n.id, h / 2 - n.size / 2);
    return { id: n.id, x: p.x, y: top + h / 2, w, h, fixed: fixed.has(n.id) };
  });
  // Off the main thread there is time for more rounds than the in-place pass takes. 8 px apart:
  // a node's border and its label's background reach a little past the boxes measured here.
  if (separate(boxes, 8, 400) === 0) return;
  for (const b of boxes) positions[b.id] = { x: b.x, y: b.y - (offsets.get(b.id) ?? 0) };
}
