import { describe, expect, it, vi } from 'vitest';
import { deriveBlocks, unpackBlocks } from '../../domain/blocks';
import { splitSentences } from '../../domain/sentences';
import type * as Sentences from '../../domain/sentences';
import { importFiles } from '../../domain/formats/intake';
import { RECORDS_PER_MESSAGE, documentGatherer, importReplies, readSources } from './importReplies';

// The splitter as it is, watched: when it runs matters, not what it answers.
vi.mock('../../domain/sentences', async (importOriginal) => {
  const original = await importOriginal<typeof Sentences>();
  return { ...original, splitSentences: vi.fn(original.splitSentences) };
});

/** Every message of an import, as the worker sends them one after the other. */
const replies = (...args: Parameters<typeof importReplies>) => [...importReplies(...args)];

const encode = (s: string) => new TextEncoder().encode(s);

describe('importReplies', () => {
  it('sends each document in a message of its own, with its sentences, then the problems', () => {
    const out = replies([
      { name: 'a.txt', bytes: encode('One. Two.') },
      { name: 'b.txt', bytes: encode('Three.') },
      { name: 'c.ann', bytes: encode('T1\tPerson 0 3\tOne\n') },
    ]);
    expect(out.map((o) => o.reply.kind)).toEqual(['document', 'document', 'done']);
    const [a, b, done] = out.map((o) => o.reply);
    if (a?.kind !== 'document' || b?.kind !== 'document' || done?.kind !== 'done') {
      throw new Error('unexpected replies');
    }
    expect([a.doc.text, b.doc.text]).toEqual(['One. Two.', 'Three.']);
    const expected = splitSentences('One. Two.', 'en').flatMap((s) => [s.start, s.end]);
    expect([...a.sentences]).toEqual(expected);
    // The offsets' buffer is handed over, not copied.
    expect(out[0]?.transfer).toContain(a.sentences.buffer);
    expect(done.problems.map((p) => p.file)).toContain('c.ann');
  });

  it('answers a single message when nothing imports', () => {
    const out = replies([{ name: 'x.csv', bytes: encode('a,b') }]);
    expect(out).toHaveLength(1);
    expect(out[0]?.reply.kind).toBe('done');
  });

  it('reports the problems met before the import with its own', () => {
    const unread = [
      { file: 'gone.txt', message: 'could not be read: gone', severity: 'error' as const },
    ];
    const out = replies([{ name: 'x.csv', bytes: encode('a,b') }], unread);
    const done = out.at(-1)?.reply;
    expect(done?.kind === 'done' && done.problems.map((p) => p.file)).toEqual([
      'gone.txt',
      'x.csv',
    ]);
  });
});

describe('importReplies of a long document', () => {
  // More actors and mentions than one message carries; few relations.
  const actors = RECORDS_PER_MESSAGE + 1;
  const mentions = RECORDS_PER_MESSAGE * 2 + 1;
  const text = 'Ab '.repeat(mentions);
  const long = JSON.stringify({
    format: 'ariadne/1',
    id: 'long',
    title: 'Long',
    text,
    entityTypes: [{ key: 'person', label: 'Person' }],
    relationTypes: [{ key: 'met', label: 'met' }],
    entities: Array.from({ length: actors }, (_, i) => ({
      id: `e${i}`,
      name: `Ab ${i}`,
      type: 'person',
      aliases: [],
    })),
    mentions: Array.from({ length: mentions }, (_, i) => ({
      id: `m${i}`,
      entityId: `e${i % actors}`,
      spans: [{ start: i * 3, end: i * 3 + 2 }],
      text: 'Ab',
    })),
    relations: [
      {
        id: 'r0',
        type: 'met',
        source: 'e0',
        target: 'e1',
        evidence: [{ start: 0, end: 5, text: 'Ab Ab' }],
      },
    ],
  });

  it('sends its long lists ahead in batches, and the page gathers the document whole', () => {
    const files = [
      { name: 'long.json', bytes: encode(long) },
      { name: 'short.txt', bytes: encode('A short one.') },
    ];
    const out = replies(files).map((o) => o.reply);
    expect(
      out.map((r) =>
        r.kind === 'records'
          ? `${r.part} ${'ids' in r.records ? r.records.ids.length : r.records.length}`
          : r.kind,
      ),
    ).toEqual([
      `entities ${RECORDS_PER_MESSAGE}`,
      `mentions ${RECORDS_PER_MESSAGE}`,
      `mentions ${RECORDS_PER_MESSAGE}`,
      'document',
      'document',
      'done',
    ]);
    const gather = documentGatherer();
    const gathered = out.flatMap((r) => {
      if (r.kind === 'records') gather.records(r);
      return r.kind === 'document' ? [gather.document(r)] : [];
    });
    // The same documents as imported in one piece, in the same order.
    expect(gathered).toEqual(importFiles(files).documents);
    expect(gathered[0]?.mentions).toHaveLength(mentions);
  });

  it('sends mentions ahead as columns, their offsets handed over, not copied', () => {
    const [, first] = replies([{ name: 'long.json', bytes: encode(long) }]);
    const reply = first?.reply;
    if (reply?.kind !== 'records' || reply.part !== 'mentions') throw new Error('no mentions');
    expect(reply.records.ids.slice(0, 2)).toEqual(['m0', 'm1']);
    expect(first?.transfer).toEqual([reply.records.spans.buffer]);
  });

  it('refuses mentions sent ahead that do not unpack, rather than gather a wrong document', () => {
    const gather = documentGatherer();
    const broken = { columns: 1, ids: ['m0'], entityIds: [], texts: [], spans: new Int32Array() };
    expect(() =>
      gather.records({ kind: 'records', part: 'mentions', records: broken as never }),
    ).toThrow(/do not unpack/);
  });

  it('sends those batches before it splits the text, so the page reads them back meanwhile', () => {
    vi.mocked(splitSentences).mockClear();
    const messages = importReplies([{ name: 'long.json', bytes: encode(long) }]);
    const kinds: string[] = [];
    for (const { reply } of messages) {
      kinds.push(reply.kind);
      if (reply.kind === 'records') expect(splitSentences).not.toHaveBeenCalled();
    }
    expect(kinds).toEqual(['records', 'records', 'records', 'document', 'done']);
    expect(splitSentences).toHaveBeenCalledTimes(1);
  });
});

describe('importReplies and blocks', () => {
  it('sends the blocks derived from the lines of a document that has none, and none otherwise', () => {
    const withBlocks = JSON.stringify({
      format: 'ariadne/1',
      id: 'b',
      title: 'B',
      text: 'Title\nBody text.',
      entityTypes: [],
      relationTypes: [],
      blocks: [{ kind: 'paragraph', start: 0, end: 16 }],
      entities: [],
      mentions: [],
      relations: [],
    });
    const [plain, given] = replies([
      { name: 'a.txt', bytes: encode('A Title\nOne. Two.') },
      { name: 'b.json', bytes: encode(withBlocks) },
    ]);
    if (plain?.reply.kind !== 'document' || given?.reply.kind !== 'document') {
      throw new Error('unexpected replies');
    }
    // Plain text carries no blocks: they are derived in the worker and sent along.
    expect(plain.reply.doc.blocks).toBeUndefined();
    const derived = plain.reply.blocks;
    expect(derived && unpackBlocks(derived)).toEqual(deriveBlocks('A Title\nOne. Two.'));
    expect(plain.transfer).toContain(derived?.buffer);
    expect(given.reply.blocks).toBeUndefined();
  });
});

describe('readSources', () => {
  it('reads chosen files, passes bytes through, and reports a file that cannot be read', async () => {
    const unreadable = {
      arrayBuffer: () => Promise.reject(new Error('the file was moved')),
    } as unknown as Blob;
    const { files, problems } = await readSources([
      { name: 'a.txt', file: new Blob(['One. 🦊 Two.']) },
      { name: 'gone.txt', file: unreadable },
      { name: 'b.txt', bytes: encode('Three.') },
    ]);
    expect(files.map((f) => [f.name, new TextDecoder().decode(f.bytes)])).toEqual([
      ['a.txt', 'One. 🦊 Two.'],
      ['b.txt', 'Three.'],
    ]);
    expect(problems).toEqual([
      { file: 'gone.txt', message: 'could not be read: the file was moved', severity: 'error' },
    ]);
  });
});
