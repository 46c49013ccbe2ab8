import { afterEach, describe, expect, it, vi } from 'vitest';
import cytoscape from 'cytoscape';
import type { Core } from 'cytoscape';
import { collectionCalls } from '../../../tests/support/collectionCalls';
import { graphStyle, sheetFor } from './graphStyle';
import { SelectionLayer, quietSheet } from './selectionLayer';
import type { SelectionMarks } from './view';
import { withSelectionDrawn } from './withSelection';

/** a → b → c, a → d, and e alone; a is selected. */
function graph(): Core {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: quietSheet(graphStyle) });
  cy.add([
    ...['a', 'b', 'c', 'd', 'e'].map((id, i) => ({
      data: { id, label: id.toUpperCase(), type: 'person' },
      position: { x: i * 100, y: i * 10 },
    })),
    { data: { id: 'ab', source: 'a', target: 'b', label: 'met' }, classes: 'dense' },
    { data: { id: 'bc', source: 'b', target: 'c', label: 'met' }, classes: 'dense' },
    { data: { id: 'ad', source: 'a', target: 'd', label: 'met' }, classes: 'dense' },
  ]);
  cy.$id('a').select();
  return cy;
}

const marks = (selected: string[], near: string[] = [], end: string[] = []): SelectionMarks => ({
  selected: new Set(selected),
  near: new Set(near),
  end: new Set(end),
});

/** The marks applyView gives for `graph()`'s selection of a: its relations near it. */
const aSelected = () => marks(['a'], ['ab', 'ad']);

const ids = (cy: Core) =>
  cy
    .elements()
    .map((e) => e.id())
    .sort();

const layers: SelectionLayer[] = [];
function layerOver(below: Core): SelectionLayer {
  const layer = new SelectionLayer(below, null, graphStyle);
  layers.push(layer);
  return layer;
}

afterEach(() => {
  for (const l of layers.splice(0)) l.destroy();
  vi.useRealTimers();
});

describe('quietSheet', () => {
  it('keeps every rule but those that show the selection, and gives the same array each time', () => {
    const quiet = quietSheet(graphStyle);
    const selectors = quiet.map((r) => r.selector);
    expect(selectors).not.toContain('node:selected');
    expect(selectors.some((s) => /near|:selected|\.end|hover/.test(s))).toBe(false);
    expect(selectors).toContain('.filtered');
    expect(selectors).toContain('edge.dense');
    // Cytoscape's selection colours are restated right after our rules for all nodes and all
    // edges, where any later rule of ours still wins over them.
    expect(selectors.indexOf('node') + 1).toBe(selectors.lastIndexOf('node'));
    expect(selectors.indexOf('edge') + 1).toBe(selectors.lastIndexOf('edge'));
    expect(quietSheet(graphStyle)).toBe(quiet);
    // A crowd's sheet has a second rule for all nodes: the restated defaults do not override the
    // colour the first one sets.
    const crowd = cytoscape({
      headless: true,
      styleEnabled: true,
      style: quietSheet(sheetFor(5000)),
    });
    crowd.add({ data: { id: 'x', color: '#b8002e', size: 20 } });
    expect(crowd.$id('x').style('background-color')).toBe('rgb(184,0,46)');
    expect(quietSheet(sheetFor(5000))).not.toBe(quiet);
  });

  it('leaves a selected, pressed or near element styled as before', () => {
    const cy = graph();
    const props = [
      'border-width',
      'border-color',
      'background-color',
      'line-color',
      'width',
      'opacity',
      'overlay-opacity',
      'text-opacity',
      'curve-style',
      'target-arrow-shape',
      'source-arrow-color',
    ];
    const look = (id: string) => props.map((p) => String(cy.$id(id).style(p)));
    const [a, ab] = [look('a'), look('ab')];
    // Our own colours stay.
    expect(cy.$id('ab').style('line-color')).toBe('rgb(138,150,163)');
    cy.$id('a').unselect();
    cy.$id('ab').removeClass('near');
    expect(look('a')).toEqual(a);
    expect(look('ab')).toEqual(ab);
    cy.$id('ab').select();
    expect(look('ab')).toEqual(ab);
  });
});

describe('SelectionLayer', () => {
  it('copies the selection, its near relations and their ends, with their classes and places', () => {
    const below = graph();
    const layer = layerOver(below);
    const { top } = layer;
    expect(ids(top)).toEqual([]);
    layer.show(aSelected());
    expect(ids(top)).toEqual(['a', 'ab', 'ad', 'b', 'd']);
    expect(top.$id('a').selected()).toBe(true);
    expect(top.$id('ab').hasClass('near')).toBe(true);
    expect(top.$id('ab').hasClass('dense')).toBe(true);
    // The graph below carries no mark.
    expect(below.$('.near, .end').length).toBe(0);
    expect(top.$id('b').position()).toEqual({ x: 100, y: 10 });
    expect(top.$id('b').data('label')).toBe('B');
    // Drawn with the full sheet: the selection shows there.
    expect(top.$id('a').numericStyle('border-width')).toBe(4);
    // Its label as the graph below draws it, on an opaque ground that covers that one.
    expect(top.$id('a').style('font-weight')).toBe(below.$id('a').style('font-weight'));
    expect(top.$id('a').style('font-weight')).toBe('normal');
    expect(top.$id('a').numericStyle('text-background-opacity')).toBe(1);
    expect(top.$id('b').numericStyle('text-background-opacity')).toBeLessThan(1);
  });

  it('follows a new selection, a relation selected alone, and a filter', () => {
    const below = graph();
    const layer = layerOver(below);
    layer.show(aSelected());
    const bc = marks(['bc'], [], ['b', 'c']);
    layer.show(bc);
    expect(ids(layer.top)).toEqual(['b', 'bc', 'c']);
    expect(layer.top.$id('bc').selected()).toBe(true);
    expect(layer.top.$id('b').hasClass('end')).toBe(true);
    below.$id('bc').addClass('filtered');
    layer.show(bc);
    expect(ids(layer.top)).toEqual(['b', 'c']);
    layer.show(marks([]));
    expect(ids(layer.top)).toEqual([]);
  });

  it('reads the classes of the elements it draws, not of every element', () => {
    const below = graph();
    below.add(
      Array.from({ length: 500 }, (_, i) => ({
        data: { id: `x${i}`, label: `X${i}`, type: 'person' },
        classes: i % 2 ? 'filtered' : '',
      })),
    );
    const layer = layerOver(below);
    const [read] = collectionCalls(['hasClass'], () => layer.show(aSelected()));
    expect(ids(layer.top)).toEqual(['a', 'ab', 'ad', 'b', 'd']);
    // Whether a, ab and ad are filtered out.
    expect(read).toBeLessThanOrEqual(3);
  });

  it("follows the graph's viewport and the nodes moved", () => {
    const below = graph();
    const layer = layerOver(below);
    layer.show(aSelected());
    const { top } = layer;
    below.viewport({ zoom: 2.5, pan: { x: 30, y: -40 } });
    expect(top.zoom()).toBe(2.5);
    expect(top.pan()).toEqual({ x: 30, y: -40 });
    below.$id('d').position({ x: 7, y: 8 });
    expect(top.$id('d').position()).toEqual({ x: 7, y: 8 });
  });

  it('takes a new sheet, and leaves the graph alone once destroyed', async () => {
    const below = graph();
    const layer = layerOver(below);
    layer.show(aSelected());
    layer.useSheet(sheetFor(5000));
    expect(layer.top.$id('a').numericStyle('min-zoomed-font-size')).toBe(9);
    layer.destroy();
    layers.splice(layers.indexOf(layer), 1);
    expect(() => below.viewport({ zoom: 3, pan: { x: 0, y: 0 } })).not.toThrow();
    expect(() => below.$id('b').position({ x: 1, y: 1 })).not.toThrow();
    // A picture no longer swaps sheets.
    const border = () => below.$id('a').numericStyle('border-width');
    expect(await withSelectionDrawn(below, () => Promise.resolve(border()))).toBe(1.5);
  });

  it('asks the graph for one more frame once changes stop, so that its cached picture is made', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const below = graph();
    // The canvas renderer's layered texture cache, as far as it is read: when an element last changed.
    Object.assign((below as unknown as { renderer: () => object }).renderer(), {
      data: { lyrTxrCache: { lastInvalidationTime: performance.now() } },
    });
    const render = vi.spyOn(below, 'forceRender');
    const layer = layerOver(below);
    layer.show(aSelected());
    layer.show(aSelected());
    expect(render).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(render).toHaveBeenCalledTimes(1);
  });

  it('lets a picture of the graph show the selection, and only while it is taken', async () => {
    const below = graph();
    // A mark the graph had before the layer came is left as it was.
    below.$id('bc').addClass('near');
    layerOver(below).show(aSelected());
    const look = () => ({
      border: below.$id('a').numericStyle('border-width'),
      relation: below.$id('ab').numericStyle('opacity'),
      marked: below
        .$('.near, .end')
        .map((e) => e.id())
        .sort(),
    });
    const before = look();
    expect(before.border).toBe(1.5);
    expect(before.marked).toEqual(['bc']);
    const during = await withSelectionDrawn(below, () => Promise.resolve(look()));
    expect(during.border).toBe(4);
    // A dense graph's relations are drawn light, but those near the selection dark.
    expect(during.relation).toBe(1);
    expect(before.relation).toBeLessThan(1);
    expect(during.marked).toEqual(['ab', 'ad', 'bc']);
    expect(look()).toEqual(before);
    const border = () => below.$id('a').numericStyle('border-width');
    await expect(
      withSelectionDrawn(below, () => Promise.reject(new Error('no room'))),
    ).rejects.toThrow('no room');
    expect(border()).toBe(1.5);
  });

  it('leaves a graph without a layer to draw itself', async () => {
    const plain = cytoscape({ headless: true, styleEnabled: true, style: graphStyle });
    plain.add({ data: { id: 'x' } }).select();
    expect(await withSelectionDrawn(plain, () => Promise.resolve('drawn'))).toBe('drawn');
  });
});
