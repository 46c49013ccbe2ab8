/// <reference lib="webworker" />
/** Parses opened files off the main thread, so a large import never freezes the page. */
import { importFiles } from '../../domain/formats/intake';
import { splitSentences } from '../../domain/sentences';
import type { IntakeFile, WarmUp } from './importClient';
import { importReplies } from './importReplies';

self.onmessage = (event: MessageEvent<IntakeFile[] | WarmUp>) => {
  if (!Array.isArray(event.data)) {
    // Compiles the import's code before a reader waits for it; nothing is answered.
    try {
      for (const d of importFiles(event.data.warmUp).documents) {
        splitSentences(d.text, d.language ?? 'en');
      }
    } catch {
      // A sample that fails to import has still warmed what it ran.
    }
    return;
  }
  for (const { reply, transfer } of importReplies(event.data)) self.postMessage(reply, transfer);
};
