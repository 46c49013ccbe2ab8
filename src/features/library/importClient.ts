/**
 * Turns files from the file input, a drop or a URL into documents in the library: has a worker read
 * and parse them (the main thread does where workers are missing, as in tests), then adds the good
 * documents and reports every problem.
 */
import { rememberBlocks, unpackBlocks } from '../../domain/blocks';
import { importFiles } from '../../domain/formats/intake';
import type { ImportProblem } from '../../domain/formats/problems';
import type { AriadneDocument } from '../../domain/model';
import { rememberSentences, unpackSentences } from '../../domain/sentences';
import { indexingFor } from '../../store/indexCache';
import { useAppStore } from '../../store/store';
import { inSlices, nextTask } from '../../store/tasks';
import { whenIdle } from '../whenIdle';
import { documentGatherer, readSources } from './importReplies';
import type { ImportReply } from './importReplies';

export interface IntakeFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * What an import is given: bytes in hand (pasted text, a fetched URL) or a file the reader chose,
 * which the worker reads itself. Reading 300 chosen files on the page and copying their bytes to
 * the worker held it for ~200 ms and ~130 ms; a File crosses to the worker as a mere handle.
 */
export type IntakeSource = IntakeFile | { readonly name: string; readonly file: Blob };

interface IntakeResult {
  readonly documents: AriadneDocument[];
  readonly problems: ImportProblem[];
}

/** The message that has an import worker parse a sample and answer nothing (see warmUpImports). */
export interface WarmUp {
  readonly warmUp: IntakeFile[];
}

let spare: Worker | null = null;
let sample: IntakeFile[] | null = null;

function startWorker(): Worker {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
}

/** Once the page is idle, starts the spare worker and has it import the sample. */
function prepareSpare(): void {
  whenIdle(() => {
    if (spare || !sample) return;
    spare = startWorker();
    spare.postMessage({ warmUp: sample } satisfies WarmUp);
  });
}

/**
 * Keeps a worker ready for the next import, warmed up on `sample`: a worker's first import runs
 * cold (its code not yet compiled), and the import a reader waits for is the file just chosen. A
 * worker is used for one import only: kept, it would hold that import's garbage (~60 MB after
 * 100,000 words); a fresh one is warmed once the page is idle again.
 */
export function warmUpImports(files: IntakeFile[]): void {
  if (typeof Worker === 'undefined' || sample) return;
  sample = files;
  prepareSpare();
}

async function parseHere(sources: IntakeSource[]): Promise<IntakeResult> {
  const { files, problems } = await readSources(sources);
  const result = importFiles(files);
  return { documents: result.documents, problems: [...problems, ...result.problems] };
}

function parseInWorker(files: IntakeSource[]): Promise<IntakeResult> {
  if (typeof Worker === 'undefined') return parseHere(files);
  return new Promise((resolve, reject) => {
    const worker = spare ?? startWorker();
    spare = null;
    const documents: AriadneDocument[] = [];
    // The first document is the one opened and indexed at once. Only the last few texts' sentences
    // and blocks are remembered: after more documents than that, its own are remembered again, or
    // the page would split its text anew (six of 100,000 words: 210 ms of its indexing task).
    let rememberFirst: (() => void) | undefined;
    // Each document arrives in a message (a task) of its own, a long one's records in batches
    // before it; see importReplies.
    const gather = documentGatherer();
    // A worker does one import: done or failed, it goes, and a warmed one is readied in its place.
    const release = () => {
      worker.terminate();
      if (sample) prepareSpare();
    };
    const fail = (error: Error) => {
      release();
      reject(error);
    };
    worker.onmessage = (e: MessageEvent<ImportReply>) => {
      const reply = e.data;
      if (reply.kind === 'records') {
        try {
          gather.records(reply);
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
        }
        return;
      }
      if (reply.kind === 'document') {
        const doc = gather.document(reply);
        const split = unpackSentences(reply.sentences, doc.text.length);
        const blocks = reply.blocks && unpackBlocks(reply.blocks);
        const remember = () => {
          if (split) rememberSentences(doc.text, doc.language ?? 'en', split);
          if (blocks) rememberBlocks(doc.text, blocks);
        };
        remember();
        rememberFirst ??= remember;
        documents.push(doc);
        return;
      }
      if (reply.kind === 'failed') fail(new Error(reply.error));
      else {
        release();
        rememberFirst?.();
        resolve({ documents, problems: reply.problems });
      }
    };
    worker.onerror = (e) => fail(new Error(e.message || 'the import worker failed'));
    worker.postMessage(files);
  });
}

/** Imports and opens the first good document; returns how many documents were added. */
export async function importIntoLibrary(
  files: IntakeSource[],
  options: { docUrl?: string } = {},
): Promise<number> {
  const store = useAppStore.getState();
  store.setImporting({ files: files.length });
  try {
    const { documents, problems } = await parseInWorker(files);
    const first = documents[0];
    if (first) {
      // Index the document to be opened in tasks of its own (a book's in several), apart from
      // receiving and drawing it, so that no single task holds the page for long.
      await nextTask();
      await inSlices(indexingFor(first));
      await nextTask();
    }
    store.reportProblems(problems);
    store.addDocuments(documents, {
      open: true,
      replace: options.docUrl !== undefined,
      docUrl: options.docUrl,
    });
    return documents.length;
  } catch (e) {
    store.reportProblems([
      {
        file: files.map((f) => f.name).join(', '),
        message: `could not be imported: ${e instanceof Error ? e.message : String(e)}`,
        severity: 'error',
      },
    ]);
    return 0;
  } finally {
    store.setImporting(null);
  }
}

/** Imports chosen or dropped files; a file the browser cannot read is reported, the rest imported. */
export function importChosenFiles(files: Iterable<File>): Promise<number> {
  return importIntoLibrary(
    [...files].map((f) => ({ name: f.webkitRelativePath || f.name, file: f })),
  );
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(`${url}: the server answered ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

function fileName(url: URL): string {
  return decodeURIComponent(url.pathname.split('/').pop() || 'document');
}

/**
 * Opens `?doc=<url>`: a JSON document, or a `.txt` with the `.ann` (and `annotation.conf`, if any)
 * beside it.
 */
export async function openFromUrl(url: string): Promise<boolean> {
  const store = useAppStore.getState();
  let resolved: URL;
  try {
    resolved = new URL(url, location.href);
  } catch {
    store.reportProblems([{ file: url, message: 'is not a valid address', severity: 'error' }]);
    return false;
  }
  try {
    const files: IntakeFile[] = [
      { name: fileName(resolved), bytes: await fetchBytes(resolved.href) },
    ];
    if (/\.txt$/i.test(resolved.pathname)) {
      const ann = new URL(resolved.href.replace(/\.txt(?=$|[?#])/i, '.ann'));
      const conf = new URL('annotation.conf', resolved);
      const [annBytes, confBytes] = await Promise.all([
        fetchBytes(ann.href).catch(() => undefined),
        fetchBytes(conf.href).catch(() => undefined),
      ]);
      if (annBytes) files.push({ name: fileName(ann), bytes: annBytes });
      if (annBytes && confBytes) files.push({ name: 'annotation.conf', bytes: confBytes });
    }
    return (await importIntoLibrary(files, { docUrl: url })) > 0;
  } catch (e) {
    store.reportProblems([
      {
        file: url,
        message: `could not be opened: ${e instanceof Error ? e.message : String(e)}`,
        severity: 'error',
      },
    ]);
    return false;
  }
}
