/**
 * Stress majorization (Gansner, Koren and North, "Graph drawing by stress majorization", 2004):
 * places nodes so that their distances on the page follow their distances in the graph (the number
 * of relations between them), starting from a classical scaling of those distances. The 80 actors
 * of a long document's overview take it 15–40 ms where fcose's force pass took 100–250, and it
 * crosses fewer edges (see docs/performance.md). Pure: no Cytoscape, no DOM.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
// Types only: layout.ts runs this, and nothing of it is loaded here.
import type { FixedNode, Point } from './layout';

export interface StressInput {
  readonly nodes: readonly { readonly id: string }[];
  readonly edges: readonly { readonly source: string; readonly target: string }[];
  /** Nodes that stay exactly where they are; the others are placed around them. */
  readonly fixed: readonly FixedNode[];
  /**
   * The length in pixels of a hop between related nodes in a sparse group (a dense one gets longer
   * hops, see `hopLength`); also the room of a node in no relation, and the gap between groups.
   */
  readonly spacing: number;
  readonly seed: number;
  /**
   * Start from random places rather than from the classical scaling, which always gives the same
   * picture: a reader asking for a new layout wants another one.
   */
  readonly randomStart?: boolean;
}

/** At most this many rounds; most layouts settle well before. */
const MAX_ROUNDS = 300;
/** See `hopLength`. */
const DENSITY_ROOM = 48;
/** Groups and nodes alone are set in rows about this much wider than tall: graph panes are wide. */
const ASPECT = 2;
/** Settled: the nodes moved, in all, less than this share of how far they are from the middle. */
const SETTLED = 1e-4;

/**
 * Every node's place. Without fixed nodes, each group of related nodes is laid out on its own and
 * the groups are set side by side, the largest first, with nodes in no relation in rows under them;
 * with fixed nodes, everything is placed around those.
 */
export function stressLayout(input: StressInput): Record<string, Point> {
  const rng = xoroshiro128plus(input.seed);
  const ids = input.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const links: number[][] = ids.map(() => []);
  for (const e of input.edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    links[a]!.push(b);
    links[b]!.push(a);
  }
  const fixed = new Map<number, Point>();
  for (const f of input.fixed) {
    const i = index.get(f.nodeId);
    if (i !== undefined) fixed.set(i, f.position);
  }
  const out: Record<string, Point> = {};
  if (fixed.size > 0) {
    const all = ids.map((_, i) => i);
    const length = edgeLengthAmong(fixed, links, hopLength(all, links, input.spacing));
    const placed = majorize(all, links, length, input, rng, fixed);
    all.forEach((node, k) => (out[ids[node]!] = placed[k]!));
    return out;
  }
  const groups = components(links);
  const linked = groups.filter((g) => g.length > 1);
  const alone = groups.filter((g) => g.length === 1).map((g) => g[0]!);
  const room = input.spacing;
  const drawings = linked.map((g) =>
    majorize(g, links, hopLength(g, links, input.spacing), input, rng),
  );
  // The rows of nodes in no relation are as wide as the groups above them, so the groups' rows are
  // made as wide as both would be: a few small groups over many nodes alone then share a row
  // rather than stand in a column at the left.
  const placed = packInRows(drawings.map(bounds), room, alone.length * room * room);
  linked.forEach((group, k) => {
    const { dx, dy } = placed[k]!;
    group.forEach((node, j) => {
      const p = drawings[k]![j]!;
      out[ids[node]!] = { x: p.x + dx, y: p.y + dy };
    });
  });
  // Nodes in no relation have no place to be found: rows under the rest, as wide as it.
  const bottom = placed.length > 0 ? Math.max(...placed.map((b) => b.bottom)) : -room;
  const width = placed.length > 0 ? Math.max(...placed.map((b) => b.right)) : 0;
  const columns = Math.max(
    Math.ceil(Math.sqrt(alone.length * ASPECT)),
    Math.floor(width / room) + 1,
  );
  alone.forEach((node, k) => {
    out[ids[node]!] = {
      x: (k % columns) * room,
      y: bottom + room * (1 + Math.floor(k / columns)),
    };
  });
  return out;
}

/**
 * The length of a hop for a group of nodes: `spacing`, or more in a dense group, where many nodes
 * are a hop or two from each other and must still find room for their labels (about the square
 * root of the relations per node: 180 px at the ~15 of a long report's overview).
 */
function hopLength(nodes: readonly number[], links: readonly number[][], spacing: number): number {
  const degree = nodes.reduce((sum, node) => sum + links[node]!.length, 0) / nodes.length;
  return Math.max(spacing, DENSITY_ROOM * Math.sqrt(degree));
}

/**
 * The length of a hop in a drawing that already has fixed nodes, so that new nodes join it at its
 * scale: the median distance between linked fixed nodes, or `spacing` when none are linked.
 */
function edgeLengthAmong(
  fixed: ReadonlyMap<number, Point>,
  links: readonly number[][],
  spacing: number,
): number {
  const lengths: number[] = [];
  for (const [a, p] of fixed) {
    for (const b of links[a]!) {
      const q = fixed.get(b);
      if (q && a < b) lengths.push(Math.hypot(p.x - q.x, p.y - q.y));
    }
  }
  lengths.sort((x, y) => x - y);
  return lengths.length > 0 ? Math.max(lengths[lengths.length >> 1]!, 1) : spacing;
}

/** Groups of nodes joined by relations, largest first. */
function components(links: readonly number[][]): number[][] {
  const seen = new Uint8Array(links.length);
  const groups: number[][] = [];
  for (let start = 0; start < links.length; start++) {
    if (seen[start]) continue;
    seen[start] = 1;
    const group = [start];
    for (let head = 0; head < group.length; head++) {
      for (const next of links[group[head]!]!) {
        if (seen[next]) continue;
        seen[next] = 1;
        group.push(next);
      }
    }
    groups.push(group);
  }
  return groups.sort((a, b) => b.length - a.length);
}

/** Hops between every two of `nodes` (n × n, row by row); unreachable pairs get the longest + 1. */
function hops(nodes: readonly number[], links: readonly number[][]): Float64Array {
  const n = nodes.length;
  const local = new Map(nodes.map((node, i) => [node, i]));
  const d = new Float64Array(n * n).fill(-1);
  const queue = new Int32Array(n);
  let longest = 1;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    d[row + i] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = i;
    while (head < tail) {
      const u = queue[head++]!;
      for (const neighbour of links[nodes[u]!]!) {
        const v = local.get(neighbour);
        if (v === undefined || d[row + v]! >= 0) continue;
        d[row + v] = d[row + u]! + 1;
        longest = Math.max(longest, d[row + v]!);
        queue[tail++] = v;
      }
    }
  }
  for (let k = 0; k < d.length; k++) if (d[k]! < 0) d[k] = longest + 1;
  return d;
}

/** Places `nodes` (indexes into `links`) by stress majorization; returns their points in order. */
function majorize(
  nodes: readonly number[],
  links: readonly number[][],
  length: number,
  input: StressInput,
  rng: RandomGenerator,
  fixed: ReadonlyMap<number, Point> = new Map(),
): Point[] {
  const n = nodes.length;
  const d = hops(nodes, links);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (fixed.size > 0) startAround(nodes, d, fixed, length, rng, x, y);
  else if (input.randomStart) {
    const side = length * Math.sqrt(n);
    for (let i = 0; i < n; i++) {
      x[i] = (uniformFloat64(rng) - 0.5) * side;
      y[i] = (uniformFloat64(rng) - 0.5) * side;
    }
  } else classicalScaling(d, n, length, rng, x, y);
  const pinned = nodes.map((node) => fixed.has(node));
  // Target distance and weight per pair: far pairs matter less (weight 1 / distance²).
  const target = new Float64Array(n * n);
  const weight = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) {
    target[k] = d[k]! * length;
    weight[k] = d[k]! > 0 ? 1 / (target[k]! * target[k]!) : 0;
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let moved = 0;
    let extent = 0;
    for (let i = 0; i < n; i++) {
      if (pinned[i]) continue;
      const row = i * n;
      const xi = x[i]!;
      const yi = y[i]!;
      let sx = 0;
      let sy = 0;
      let sw = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const w = weight[row + j]!;
        const dx = xi - x[j]!;
        const dy = yi - y[j]!;
        // Two nodes at one point push apart along no direction; any small one will do.
        const apart = Math.sqrt(dx * dx + dy * dy) || 1e-3;
        const pull = target[row + j]! / apart;
        sx += w * (x[j]! + pull * dx);
        sy += w * (y[j]! + pull * dy);
        sw += w;
      }
      const nx = sx / sw;
      const ny = sy / sw;
      moved += Math.abs(nx - xi) + Math.abs(ny - yi);
      extent += Math.abs(nx) + Math.abs(ny);
      x[i] = nx;
      y[i] = ny;
    }
    if (moved <= SETTLED * extent) break;
  }
  return nodes.map((_, i) => ({ x: x[i]!, y: y[i]! }));
}

/**
 * The two main axes of the double-centred squared distances (classical multidimensional scaling),
 * found by power iteration: a start close to the best layout, which majorization then refines.
 */
function classicalScaling(
  d: Float64Array,
  n: number,
  length: number,
  rng: RandomGenerator,
  x: Float64Array,
  y: Float64Array,
): void {
  const b = new Float64Array(n * n);
  const rowMean = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const sq = d[i * n + j]! ** 2;
      rowMean[i] = rowMean[i]! + sq / n;
      mean += sq / (n * n);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      b[i * n + j] = -0.5 * (d[i * n + j]! ** 2 - rowMean[i]! - rowMean[j]! + mean);
    }
  }
  const axes: Float64Array[] = [];
  for (const out of [x, y]) {
    let v = new Float64Array(n).map(() => uniformFloat64(rng) - 0.5);
    let size = 0;
    for (let round = 0; round < 100; round++) {
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += b[i * n + j]! * v[j]!;
        next[i] = s;
      }
      for (const axis of axes) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += next[i]! * axis[i]!;
        for (let i = 0; i < n; i++) next[i] = next[i]! - dot * axis[i]!;
      }
      size = Math.hypot(...next);
      if (size === 0) break;
      let change = 0;
      for (let i = 0; i < n; i++) {
        next[i] = next[i]! / size;
        change += Math.abs(next[i]! - v[i]!);
      }
      v = next;
      // Settled on the axis: more rounds would move no node by a hundredth of a pixel.
      if (change < 1e-6) break;
    }
    axes.push(v);
    // A little noise: nodes the scaling puts at one point (alike in their links) must part.
    const scale = Math.sqrt(size) * length;
    for (let i = 0; i < n; i++)
      out[i] = v[i]! * scale + (uniformFloat64(rng) - 0.5) * length * 0.01;
  }
}

/** Fixed nodes where they are; each other node by the fixed nodes nearest it in the graph. */
function startAround(
  nodes: readonly number[],
  d: Float64Array,
  fixed: ReadonlyMap<number, Point>,
  length: number,
  rng: RandomGenerator,
  x: Float64Array,
  y: Float64Array,
): void {
  const n = nodes.length;
  const anchors = nodes.flatMap((node, i) => (fixed.has(node) ? [i] : []));
  for (const a of anchors) {
    const at = fixed.get(nodes[a]!)!;
    x[a] = at.x;
    y[a] = at.y;
  }
  for (let i = 0; i < n; i++) {
    if (fixed.has(nodes[i]!)) continue;
    const nearest = Math.min(...anchors.map((a) => d[i * n + a]!));
    const near = anchors.filter((a) => d[i * n + a] === nearest);
    const angle = 2 * Math.PI * uniformFloat64(rng);
    x[i] = near.reduce((s, a) => s + x[a]!, 0) / near.length + nearest * length * Math.cos(angle);
    y[i] = near.reduce((s, a) => s + y[a]!, 0) / near.length + nearest * length * Math.sin(angle);
  }
}

interface Bounds {
  x1: number;
  y1: number;
  w: number;
  h: number;
}

function bounds(points: readonly Point[]): Bounds {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x1, y1] = [Math.min(...xs), Math.min(...ys)];
  return { x1, y1, w: Math.max(...xs) - x1, h: Math.max(...ys) - y1 };
}

interface Placed {
  dx: number;
  dy: number;
  right: number;
  bottom: number;
}

/**
 * Moves boxes (largest first) into rows, left to right, `gap` apart, the rows about `ASPECT` times
 * as wide as all of them, and `below` (the area of what goes under them), would be tall; returns
 * each one's shift and where it ends.
 */
function packInRows(boxes: readonly Bounds[], gap: number, below = 0): Placed[] {
  const area = boxes.reduce((s, b) => s + (b.w + gap) * (b.h + gap), below);
  const rowWidth = Math.max(Math.sqrt(area * ASPECT), ...boxes.map((b) => b.w));
  const out: Placed[] = [];
  let left = 0;
  let top = 0;
  let rowHeight = 0;
  for (const b of boxes) {
    if (left > 0 && left + b.w > rowWidth) {
      left = 0;
      top += rowHeight + gap;
      rowHeight = 0;
    }
    out.push({ dx: left - b.x1, dy: top - b.y1, right: left + b.w, bottom: top + b.h });
    left += b.w + gap;
    rowHeight = Math.max(rowHeight, b.h);
  }
  return out;
}
