import { describe, expect, it } from 'vitest';
import json from '../../domain/builtin/hts-terror-list.json';
import { buildIndex } from '../../domain/indexes';
import { documentSchema } from '../../domain/schema';
import { generateDocument } from '../../../bench/generate';
import { freshDrawing, fullyPlaced, offThreadLayout } from './drawing';
import { OVERVIEW_LIMIT, overviewIds } from './overview';

const large = buildIndex(generateDocument({ words: 3_000, entities: 150, seed: 3 }));
const ids = (d: { nodes: { data: { id?: string } }[] }) => d.nodes.map((n) => String(n.data.id));

describe('freshDrawing', () => {
  it("draws a large document's overview, plus the nodes the reader pinned that still exist", () => {
    const outside = large.doc.entities.find((e) => !overviewIds(large).has(e.id))!.id;
    const d = freshDrawing(large, { positions: {}, pinned: [outside, 'gone'] }, false);
    expect(d.overview?.size).toBe(OVERVIEW_LIMIT);
    expect([...d.pinned]).toEqual([outside]);
    expect(ids(d).sort()).toEqual([...d.overview!, outside].sort());
    // Every edge joins two drawn nodes.
    const drawn = new Set(ids(d));
    for (const e of d.edges) {
      expect(drawn.has(String(e.data.source)) && drawn.has(String(e.data.target))).toBe(true);
    }
  });

  it('draws every actor when asked to show all', () => {
    const d = freshDrawing(large, undefined, true);
    expect(d.overview).toBeNull();
    expect(d.nodes).toHaveLength(large.doc.entities.length);
  });
});

describe('offThreadLayout', () => {
  it("asks the worker for the overview's layout, the kept places fixed", () => {
    const d = freshDrawing(large, undefined, false);
    const input = offThreadLayout(d);
    expect(input?.nodes.map((n) => n.id)).toEqual(ids(d));
    expect(input?.edges).toHaveLength(d.edges.length);
    expect(input?.fixed).toEqual([]);
    expect(input?.seed).toBe(1);
  });

  it('asks for nothing when every node has its kept place, or the graph is laid out in place', () => {
    const d = freshDrawing(large, undefined, false);
    const positions = Object.fromEntries(ids(d).map((id, i) => [id, { x: i, y: -i }]));
    const kept = freshDrawing(large, { positions, pinned: [] }, false);
    expect(fullyPlaced(kept)).toBe(true);
    expect(offThreadLayout(kept)).toBeNull();
    const small = buildIndex(documentSchema.parse(json));
    expect(offThreadLayout(freshDrawing(small, undefined, false))).toBeNull();
  });
});
