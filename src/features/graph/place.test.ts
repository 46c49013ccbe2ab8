import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { computeLayout } from './layout';
import type { LayoutInput } from './layout';
import {
  FAN_ROW,
  FAN_SPACING,
  MAX_STRETCH,
  keptPlaces,
  layoutInPlace,
  nextTask,
  placeReveal,
  stretchToFrame,
} from './place';

const square = {
  a: { x: 0, y: 0 },
  b: { x: 100, y: 0 },
  c: { x: 0, y: 100 },
  d: { x: 100, y: 100 },
};

function box(ps: Record<string, { x: number; y: number }>) {
  const xs = Object.values(ps).map((p) => p.x);
  const ys = Object.values(ps).map((p) => p.y);
  return { w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
}

describe('stretchToFrame', () => {
  it('widens a round layout for a wide frame, about its centre', () => {
    const out = stretchToFrame(square, 600, 450);
    expect(box(out).w).toBeCloseTo((100 * 600) / 450);
    expect(box(out).h).toBe(100);
    expect(out.a!.x + out.d!.x).toBeCloseTo(100);
  });

  it('heightens a round layout for a tall frame', () => {
    expect(box(stretchToFrame(square, 300, 450))).toEqual({ w: 100, h: 150 });
  });

  it('stretches at most MAX_STRETCH and never shrinks', () => {
    expect(box(stretchToFrame(square, 1000, 100))).toEqual({ w: 100 * MAX_STRETCH, h: 100 });
    // Four times wider than high, in a frame a third wider than high: as tall as allowed.
    const wide = { a: { x: 0, y: 0 }, b: { x: 400, y: 0 }, c: { x: 0, y: 100 } };
    expect(box(stretchToFrame(wide, 600, 450))).toEqual({ w: 400, h: 100 * MAX_STRETCH });
  });

  it('leaves a line, a pair or an empty frame alone', () => {
    const line = { a: { x: 0, y: 0 }, b: { x: 50, y: 0 }, c: { x: 100, y: 0 } };
    expect(stretchToFrame(line, 600, 450)).toEqual(line);
    expect(stretchToFrame({ a: { x: 0, y: 0 }, b: { x: 9, y: 9 } }, 600, 450)).toEqual({
      a: { x: 0, y: 0 },
      b: { x: 9, y: 9 },
    });
    expect(stretchToFrame(square, 0, 0)).toEqual(square);
  });
});

describe('placeReveal', () => {
  const box = { x1: 0, y1: 0, x2: 400, y2: 300 };
  const outside = (p: { x: number; y: number }) =>
    p.x < box.x1 || p.x > box.x2 || p.y < box.y1 || p.y > box.y2;
  const closest = (ps: { x: number; y: number }[]) => {
    let min = Infinity;
    for (const [i, a] of ps.entries())
      for (const b of ps.slice(i + 1)) min = Math.min(min, Math.hypot(a.x - b.x, a.y - b.y));
    return min;
  };

  it('draws a new selection just outside the overview, on its neighbours’ side', () => {
    const { anchor, fresh } = placeReveal(box, undefined, { x: 380, y: 150 }, 12);
    expect(anchor.x).toBeGreaterThan(box.x2);
    expect(anchor.y).toBeCloseTo(150);
    expect(fresh).toHaveLength(12);
    expect(fresh.every(outside)).toBe(true);
    expect(fresh.every((p) => p.x > anchor.x - 1)).toBe(true);
    expect(closest(fresh)).toBeGreaterThan(Math.min(FAN_SPACING, FAN_ROW) * 0.95);
  });

  it('fans the neighbours of a selection inside the overview out beyond its nearest side', () => {
    const { anchor, fresh } = placeReveal(box, { x: 200, y: 40 }, undefined, 40);
    expect(anchor).toEqual({ x: 200, y: 40 });
    expect(fresh).toHaveLength(40);
    expect(fresh.every((p) => p.y < box.y1)).toBe(true);
    expect(closest(fresh)).toBeGreaterThan(Math.min(FAN_SPACING, FAN_ROW) * 0.95);
  });

  it('opens sideways from the very centre, and places nothing when nothing is new', () => {
    const { fresh } = placeReveal(box, { x: 200, y: 150 }, undefined, 3);
    expect(fresh.every((p) => p.x > box.x2)).toBe(true);
    expect(placeReveal(box, { x: 10, y: 10 }, undefined, 0).fresh).toEqual([]);
  });
});

describe('keptPlaces', () => {
  const nodes = ['a', 'b', 'c', 'd'].map((id) => ({ data: { id } }));
  const at = (x: number) => ({ x, y: -x });

  it('gives the kept place of every node that has one when they are at least half', () => {
    const kept = { positions: { a: at(1), c: at(3), gone: at(9) } };
    expect(keptPlaces(nodes, kept, new Set())).toEqual([
      { nodeId: 'a', position: at(1) },
      { nodeId: 'c', position: at(3) },
    ]);
  });

  it('keeps only the pinned nodes in place when most of the picture is new', () => {
    const kept = { positions: { a: at(1) } };
    expect(keptPlaces(nodes, kept, new Set(['a']))).toEqual([{ nodeId: 'a', position: at(1) }]);
    expect(keptPlaces(nodes, kept, new Set())).toEqual([]);
  });

  it('gives nothing for a graph never arranged', () => {
    expect(keptPlaces(nodes, undefined, new Set(['a']))).toEqual([]);
  });
});

describe('nextTask', () => {
  it('resolves in a task of its own, after the microtasks queued before it', async () => {
    const order: string[] = [];
    const done = nextTask().then(() => order.push('task'));
    void Promise.resolve().then(() => order.push('microtask'));
    expect(order).toEqual([]);
    await done;
    expect(order).toEqual(['microtask', 'task']);
  });
});

describe('layoutInPlace', () => {
  // Two groups and an actor in no relation: eleven nodes, as small as graphs laid out on the page.
  // Short labels: a hop (100 px) apart, the page's label pass has nothing to move.
  const input: LayoutInput = {
    nodes: Array.from({ length: 11 }, (_, i) => ({ id: `n${i}`, size: 30, label: `Actor ${i}` })),
    edges: [
      [0, 1],
      [1, 2],
      [2, 0],
      [2, 3],
      [3, 4],
      [5, 6],
      [6, 7],
      [7, 8],
      [8, 9],
    ].map(([a, b]) => ({ id: `e${a}-${b}`, source: `n${a}`, target: `n${b}` })),
    fixed: [],
    seed: 1,
  };
  // Headless, with sizes and no labels to measure.
  const graph = () =>
    cytoscape({
      headless: true,
      styleEnabled: true,
      style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
      elements: [
        ...input.nodes.map((n) => ({ data: { id: n.id, size: n.size, label: n.label } })),
        ...input.edges.map((e) => ({ data: { ...e } })),
      ],
    });
  const placed = (cy: cytoscape.Core) =>
    Object.fromEntries(cy.nodes().map((n) => [n.id(), { ...n.position() }]));

  it('lays a graph out as the worker lays out larger ones', () => {
    const cy = graph();
    layoutInPlace(cy, new Set(), cy.elements());
    // Then stretched towards the pane's proportions, as the worker's layouts are.
    expect(placed(cy)).toEqual(stretchToFrame(computeLayout(input), cy.width(), cy.height()));
    cy.destroy();
  });

  it('keeps pinned nodes exactly where they are, and another seed draws another picture', () => {
    const cy = graph();
    cy.$id('n3').position({ x: 1234.5, y: -67.25 });
    layoutInPlace(cy, new Set(['n3']), cy.elements(), 2);
    const first = placed(cy);
    expect(first.n3).toEqual({ x: 1234.5, y: -67.25 });
    layoutInPlace(cy, new Set(['n3']), cy.elements(), 3);
    expect(placed(cy).n3).toEqual({ x: 1234.5, y: -67.25 });
    expect(placed(cy)).not.toEqual(first);
    cy.destroy();
  });
});
