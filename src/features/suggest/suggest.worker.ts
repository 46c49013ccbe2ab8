/// <reference lib="webworker" />
/** Finds suggestions off the main thread: the NLP pass takes seconds on a book-length text. */
import { findSuggestions } from './findSuggestions';
import type { AriadneDocument } from '../../domain/model';
import type { SuggestProgressReply, SuggestReply, SuggestRequest } from './suggestClient';

/** How often, at most, the page is told how far the engine is. */
const PROGRESS_EVERY_MS = 100;

/**
 * A few sentences for the warm-up: finding suggestions in them runs (and has the engine compile)
 * the code a real text runs, and sets up what the NLP library sets up on its first call.
 */
const SAMPLE: AriadneDocument = {
  format: 'ariadne/1',
  id: 'warm-up',
  title: 'Warm-up',
  text:
    'Ministers meet in Lisbon\n' +
    'LISBON, Monday (Reuters) - Foreign Minister Ana Costa met officials of Globex Industries ' +
    'and the Northern Alliance in Lisbon. Costa told reporters that Portugal would back the plan, ' +
    'a spokesman for the ministry said.',
  entityTypes: [],
  relationTypes: [],
  entities: [{ id: 'e-portugal', name: 'Portugal', type: 'state', aliases: [] }],
  mentions: [],
  relations: [],
};

self.onmessage = (event: MessageEvent<SuggestRequest>) => {
  const { id, doc } = event.data;
  if (!doc) {
    try {
      findSuggestions(SAMPLE);
    } catch {
      // A warm-up that fails leaves the real request to report the problem.
    }
    return;
  }
  let reply: SuggestReply;
  // The first report goes at once, so that the page shows the bar from the start.
  let last = -Infinity;
  try {
    const found = findSuggestions(doc, (progress) => {
      const now = performance.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      self.postMessage({ id, progress } satisfies SuggestProgressReply);
    });
    reply = { id, ok: true, found };
  } catch (e) {
    reply = { id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(reply);
};
