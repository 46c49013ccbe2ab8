/**
 * Has the export worker write a document's files. The worker keeps the last document it was sent
 * and lives on for a while after an export, so a second format of the same document is sent
 * nothing; idle, it ends and lets its copy go. Where workers are missing (tests in jsdom) the files
 * are written in place.
 */
import type { ImportProblem } from '../../domain/formats/problems';
import type { AriadneDocument } from '../../domain/model';
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

/** How long an idle worker (and its copy of the document) is kept. */
const KEEP_MS = 60_000;

let worker: Worker | null = null;
/** The document the worker holds. */
let held: AriadneDocument | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let nextId = 1;
const pending = new Map<
  number,
  { resolve: (r: Exported<FileOut>) => void; reject: (e: Error) => void }
>();

function stop(): void {
  worker?.terminate();
  worker = null;
  held = null;
  clearTimeout(idleTimer);
}

function failAll(error: Error): void {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<ExportReply>) => {
    const reply = e.data;
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiting) return;
    if (reply.ok) waiting.resolve({ files: reply.files, problems: reply.problems });
    else waiting.reject(new Error(reply.error));
  };
  w.onerror = (e) => {
    stop();
    failAll(new Error(e.message || 'the export worker failed'));
  };
  worker = w;
  return w;
}

/** The files of one export of `doc`, written off the main thread where it can be. */
export function exportDocument(
  doc: AriadneDocument,
  kind: DocumentExport,
): Promise<Exported<FileOut>> {
  // A throw becomes the promise's rejection, as the worker's error does.
  if (typeof Worker === 'undefined')
    return new Promise((resolve) => resolve(exportBlobs(doc, kind)));
  const w = started();
  clearTimeout(idleTimer);
  const id = nextId++;
  const result = new Promise<Exported<FileOut>>((resolve, reject) =>
    pending.set(id, { resolve, reject }),
  );
  // Documents are never changed in place (an edit makes a new one): the same object is the same
  // document.
  const send = held !== doc;
  try {
    w.postMessage({ id, kind, doc: send ? doc : undefined } satisfies ExportRequest);
  } catch (e) {
    // Not sent (a document that cannot be copied): the worker still holds what it held.
    pending.delete(id);
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  held = doc;
  const idle = () => {
    if (pending.size > 0) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(stop, KEEP_MS);
  };
  result.then(idle, idle);
  return result;
}
