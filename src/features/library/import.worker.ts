/// <reference lib="webworker" />
/** Parses opened files off the main thread, so a large import never freezes the page. */
import { importFiles } from '../../domain/formats/intake';
import { splitSentences } from '../../domain/sentences';
import type { IntakeFile, WarmUp } from './importClient';

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
  try {
    const result = importFiles(event.data);
    // Splitting a long text into sentences is the slowest part of indexing it: done here, the main
    // thread only has to read the offsets back (see rememberSentences).
    const sentences = result.documents.map((d) => {
      const split = splitSentences(d.text, d.language ?? 'en');
      const packed = new Int32Array(split.length * 2);
      split.forEach((s, i) => packed.set([s.start, s.end], i * 2));
      return packed;
    });
    self.postMessage(
      { ok: true, result, sentences },
      sentences.map((p) => p.buffer),
    );
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
