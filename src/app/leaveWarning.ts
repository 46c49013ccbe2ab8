/**
 * Asks before the page is closed or reloaded while documents are still being written to the
 * browser's storage (an import of hundreds takes a second or more to store): the documents not yet
 * written would otherwise be gone on the next visit, without a word. The browser shows its own
 * question ("Leave site?"); the reader may stay until the saving note is gone.
 *
 * The listener is there only while something is unsaved: a page that always listens for
 * `beforeunload` is kept out of some browsers' back-forward cache.
 */
import type { AppState } from '../store/store';

const ask = (e: BeforeUnloadEvent) => e.preventDefault();

/** Follows `unsaved` in the store from now on; returns the function that stops it. */
export function warnBeforeLeavingUnsaved(
  subscribe: (listener: (s: AppState, prev: AppState) => void) => () => void,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): () => void {
  let asking = false;
  const set = (on: boolean) => {
    if (on === asking) return;
    asking = on;
    if (on) target.addEventListener('beforeunload', ask);
    else target.removeEventListener('beforeunload', ask);
  };
  const unsubscribe = subscribe((s) => set(s.unsaved > 0));
  return () => {
    unsubscribe();
    set(false);
  };
}
