/// <reference lib="webworker" />
/** Lays large graphs out off the main thread (see layout.ts). */
import { computeLayout } from './layout';
import type { LayoutInput } from './layout';

self.onmessage = (event: MessageEvent<LayoutInput>) => {
  try {
    self.postMessage({ ok: true, positions: computeLayout(event.data) });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
