import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AriadneDocument } from '../model';
import { FORMAT_VERSION, spansText } from '../model';
import { documentSchema } from '../schema';
import { validateDocument } from '../validate';
import { BRAT_TYPE_ATTRIBUTE, exportBrat, importBrat } from './brat';
import type { BratInput, ImportProblem } from './brat';
import { annotationShape } from './brat-test-helpers';
import builtinJson from '../builtin/hts-terror-list.json';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const corporaRoot = resolve(repoRoot, '../shared/corpora');
const fixtures = resolve(repoRoot, 'tests/fixtures/brat/news');

const read = (path: string) => readFileSync(path, 'utf8');

/** The checks every imported document must pass, whatever its input. */
function expectSound(doc: AriadneDocument) {
  expect(validateDocument(doc)).toEqual([]);
  expect(documentSchema.safeParse(doc).success).toBe(true);
  for (const m of doc.mentions) expect(m.text).toBe(spansText(doc.text, m.spans));
}

/** import → export → import keeps the annotations; a second export is byte-identical. */
function expectRoundTrip(input: BratInput) {
  const first = importBrat(input);
  const exported = exportBrat(first.document);
  expect(exported.problems).toEqual([]);
  const again = importBrat({
    name: input.name,
    text: exported.txt,
    ann: exported.ann,
    annotationConf: exported.annotationConf,
    visualConf: exported.visualConf,
  });
  expect(again.problems).toEqual([]);
  expectSound(again.document);
  expect(annotationShape(again.document)).toEqual(annotationShape(first.document));
  expect(again.document.entityTypes).toEqual(
    expect.arrayContaining([...first.document.entityTypes]),
  );
  expect(exportBrat(again.document).ann).toBe(exported.ann);
}

const TEXT = 'Anna met Bob in Paris. Bob left.\nThe end.';
//            0    5   9   13 16   22 23  27   33  37

function run(ann: string, extra: Partial<BratInput> = {}) {
  const result = importBrat({ name: 'doc', text: TEXT, ann, ...extra });
  expectSound(result.document);
  return result;
}

const err = (line: number, message: string): ImportProblem => ({
  file: 'doc.ann',
  line,
  message,
  severity: 'error',
});
const warning = (line: number, message: string): ImportProblem => ({
  file: 'doc.ann',
  line,
  message,
  severity: 'warning',
});

describe('importBrat: the brat news tutorial (tests/fixtures/brat/news)', () => {
  const conf = {
    annotationConf: read(join(fixtures, 'annotation.conf')),
    visualConf: read(join(fixtures, 'visual.conf')),
  };
  const load = (name: string) =>
    importBrat({
      name: `${name}.ann`,
      text: read(join(fixtures, `${name}.txt`)),
      ann: read(join(fixtures, `${name}.ann`)),
      ...conf,
    });

  it('maps every line type of 000-introduction', () => {
    const { document: doc, problems } = load('000-introduction');
    expect(problems).toEqual([]);
    expectSound(doc);
    expect(doc.format).toBe(FORMAT_VERSION);
    expect(doc.id).toBe('000-introduction');
    expect(doc.title).toBe('Welcome to the Brat Rapid Annotation Tool (brat) tutorial!');
    expect(doc.source?.origin).toBe(
      '000-introduction.txt, 000-introduction.ann, annotation.conf, visual.conf',
    );

    const moving = doc.entities.find((e) => e.kind === 'event');
    expect(moving).toEqual({
      id: 'e-E1',
      name: 'moving',
      type: 'Transfer-money',
      aliases: [],
      kind: 'event',
      attributes: { Confidence: 'High' },
    });
    expect(doc.mentions.find((m) => m.id === 'T3')).toMatchObject({
      entityId: 'e-E1',
      spans: [{ start: 443, end: 449 }],
    });
    const args = doc.relations.filter((r) => r.source === 'e-E1');
    expect(args.map((r) => [r.type, r.target])).toEqual([
      ['Giver-Arg', 'e-T1'],
      ['Money-Arg', 'e-T2'],
      ['Beneficiary-Arg', 'e-T4'],
      ['Recipient-Arg', 'e-T6'],
    ]);
    // R lines end with a TAB in this file; both still import.
    const family = doc.relations.find((r) => r.id === 'R1');
    expect(family).toMatchObject({ type: 'Family', source: 'e-T4', target: 'e-T5' });
    expect(family?.evidence).toHaveLength(1);
    expect(family?.evidence[0]?.text).toMatch(/^1 \) Citibank .* Switzerland\.$/);

    expect(doc.mentions.find((m) => m.id === 'T4')?.attributes).toEqual({
      Mention: 'Name',
      Individual: true,
    });
    expect(doc.mentions.find((m) => m.id === 'T2')?.notes).toEqual(['100000000 USD']);
    expect(doc.entities.find((e) => e.id === 'e-T5')?.refs).toEqual([
      { source: 'Wikipedia', id: '64488', label: 'Carlos Salinas de Gortari' },
    ]);
    // Types from annotation.conf with visual.conf labels and colours.
    expect(doc.entityTypes.find((t) => t.key === 'GPE')).toEqual({
      key: 'GPE',
      label: 'Geo-political entity',
      color: '#FFD412',
    });
    expect(doc.relationTypes.find((t) => t.key === 'Giver-Arg')?.label).toBe('Giver');
  });

  it('merges Alias (*) chains and same-text mentions into one entity (060)', () => {
    const { document: doc, problems } = load('060-relation_annotation');
    expect(problems).toEqual([]);
    const rowling = doc.entities.find((e) => e.id === 'e-T3');
    // Each text occurs twice; the longest wins.
    expect(rowling).toMatchObject({
      name: 'Joanne Rowling',
      type: 'Person',
      aliases: ['Jo Rowling', 'J. K. Rowling'],
    });
    expect(doc.mentions.filter((m) => m.entityId === 'e-T3').map((m) => m.id)).toEqual([
      'T3',
      'T4',
      'T5',
      'T8',
      'T9',
      'T10',
    ]);
    expect(doc.entities.find((e) => e.id === 'e-T1')?.name).toBe('Terry Pratchett');
    expect(doc.mentions.filter((m) => m.entityId === 'e-T1')).toHaveLength(2);
  });

  it('points event arguments at events and strips role numbers (090, 100)', () => {
    const structures = load('090-event_structures').document;
    expect(structures.relations.find((r) => r.id === 'E2-Event-Arg')).toMatchObject({
      type: 'Event-Arg',
      source: 'e-E2',
      target: 'e-E1',
    });
    const attributes = load('100-attribute_annotation').document;
    expect(attributes.relations.find((r) => r.id === 'E2-Org-Arg2')?.type).toBe('Org-Arg');
    expect(attributes.entities.find((e) => e.id === 'e-E2')?.attributes).toEqual({
      Confidence: 'Low',
    });
  });

  it('puts notes on mentions, events and relations (110)', () => {
    const doc = load('110-note_annotation').document;
    expect(doc.mentions.find((m) => m.id === 'T1')?.notes).toEqual([
      'Should fictional places be annotated?',
    ]);
    expect(doc.entities.find((e) => e.id === 'e-E1')?.notes).toEqual([
      'Annotate as one merge event with three participants or two events with two participants each?',
    ]);
    expect(doc.relations.find((r) => r.id === 'R1')?.note).toBe(
      "Should this be marked? It's not explicitly stated.",
    );
  });

  for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.ann'))) {
    it(`round-trips ${file}`, () => {
      const name = basename(file, '.ann');
      expectRoundTrip({
        name: file,
        text: read(join(fixtures, `${name}.txt`)),
        ann: read(join(fixtures, file)),
        ...conf,
      });
    });
  }
});

// -------------------------------------------------------------------------------------------
// The shared corpora: every real document imports, and round-trips.

interface CorpusDoc {
  readonly path: string;
  readonly input: BratInput;
}

function findCorpus(): CorpusDoc[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? walk(p) : [p];
      });
  const nearest = (dir: string, name: string): string | undefined => {
    for (let d = dir; d.startsWith(corporaRoot); d = dirname(d)) {
      if (existsSync(join(d, name))) return read(join(d, name));
    }
    return undefined;
  };
  return walk(corporaRoot)
    .filter((p) => p.endsWith('.ann') && existsSync(p.replace(/\.ann$/, '.txt')))
    .map((p) => {
      const annotationConf = nearest(dirname(p), 'annotation.conf');
      const visualConf = nearest(dirname(p), 'visual.conf');
      return {
        path: relative(corporaRoot, p),
        input: {
          name: basename(p),
          text: read(p.replace(/\.ann$/, '.txt')),
          ann: read(p),
          ...(annotationConf !== undefined ? { annotationConf } : {}),
          ...(visualConf !== undefined ? { visualConf } : {}),
        },
      };
    });
}

/** The known damage in the corpora (see SOURCES.md), exactly located. */
const EXPECTED_PROBLEMS: Record<string, ImportProblem[]> = {
  'nerel/NEREL-v1.1/train/21013_text.ann': [
    {
      file: '21013_text.ann',
      line: 52,
      message:
        'line 52: not a standoff line (expected an id, a TAB, then fields): "По словам очевидцев пешехо"',
      severity: 'error',
    },
  ],
  // T4 and T12 span a line break that the .ann writes raw: the text continues on the next line.
  'chinese-literature/relation_extraction/Training/903.ann': [5, 14].map((line, i) => ({
    file: '903.ann',
    line,
    message:
      `line ${line}: continues the text of ${i === 0 ? 'T4' : 'T12'} from the line above (its span ` +
      'contains a line break, written raw into the .ann); joined',
    severity: 'warning' as const,
  })),
};

describe('importBrat: the shared corpora', () => {
  if (!existsSync(corporaRoot)) {
    it('finds the shared corpora', () => {
      throw new Error(
        `shared corpora not found at ${corporaRoot}: clone with ../shared beside the repo`,
      );
    });
    return;
  }
  const corpus = findCorpus();

  it('finds every document listed in SOURCES.md', () => {
    expect(corpus.length).toBe(31);
  });

  for (const { path, input } of corpus) {
    describe(path, () => {
      it('imports with only its known problems, every mention quoting its span', () => {
        const { document: doc, problems } = importBrat(input);
        expect(problems).toEqual(EXPECTED_PROBLEMS[path] ?? []);
        expectSound(doc);
        // Every T line became a mention (none of these files has a bad T line).
        const tLines = input.ann.split('\n').filter((l) => /^T\d+\t/.test(l)).length;
        expect(doc.mentions.length).toBeGreaterThanOrEqual(tLines);
      });

      it('round-trips through export', () => {
        if (EXPECTED_PROBLEMS[path]?.some((p) => p.severity === 'error')) {
          // The broken line is reported on import; the export of what was kept is clean.
          const first = importBrat(input).document;
          const exported = exportBrat(first);
          const again = importBrat({ ...input, ann: exported.ann });
          expect(again.problems).toEqual([]);
          expect(annotationShape(again.document)).toEqual(annotationShape(first));
          return;
        }
        expectRoundTrip(input);
      });
    });
  }

  it('keeps the 903.ann continuation text and its discontinuous spans', () => {
    const doc = importBrat(
      corpus.find((c) => c.path.endsWith('903.ann'))?.input ?? { name: '', text: '', ann: '' },
    ).document;
    expect(doc.mentions.find((m) => m.id === 'T4')?.text).toBe('这座\n古城');
    expect(doc.mentions.find((m) => m.id === 'T17')).toMatchObject({
      spans: [
        { start: 58, end: 60 },
        { start: 61, end: 63 },
      ],
      text: '这座 古城',
    });
  });

  it('maps NEREL discontinuous spans and Wikidata links', () => {
    const doc = importBrat(
      corpus.find((c) => c.path.endsWith('36807_text.ann'))?.input ?? {
        name: '',
        text: '',
        ann: '',
      },
    ).document;
    const t19 = doc.mentions.find((m) => m.id === 'T19');
    expect(t19?.spans).toHaveLength(2);
    expect(doc.entities.some((e) => e.refs?.some((r) => r.source === 'Wikidata'))).toBe(true);
  });

  it('reads TDT Lemma notes with their type', () => {
    const doc = importBrat(
      corpus.find((c) => c.path.endsWith('wn071.ann'))?.input ?? { name: '', text: '', ann: '' },
    ).document;
    expect(doc.mentions.find((m) => m.id === 'T1')?.notes).toEqual(['Lemma: Halonen']);
  });
});

// -------------------------------------------------------------------------------------------
// Bad input: each problem precise, the good lines still imported.

describe('importBrat: bad input', () => {
  it('reports offsets past the end of the text', () => {
    const { document, problems } = run('T1\tPerson 0 4\tAnna\nT2\tPerson 30 50\tx\n');
    expect(problems).toEqual([
      err(2, 'T2: offsets 30–50 end past the text (length 41 characters)'),
    ]);
    expect(document.mentions.map((m) => m.id)).toEqual(['T1']);
  });

  it('reports reversed, empty and unreadable offsets', () => {
    const { document, problems } = run(
      [
        'T1\tPerson 12 9\tBob',
        'T2\tPerson 9 9\t',
        'T3\tPerson 9 x\tBob',
        'T4\tPerson',
        'T5\tPerson 0 4\tAnna',
      ].join('\n'),
    );
    expect(problems).toEqual([
      err(1, 'T1: offsets 12–9 are reversed (start after end)'),
      err(2, 'T2: offsets 9–9 cover no text'),
      err(
        3,
        'T3: expected a type and offsets like "Person 0 5" or "Person 0 5;8 12", found "Person 9 x"',
      ),
      err(
        4,
        'T4: expected a type and offsets like "Person 0 5" or "Person 0 5;8 12", found "Person"',
      ),
    ]);
    expect(document.mentions.map((m) => m.text)).toEqual(['Anna']);
  });

  it('keeps a T whose text does not match its span, with the span text and a warning', () => {
    const { document, problems } = run('T1\tPerson 9 12\tBib\nT2\tPerson 0 4\tAnna');
    expect(problems).toEqual([
      warning(1, `T1: text "Bib" does not match the span "Bob"; using the span's text`),
    ]);
    expect(document.mentions.map((m) => m.text)).toEqual(['Anna', 'Bob']);
    expect(document.entities.find((e) => e.id === 'e-T1')?.name).toBe('Bob');
  });

  it('does not report white-space-only differences or a missing text field quietly', () => {
    const { problems } = run('T1\tEvent 23 31\tBob   left \nT2\tPerson 0 4');
    expect(problems).toEqual([
      warning(2, "T2: no text field after the offsets; using the span's text"),
    ]);
  });

  it('reports references to missing ids from R, E, A, N, # and * lines', () => {
    const ann = [
      'T1\tPerson 0 4\tAnna',
      'T2\tPerson 9 12\tBob',
      'T3\tMeet 5 8\tmet',
      'R1\tKnows Arg1:T1 Arg2:T99',
      'R2\tKnows Arg1:T1 Arg2:T2',
      'E1\tMeet:T98 Agent:T1',
      'E2\tMeet:T3 Agent:T1 Theme:T97',
      'A1\tNegated T96',
      'A2\tNegated E2',
      'N1\tReference T95 Wikidata:Q1\tSomeone',
      'N2\tReference T1 Wikidata:Q2\tAnna',
      '#1\tAnnotatorNotes T94\tlost',
      '#2\tAnnotatorNotes R2\tkept',
      '*\tEquiv T1 T93 T2',
      'R3\tKnows Arg1:E1 Arg2:T2',
    ].join('\n');
    const { document: doc, problems } = run(ann);
    expect(problems).toEqual([
      err(6, 'E1: trigger refers to T98, which does not exist; event skipped'),
      err(14, '*: Equiv refers to T93, which does not exist'),
      err(4, 'R1: Arg2 refers to T99, which does not exist; relation skipped'),
      err(15, 'R3: Arg1 refers to E1, which was skipped (line 6); relation skipped'),
      err(7, 'E2: Theme refers to T97, which does not exist; argument skipped'),
      err(8, 'A1: refers to T96, which does not exist; skipped'),
      err(10, 'N1: refers to T95, which does not exist; skipped'),
      err(12, '#1: refers to T94, which does not exist; skipped'),
    ]);
    // The good lines all imported: R2, E2 with its Agent, A2, N2, #2, and the Equiv of T1 and T2.
    expect(doc.relations.map((r) => r.id)).toEqual(['R2', 'E2-Agent']);
    expect(doc.relations.find((r) => r.id === 'R2')?.note).toBe('kept');
    expect(doc.entities.find((e) => e.id === 'e-E2')?.attributes).toEqual({ Negated: true });
    const anna = doc.entities.find((e) => e.id === 'e-T1');
    expect(anna?.refs).toEqual([{ source: 'Wikidata', id: 'Q2', label: 'Anna' }]);
    expect(anna?.aliases).toEqual(['Bob']);
  });

  it('reports duplicate ids and keeps the first', () => {
    const { document, problems } = run(
      'T1\tPerson 0 4\tAnna\nT1\tPerson 9 12\tBob\nR1\tX Arg1:T1 Arg2:T1',
    );
    expect(problems).toEqual([
      err(2, 'duplicate id T1 (first used on line 1); this line is skipped'),
    ]);
    expect(document.mentions.map((m) => m.text)).toEqual(['Anna']);
    expect(document.relations).toHaveLength(1);
  });

  it('reports lines written with spaces instead of tabs', () => {
    const { document, problems } = run(
      'T1\tPerson 0 4\tAnna\nT2 Person 9 12 Bob\nT3\tPerson 16 21\tParis',
    );
    expect(problems).toEqual([
      err(
        2,
        'line 2: not a standoff line (expected an id, a TAB, then fields; found spaces instead of tabs?): "T2 Person 9 12 Bob"',
      ),
    ]);
    expect(document.mentions.map((m) => m.id)).toEqual(['T1', 'T3']);
  });

  it('reports a stray text line', () => {
    const { document, problems } = run(
      'T1\tPerson 0 4\tAnna\nSome stray words\n\nT2\tPerson 9 12\tBob\n',
    );
    expect(problems).toEqual([
      err(
        2,
        'line 2: not a standoff line (expected an id, a TAB, then fields): "Some stray words"',
      ),
    ]);
    expect(document.mentions).toHaveLength(2);
  });

  it('reports unknown annotation kinds and malformed R, E, A, N, # and * lines', () => {
    const { problems } = run(
      [
        'X1\tWhatever',
        'R1\tKnows Arg1:T1',
        'E1\tMeet',
        'A1\tNegated',
        'N1\tReference T1 Q42',
        '#1\tAnnotatorNotes',
        '*\tEquiv T1',
      ].join('\n'),
    );
    expect(problems).toEqual([
      err(
        1,
        'X1: unknown annotation kind "X" (expected an id starting with T, R, E, A, M, N, # or *)',
      ),
      err(2, 'R1: expected "Type Arg1:<id> Arg2:<id>", found "Knows Arg1:T1"'),
      err(3, 'E1: expected "Type:<trigger id> Role:<id> …", found "Meet"'),
      err(4, 'A1: expected "Name <id>" or "Name <id> Value", found "Negated"'),
      err(
        5,
        'N1: expected "Reference <id> Source:Id" (e.g. Wikipedia:534366), found "Reference T1 Q42"',
      ),
      err(6, '#1: expected "AnnotatorNotes <id>", found "AnnotatorNotes"'),
      warning(
        7,
        '*: expected "Equiv <id> <id> …" with at least two ids, found "Equiv T1"; ignored',
      ),
    ]);
  });

  it('accepts an empty or blank .ann without problems', () => {
    for (const ann of ['', '\n', '  \n\n']) {
      const { document, problems } = run(ann);
      expect(problems).toEqual([]);
      expect(document.entities).toEqual([]);
      expect(document.mentions).toEqual([]);
    }
  });

  it('reads CRLF line endings', () => {
    const { document, problems } = run('T1\tPerson 0 4\tAnna\r\nT2\tPerson 9 12\tBob\r\n');
    expect(problems).toEqual([]);
    expect(document.mentions.map((m) => m.text)).toEqual(['Anna', 'Bob']);
  });

  it('joins a text field continued on the next line, and only when it continues the span', () => {
    const text = 'Old\ncity walls';
    const { document, problems } = importBrat({
      name: 'wrap',
      text,
      ann: 'T1\tPlace 0 8\tOld\ncity\nT2\tPlace 9 14\twalls\nT3\tPlace 0 3\tOld\ncity\n',
    });
    expect(problems).toEqual([
      {
        file: 'wrap.ann',
        line: 2,
        message:
          'line 2: continues the text of T1 from the line above (its span contains a line break, written raw into the .ann); joined',
        severity: 'warning',
      },
      {
        file: 'wrap.ann',
        line: 5,
        message: 'line 5: not a standoff line (expected an id, a TAB, then fields): "city"',
        severity: 'error',
      },
    ]);
    expect(document.mentions.map((m) => m.text)).toEqual(['Old', 'Old\ncity', 'walls']);
  });

  it('reports a T whose start of text never gets its continuation', () => {
    const { problems } = importBrat({ name: 'w', text: 'Old\ncity', ann: 'T1\tPlace 0 8\tOld\n' });
    expect(problems.map((p) => p.message)).toEqual([
      `T1: text "Old" does not match the span "Old\\ncity"; using the span's text`,
    ]);
  });

  it('sorts fragments into text order and refuses overlapping ones', () => {
    const { document, problems } = run('T1\tPerson 9 12;0 4\tBob Anna\nT2\tPerson 0 5;3 8\tx');
    expect(problems).toEqual([
      warning(1, 'T1: fragments are not in text order; sorted'),
      err(2, 'T2: fragments 0–5 and 3–8 overlap'),
    ]);
    expect(document.mentions[0]).toMatchObject({
      spans: [
        { start: 0, end: 4 },
        { start: 9, end: 12 },
      ],
      text: 'Anna Bob',
    });
  });

  it('refuses R, E and N pointing at the wrong kind of annotation', () => {
    const { problems } = run(
      [
        'T1\tPerson 0 4\tAnna',
        'A1\tNegated T1',
        'R1\tKnows Arg1:T1 Arg2:A1',
        'E1\tMeet:R9',
        'R2\tKnows Arg1:T1 Arg2:T1',
        'N1\tReference R2 Wikidata:Q1',
        'A2\tNegated A1',
      ].join('\n'),
    );
    expect(problems).toEqual([
      err(4, 'E1: trigger refers to R9, which does not exist; event skipped'),
      err(3, 'R1: Arg2 must be a T or E annotation, not A1; relation skipped'),
      err(7, 'A2: cannot attach to A1, which is itself an attribute, reference or note; skipped'),
      err(
        6,
        'N1: refers to relation R2; only T and E annotations can link to a knowledge base; skipped',
      ),
    ]);
  });

  it('handles astral characters: code point offsets in, UTF-16 slices out, and back', () => {
    const text = '😀 Anna met 👍🏽 Bob. 世界 😀Bob😀!';
    const cp = (s: string, from = 0) => Array.from(text.slice(0, text.indexOf(s, from))).length;
    const len = (s: string) => Array.from(s).length;
    const anna = cp('Anna');
    const thumbs = cp('👍🏽');
    const bob2 = cp('Bob😀');
    const ann = [
      `T1\tPerson ${anna} ${anna + 4}\tAnna`,
      `T2\tThing ${thumbs} ${thumbs + len('👍🏽 Bob')}\t👍🏽 Bob`,
      `T3\tPerson ${bob2} ${bob2 + 3}\tBob`,
      `T4\tThing ${bob2 + 3} ${bob2 + 4}\t😀`,
      `T5\tThing 0 1;${thumbs} ${thumbs + 1}\t😀 👍`,
    ];
    const { document: doc, problems } = importBrat({ name: 'emoji', text, ann: ann.join('\n') });
    expect(problems).toEqual([]);
    expectSound(doc);
    const byId = new Map(doc.mentions.map((m) => [m.id, m]));
    expect(byId.get('T1')?.spans).toEqual([{ start: 3, end: 7 }]);
    expect(byId.get('T2')?.text).toBe('👍🏽 Bob');
    expect(byId.get('T3')?.text).toBe('Bob');
    expect(byId.get('T4')?.text).toBe('😀');
    expect(byId.get('T5')?.text).toBe('😀 👍');
    // Export writes the same code point offsets back.
    const exported = exportBrat(doc);
    expect(
      exported.ann
        .split('\n')
        .filter((l) => l.startsWith('T'))
        .sort(),
    ).toEqual([...ann].sort());
  });

  it('reports a note with no text, extra fields and repeated attributes as warnings', () => {
    const { document, problems } = run(
      [
        'T1\tPerson 0 4\tAnna',
        '#1\tAnnotatorNotes T1\t ',
        'R1\tKnows Arg1:T1 Arg2:T1\tsurprise',
        'A1\tLevel T1 High',
        'A2\tLevel T1 Low',
        'A3\tLevel T1 Low extra words',
      ].join('\n'),
    );
    expect(problems).toEqual([
      warning(2, '#1: note on T1 has no text; ignored'),
      warning(3, 'R1: unexpected extra field "surprise"; ignored'),
      warning(6, 'A3: extra words after the value "extra words"; ignored'),
      warning(5, 'A2: T1 already has attribute Level; the later value wins'),
      warning(6, 'A3: T1 already has attribute Level; the later value wins'),
    ]);
    expect(document.mentions[0]?.attributes).toEqual({ Level: 'Low' });
  });
});

// -------------------------------------------------------------------------------------------
// Mapping decisions.

describe('importBrat: mapping', () => {
  it('groups mentions by type and trimmed text, case-sensitively', () => {
    const text = 'Bob met bob. Bob  Smith and Bob\nSmith and Bob left.';
    const ann = [
      'T1\tPerson 0 3\tBob',
      'T2\tPerson 8 11\tbob',
      'T3\tPerson 13 16\tBob',
      'T4\tPerson 13 23\tBob  Smith',
      'T5\tPerson 28 37\tBob Smith',
      'T6\tAnimal 42 45\tBob',
    ].join('\n');
    const { document: doc, problems } = importBrat({ name: 'g', text, ann });
    expect(problems).toEqual([]);
    const groups = doc.entities.map((e) => [
      e.id,
      e.name,
      doc.mentions.filter((m) => m.entityId === e.id).map((m) => m.id),
    ]);
    expect(groups).toEqual([
      ['e-T1', 'Bob', ['T1', 'T3']],
      ['e-T2', 'bob', ['T2']],
      ['e-T4', 'Bob Smith', ['T4', 'T5']],
      ['e-T6', 'Bob', ['T6']],
    ]);
  });

  it('names a merged entity by its most frequent, then longest, text; the rest are aliases', () => {
    const text = 'Ann. Ann Lee. Ann. Mrs Ann Lee. Ann Lee.';
    const ann = [
      'T1\tPerson 0 3\tAnn',
      'T2\tPerson 5 12\tAnn Lee',
      'T3\tPerson 14 17\tAnn',
      'T4\tPerson 19 30\tMrs Ann Lee',
      'T5\tPerson 32 39\tAnn Lee',
      '*\tEquiv T1 T2 T4',
    ].join('\n');
    const doc = importBrat({ name: 'n', text, ann }).document;
    expect(doc.entities).toEqual([
      {
        id: 'e-T1',
        name: 'Ann Lee',
        type: 'Person',
        aliases: ['Ann', 'Mrs Ann Lee'],
        kind: 'actor',
      },
    ]);
  });

  it('keeps two * groups apart when they share a type and a text, such as a pronoun', () => {
    const text = 'HTS and its allies. ISIS and its rivals, and its end.';
    const at = (word: string, nth = 1) => {
      let start = -1;
      for (let i = 0; i < nth; i++) start = text.indexOf(word, start + 1);
      return `${start} ${start + word.length}\t${word}`;
    };
    const lines = [
      `T1\tOrg ${at('HTS')}`,
      `T2\tOrg ${at('its', 1)}`,
      `T3\tOrg ${at('ISIS')}`,
      `T4\tOrg ${at('its', 2)}`,
      `T5\tOrg ${at('its', 3)}`,
    ];
    const groupsOf = (ann: string) => {
      const { document: doc, problems } = importBrat({ name: 'p', text, ann });
      expect(problems).toEqual([]);
      return doc.entities.map((e) =>
        doc.mentions.filter((m) => m.entityId === e.id).map((m) => m.id),
      );
    };
    // Two groups: each keeps its own "its"; the loose one is an entity of its own.
    expect(groupsOf([...lines, '*\tEquiv T1 T2', '*\tEquiv T3 T4'].join('\n'))).toEqual([
      ['T1', 'T2'],
      ['T3', 'T4'],
      ['T5'],
    ]);
    // One group takes the loose mentions of its texts in, as without * lines.
    expect(groupsOf([...lines, '*\tEquiv T1 T2'].join('\n'))).toEqual([
      ['T1', 'T2', 'T4', 'T5'],
      ['T3'],
    ]);
  });

  it('merges across types on * lines and keeps each mention’s own type', () => {
    const text = 'Mary said she would come. Mary came.';
    const ann = [
      'T1\tPerson-Name 0 4\tMary',
      'T2\tPerson-Pronoun 10 13\tshe',
      'T3\tPerson-Name 26 30\tMary',
      '*\tCoreference T2 T1',
    ].join('\n');
    const { document: doc, problems } = importBrat({ name: 'c', text, ann });
    expect(problems).toEqual([]);
    expect(doc.entities).toEqual([
      {
        id: 'e-T1',
        name: 'Mary',
        type: 'Person-Name',
        aliases: ['she'],
        kind: 'actor',
      },
    ]);
    expect(doc.mentions.find((m) => m.id === 'T2')?.attributes).toEqual({
      [BRAT_TYPE_ATTRIBUTE]: 'Person-Pronoun',
    });
    expect(doc.entityTypes.map((t) => t.key)).toEqual(['Person-Name', 'Person-Pronoun']);
    const exported = exportBrat(doc);
    expect(exported.ann).toContain('T2\tPerson-Pronoun 10 13\tshe');
    expect(exported.ann).toContain('*\tEquiv T1 T2 T3');
  });

  it('makes each event its own node, copying a shared trigger, and links events to events', () => {
    const text = 'Acme bought and sold Beta.';
    const ann = [
      'T1\tOrg 0 4\tAcme',
      'T2\tOrg 21 25\tBeta',
      'T3\tTrade 5 11\tbought',
      'E1\tTrade:T3 Agent:T1 Theme:T2 Theme2:E2',
      'E2\tTrade:T3 Agent:T1',
      'E3\tTrade:T3',
      '*\tEquiv T3 T1',
    ].join('\n');
    const { document: doc, problems } = importBrat({ name: 'ev', text, ann });
    expect(problems).toEqual([
      {
        file: 'ev.ann',
        line: 7,
        message:
          '*: T3 is the trigger of event E1, which stays its own node; left out of this Equiv',
        severity: 'warning',
      },
    ]);
    expectSound(doc);
    expect(doc.entities.filter((e) => e.kind === 'event').map((e) => e.id)).toEqual([
      'e-E1',
      'e-E2',
      'e-E3',
    ]);
    expect(doc.mentions.filter((m) => m.text === 'bought').map((m) => [m.id, m.entityId])).toEqual([
      ['T3', 'e-E1'],
      ['T3-E2', 'e-E2'],
      ['T3-E3', 'e-E3'],
    ]);
    expect(doc.relations.map((r) => [r.id, r.type, r.source, r.target])).toEqual([
      ['E1-Agent', 'Agent', 'e-E1', 'e-T1'],
      ['E1-Theme', 'Theme', 'e-E1', 'e-T2'],
      ['E1-Theme2', 'Theme', 'e-E1', 'e-E2'],
      ['E2-Agent', 'Agent', 'e-E2', 'e-T1'],
    ]);
    expectRoundTrip({ name: 'ev', text, ann });
  });

  it('quotes one sentence when both ends share it, else both sentences in order', () => {
    const text = 'Anna met Bob. Later, Carl called.\nBob answered.';
    const ann = [
      'T1\tPerson 0 4\tAnna',
      'T2\tPerson 9 12\tBob',
      'T3\tPerson 21 25\tCarl',
      'R1\tMet Arg1:T1 Arg2:T2',
      'R2\tCalled Arg1:T3 Arg2:T1',
    ].join('\n');
    const doc = importBrat({ name: 's', text, ann }).document;
    expect(doc.relations.find((r) => r.id === 'R1')?.evidence).toEqual([
      { start: 0, end: 13, text: 'Anna met Bob.' },
    ]);
    expect(doc.relations.find((r) => r.id === 'R2')?.evidence).toEqual([
      { start: 0, end: 13, text: 'Anna met Bob.' },
      { start: 14, end: 33, text: 'Later, Carl called.' },
    ]);
  });

  it('reads Arg2 before Arg1, and warns about other argument names', () => {
    const { document, problems } = run(
      'T1\tPerson 0 4\tAnna\nT2\tPerson 9 12\tBob\nR1\tKnows Arg2:T2 Arg1:T1\nR2\tKnows From:T1 To:T2',
    );
    expect(problems).toEqual([
      warning(
        4,
        'R2: arguments are named From and To, not Arg1 and Arg2; reading the first as the source',
      ),
    ]);
    expect(document.relations.map((r) => [r.source, r.target])).toEqual([
      ['e-T1', 'e-T2'],
      ['e-T1', 'e-T2'],
    ]);
  });

  it('takes certainty from a Certainty attribute, other attributes as they are', () => {
    const { document } = run(
      [
        'T1\tPerson 0 4\tAnna',
        'T2\tPerson 9 12\tBob',
        'R1\tKnows Arg1:T1 Arg2:T2',
        'R2\tKnows Arg1:T2 Arg2:T1',
        'A1\tCertainty R1 reported',
        'A2\tCertainty R2 maybe',
        'M1\tSpeculated R2',
      ].join('\n'),
    );
    expect(document.relations.map((r) => [r.certainty, r.attributes])).toEqual([
      ['reported', undefined],
      [undefined, { Certainty: 'maybe', Speculated: true }],
    ]);
  });

  it('keeps one copy of a link repeated on several mentions of one entity', () => {
    const { document } = run(
      [
        'T1\tPerson 9 12\tBob',
        'T2\tPerson 23 26\tBob',
        'N1\tReference T1 Wikidata:Q7',
        'N2\tReference T2 Wikidata:Q7\tBob Marley',
        'N3\tReference T2 Wikipedia:Bob',
      ].join('\n'),
    );
    expect(document.entities[0]?.refs).toEqual([
      { source: 'Wikidata', id: 'Q7', label: 'Bob Marley' },
      { source: 'Wikipedia', id: 'Bob' },
    ]);
  });

  it('warns about attribute values annotation.conf does not allow, and undeclared types', () => {
    const { problems } = run(
      'T1\tPerson 0 4\tAnna\nA1\tLevel T1 Extreme\nR1\tKnows Arg1:T1 Arg2:T1',
      {
        annotationConf: '[entities]\nPerson\n[attributes]\nLevel\tArg:<ENTITY>, Value:High|Low\n',
      },
    );
    expect(problems).toEqual([
      warning(
        2,
        'A1: value "Extreme" is not one annotation.conf allows for Level (High, Low); kept',
      ),
      {
        file: 'annotation.conf',
        message: 'types used in doc.ann but not declared here: Knows; added with default labels',
        severity: 'warning',
      },
    ]);
  });

  it('collects undeclared types from usage with default labels', () => {
    const { document } = run('T1\tPublic_figure 0 4\tAnna\nR1\tMet-with Arg1:T1 Arg2:T1');
    expect(document.entityTypes).toEqual([{ key: 'Public_figure', label: 'Public figure' }]);
    expect(document.relationTypes).toEqual([{ key: 'Met-with', label: 'Met with' }]);
  });

  it('derives id and title from the name and the text', () => {
    const long = `${'word '.repeat(30)}\nrest`;
    const doc = importBrat({ name: 'dir/story.txt', text: `\n\n  ${long}`, ann: '' }).document;
    expect(doc.id).toBe('story');
    expect(doc.title.endsWith('…')).toBe(true);
    expect(Array.from(doc.title).length).toBeLessThanOrEqual(81);
    expect(importBrat({ name: 'x.ann', text: '', ann: '' }).document.title).toBe('x');
  });
});

// -------------------------------------------------------------------------------------------
// Export.

describe('exportBrat', () => {
  const base: AriadneDocument = {
    format: FORMAT_VERSION,
    id: 'hand-made',
    title: 'Hand made',
    text: 'Anna met Bob in Paris.\nBob left Paris.',
    entityTypes: [
      { key: 'Person', label: 'Person', color: '#ff0000' },
      { key: 'Place', label: 'City or place' },
    ],
    relationTypes: [{ key: 'met', label: 'met', symmetric: true }],
    entities: [
      { id: 'anna', name: 'Anna', type: 'Person', aliases: [] },
      { id: 'bob', name: 'Bob', type: 'Person', aliases: [], description: 'A man' },
      {
        id: 'paris',
        name: 'Paris',
        type: 'Place',
        aliases: [],
        refs: [{ source: 'Wikidata', id: 'Q90' }],
      },
      { id: 'meeting', name: 'met', type: 'Meeting', aliases: [], kind: 'event' },
    ],
    mentions: [
      { id: 'm1', entityId: 'anna', spans: [{ start: 0, end: 4 }], text: 'Anna' },
      { id: 'm2', entityId: 'bob', spans: [{ start: 9, end: 12 }], text: 'Bob' },
      {
        id: 'm3',
        entityId: 'paris',
        spans: [{ start: 16, end: 21 }],
        text: 'Paris',
        notes: ['capital'],
      },
      { id: 'm4', entityId: 'bob', spans: [{ start: 23, end: 26 }], text: 'Bob' },
      { id: 'm5', entityId: 'paris', spans: [{ start: 32, end: 37 }], text: 'Paris' },
      { id: 'm6', entityId: 'meeting', spans: [{ start: 5, end: 8 }], text: 'met' },
    ],
    relations: [
      {
        id: 'r1',
        type: 'met',
        source: 'anna',
        target: 'bob',
        evidence: [{ start: 0, end: 22, text: 'Anna met Bob in Paris.' }],
        certainty: 'reported',
        note: 'first line\nsecond line',
      },
      { id: 'r2', type: 'Agent', source: 'meeting', target: 'anna', evidence: [] },
      { id: 'r3', type: 'Agent', source: 'meeting', target: 'bob', evidence: [] },
      {
        id: 'r4',
        type: 'Place',
        source: 'meeting',
        target: 'paris',
        evidence: [],
        attributes: { Exact: true },
      },
    ],
  };

  it('writes T, E, R, A, N and # lines with fresh ids, deterministically', () => {
    const out = exportBrat(base);
    expect(out.ann).toBe(
      [
        'T1\tPerson 0 4\tAnna',
        'T2\tMeeting 5 8\tmet',
        'T3\tPerson 9 12\tBob',
        'T4\tPlace 16 21\tParis',
        'T5\tPerson 23 26\tBob',
        'T6\tPlace 32 37\tParis',
        'E1\tMeeting:T2 Agent:T1 Agent2:T3',
        'R1\tmet Arg1:T1 Arg2:T3',
        'R2\tPlace Arg1:E1 Arg2:T4',
        'A1\tCertainty R1 reported',
        'A2\tExact R2',
        'N1\tReference T4 Wikidata:Q90',
        '#1\tAnnotatorNotes T4\tcapital',
        '#2\tAnnotatorNotes R1\tfirst line',
        '#3\tAnnotatorNotes R1\tsecond line',
        '',
      ].join('\n'),
    );
    expect(exportBrat(base)).toEqual(out);
    expect(out.txt).toBe(base.text);
    expect(out.problems.map((p) => p.message)).toEqual([
      'entity bob (Bob): brat has no place for a description; not exported',
    ]);
    expect(out.annotationConf).toContain('[entities]\nPerson\nPlace\n');
    expect(out.annotationConf).toContain('met\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric');
    expect(out.annotationConf).toContain('Place\tArg1:<ENTITY>|<EVENT>, Arg2:<ENTITY>|<EVENT>');
    expect(out.annotationConf).toContain('[events]\nMeeting\tAgent*:<ENTITY>|<EVENT>');
    expect(out.annotationConf).toContain('Certainty\tArg:<RELATION>, Value:reported');
    expect(out.visualConf).toBe(
      '[labels]\nPlace | City or place\n\n[drawing]\nPerson\tbgColor:#ff0000\n',
    );
  });

  it('reads its own output back to the same annotations', () => {
    const out = exportBrat(base);
    const back = importBrat({
      name: 'hand-made',
      text: out.txt,
      ann: out.ann,
      annotationConf: out.annotationConf,
      visualConf: out.visualConf,
    });
    expect(back.problems).toEqual([]);
    expectSound(back.document);
    expect(annotationShape(back.document, { derived: false })).toEqual(
      annotationShape(base, { derived: false }),
    );
    expect(back.document.entityTypes.find((t) => t.key === 'Place')?.label).toBe('City or place');
    expect(back.document.relationTypes.find((t) => t.key === 'met')?.symmetric).toBe(true);
  });

  it('keeps actors that share a pronoun apart through export and import', () => {
    const text = 'HTS and its allies. ISIS and its rivals. Bob met Bob.';
    const span = (word: string, nth = 1) => {
      let start = -1;
      for (let i = 0; i < nth; i++) start = text.indexOf(word, start + 1);
      return { spans: [{ start, end: start + word.length }], text: word };
    };
    const doc: AriadneDocument = {
      ...base,
      text,
      entities: [
        { id: 'hts', name: 'HTS', type: 'Org', aliases: [] },
        { id: 'isis', name: 'ISIS', type: 'Org', aliases: [] },
        { id: 'bob', name: 'Bob', type: 'Person', aliases: [] },
        { id: 'bob2', name: 'Bob', type: 'Person', aliases: [] },
      ],
      mentions: [
        { id: 'm1', entityId: 'hts', ...span('HTS') },
        { id: 'm2', entityId: 'hts', ...span('its', 1) },
        { id: 'm3', entityId: 'isis', ...span('ISIS') },
        { id: 'm4', entityId: 'isis', ...span('its', 2) },
        { id: 'm5', entityId: 'bob', ...span('Bob', 1) },
        { id: 'm6', entityId: 'bob2', ...span('Bob', 2) },
      ],
      relations: [],
    };
    const out = exportBrat(doc);
    // Two one-mention actors named alike cannot be told apart in brat; the pronoun's owners can.
    expect(out.problems.map((p) => p.message)).toEqual([
      'entities bob (Bob) and bob2 (Bob) share a type and a mention text; brat cannot keep them apart, so importing this export merges them',
    ]);
    const back = importBrat({ name: 'p', text: out.txt, ann: out.ann });
    expect(back.problems).toEqual([]);
    const groups = back.document.entities.map((e) =>
      back.document.mentions.filter((m) => m.entityId === e.id).map((m) => m.text),
    );
    expect(groups).toEqual([
      ['HTS', 'its'],
      ['ISIS', 'its'],
      ['Bob', 'Bob'],
    ]);
  });

  it('keeps every actor of the built-in article through export and import', () => {
    const doc = documentSchema.parse(builtinJson);
    const out = exportBrat(doc);
    expect(out.problems.map((p) => p.message).filter((m) => m.includes('merges'))).toEqual([]);
    const back = importBrat({ name: 'b', text: out.txt, ann: out.ann }).document;
    const groups = (d: AriadneDocument) =>
      d.entities
        .map((e) =>
          d.mentions
            .filter((m) => m.entityId === e.id)
            .map((m) => m.spans.map((x) => `${x.start}-${x.end}`).join(';'))
            .sort()
            .join(' '),
        )
        .sort();
    expect(groups(back)).toEqual(groups(doc));
  });

  it('reuses ids that already look like brat ids', () => {
    const doc: AriadneDocument = {
      ...base,
      mentions: base.mentions.map((m) => (m.id === 'm4' ? { ...m, id: 'T1' } : m)),
      relations: base.relations.map((r) => (r.id === 'r1' ? { ...r, id: 'R7' } : r)),
      entities: base.entities.map((e) => (e.id === 'meeting' ? { ...e, id: 'e-E4' } : e)),
    };
    const fixed: AriadneDocument = {
      ...doc,
      mentions: doc.mentions.map((m) =>
        m.entityId === 'meeting' ? { ...m, entityId: 'e-E4' } : m,
      ),
      relations: doc.relations.map((r) => (r.source === 'meeting' ? { ...r, source: 'e-E4' } : r)),
    };
    const ann = exportBrat(fixed).ann;
    expect(ann).toContain('T1\tPerson 23 26\tBob');
    expect(ann).toContain('T2\tPerson 0 4\tAnna');
    expect(ann).toContain('R7\tmet Arg1:T2 Arg2:T');
    expect(ann).toContain('E4\tMeeting:T3');
  });

  it('writes a line break inside a span as a space, which imports without a warning', () => {
    const doc: AriadneDocument = {
      ...base,
      entities: [{ id: 'x', name: 'Paris Bob', type: 'Place', aliases: [] }],
      mentions: [{ id: 'm', entityId: 'x', spans: [{ start: 16, end: 26 }], text: 'Paris.\nBob' }],
      relations: [],
    };
    const out = exportBrat(doc);
    expect(out.ann).toBe('T1\tPlace 16 26\tParis. Bob\n');
    const back = importBrat({ name: 'x', text: out.txt, ann: out.ann });
    expect(back.problems).toEqual([]);
    expect(back.document.mentions[0]?.text).toBe('Paris.\nBob');
  });

  it('warns about what brat cannot hold', () => {
    const doc: AriadneDocument = {
      ...base,
      text: '😀 Bob and Bob',
      entities: [
        {
          id: 'a',
          name: 'Bob',
          type: 'Person',
          aliases: [],
          attributes: { Main: true },
          notes: ['n'],
        },
        { id: 'b', name: 'Bob', type: 'Person', aliases: [] },
        { id: 'lonely', name: 'Nobody', type: 'Person', aliases: [], kind: 'event' },
      ],
      mentions: [
        { id: 'm1', entityId: 'a', spans: [{ start: 3, end: 6 }], text: 'Bob' },
        { id: 'm2', entityId: 'b', spans: [{ start: 11, end: 14 }], text: 'Bob' },
        { id: 'm3', entityId: 'a', spans: [{ start: 1, end: 6 }], text: '\ude00 Bob' },
        { id: 'm4', entityId: 'ghost', spans: [{ start: 3, end: 6 }], text: 'Bob' },
      ],
      relations: [{ id: 'r', type: 'knows', source: 'lonely', target: 'a', evidence: [] }],
    };
    const out = exportBrat(doc);
    expect(out.problems.map((p) => p.message)).toEqual([
      'mention m3: a span is empty, reversed, outside the text or splits a character; not exported',
      'mention m4 belongs to entity ghost, which does not exist; not exported',
      'event lonely (Nobody) has no mention to serve as its trigger; not exported',
      'relation r (knows): Nobody or Bob has no mention in the text; not exported',
      'entities a (Bob) and b (Bob) share a type and a mention text; brat cannot keep them apart, so importing this export merges them',
      'entity a (Bob): brat keeps attributes on mentions; written on each mention',
      'entity a (Bob): brat keeps notes on annotations; written on its first mention',
    ]);
    expect(out.ann).toBe(
      'T1\tPerson 2 5\tBob\nT2\tPerson 10 13\tBob\nA1\tMain T1\n#1\tAnnotatorNotes T1\tn\n',
    );
  });

  it('writes types and values with white space as single tokens, with a warning', () => {
    const doc: AriadneDocument = {
      ...base,
      entities: [{ id: 'a', name: 'Anna', type: 'Public figure', aliases: [] }],
      mentions: [
        {
          id: 'm',
          entityId: 'a',
          spans: [{ start: 0, end: 4 }],
          text: 'Anna',
          attributes: { Role: 'head of state' },
        },
      ],
      relations: [],
    };
    const out = exportBrat(doc);
    expect(out.ann).toBe('T1\tPublic_figure 0 4\tAnna\nA1\tRole T1 head_of_state\n');
    expect(out.problems.map((p) => p.message)).toEqual([
      'type "Public figure" contains white space; written as "Public_figure"',
      'attribute value "head of state" contains white space; written as "head_of_state"',
    ]);
  });
});
