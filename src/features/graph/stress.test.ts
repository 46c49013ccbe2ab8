import { describe, expect, it } from 'vitest';
import { stressLayout } from './stress';
import type { Point } from './layout';
import type { StressInput } from './stress';

const L = 100;

function graph(
  n: number,
  links: [number, number][],
  extra: Partial<StressInput> = {},
): StressInput {
  return {
    nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}` })),
    edges: links.map(([a, b]) => ({ source: `n${a}`, target: `n${b}` })),
    fixed: [],
    spacing: L,
    seed: 1,
    ...extra,
  };
}

const apart = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const chain = (n: number) =>
  Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as [number, number]);

function box(points: Point[]) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { x1: Math.min(...xs), x2: Math.max(...xs), y1: Math.min(...ys), y2: Math.max(...ys) };
}

describe('stressLayout', () => {
  it('puts nodes as far apart as the relations between them, one edge length a hop', () => {
    const p = stressLayout(graph(8, chain(8)));
    for (let i = 0; i < 7; i++) expect(apart(p[`n${i}`]!, p[`n${i + 1}`]!)).toBeCloseTo(L, -1);
    // A chain comes out straight: its ends seven hops apart.
    expect(apart(p.n0!, p.n7!)).toBeGreaterThan(6.8 * L);
  });

  it('draws a ring round, every node at the same distance from the middle', () => {
    const n = 12;
    const p = Object.values(stressLayout(graph(n, [...chain(n), [n - 1, 0]])));
    const cx = p.reduce((s, q) => s + q.x, 0) / n;
    const cy = p.reduce((s, q) => s + q.y, 0) / n;
    const radii = p.map((q) => Math.hypot(q.x - cx, q.y - cy));
    expect(Math.max(...radii) - Math.min(...radii)).toBeLessThan(0.05 * Math.max(...radii));
  });

  it('lays the same graph out the same way, and another way from a random start', () => {
    const input = graph(20, [...chain(20), [0, 10], [5, 15]]);
    expect(stressLayout(input)).toEqual(stressLayout(input));
    const again = stressLayout({ ...input, seed: 2, randomStart: true });
    expect(again).not.toEqual(stressLayout(input));
    expect(again).toEqual(stressLayout({ ...input, seed: 2, randomStart: true }));
  });

  it('parts nodes linked alike (twins), and every node of a complete graph', () => {
    // n1 and n2 are both linked to n0 and n3 only: the same distances to everyone.
    const twins = stressLayout(
      graph(4, [
        [0, 1],
        [0, 2],
        [1, 3],
        [2, 3],
      ]),
    );
    expect(apart(twins.n1!, twins.n2!)).toBeGreaterThan(L / 2);
    const links: [number, number][] = [];
    for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) links.push([i, j]);
    const all = Object.values(stressLayout(graph(10, links)));
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++)
        expect(apart(all[i]!, all[j]!)).toBeGreaterThan(L / 3);
  });

  it('sets groups of related nodes side by side and nodes in no relation in rows under them', () => {
    // Two rings of six, a pair, and three nodes alone.
    const ring = (o: number): [number, number][] =>
      [0, 1, 2, 3, 4, 5].map((i) => [o + i, o + ((i + 1) % 6)]);
    const p = stressLayout(graph(17, [...ring(0), ...ring(6), [12, 13]]));
    const groups = [
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
      [12, 13],
    ].map((g) => box(g.map((i) => p[`n${i}`]!)));
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) {
        const [a, b] = [groups[i]!, groups[j]!];
        const overlap = a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
        expect(overlap).toBe(false);
      }
    const lowest = Math.max(...groups.map((g) => g.y2));
    const alone = [14, 15, 16].map((i) => p[`n${i}`]!);
    for (const q of alone) expect(q.y).toBeGreaterThan(lowest);
    expect(new Set(alone.map((q) => `${q.x},${q.y}`)).size).toBe(3);
  });

  it('sets a few small groups in one row over many nodes in no relation, as wide as theirs', () => {
    // Three pairs and forty nodes alone: the pairs in a column at the left would leave the rows
    // under them four times as wide as they are.
    const p = stressLayout(
      graph(46, [
        [0, 1],
        [2, 3],
        [4, 5],
      ]),
    );
    const pairs = [0, 2, 4].map((i) => box([p[`n${i}`]!, p[`n${i + 1}`]!]));
    for (const pair of pairs) expect(pair.y1).toBeCloseTo(pairs[0]!.y1, 0);
    const alone = Array.from({ length: 40 }, (_, i) => p[`n${i + 6}`]!);
    const lowest = Math.max(...pairs.map((b) => b.y2));
    for (const q of alone) expect(q.y).toBeGreaterThan(lowest);
    const right = (xs: number[]) => Math.max(...xs);
    const pairsRight = right(pairs.map((b) => b.x2));
    const aloneRight = right(alone.map((q) => q.x));
    expect(pairsRight).toBeGreaterThan(aloneRight / 2);
  });

  it('keeps fixed nodes exactly where they are and places the others by them', () => {
    // n0–n2 hang off the fixed n3; n4–n6 off the fixed n7, far to the right.
    const input = graph(
      8,
      [
        [0, 3],
        [1, 3],
        [2, 3],
        [3, 7],
        [4, 7],
        [5, 7],
        [6, 7],
      ],
      {
        fixed: [
          { nodeId: 'n3', position: { x: 0, y: 0 } },
          { nodeId: 'n7', position: { x: 1000, y: 40 } },
        ],
      },
    );
    const p = stressLayout(input);
    expect(p.n3).toEqual({ x: 0, y: 0 });
    expect(p.n7).toEqual({ x: 1000, y: 40 });
    for (const i of [0, 1, 2])
      expect(apart(p[`n${i}`]!, p.n3!)).toBeLessThan(apart(p[`n${i}`]!, p.n7!));
    for (const i of [4, 5, 6])
      expect(apart(p[`n${i}`]!, p.n7!)).toBeLessThan(apart(p[`n${i}`]!, p.n3!));
  });

  it('places nodes unrelated to any fixed node too, at finite places', () => {
    const input = graph(
      5,
      [
        [0, 1],
        [2, 3],
      ],
      { fixed: [{ nodeId: 'n0', position: { x: 5, y: 5 } }] },
    );
    const p = stressLayout(input);
    expect(Object.keys(p)).toHaveLength(5);
    for (const q of Object.values(p))
      expect(Number.isFinite(q.x) && Number.isFinite(q.y)).toBe(true);
    expect(p.n0).toEqual({ x: 5, y: 5 });
  });

  it('answers an empty graph, a single node, and ignores loops and edges to unknown nodes', () => {
    expect(stressLayout(graph(0, []))).toEqual({});
    const one = stressLayout(graph(1, [[0, 0]]));
    expect(Number.isFinite(one.n0!.x) && Number.isFinite(one.n0!.y)).toBe(true);
    const stray = stressLayout({
      ...graph(3, chain(3)),
      edges: [...graph(3, chain(3)).edges, { source: 'n0', target: 'gone' }],
    });
    expect(Object.keys(stray).sort()).toEqual(['n0', 'n1', 'n2']);
  });
});
