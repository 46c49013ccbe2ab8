/// <reference lib="webworker" />
/** Lays large graphs out off the main thread (see layout.ts). */
import { computeLayout, warmUpInput } from './layout';
import type { LayoutInput } from './layout';

self.onmessage = (event: MessageEvent<LayoutInput>) => {
  try {
    self.postMessage({ ok: true, positions: computeLayout(event.data) });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};

// The worker is started ahead of the first large layout (see layoutClient.ts); a layout queued
// meanwhile waits for this one. A failure here only loses the head start.
try {
  computeLayout(warmUpInput());
} catch {
  // The real layouts report their own errors.
}
