/**
 * Cytoscape reads every element's bounding box several times per frame and per mouse move (drawing,
 * hit testing). patches/cytoscape+3.34.4.patch makes that read cheap when the cached box is still
 * good; these tests pin both halves: the read builds nothing, and the cache still follows changes.
 */
import { describe, expect, it } from 'vitest';
import cytoscape from 'cytoscape';
import type { BoundingBox12, Core } from 'cytoscape';
import { collectionCalls } from '../../../tests/support/collectionCalls';
import { graphStyle } from './graphStyle';
import { quietSheet } from './selectionLayer';

function graph(): Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    style: graphStyle,
    elements: [
      { data: { id: 'a', size: 30, color: '#123456', shape: 'ellipse', label: 'A' } },
      { data: { id: 'b', size: 40, color: '#654321', shape: 'ellipse', label: 'B' } },
      { data: { id: 'ab', source: 'a', target: 'b', label: 'knows' } },
    ],
  });
}

const box = (b: BoundingBox12) => [b.x1, b.y1, b.x2, b.y2].map((v) => Math.round(v * 100) / 100);

describe('bounding boxes (patched Cytoscape)', () => {
  it('reads a cached box without building collections or looking up ids', () => {
    const cy = graph();
    const edge = cy.$id('ab');
    const node = cy.$id('a');
    edge.boundingBox();
    node.boundingBox();
    // Unpatched, each read asks the edge for new source and target collections and the element for
    // its id (the key of a memo built on every call).
    const calls = collectionCalls(['source', 'target', 'id', 'spawn'], () => {
      for (let i = 0; i < 10; i++) {
        edge.boundingBox();
        node.boundingBox();
      }
    });
    expect(calls.reduce((a, b) => a + b)).toBe(0);
  });

  it('still follows a node that moves, and the edges that touch it', () => {
    const cy = graph();
    const a = cy.$id('a');
    const b = cy.$id('b');
    a.position({ x: 0, y: 0 });
    b.position({ x: 200, y: 0 });
    const edgeBefore = box(cy.$id('ab').boundingBox());
    const nodeBefore = box(a.boundingBox());
    a.position({ x: -100, y: 50 });
    const edgeAfter = cy.$id('ab').boundingBox();
    const nodeAfter = a.boundingBox();
    expect(box(nodeAfter)).not.toEqual(nodeBefore);
    expect(nodeAfter.x1).toBeLessThan(-100);
    expect(box(edgeAfter)).not.toEqual(edgeBefore);
    expect(edgeAfter.x1).toBeLessThanOrEqual(-100);
    expect(edgeAfter.y2).toBeGreaterThanOrEqual(50);
  });

  it('still follows a change of style, and gives what a fresh graph computes', () => {
    const cy = graph();
    cy.$id('a').position({ x: 10, y: 20 });
    cy.$id('a').boundingBox();
    cy.$id('a').data('size', 80);
    const fresh = graph();
    fresh.$id('a').data('size', 80);
    fresh.$id('a').position({ x: 10, y: 20 });
    expect(box(cy.$id('a').boundingBox())).toEqual(box(fresh.$id('a').boundingBox()));
    expect(cy.$id('a').boundingBox().w).toBeGreaterThanOrEqual(80);
  });

  it('gives the same boxes for a collection as the sum of its elements', () => {
    const cy = graph();
    cy.$id('a').position({ x: 0, y: 0 });
    cy.$id('b').position({ x: 300, y: 100 });
    const all = cy.elements().boundingBox();
    const parts = cy.elements().map((e) => e.boundingBox());
    expect(all.x1).toBeCloseTo(Math.min(...parts.map((p) => p.x1)));
    expect(all.y2).toBeCloseTo(Math.max(...parts.map((p) => p.y2)));
  });

  it('announces a dropped box once, not again when it is next computed', () => {
    const cy = graph();
    const a = cy.$id('a');
    a.position({ x: 0, y: 0 });
    a.boundingBox();
    const announced: string[] = [];
    cy.on('bounds', (e) => announced.push((e.target as { id: () => string }).id()));
    // A change of size drops the box and says so once, when the new style is applied (which the
    // renderer does before each frame).
    a.data('size', 60);
    expect(a.numericStyle('width')).toBe(60);
    expect(announced.filter((id) => id === 'a')).toHaveLength(1);
    // Computing the box afresh drops nothing and says nothing more: unpatched, it announced the box
    // again, and the renderer took that for another change and measured the element again next frame.
    announced.length = 0;
    const first = a.boundingBox();
    expect(announced).toEqual([]);
    expect(first.w).toBeGreaterThanOrEqual(60);
    // A move is found by the read itself (the cached box is kept until then): announced as before.
    a.position({ x: 100, y: 0 });
    a.boundingBox();
    expect(announced).toContain('a');
    expect(a.boundingBox().x1).toBeGreaterThan(60);
  });

  it('keeps the box of an element restyled to nothing that bounds it, and says nothing', () => {
    // Under a sheet that shows no selection, selecting a node changes none of its style. Its box
    // was still dropped and announced when next read, and the renderer then measured every edge of
    // the node again and dropped the graph's picture.
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: quietSheet(graphStyle),
      elements: [
        { data: { id: 'a', size: 30, color: '#123456', shape: 'ellipse', label: 'A' } },
        { data: { id: 'b', size: 40, color: '#654321', shape: 'ellipse', label: 'B' } },
        { data: { id: 'ab', source: 'a', target: 'b', label: 'knows' } },
      ],
    });
    const a = cy.$id('a');
    a.position({ x: 0, y: 0 });
    cy.$id('b').position({ x: 200, y: 0 });
    const before = box(cy.elements().boundingBox());
    const announced: string[] = [];
    cy.on('bounds', (e) => announced.push((e.target as { id: () => string }).id()));
    a.select();
    expect(box(cy.elements().boundingBox())).toEqual(before);
    expect(announced).toEqual([]);
    // A restyle that changes the box is announced, and the box follows it.
    a.data('size', 90);
    expect(cy.elements().boundingBox().y2).toBeGreaterThan(before[3]!);
    expect(announced).toContain('a');
  });

  it("computes a new element's first box without announcing it again", () => {
    const cy = graph();
    const announced: string[] = [];
    cy.on('bounds', (e) => announced.push((e.target as { id: () => string }).id()));
    cy.add({ data: { id: 'c', size: 50, color: '#abcdef', shape: 'ellipse', label: 'C' } });
    expect(cy.$id('c').numericStyle('width')).toBe(50);
    const styled = announced.filter((id) => id === 'c').length;
    expect(styled).toBeGreaterThan(0);
    const c = cy.$id('c').boundingBox();
    expect(announced.filter((id) => id === 'c')).toHaveLength(styled);
    const fresh = cytoscape({ headless: true, styleEnabled: true, style: graphStyle });
    fresh.add({ data: { id: 'c', size: 50, color: '#abcdef', shape: 'ellipse', label: 'C' } });
    expect(box(c)).toEqual(box(fresh.$id('c').boundingBox()));
  });
});
