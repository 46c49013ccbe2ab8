/// <reference lib="webworker" />
/** Lays large graphs out off the main thread (see layout.ts). */
import { WARM_UP, canvasMeasure, computeLayout, warmUpInput } from './layout';
import type { LayoutInput } from './layout';

// Labels measured as the page's Cytoscape measures them, so that the label pass keeps room for them.
const measure = canvasMeasure();

self.onmessage = (event: MessageEvent<LayoutInput | typeof WARM_UP>) => {
  if (event.data === WARM_UP) {
    // Nothing is answered: the page sends this once, when idle (see layoutClient).
    try {
      computeLayout(warmUpInput(), measure);
    } catch {
      // A warm-up that fails has still compiled what it ran; a real layout reports its own errors.
    }
    return;
  }
  try {
    self.postMessage({ ok: true, positions: computeLayout(event.data, measure) });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
