/**
 * Mirrors selection and filters in the URL: each change pushes a history entry, so Back and Forward
 * step through what the reader looked at, and a reload or a shared link restores it.
 */
import { useEffect } from 'react';
import { afterPaint } from '../store/afterPaint';
import { currentViewState, useAppStore } from '../store/store';
import { parseViewState, serializeViewState } from '../store/viewState';

export function useUrlSync(): void {
  useEffect(() => {
    const { getState, subscribe } = useAppStore;
    const urlFor = (search: string) => `${location.pathname}${search}${location.hash}`;
    const fromUrl = (jump: boolean) =>
      getState().applyViewState(parseViewState(location.search), { jump });
    // A link (or a reload) opens where the text names the selection; Back and Forward leave the
    // text where the reader has it.
    fromUrl(true);
    let last = serializeViewState(currentViewState(getState()));
    if (last !== location.search) history.replaceState(null, '', urlFor(last));

    // The entry is written once the click's frame is painted: pushState took 0.6-10 ms here, on
    // the input's path. A state not yet written when the next comes is written first, so each
    // keeps its entry.
    let pending: string | null = null;
    // Back and Forward apply the URL to the store; that change is the entry's, not a new one.
    let popping = false;
    const write = () => {
      if (pending === null) return;
      history.pushState(null, '', urlFor(pending));
      pending = null;
    };
    const unsubscribe = subscribe((s) => {
      const next = serializeViewState(currentViewState(s));
      if (next === last || popping) return;
      write();
      last = next;
      pending = next;
      afterPaint(write);
    });
    const onPop = () => {
      // The reader left the state not yet written: it gets no entry.
      pending = null;
      popping = true;
      try {
        fromUrl(false);
      } finally {
        popping = false;
      }
      last = serializeViewState(currentViewState(getState()));
      // The entry says what is shown, as a link would (an unknown actor is dropped, say).
      if (last !== location.search) history.replaceState(null, '', urlFor(last));
    };
    window.addEventListener('popstate', onPop);
    // A reload right after a click still finds it in the URL.
    window.addEventListener('pagehide', write);
    return () => {
      write();
      unsubscribe();
      window.removeEventListener('popstate', onPop);
      window.removeEventListener('pagehide', write);
    };
  }, []);
}
