/// <reference lib="webworker" />
/** Lays large graphs out off the main thread (see layout.ts). */
import { WARM_UP, computeLayout, warmUpInput } from './layout';
import type { LayoutInput } from './layout';

self.onmessage = (event: MessageEvent<LayoutInput | typeof WARM_UP>) => {
  if (event.data === WARM_UP) {
    // Nothing is answered: the page sends this once, when idle (see layoutClient).
    try {
      computeLayout(warmUpInput());
    } catch {
      // A warm-up that fails has still compiled what it ran; a real layout reports its own errors.
    }
    return;
  }
  try {
    self.postMessage({ ok: true, positions: computeLayout(event.data) });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
