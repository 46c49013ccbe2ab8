/**
 * What an import worker answers, one message at a time. A message is read back (deserialised) on the
 * page in one piece when it arrives, so each document comes in a message of its own: 300 documents
 * in one answer held the page for ~360 ms on arrival, one by one they take a millisecond or two each
 * and the page can paint and answer input between them.
 */
import { importFiles } from '../../domain/formats/intake';
import type { ImportProblem } from '../../domain/formats/problems';
import type { AriadneDocument } from '../../domain/model';
import { deriveBlocks, packBlocks } from '../../domain/blocks';
import { packSentences, splitSentences } from '../../domain/sentences';
import type { IntakeFile, IntakeSource } from './importClient';

export type ImportReply =
  /**
   * A document, with its sentences as packed start/end offsets (see rememberSentences) and, when
   * it carries none, the blocks derived from its lines (packed, see rememberBlocks).
   */
  | { kind: 'document'; doc: AriadneDocument; sentences: Int32Array; blocks?: Int32Array }
  /** The last message: every problem the import found. */
  | { kind: 'done'; problems: ImportProblem[] }
  | { kind: 'failed'; error: string };

export interface Outgoing {
  readonly reply: ImportReply;
  /** Buffers handed over rather than copied. */
  readonly transfer: ArrayBuffer[];
}

/**
 * The bytes of each source: chosen files are read here (in the worker, so the page never holds
 * them); one that cannot be read is a problem of its own, and the others go on.
 */
export async function readSources(
  sources: readonly IntakeSource[],
): Promise<{ files: IntakeFile[]; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const read = await Promise.all(
    sources.map(async (s): Promise<IntakeFile | null> => {
      if ('bytes' in s) return s;
      try {
        return { name: s.name, bytes: new Uint8Array(await s.file.arrayBuffer()) };
      } catch (e) {
        problems.push({
          file: s.name,
          message: `could not be read: ${e instanceof Error ? e.message : String(e)}`,
          severity: 'error',
        });
        return null;
      }
    }),
  );
  return { files: read.filter((f): f is IntakeFile => f !== null), problems };
}

/**
 * Imports `files` and returns the messages that carry the result, in the order they are sent;
 * `unread` are problems met before (files that could not be read), reported with the others.
 */
export function importReplies(
  files: readonly IntakeFile[],
  unread: readonly ImportProblem[] = [],
): Outgoing[] {
  try {
    const result = importFiles(files);
    return [
      ...result.documents.map((doc): Outgoing => {
        // Splitting a long text into sentences is the slowest part of indexing it: done here, the
        // page only has to read the offsets back.
        const sentences = packSentences(splitSentences(doc.text, doc.language ?? 'en'));
        if (doc.blocks && doc.blocks.length > 0) {
          return { reply: { kind: 'document', doc, sentences }, transfer: [sentences.buffer] };
        }
        const blocks = packBlocks(deriveBlocks(doc.text));
        return {
          reply: { kind: 'document', doc, sentences, blocks },
          transfer: [sentences.buffer, blocks.buffer],
        };
      }),
      { reply: { kind: 'done', problems: [...unread, ...result.problems] }, transfer: [] },
    ];
  } catch (e) {
    return [
      {
        reply: { kind: 'failed', error: e instanceof Error ? e.message : String(e) },
        transfer: [],
      },
    ];
  }
}
