/**
 * Cytoscape's canvas renderer keeps each node's body and each label as a small bitmap inside a
 * shared texture canvas, and draws a missing bitmap at the moment the frame first needs it: write
 * to the texture, copy from it onto the graph, write the next one, copy it, and so on. Chromium
 * records canvas drawing and replays it later, so every copy from a texture written since its last
 * copy flushes that texture and, as the frame still holds the texture's previous state, copies it
 * whole first. Measured in this browser: 40 labels written and copied one by one took 60–190 ms,
 * written first and copied after 1–2 ms. A click that reveals 40 actors spent most of its frame on
 * this.
 *
 * So, just before Cytoscape draws a frame, the bitmaps of every element added or restyled since the
 * last frame are drawn into their textures, all of them, before anything reads them; the frame
 * then finds them cached. This leans on the renderer's internals (there is no public hook), so it
 * checks they are there and does nothing when they are not: headless instances, other renderers,
 * a future Cytoscape that changed them.
 */
import type { Core, SingularElementArgument } from 'cytoscape';

/** The parts of Cytoscape's element texture cache this uses (cytoscape 3.x, canvas renderer). */
interface TextureCache {
  getBoundingBox(ele: SingularElementArgument): { w: number; h: number };
  getElement(ele: SingularElementArgument, bb: unknown, pxRatio: number): unknown;
}

interface CanvasRenderer {
  beforeRender(fn: (willDraw: boolean) => void, priority: number): void;
  beforeRenderPriorities: { eleCalcs: number; eleTxrDeq: number };
  getPixelRatio(): number;
  data: Record<string, unknown>;
}

const CACHES = ['eleTxrCache', 'lblTxrCache'] as const;

function isCache(c: unknown): c is TextureCache {
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof (c as TextureCache).getElement === 'function' &&
    typeof (c as TextureCache).getBoundingBox === 'function'
  );
}

/**
 * `cy`'s renderer, as far as the caller checks it: `renderer()` is not in Cytoscape's typings, and
 * its parts differ between renderers (null when headless). `T` names what the caller looks for,
 * every part optional until checked.
 */
function rendererOf<T>(cy: Core): Partial<T> | null | undefined {
  return (cy as unknown as { renderer?: () => Partial<T> | null }).renderer?.();
}

/** Each graph's pass of `drawTexturesFirst`, for `prepareFrame` to run between frames. */
const drawNow = new WeakMap<Core, () => void>();

function canvasRenderer(cy: Core): { r: CanvasRenderer; caches: TextureCache[] } | null {
  const r = rendererOf<CanvasRenderer>(cy);
  if (
    !r ||
    typeof r.beforeRender !== 'function' ||
    typeof r.getPixelRatio !== 'function' ||
    typeof r.beforeRenderPriorities?.eleCalcs !== 'number' ||
    typeof r.beforeRenderPriorities.eleTxrDeq !== 'number' ||
    !r.data
  ) {
    return null;
  }
  const caches = CACHES.map((k) => r.data?.[k]);
  if (!caches.every(isCache)) return null;
  return { r: r as CanvasRenderer, caches };
}

/**
 * Installs the texture pre-drawing on `cy`'s renderer; returns whether it could. It lasts as long
 * as the instance (the renderer drops its callbacks when destroyed).
 */
export function drawTexturesFirst(cy: Core): boolean {
  const found = canvasRenderer(cy);
  if (!found) return false;
  const { r, caches } = found;
  let dirty = new Set<SingularElementArgument>();
  cy.on('add style', (e) => {
    dirty.add(e.target as SingularElementArgument);
  });
  // After Cytoscape has computed the elements' styles and bounds for this frame (eleCalcs), and
  // before it draws anything, queued textures included (eleTxrDeq).
  const priority = (r.beforeRenderPriorities.eleCalcs + r.beforeRenderPriorities.eleTxrDeq) / 2;
  const drawDirty = () => {
    if (dirty.size === 0) return;
    const eles = dirty;
    dirty = new Set();
    const pxRatio = r.getPixelRatio();
    const extent = cy.extent();
    for (const ele of eles) {
      if (ele.removed() || !ele.visible()) continue;
      // Only what this frame draws: Cytoscape skips elements outside the view.
      const bb = ele.boundingBox();
      if (bb.x1 > extent.x2 || bb.x2 < extent.x1 || bb.y1 > extent.y2 || bb.y2 < extent.y1) {
        continue;
      }
      for (const cache of caches) {
        const box = cache.getBoundingBox(ele);
        if (box.w > 0 && box.h > 0) cache.getElement(ele, box, pxRatio);
      }
    }
  };
  r.beforeRender((willDraw) => {
    if (willDraw) drawDirty();
  }, priority);
  drawNow.set(cy, drawDirty);
  return true;
}

/**
 * Does now, in the caller's task, what the next frame would do before drawing the elements added or
 * restyled since the last one: their styles, label sizes and edge ends (Cytoscape's queue of
 * rendered styles), then their boxes and textures (where `drawTexturesFirst` is installed). For
 * elements added over several tasks while nothing is drawn, so that the frame that draws them only
 * draws.
 */
export function prepareFrame(cy: Core): void {
  // The queue is the renderer's own, flushed before each frame it draws.
  const r = rendererOf<{ flushRenderedStyleQueue: unknown }>(cy);
  if (typeof r?.flushRenderedStyleQueue === 'function') r.flushRenderedStyleQueue();
  drawNow.get(cy)?.();
}

/**
 * Has Cytoscape pan and zoom `cy` by moving a picture of the view taken as the gesture starts, and
 * redraw the graph only once it ends (its `textureOnViewport` option, otherwise fixed when the
 * instance is made). With thousands of elements each wheel step or drag move otherwise redraws all
 * of them: 150–300 ms a frame here. The price: while moving, the picture is blurred when zoomed in
 * and what was outside the view is blank. Returns whether the renderer took the setting.
 */
export function setViewportTexture(cy: Core, on: boolean): boolean {
  // The option lives on the renderer as a boolean.
  const r = rendererOf<{ textureOnViewport: unknown }>(cy);
  if (!r || typeof r.textureOnViewport !== 'boolean') return false;
  r.textureOnViewport = on;
  return true;
}

/** Cytoscape's layered texture cache draws no layer on a frame this soon after an element changed. */
const LAYERS_SKIP_MS = 250;

/**
 * How long `layerWhenSettled` waits after the last change. Cytoscape compares that change with the
 * frame's own clock, which can be a frame older than the moment the frame was asked for: a page that
 * has asked for no frame for a while (Cytoscape's loop sleeps while nothing changes) is given one
 * stamped with the last display refresh, 0-13 ms before the request here. Asked for at exactly the
 * quarter of a second, that frame could still skip the layers, and nothing asked for another.
 */
export const LAYERS_SETTLED_MS = LAYERS_SKIP_MS + 20;

/** Picks elements of a graph. */
type ElementTest = (ele: SingularElementArgument) => boolean;

/** The parts of Cytoscape's layered texture cache this uses (cytoscape 3.x, canvas renderer). */
interface LayerCache {
  lastInvalidationTime: number;
  /** Our ninth Cytoscape patch (patches/README.md): make the layers at once, drawn as far as they are made. */
  layersFirst?: boolean;
  /** Our fourteenth: elements left out of the layers, and elements drawn over them (see `drawOver`). */
  leftOut?: ElementTest | null;
  drawnOver?: ElementTest | null;
}

function layerCache(cy: Core): LayerCache | null {
  const r = rendererOf<{ data: { lyrTxrCache?: Partial<LayerCache> } }>(cy);
  const cache = r?.data?.lyrTxrCache;
  return typeof cache?.lastInvalidationTime === 'number' ? (cache as LayerCache) : null;
}

/**
 * Has the next frame start a large graph's picture (its layers) at once, made over the following
 * frames in slices and drawn as far as it is made, instead of drawing every element in one frame
 * (250-330 ms for 12,500 of them), waiting a quarter of a second and drawing every element again
 * while starting the layers. For a graph just built, before Cytoscape draws it. Does nothing
 * without the patched canvas renderer.
 */
export function layersFirst(cy: Core): void {
  const cache = layerCache(cy);
  if (cache && 'layersFirst' in cache) cache.layersFirst = true;
}

/**
 * Cytoscape keeps a large graph's picture in layers, drawn from then on in one copy each. It
 * starts them on the first frame it draws once no element has changed for a quarter of a second:
 * never on the frames that first draw a new graph (unless `layersFirst` asked it to), nor on those
 * after a node is dragged. Nothing may ask for another frame until the reader's first click, which
 * then draws every element (200–300 ms for 12,500 of them) and starts the layers only then; clicks
 * coming faster than the layers are made all draw everything. So one more frame is asked for as
 * soon as the quarter of a second has passed. Returns a function that stops waiting; does nothing
 * without a canvas renderer.
 */
export function layerWhenSettled(cy: Core): () => void {
  const cache = layerCache(cy);
  if (!cache) return () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    if (cy.destroyed()) return;
    // The graph's own first frame may change elements again: wait for the last change.
    const quiet = performance.now() - cache.lastInvalidationTime;
    if (quiet > LAYERS_SETTLED_MS) cy.forceRender();
    else timer = setTimeout(check, LAYERS_SETTLED_MS - quiet + 1);
  };
  timer = setTimeout(check, LAYERS_SETTLED_MS);
  return () => clearTimeout(timer);
}

/** What `drawOver` has Cytoscape draw over a graph's picture. */
export interface OverThePicture {
  /**
   * Left out of the picture altogether. Must answer the same for an element as long as the element
   * is in the graph.
   */
  readonly leftOut: ElementTest;
  /** Kept in the picture as they were drawn there, and drawn over it as they now are. */
  readonly drawnOver: ElementTest;
}

/**
 * Has Cytoscape draw some elements one by one over a graph's picture (its layers), on every frame,
 * rather than draw the picture again when they change (null: none). A large document's overview
 * shows the neighbours of each selection beside it, and marks the selection's relations; each
 * click changed the picture's elements or their style, and the next frames drew all ~670 of the
 * overview's elements one by one again (~14 ms of a click at 100,000 words) until the picture
 * was made anew, a quarter of a second after the last change. Returns whether the renderer took
 * it (our fourteenth Cytoscape patch).
 */
export function drawOver(cy: Core, over: OverThePicture | null): boolean {
  const cache = layerCache(cy);
  if (!cache || !('leftOut' in cache)) return false;
  cache.leftOut = over?.leftOut ?? null;
  cache.drawnOver = over?.drawnOver ?? null;
  return true;
}
