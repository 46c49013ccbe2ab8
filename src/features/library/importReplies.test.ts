import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../domain/sentences';
import { importReplies, readSources } from './importReplies';

const encode = (s: string) => new TextEncoder().encode(s);

describe('importReplies', () => {
  it('sends each document in a message of its own, with its sentences, then the problems', () => {
    const out = importReplies([
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
    expect(out[0]?.transfer).toEqual([a.sentences.buffer]);
    expect(done.problems.map((p) => p.file)).toContain('c.ann');
  });

  it('answers a single message when nothing imports', () => {
    const out = importReplies([{ name: 'x.csv', bytes: encode('a,b') }]);
    expect(out).toHaveLength(1);
    expect(out[0]?.reply.kind).toBe('done');
  });

  it('reports the problems met before the import with its own', () => {
    const unread = [
      { file: 'gone.txt', message: 'could not be read: gone', severity: 'error' as const },
    ];
    const out = importReplies([{ name: 'x.csv', bytes: encode('a,b') }], unread);
    const done = out.at(-1)?.reply;
    expect(done?.kind === 'done' && done.problems.map((p) => p.file)).toEqual([
      'gone.txt',
      'x.csv',
    ]);
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
