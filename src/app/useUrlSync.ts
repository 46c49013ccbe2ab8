/**
 * Mirrors selection and filters in the URL: each change pushes a history entry, so Back and Forward
 * step through what the reader looked at, and a reload or a shared link restores it.
 */
import { useEffect } from 'react';
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

    const unsubscribe = subscribe((s) => {
      const next = serializeViewState(currentViewState(s));
      if (next === last) return;
      last = next;
      history.pushState(null, '', urlFor(next));
    });
    const onPop = () => {
      fromUrl(false);
      last = serializeViewState(currentViewState(getState()));
    };
    window.addEventListener('popstate', onPop);
    return () => {
      unsubscribe();
      window.removeEventListener('popstate', onPop);
    };
  }, []);
}
