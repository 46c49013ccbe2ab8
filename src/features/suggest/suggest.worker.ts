/// <reference lib="webworker" />
/** Finds suggestions off the main thread: the NLP pass takes seconds on a book-length text. */
import { findSuggestions } from './findSuggestions';
import type { AriadneDocument } from '../../domain/model';

self.onmessage = (event: MessageEvent<AriadneDocument>) => {
  try {
    self.postMessage({ ok: true, found: findSuggestions(event.data) });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
