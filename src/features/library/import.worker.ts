/// <reference lib="webworker" />
/** Parses opened files off the main thread, so a large import never freezes the page. */
import type { IntakeFile, WarmUp } from './importClient';
import { importReplies } from './importReplies';

self.onmessage = (event: MessageEvent<IntakeFile[] | WarmUp>) => {
  if (!Array.isArray(event.data)) {
    // Compiles the import's code before a reader waits for it, by running it on a sample; nothing
    // is answered (a sample that fails to import has still warmed what it ran).
    importReplies(event.data.warmUp);
    return;
  }
  for (const { reply, transfer } of importReplies(event.data)) self.postMessage(reply, transfer);
};
