/// <reference lib="webworker" />
/** Parses opened files off the main thread, so a large import never freezes the page. */
import type { IntakeSource, WarmUp } from './importClient';
import { importReplies, readSources } from './importReplies';

self.onmessage = async (event: MessageEvent<IntakeSource[] | WarmUp>) => {
  if (!Array.isArray(event.data)) {
    // Compiles the import's code before a reader waits for it, by running it on a sample; nothing
    // is answered (a sample that fails to import has still warmed what it ran).
    for (const message of importReplies(event.data.warmUp)) void message; // made, not sent
    return;
  }
  try {
    const { files, problems } = await readSources(event.data);
    for (const { reply, transfer } of importReplies(files, problems)) {
      self.postMessage(reply, transfer);
    }
  } catch (e) {
    // A rejection here would not reach the page's onerror: the import would never end.
    self.postMessage({ kind: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
};
