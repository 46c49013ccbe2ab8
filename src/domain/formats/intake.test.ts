import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import builtinJson from '../builtin/hts-terror-list.json';
import { documentSchema } from '../schema';
import { validateDocument } from '../validate';
import { exportAriadneJson } from './ariadne-json';
import { MAX_FILE_BYTES, firstInvalidUtf8, formatSize, importFiles } from './intake';
import type { IntakeFile } from './intake';
import type { ImportProblem } from './problems';

const enc = new TextEncoder();
const file = (name: string, content: string | Uint8Array): IntakeFile => ({
  name,
  bytes: typeof content === 'string' ? enc.encode(content) : content,
});
/** How the app shows a problem: "file, line N: message". */
const shown = (p: ImportProblem) =>
  `${p.file}${p.line !== undefined ? `, line ${p.line}` : ''}: ${p.message}`;
const errors = (ps: readonly ImportProblem[]) => ps.filter((p) => p.severity === 'error');

const builtin = documentSchema.parse(builtinJson);
const builtinFile = () => file('hts.json', exportAriadneJson(builtin));

const TEXT = 'Alice met Bob in Paris.\nBob thanked Alice.\n';
const ANN = [
  'T1\tPerson 0 5\tAlice',
  'T2\tPerson 10 13\tBob',
  'T3\tGPE 17 22\tParis',
  'R1\tMet Arg1:T1 Arg2:T2',
].join('\n');
const CONF =
  '[entities]\nPerson\nGPE\n[relations]\nMet\tArg1:Person, Arg2:Person\n[events]\n[attributes]\n';

describe('importFiles: grouping', () => {
  it('reads a .txt alone as plain text, a .txt with its .ann as brat, a .json as ours', () => {
    const r = importFiles([
      file('a.txt', TEXT),
      file('b.txt', TEXT),
      file('b.ann', ANN),
      builtinFile(),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.documents).toHaveLength(3);
    const [plain, brat, json] = r.documents;
    expect(plain?.entities).toEqual([]);
    expect(plain?.title).toBe('Alice met Bob in Paris.');
    expect(brat?.id).toBe('b');
    expect(brat?.entities.map((e) => e.name)).toEqual(['Alice', 'Bob', 'Paris']);
    expect(brat?.relations).toHaveLength(1);
    expect(json).toEqual(builtin);
    for (const d of r.documents) expect(validateDocument(d)).toEqual([]);
  });

  it('orders documents by the first file of each', () => {
    const r = importFiles([
      file('c.ann', ANN),
      builtinFile(),
      file('a.txt', TEXT),
      file('c.txt', TEXT),
    ]);
    expect(r.documents.map((d) => d.id)).toEqual([
      'c',
      'hts-terror-list',
      expect.stringMatching(/^a-/),
    ]);
  });

  it('pairs .txt and .ann by folder and base name, case-sensitively', () => {
    const r = importFiles([
      file('one/x.txt', TEXT),
      file('two/x.ann', ANN),
      file('two/x.txt', TEXT),
      file('Y.txt', TEXT),
      file('y.ann', ANN),
    ]);
    expect(r.documents.map((d) => d.entities.length)).toEqual([0, 3, 0]);
    expect(r.problems.map(shown)).toEqual(['y.ann: no matching y.txt was opened with it']);
  });

  it('reports an .ann without its .txt and still imports the other files', () => {
    const r = importFiles([file('news/X.ann', ANN), file('a.txt', TEXT), builtinFile()]);
    expect(r.problems).toEqual([
      { file: 'news/X.ann', message: 'no matching X.txt was opened with it', severity: 'error' },
    ]);
    expect(r.documents).toHaveLength(2);
  });

  it('reports unsupported files and skips brat tool files and folder litter silently', () => {
    const r = importFiles([
      file('photo.png', 'PNG'),
      file('README', 'read me'),
      file('notes.md', '# notes'),
      file('tools.conf', '[search]'),
      file('news/kb_shortcuts.conf', 'P Person'),
      file('news/.DS_Store', '\0\0'),
      file('news/._a.txt', '\0\0'),
      file('a.txt', TEXT),
    ]);
    expect(r.problems.map(shown)).toEqual([
      'photo.png: unsupported file type (open .json, .txt with .ann, or .txt)',
      'README: unsupported file type (open .json, .txt with .ann, or .txt)',
      'notes.md: unsupported file type (open .json, .txt with .ann, or .txt)',
    ]);
    expect(r.documents).toHaveLength(1);
  });

  it('reads extensions in any case', () => {
    const r = importFiles([file('A.TXT', TEXT), file('A.Ann', ANN)]);
    expect(r.problems).toEqual([]);
    expect(r.documents[0]?.entities).toHaveLength(3);
  });

  it('uses the first of two files with the same name', () => {
    const r = importFiles([file('a.txt', TEXT), file('a.txt', 'Other text.')]);
    expect(r.problems.map(shown)).toEqual([
      'a.txt: was opened twice; using the first copy (a.txt)',
    ]);
    expect(r.documents.map((d) => d.text)).toEqual([TEXT]);
  });

  it('imports the brat example folder: every text, the empty .ann files as unannotated documents', () => {
    const dir = fileURLToPath(new URL('../../../tests/fixtures/brat/news/', import.meta.url));
    const names = readdirSync(dir).filter((n) => /\.(txt|ann|conf)$/.test(n));
    const r = importFiles(
      names.map((n) => file(`news/${n}`, new Uint8Array(readFileSync(`${dir}${n}`)))),
    );
    expect(errors(r.problems)).toEqual([]);
    const texts = names.filter((n) => n.endsWith('.txt')).length;
    expect(r.documents).toHaveLength(texts);
    const empty = names.filter(
      (n) => n.endsWith('.ann') && readFileSync(`${dir}${n}`).length === 0,
    );
    expect(empty.length).toBeGreaterThan(0);
    for (const n of empty) {
      const doc = r.documents.find((d) => d.id === n.replace(/\.ann$/, ''));
      expect(doc?.entities).toEqual([]);
      expect(doc?.source?.origin).toContain('annotation.conf');
    }
  });
});

describe('importFiles: brat configuration', () => {
  const conf = (key: string) => `[entities]\n${key}\n[relations]\n[events]\n[attributes]\n`;
  const types = (r: ReturnType<typeof importFiles>, i: number) =>
    r.documents[i]?.entityTypes.map((t) => t.key) ?? [];

  it('applies annotation.conf and visual.conf to every brat document of the batch', () => {
    const r = importFiles([
      file('a.txt', TEXT),
      file('a.ann', ANN),
      file('b.txt', TEXT),
      file('b.ann', ''),
      file('annotation.conf', `${CONF.replace('GPE', 'GPE\nOrganization')}`),
      file('visual.conf', '[labels]\nPerson | Human being\n[drawing]\nPerson\tbgColor:#123456\n'),
    ]);
    expect(r.problems).toEqual([]);
    for (const i of [0, 1]) {
      expect(types(r, i)).toContain('Organization');
      expect(r.documents[i]?.entityTypes.find((t) => t.key === 'Person')).toMatchObject({
        label: 'Human being',
        color: '#123456',
      });
    }
  });

  it('uses the configuration in the same folder, else the nearest above, else any', () => {
    const r = importFiles([
      file('news/a.txt', TEXT),
      file('news/a.ann', ANN),
      file('news/deep/b.txt', TEXT),
      file('news/deep/b.ann', ANN),
      file('c.txt', TEXT),
      file('c.ann', ANN),
      file('other/annotation.conf', conf('FromOther')),
      file('news/annotation.conf', conf('FromNews')),
    ]);
    expect(types(r, 0)).toContain('FromNews');
    expect(types(r, 1)).toContain('FromNews');
    expect(types(r, 2)).toContain('FromOther');

    const top = importFiles([
      file('x/c.txt', TEXT),
      file('x/c.ann', ANN),
      file('annotation.conf', conf('FromTop')),
      file('y/annotation.conf', conf('FromY')),
    ]);
    expect(types(top, 0)).toContain('FromTop');
    expect(top.problems.map(shown)).toContain(
      'y/annotation.conf: not used: no brat document (a .txt with its .ann) was opened with it',
    );
    expect(errors(top.problems)).toEqual([]);
  });

  it('names problems by the files as opened, with their folders and lines', () => {
    const r = importFiles([
      file('news/a.txt', TEXT),
      file('news/a.ann', `${ANN}\nT9\tPerson 0 999\tAlice\nnonsense line`),
      file('news/annotation.conf', `Stray\n${CONF}`),
    ]);
    const files = new Set(r.problems.map((p) => p.file));
    expect([...files].sort()).toEqual(['news/a.ann', 'news/annotation.conf']);
    expect(r.problems.find((p) => p.file === 'news/a.ann' && p.line === 5)).toBeDefined();
    expect(r.problems.find((p) => p.file === 'news/a.ann' && p.line === 6)).toBeDefined();
    expect(r.problems.find((p) => p.file === 'news/annotation.conf')?.line).toBe(1);
    expect(r.documents[0]?.entities).toHaveLength(3);
  });

  it('reports a configuration it cannot read and imports the documents without it', () => {
    const r = importFiles([
      file('a.txt', TEXT),
      file('a.ann', ANN),
      file('annotation.conf', new Uint8Array([0x5b, 0xff, 0x5d])),
    ]);
    expect(r.problems.map(shown)).toEqual([
      expect.stringMatching(
        /^annotation\.conf, line 1: is not UTF-8 text \(invalid byte at offset 1: 0xFF\)/,
      ),
    ]);
    expect(r.documents[0]?.entities).toHaveLength(3);
  });
});

describe('importFiles: files that cannot be read', () => {
  it('refuses a file over the size limit, saying how large it is', () => {
    expect(MAX_FILE_BYTES).toBe(20 * 1024 * 1024);
    const big = new Uint8Array(Math.round(25.3 * 1024 * 1024));
    const r = importFiles([file('X.txt', big), file('a.txt', TEXT)]);
    expect(r.problems.map(shown)).toEqual(['X.txt: 25.3 MB is over the 20 MB limit for one file']);
    expect(r.documents).toHaveLength(1);
    const small = importFiles([file('Y.json', '{}')], { maxBytes: 1 });
    expect(small.problems.map(shown)).toEqual([
      'Y.json: 2 bytes is over the 1 byte limit for one file',
    ]);
  });

  it('refuses empty .txt and .json files, white space included, but takes an empty .ann', () => {
    const r = importFiles([
      file('a.txt', ''),
      file('b.json', ' \n\t'),
      file('c.txt', '\n\n  \n'),
      file('d.txt', TEXT),
      file('d.ann', ''),
      file('e.txt', TEXT),
      file('e.ann', '\n'),
    ]);
    expect(r.problems.map(shown)).toEqual([
      'a.txt: the file is empty',
      'b.json: the file is empty',
      'c.txt: the file is empty',
    ]);
    expect(r.documents.map((d) => [d.id, d.entities.length])).toEqual([
      ['d', 0],
      ['e', 0],
    ]);
    expect(r.documents[0]?.text).toBe(TEXT);
  });

  it('says why an .ann was not imported when its .txt could not be read', () => {
    const r = importFiles([file('a.txt', '  '), file('a.ann', ANN), file('b.txt', TEXT)]);
    expect(r.problems.map(shown)).toEqual([
      'a.txt: the file is empty',
      'a.ann: not imported, because a.txt could not be read',
    ]);
    expect(r.documents).toHaveLength(1);
  });

  it('refuses binary files', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const controls = new Uint8Array(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 65)));
    const r = importFiles([
      file('image.txt', png),
      file('data.json', controls),
      file('x.txt', TEXT),
      file('x.ann', new Uint8Array([0x54, 0x31, 0x00])),
      file('ok.txt', TEXT),
    ]);
    expect(r.problems.map(shown)).toEqual([
      'image.txt: looks like a binary file, not text',
      'data.json: looks like a binary file, not text',
      'x.ann: looks like a binary file, not text',
      'x.txt: not imported, because x.ann could not be read',
    ]);
    expect(r.documents.map((d) => d.text)).toEqual([TEXT]);
  });

  it('refuses text that is not UTF-8, naming the offset and line of the first bad byte', () => {
    const latin1 = new Uint8Array([...enc.encode('Line one\nCaf'), 0xe9, ...enc.encode(' noir\n')]);
    const r = importFiles([file('X.txt', latin1), file('ok.txt', TEXT)]);
    expect(r.problems).toEqual([
      {
        file: 'X.txt',
        line: 2,
        message:
          'is not UTF-8 text (invalid byte at offset 12: 0xE9); it may be in an older encoding such as Windows-1252 — save it as UTF-8 and open it again',
        severity: 'error',
      },
    ]);
    expect(r.documents).toHaveLength(1);
  });

  it('drops a UTF-8 byte order mark, and reads UTF-16 that announces itself', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(TEXT)]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...TEXT].flatMap((c) => [c.charCodeAt(0), 0])]);
    const json = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(exportAriadneJson(builtin))]);
    const r = importFiles([file('a.txt', bom), file('b.txt', utf16), file('c.json', json)]);
    expect(r.problems).toEqual([]);
    expect(r.documents[0]?.text).toBe(TEXT);
    expect(r.documents[1]?.text).toBe(TEXT);
    expect(r.documents[2]).toEqual(builtin);
  });

  it('keeps a byte order mark in a brat text when the .ann offsets count it', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(TEXT)]);
    const counted = importFiles([file('a.txt', bom), file('a.ann', 'T1\tPerson 1 6\tAlice')]);
    expect(counted.problems).toEqual([]);
    expect(counted.documents[0]?.text).toBe(`\uFEFF${TEXT}`);
    expect(counted.documents[0]?.mentions[0]?.text).toBe('Alice');
    const uncounted = importFiles([file('a.txt', bom), file('a.ann', 'T1\tPerson 0 5\tAlice')]);
    expect(uncounted.problems).toEqual([]);
    expect(uncounted.documents[0]?.text).toBe(TEXT);
  });

  it('passes problems from the JSON reader through, and keeps the good records', () => {
    const doc = JSON.parse(exportAriadneJson(builtin)) as { mentions: { spans: unknown }[] };
    const m = doc.mentions[0];
    if (m) m.spans = [{ start: 9, end: 3 }];
    const r = importFiles([file('docs/X.json', JSON.stringify(doc, null, 2)), file('a.txt', TEXT)]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'docs/X.json', severity: 'error' });
    expect(r.problems[0]?.message).toBe(
      'mention "m1" (mentions[0]): span 9–3 is reversed; dropped',
    );
    expect(r.documents[0]?.mentions).toHaveLength(builtin.mentions.length - 1);
    expect(r.documents).toHaveLength(2);
  });

  it('reports a JSON file that is not ours and imports the rest', () => {
    const r = importFiles([file('X.json', '{"format": "ariadne/2"}'), file('a.txt', TEXT)]);
    expect(r.problems.map(shown)).toEqual([
      'X.json: format "ariadne/2" is not supported (this app reads ariadne/1)',
    ]);
    expect(r.documents).toHaveLength(1);
  });
});

describe('intake helpers', () => {
  it('formats sizes', () => {
    expect(formatSize(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(3)).toBe('3 bytes');
  });

  it('finds the first invalid UTF-8 byte where TextDecoder fails', () => {
    const cases: [number[], number][] = [
      [[0x41, 0x42], -1],
      [[0xc3, 0xa9], -1],
      [[0xf0, 0x9f, 0x98, 0x80], -1],
      [[0x41, 0xc0, 0x80], 1], // overlong
      [[0xed, 0xa0, 0x80], 0], // surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // past U+10FFFF
      [[0x41, 0xe2, 0x82], 1], // truncated
      [[0x80], 0],
    ];
    for (const [bytes, at] of cases) expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(at);
  });

  it('agrees with TextDecoder on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        let ok = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          ok = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(ok);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('importFiles properties', () => {
  const name = fc
    .tuple(
      fc.constantFrom('', 'news/', 'a/b/'),
      fc.constantFrom('doc', 'x', 'doc2'),
      fc.constantFrom('.txt', '.ann', '.json', '.csv', ''),
    )
    .map(([d, b, e]) => `${d}${b}${e}`);
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc
      .string({
        unit: fc.constantFrom('a', ' ', '\n', '\t', '\u0001', 'é', '😀', '{', '"', '\uFEFF'),
      })
      .map((s) => enc.encode(s)),
    fc.constantFrom(enc.encode(TEXT), enc.encode(ANN), enc.encode(exportAriadneJson(builtin))),
  );

  it('never throws on random files, and every file yields a document or a problem', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name, bytes }), { minLength: 1, maxLength: 6 }), (files) => {
        const r = importFiles(files);
        expect(r.documents.length + r.problems.length).toBeGreaterThan(0);
        const names = new Set(files.map((f) => f.name));
        for (const p of r.problems) expect(names.has(p.file)).toBe(true);
        for (const d of r.documents) {
          expect(documentSchema.safeParse(d).success).toBe(true);
          expect(validateDocument(d)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
