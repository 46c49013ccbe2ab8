/// <reference lib="webworker" />
/** Parses opened files off the main thread, so a large import never freezes the page. */
import { importFiles } from '../../domain/formats/intake';
import type { IntakeFile } from './importClient';

self.onmessage = (event: MessageEvent<IntakeFile[]>) => {
  try {
    self.postMessage({ ok: true, result: importFiles(event.data) });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
