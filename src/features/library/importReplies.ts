/**
 * What an import worker answers, one message at a time. A message is read back (deserialised) on the
 * page in one piece when it arrives, so each document comes in a message of its own: 300 documents
 * in one answer held the page for ~360 ms on arrival, one by one they take a millisecond or two each
 * and the page can paint and answer input between them. For the same reason a long document's
 * actors, mentions and relations come ahead of it in batches (a book of 300,000 words read back in
 * one message held the page ~240 ms).
 */
import { importFiles } from '../../domain/formats/intake';
import type { ImportProblem } from '../../domain/formats/problems';
import type { AriadneDocument, Entity, Mention, Relation } from '../../domain/model';
import { deriveBlocks, packBlocks } from '../../domain/blocks';
import { packMentions, unpackMentions } from '../../domain/mentionColumns';
import type { MentionColumns } from '../../domain/mentionColumns';
import { packSentences, splitSentences } from '../../domain/sentences';
import type { IntakeFile, IntakeSource } from './importClient';

/** The lists of a document that may come ahead of it in batches. */
export interface DocumentRecords {
  readonly entities: readonly Entity[];
  readonly mentions: readonly Mention[];
  readonly relations: readonly Relation[];
}

/** How many records a batch carries at most: ~10–25 ms to read back on the page. */
export const RECORDS_PER_MESSAGE = 5000;

/**
 * Records of the next document, in order, ahead of it (its own lists hold those after them).
 * Mentions come as columns (see mentionColumns): the browser copies a message value by value, and
 * 5,000 mentions as objects took ~5 ms to write and ~10 ms to read back (Node, whose clone is
 * Chromium's), as columns ~2 ms to pack, write, read back and unpack.
 */
export type RecordsReply =
  | { kind: 'records'; part: 'entities'; records: DocumentRecords['entities'] }
  | { kind: 'records'; part: 'mentions'; records: MentionColumns }
  | { kind: 'records'; part: 'relations'; records: DocumentRecords['relations'] };

/**
 * A document, with its sentences as packed start/end offsets (see rememberSentences) and, when it
 * carries none, the blocks derived from its lines (packed, see rememberBlocks).
 */
export interface DocumentReply {
  kind: 'document';
  doc: AriadneDocument;
  sentences: Int32Array;
  blocks?: Int32Array;
}

export type ImportReply =
  | RecordsReply
  | DocumentReply
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
 * Imports `files` and yields the messages that carry the result, in the order they are sent;
 * `unread` are problems met before (files that could not be read), reported with the others. Each
 * message is made when the one before it has been sent: a long document's records go out before
 * its text is split into sentences, so that the page reads them back meanwhile (at 100,000 words
 * ~40 ms of each side's work, which had run one after the other).
 */
export function* importReplies(
  files: readonly IntakeFile[],
  unread: readonly ImportProblem[] = [],
): Generator<Outgoing, void, undefined> {
  try {
    const result = importFiles(files);
    for (const doc of result.documents) yield* documentReplies(doc);
    yield { reply: { kind: 'done', problems: [...unread, ...result.problems] }, transfer: [] };
  } catch (e) {
    // Any records already sent are dropped with the import: the page rejects it as a whole.
    yield {
      reply: { kind: 'failed', error: e instanceof Error ? e.message : String(e) },
      transfer: [],
    };
  }
}

/** The messages of one document: its long lists' first records in batches, then the document. */
function* documentReplies(
  whole: AriadneDocument,
  batch = RECORDS_PER_MESSAGE,
): Generator<Outgoing, void, undefined> {
  const out: Outgoing[] = [];
  // Sends a list's first records ahead in batches; returns the last batch, which stays in the
  // document's own message.
  const ahead = <T>(list: readonly T[], batchOf: (records: readonly T[]) => Outgoing) => {
    const last = list.length > batch ? Math.floor((list.length - 1) / batch) * batch : 0;
    for (let at = 0; at < last; at += batch) out.push(batchOf(list.slice(at, at + batch)));
    return last > 0 ? list.slice(last) : list;
  };
  const doc: AriadneDocument = {
    ...whole,
    entities: ahead(whole.entities, (records) => ({
      reply: { kind: 'records', part: 'entities', records },
      transfer: [],
    })),
    mentions: ahead(whole.mentions, (mentions) => {
      const records = packMentions(mentions);
      return {
        reply: { kind: 'records', part: 'mentions', records },
        transfer: [records.spans.buffer],
      };
    }),
    relations: ahead(whole.relations, (records) => ({
      reply: { kind: 'records', part: 'relations', records },
      transfer: [],
    })),
  };
  yield* out;
  // Splitting a long text into sentences is the slowest part of indexing it: done here, the page
  // only has to read the offsets back.
  const sentences = packSentences(splitSentences(doc.text, doc.language ?? 'en'));
  if (doc.blocks && doc.blocks.length > 0) {
    yield { reply: { kind: 'document', doc, sentences }, transfer: [sentences.buffer] };
  } else {
    const blocks = packBlocks(deriveBlocks(doc.text));
    yield {
      reply: { kind: 'document', doc, sentences, blocks },
      transfer: [sentences.buffer, blocks.buffer],
    };
  }
}

/**
 * Gathers an import's documents on the page, one message at a time: records that came ahead of a
 * document are put back before its own (see `documentReplies`).
 */
export function documentGatherer(): {
  /** Keeps records that came ahead of their document; throws on records that do not read. */
  records(reply: RecordsReply): void;
  /** The document of `reply`, whole. */
  document(reply: DocumentReply): AriadneDocument;
} {
  let ahead = { entities: [] as Entity[], mentions: [] as Mention[], relations: [] as Relation[] };
  const append = <T>(list: T[], records: readonly T[]) => {
    for (const r of records) list.push(r);
  };
  return {
    records(reply) {
      if (reply.part === 'entities') append(ahead.entities, reply.records);
      else if (reply.part === 'mentions') {
        const mentions = unpackMentions(reply.records);
        // Packed by our own worker: columns that do not unpack are a bug, and fail the import.
        if (!Array.isArray(mentions)) throw new Error('the mentions sent ahead do not unpack');
        append(ahead.mentions, mentions as Mention[]);
      } else append(ahead.relations, reply.records);
    },
    document({ doc }) {
      const { entities, mentions, relations } = ahead;
      if (entities.length + mentions.length + relations.length === 0) return doc;
      ahead = { entities: [], mentions: [], relations: [] };
      return {
        ...doc,
        entities: entities.length > 0 ? entities.concat(doc.entities) : doc.entities,
        mentions: mentions.length > 0 ? mentions.concat(doc.mentions) : doc.mentions,
        relations: relations.length > 0 ? relations.concat(doc.relations) : doc.relations,
      };
    },
  };
}
