import { describe, expect, it, vi } from 'vitest';
import cytoscape from 'cytoscape';
import type { Core, SingularElementArgument } from 'cytoscape';
import {
  LAYERS_SETTLED_MS,
  drawOver,
  drawTexturesFirst,
  layerWhenSettled,
  prepareFrame,
  setViewportTexture,
} from './textures';

/** Gives a headless instance what the canvas renderer has; records the texture requests of each cache. */
function withFakeRenderer(cy: Core) {
  const drawnBy = { eleTxrCache: [] as string[], lblTxrCache: [] as string[] };
  const callbacks: { fn: (willDraw: boolean) => void; priority: number }[] = [];
  const cache = (name: keyof typeof drawnBy) => ({
    getBoundingBox: (ele: SingularElementArgument) =>
      ele.data('label') === '' && name === 'lblTxrCache' ? { w: 0, h: 0 } : { w: 10, h: 10 },
    getElement: (ele: SingularElementArgument, _bb: unknown, pxRatio: number) => {
      expect(pxRatio).toBe(2);
      drawnBy[name].push(ele.id());
      return {};
    },
  });
  const renderer = {
    beforeRender: (fn: (willDraw: boolean) => void, priority: number) =>
      callbacks.push({ fn, priority }),
    beforeRenderPriorities: { animations: 400, eleCalcs: 300, eleTxrDeq: 200 },
    getPixelRatio: () => 2,
    data: { eleTxrCache: cache('eleTxrCache'), lblTxrCache: cache('lblTxrCache') },
  };
  // Onto headless Cytoscape's own (null) renderer, which the instance still calls.
  Object.assign((cy as unknown as { renderer: () => object }).renderer(), renderer);
  vi.spyOn(cy, 'extent').mockReturnValue({ x1: 0, y1: 0, x2: 500, y2: 500, w: 500, h: 500 });
  /** What one frame pre-draws, per cache. */
  const frame = (willDraw = true) => {
    drawnBy.eleTxrCache.length = 0;
    drawnBy.lblTxrCache.length = 0;
    for (const c of callbacks) c.fn(willDraw);
    return { bodies: [...drawnBy.eleTxrCache].sort(), labels: [...drawnBy.lblTxrCache].sort() };
  };
  return { frame, callbacks, drawnBy };
}

const node = (id: string, x: number, label = id) => ({
  group: 'nodes' as const,
  data: { id, label },
  position: { x, y: 100 },
});

function graph(): Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { label: 'data(label)', width: 20, height: 20 } }],
  });
}

describe('drawTexturesFirst', () => {
  it('does nothing without a canvas renderer', () => {
    expect(drawTexturesFirst(graph())).toBe(false);
  });

  it('draws the textures of new elements before the frame draws, once', () => {
    const cy = graph();
    const { frame, callbacks } = withFakeRenderer(cy);
    expect(drawTexturesFirst(cy)).toBe(true);
    // After styles and bounds are computed (300), before queued textures and the draw (200).
    expect(callbacks[0]?.priority).toBeGreaterThan(200);
    expect(callbacks[0]?.priority).toBeLessThan(300);
    cy.add([node('a', 50), node('b', 150), node('c', 250, '')]);
    expect(frame()).toEqual({ bodies: ['a', 'b', 'c'], labels: ['a', 'b'] });
    expect(frame()).toEqual({ bodies: [], labels: [] });
  });

  it('redraws a restyled element and waits for a frame that draws', () => {
    const cy = graph();
    cy.add([node('a', 50), node('b', 150)]);
    const { frame } = withFakeRenderer(cy);
    drawTexturesFirst(cy);
    cy.$id('a').addClass('near');
    expect(frame(false)).toEqual({ bodies: [], labels: [] });
    expect(frame()).toEqual({ bodies: ['a'], labels: ['a'] });
  });

  it('skips what the frame will not draw: removed, hidden or out of view', () => {
    const cy = graph();
    const { frame } = withFakeRenderer(cy);
    drawTexturesFirst(cy);
    cy.add([node('gone', 50), node('hidden', 100), node('far', 5000), node('seen', 200)]);
    cy.$id('gone').remove();
    cy.$id('hidden').style('display', 'none');
    expect(frame()).toEqual({ bodies: ['seen'], labels: ['seen'] });
  });
});

describe('prepareFrame', () => {
  it('does nothing without a canvas renderer', () => {
    const cy = graph();
    cy.add(node('a', 50));
    expect(() => prepareFrame(cy)).not.toThrow();
  });

  it("flushes the renderer's queue of styles and draws the new textures now, not in the frame", () => {
    const cy = graph();
    const { frame, drawnBy } = withFakeRenderer(cy);
    const flushed: string[][] = [];
    // What the canvas renderer queues between frames: here, the elements added since the last flush.
    let queued: string[] = [];
    cy.on('add', (e) => void queued.push((e.target as SingularElementArgument).id()));
    Object.assign((cy as unknown as { renderer: () => object }).renderer(), {
      flushRenderedStyleQueue: () => {
        flushed.push(queued);
        queued = [];
      },
    });
    drawTexturesFirst(cy);
    cy.add([node('a', 50), node('b', 150)]);
    expect(frame(false)).toEqual({ bodies: [], labels: [] });
    prepareFrame(cy);
    expect(flushed).toEqual([['a', 'b']]);
    expect(drawnBy.eleTxrCache.sort()).toEqual(['a', 'b']);
    expect(drawnBy.lblTxrCache.sort()).toEqual(['a', 'b']);
    // The frame that follows finds them drawn.
    expect(frame()).toEqual({ bodies: [], labels: [] });
    cy.add(node('c', 250));
    prepareFrame(cy);
    expect(flushed).toEqual([['a', 'b'], ['c']]);
  });
});

describe('setViewportTexture', () => {
  it('does nothing without a canvas renderer', () => {
    expect(setViewportTexture(graph(), true)).toBe(false);
  });

  it("switches the renderer's picture-while-moving on and off", () => {
    const cy = graph();
    const renderer = (
      cy as unknown as { renderer: () => { textureOnViewport?: boolean } }
    ).renderer();
    renderer.textureOnViewport = false;
    expect(setViewportTexture(cy, true)).toBe(true);
    expect(renderer.textureOnViewport).toBe(true);
    expect(setViewportTexture(cy, false)).toBe(true);
    expect(renderer.textureOnViewport).toBe(false);
  });
});

describe('layerWhenSettled', () => {
  /** A headless instance with the layered texture cache's clock of its last change. */
  function withLayers() {
    const cy = graph();
    const cache = { lastInvalidationTime: performance.now() };
    Object.assign((cy as unknown as { renderer: () => object }).renderer(), {
      data: { lyrTxrCache: cache },
    });
    return { cy, cache, forced: vi.spyOn(cy, 'forceRender') };
  }

  it('asks for one frame as soon as the layers may be drawn, after the last change', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const { cy, cache, forced } = withLayers();
      layerWhenSettled(cy);
      vi.advanceTimersByTime(200);
      // The graph's first frame changed elements again.
      cache.lastInvalidationTime = performance.now();
      vi.advanceTimersByTime(LAYERS_SETTLED_MS);
      expect(forced).not.toHaveBeenCalled();
      vi.advanceTimersByTime(2);
      expect(forced).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(5000);
      expect(forced).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks for nothing once stopped, once the graph is gone, or without layers', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const stopped = withLayers();
      layerWhenSettled(stopped.cy)();
      const gone = withLayers();
      layerWhenSettled(gone.cy);
      gone.cy.destroy();
      const plain = graph();
      const forced = vi.spyOn(plain, 'forceRender');
      layerWhenSettled(plain);
      vi.advanceTimersByTime(5000);
      expect(stopped.forced).not.toHaveBeenCalled();
      expect(gone.forced).not.toHaveBeenCalled();
      expect(forced).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('drawOver', () => {
  const over = { leftOut: () => true, drawnOver: () => false };

  it('does nothing without the patched layered cache', () => {
    expect(drawOver(graph(), over)).toBe(false);
    // A cache without the patch's predicates (another Cytoscape) is left as it is.
    const cy = graph();
    const cache = { lastInvalidationTime: 0 };
    Object.assign((cy as unknown as { renderer: () => object }).renderer(), {
      data: { lyrTxrCache: cache },
    });
    expect(drawOver(cy, over)).toBe(false);
    expect(cache).toEqual({ lastInvalidationTime: 0 });
  });

  it("sets and clears the cache's two predicates", () => {
    const cy = graph();
    const cache = { lastInvalidationTime: 0, leftOut: null, drawnOver: null };
    Object.assign((cy as unknown as { renderer: () => object }).renderer(), {
      data: { lyrTxrCache: cache },
    });
    expect(drawOver(cy, over)).toBe(true);
    expect(cache).toMatchObject(over);
    expect(drawOver(cy, null)).toBe(true);
    expect(cache).toMatchObject({ leftOut: null, drawnOver: null });
  });
});
