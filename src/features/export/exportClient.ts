/**
 * Has the export worker write a document's files. The worker keeps the last document it was sent
 * and lives on for a while after an export, so a second format of the same document is sent
 * nothing; idle, it ends and lets its copy go. Where workers are missing (tests in jsdom) the files
 * are written in place.
 */
import type { ImportProblem } from '../../domain/formats/problems';
import type { AriadneDocument } from '../../domain/model';
import { keptWorker } from '../keptWorker';
import { exportBlobs } from './exportFiles';
import type { DocumentExport, Exported, FileOut } from './exportFiles';

export type { FileOut } from './exportFiles';

export interface ExportRequest {
  readonly id: number;
  readonly kind: DocumentExport;
  /** Absent when the worker already holds this document. */
  readonly doc?: AriadneDocument;
}

export type ExportReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly files: readonly FileOut[];
      readonly problems: readonly ImportProblem[];
    }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** The document the worker holds. */
let held: AriadneDocument | null = null;

// Idle for a minute, the worker ends and its copy of the document goes with it.
const exporter = keptWorker<ExportReply>(
  () => new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' }),
  { keepMs: 60_000, failure: 'the export worker failed', onEnd: () => (held = null) },
);

/** The files of one export of `doc`, written off the main thread where it can be. */
export function exportDocument(
  doc: AriadneDocument,
  kind: DocumentExport,
): Promise<Exported<FileOut>> {
  // A throw becomes the promise's rejection, as the worker's error does.
  if (typeof Worker === 'undefined')
    return new Promise((resolve) => resolve(exportBlobs(doc, kind)));
  // Documents are never changed in place (an edit makes a new one): the same object is the same
  // document.
  const send = held !== doc;
  let result: Promise<Extract<ExportReply, { ok: true }>>;
  try {
    result = exporter.request(
      (id) => ({ id, kind, doc: send ? doc : undefined }) satisfies ExportRequest,
    );
  } catch (e) {
    // Not sent (a document that cannot be copied): the worker still holds what it held.
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  held = doc;
  return result.then(({ files, problems }) => ({ files, problems }));
}
