import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import builtinJson from '../builtin/hts-terror-list.json';
import type { AriadneDocument } from '../model';
import { documentSchema } from '../schema';
import { validateDocument } from '../validate';
import { exportAriadneJson, formatPath, importAriadneJson, repairDocument } from './ariadne-json';
import type { ImportProblem } from './problems';

const builtin: AriadneDocument = documentSchema.parse(builtinJson);

/** A deep, mutable copy of the built-in document as plain JSON. */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const raw = (): Record<string, Json> =>
  JSON.parse(JSON.stringify(builtinJson)) as Record<string, Json>;
const list = (o: Record<string, Json>, key: string) => o[key] as Record<string, Json>[];
const text = (o: unknown) => JSON.stringify(o, null, 2);
const errors = (ps: readonly ImportProblem[]) => ps.filter((p) => p.severity === 'error');
const warnings = (ps: readonly ImportProblem[]) => ps.filter((p) => p.severity === 'warning');
/** 1-based line of the first occurrence of `needle` in `s`. */
const lineOf = (s: string, needle: string) => s.slice(0, s.indexOf(needle)).split('\n').length;

describe('exportAriadneJson / importAriadneJson', () => {
  it('round-trips the built-in document exactly, with no problems', () => {
    const json = exportAriadneJson(builtin);
    expect(json.startsWith('{\n  "format": "ariadne/1",')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
    const back = importAriadneJson('hts.json', json);
    expect(back.problems).toEqual([]);
    expect(back.document).toEqual(builtin);
    expect(exportAriadneJson(back.document as AriadneDocument)).toBe(json);
  });

  it('reads a file that starts with a byte order mark', () => {
    const back = importAriadneJson('bom.json', `\uFEFF${exportAriadneJson(builtin)}`);
    expect(back.problems).toEqual([]);
    expect(back.document).toEqual(builtin);
  });

  it('round-trips any document with astral characters, quotes and line breaks in its strings', () => {
    const doc: AriadneDocument = {
      ...builtin,
      id: 'odd',
      title: 'Tab\there "quoted" \\ back\u2028slash 😀',
      source: { origin: 'line\nbreak' },
    };
    expect(importAriadneJson('odd.json', exportAriadneJson(doc)).document).toEqual(doc);
  });
});

describe('importAriadneJson: files that are not Ariadne documents', () => {
  it('names the line and column where the JSON breaks', () => {
    const r = importAriadneJson('X.json', '{\n  "format": "ariadne/1",\n  "id": \n}');
    expect(r.document).toBeUndefined();
    expect(r.problems).toEqual([
      {
        file: 'X.json',
        line: 4,
        message: 'not valid JSON (line 4, column 1: expected a value, found "}")',
        severity: 'error',
      },
    ]);
  });

  it.each([
    ['{"a": 1,}', 'line 1, column 9: expected a property name in double quotes'],
    ['{"a": 1 "b": 2}', "line 1, column 9: expected ',' or '}' after a property"],
    ['[1, 2', 'line 1, column 6: the file ends inside an array'],
    ['{"a": "unclosed', 'line 1, column 7: a string is not closed'],
    ['{"a": "x\ny"}', 'line 1, column 9: a string contains a raw control character'],
    ['{} {}', 'line 1, column 4: unexpected text after the end of the JSON value'],
    ['', 'line 1, column 1: the file is empty'],
    ["{'format': 'ariadne/1'}", 'line 1, column 2: expected a property name in double quotes'],
    ['{"n": 01}', "line 1, column 8: expected ',' or '}' after a property"],
    ['{"s": "\\q"}', 'line 1, column 8: "\\q" is not a valid escape in a string'],
    ['<?xml version="1.0"?>', 'line 1, column 1: expected a value, found "<"'],
  ])('explains %j', (input, detail) => {
    const r = importAriadneJson('bad.json', input);
    expect(r.document).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.file).toBe('bad.json');
    expect(r.problems[0]?.message).toContain(`not valid JSON (${detail}`);
  });

  it('refuses another format or version, saying which one it reads', () => {
    const r = importAriadneJson('X.json', JSON.stringify({ ...raw(), format: 'ariadne/2' }));
    expect(r.document).toBeUndefined();
    expect(r.problems).toEqual([
      {
        file: 'X.json',
        message: 'format "ariadne/2" is not supported (this app reads ariadne/1)',
        severity: 'error',
      },
    ]);
    const n = importAriadneJson('X.json', JSON.stringify({ ...raw(), format: 1 }));
    expect(n.problems[0]?.message).toBe(
      '"format" must be the string "ariadne/1" (this app reads ariadne/1)',
    );
  });

  it.each([
    [{ ...raw(), format: undefined }, 'add "format": "ariadne/1" at the top'],
    [
      { text: 'Hi there', entities: [['T1', 'Person', [[0, 2]]]], relations: [], mtime: 1 },
      "looks like brat's own JSON",
    ],
    [{ elements: { nodes: [], edges: [] } }, 'looks like a Cytoscape.js graph'],
    [{ nodes: [], links: [] }, 'looks like a graph (nodes and edges) without its text'],
    [{ text: 'Hi', ents: [] }, 'looks like a spaCy, doccano or similar annotation record'],
    [[{ data: { text: 'x' }, annotations: [] }], 'looks like a Label Studio export'],
    [[1, 2], 'is a JSON array, not an Ariadne document'],
    ['just a string', 'is a single JSON string, not an Ariadne document'],
    [null, 'is a single JSON null'],
    [{ hello: 'world' }, 'has no "format" field, so it is not an Ariadne document'],
  ])('says what a foreign JSON value looks like instead (%#)', (value, message) => {
    const r = importAriadneJson('other.json', JSON.stringify(value));
    expect(r.document).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'other.json', severity: 'error' });
    expect(r.problems[0]?.message).toContain(message);
  });

  it('lists the first few schema issues with their paths when the whole document is malformed', () => {
    const doc = raw();
    doc.title = 5;
    doc.entities = 'none';
    const json = text(doc);
    const r = importAriadneJson('X.json', json);
    expect(r.document).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'X.json', severity: 'error' });
    expect(r.problems[0]?.message).toBe(
      'does not match the ariadne/1 format: title: expected string, received number; entities: expected array, received string',
    );
    expect(r.problems[0]?.line).toBe(lineOf(json, '"title"'));
  });

  it('says "and N more" after five issues and calls missing fields missing', () => {
    const doc = raw();
    for (const k of ['id', 'title', 'text', 'entityTypes', 'relationTypes', 'entities', 'mentions'])
      delete doc[k];
    const r = importAriadneJson('X.json', text(doc));
    expect(r.problems[0]?.message).toMatch(
      /^does not match the ariadne\/1 format: id: is missing \(expected string\); .*; and 2 more$/,
    );
  });
});

describe('importAriadneJson: drops bad records and keeps every good one', () => {
  it('drops a malformed entity (and the mentions and relations that needed it), naming its line', () => {
    const doc = raw();
    const bad = list(doc, 'entities')[3] as Record<string, Json>;
    const badId = bad.id as string;
    bad.name = 42;
    const json = text(doc);
    const r = importAriadneJson('X.json', json);
    const d = r.document as AriadneDocument;
    expect(d.entities.map((e) => e.id)).toEqual(
      builtin.entities.filter((e) => e.id !== badId).map((e) => e.id),
    );
    const first = r.problems[0];
    expect(first).toMatchObject({
      file: 'X.json',
      severity: 'error',
      message: `entity "${badId}" (entities[3]): name: expected string, received number; dropped`,
    });
    expect(first?.line).toBe(lineOf(json, `"id": "${badId}"`) - 1);
    // Its mentions and relations are reported one by one, and nothing else is lost.
    const lost = builtin.mentions.filter((m) => m.entityId === badId).length;
    const lostRel = builtin.relations.filter(
      (x) => x.source === badId || x.target === badId,
    ).length;
    expect(d.mentions).toHaveLength(builtin.mentions.length - lost);
    expect(d.relations).toHaveLength(builtin.relations.length - lostRel);
    expect(errors(r.problems)).toHaveLength(1 + lost + lostRel);
    expect(validateDocument(d)).toEqual([]);
  });

  it('names records by their place in the file even after earlier ones were dropped', () => {
    const doc = raw();
    list(doc, 'mentions')[0] = { id: 'm-broken' };
    const m5 = list(doc, 'mentions')[5] as Record<string, Json>;
    m5.spans = [{ start: 5, end: 2 }];
    const r = importAriadneJson('X.json', text(doc));
    const messages = errors(r.problems).map((p) => p.message);
    expect(messages[0]).toMatch(/^mention "m-broken" \(mentions\[0\]\): entityId: is missing/);
    expect(messages).toContain(
      `mention "${String(m5.id)}" (mentions[5]): span 5–2 is reversed; dropped`,
    );
    expect(r.document?.mentions).toHaveLength(builtin.mentions.length - 2);
  });

  it('drops mentions with bad spans or a missing entity, and says what is wrong with each', () => {
    const doc = raw();
    const ms = list(doc, 'mentions');
    const [a, b, c, e] = [ms[1], ms[2], ms[3], ms[4]] as Record<string, Json>[];
    a!.spans = [{ start: 10, end: 5 }];
    b!.spans = [{ start: 0, end: 999999 }];
    c!.entityId = 'e-nobody';
    e!.spans = [
      { start: 20, end: 25 },
      { start: 10, end: 12 },
    ];
    const json = text(doc);
    const r = importAriadneJson('X.json', json);
    const errs = errors(r.problems);
    expect(errs.map((p) => p.message)).toEqual([
      `mention "${String(a!.id)}" (mentions[1]): span 10–5 is reversed; dropped`,
      `mention "${String(b!.id)}" (mentions[2]): span 0–999999 ends past the end of the text (length ${builtin.text.length}); dropped`,
      `mention "${String(c!.id)}" (mentions[3]): its entity "e-nobody" does not exist; dropped`,
      `mention "${String(e!.id)}" (mentions[4]): its spans are not in text order; dropped`,
    ]);
    expect(errs[0]?.line).toBe(lineOf(json, `"id": "${String(a!.id)}"`) - 1);
    const d = r.document as AriadneDocument;
    expect(d.mentions).toHaveLength(builtin.mentions.length - 4);
    expect(d.entities).toEqual(builtin.entities);
    expect(d.relations).toEqual(builtin.relations);
    expect(validateDocument(d)).toEqual([]);
  });

  it('repairs a mention text that differs only in white space, and drops one that differs', () => {
    const doc = raw();
    const ms = list(doc, 'mentions');
    const m0 = ms[0] as Record<string, Json>;
    const m1 = ms[1] as Record<string, Json>;
    m0.text = ` ${String(m0.text)}\n`;
    m1.text = 'Elsewhere';
    const r = importAriadneJson('X.json', text(doc));
    expect(warnings(r.problems).map((p) => p.message)).toEqual([
      `mention "${String(m0.id)}" (mentions[0]): its text differs from its span's text in white space only; using the span's text`,
    ]);
    expect(errors(r.problems).map((p) => p.message)).toEqual([
      `mention "${String(m1.id)}" (mentions[1]): its text "Elsewhere" does not match the text at its span, "${builtin.mentions[1]?.text}"; dropped`,
    ]);
    expect(r.document?.mentions[0]).toEqual(builtin.mentions[0]);
    expect(r.document?.mentions).toHaveLength(builtin.mentions.length - 1);
  });

  it('drops relations whose ends are missing and keeps the rest', () => {
    const doc = raw();
    const rs = list(doc, 'relations');
    (rs[0] as Record<string, Json>).target = 'e-ghost';
    (rs[1] as Record<string, Json>).source = 'e-nobody';
    (rs[1] as Record<string, Json>).target = 'e-none';
    const r = importAriadneJson('X.json', text(doc));
    expect(errors(r.problems).map((p) => p.message)).toEqual([
      `relation "${String(rs[0]?.id)}" (relations[0]): its target entity "e-ghost" does not exist; dropped`,
      `relation "${String(rs[1]?.id)}" (relations[1]): its source entity "e-nobody" does not exist; its target entity "e-none" does not exist; dropped`,
    ]);
    expect(r.document?.relations).toEqual(builtin.relations.slice(2));
  });

  it('drops only the evidence quote that does not match, keeping its relation', () => {
    const doc = raw();
    const r0 = list(doc, 'relations')[0] as Record<string, Json>;
    const ev = r0.evidence as Record<string, Json>[];
    (ev[0] as Record<string, Json>).text = 'Not what the text says.';
    const r = importAriadneJson('X.json', text(doc));
    expect(errors(r.problems)).toEqual([]);
    expect(warnings(r.problems)[0]?.message).toMatch(
      /^relation "r1" \(relations\[0\]\): evidence\[0\] quote "Not what the text says\." does not match the text at \d+–\d+; dropped that evidence, kept the relation$/,
    );
    expect(r.document?.relations[0]?.evidence).toEqual(builtin.relations[0]?.evidence.slice(1));
    expect(r.document?.relations).toHaveLength(builtin.relations.length);
  });

  it('keeps the first of two records with the same id', () => {
    const doc = raw();
    const es = list(doc, 'entities');
    const copy = { ...(es[0] as Record<string, Json>), name: 'Impostor' };
    es.push(copy);
    const ms = list(doc, 'mentions');
    ms.push({ ...(ms[0] as Record<string, Json>) });
    list(doc, 'relations').push({
      ...(list(doc, 'relations')[2] as Record<string, Json>),
      id: 'm1',
    });
    const r = importAriadneJson('X.json', text(doc));
    const n = builtin.entities.length;
    expect(errors(r.problems).map((p) => p.message)).toEqual([
      `entity "e-russia" (entities[${n}]): the id is already used by entities[0]; dropped`,
      `mention "m1" (mentions[${builtin.mentions.length}]): the id is already used by mentions[0]; dropped`,
      `relation "m1" (relations[${builtin.relations.length}]): the id is already used by mentions[0]; dropped`,
    ]);
    expect(r.document?.entities).toEqual(builtin.entities);
    expect(r.document?.mentions).toEqual(builtin.mentions);
    expect(r.document?.relations).toEqual(builtin.relations);
  });

  it('declares entity and relation types that are used but not declared, with a warning', () => {
    const doc = raw();
    (list(doc, 'entities')[0] as Record<string, Json>).type = 'secret_service';
    (list(doc, 'entities')[1] as Record<string, Json>).type = 'secret_service';
    (list(doc, 'relations')[0] as Record<string, Json>).type = 'spies-on';
    const r = importAriadneJson('X.json', text(doc));
    expect(errors(r.problems)).toEqual([]);
    expect(warnings(r.problems).map((p) => p.message)).toEqual([
      'entity type "secret_service" is used by 2 entities, first entity "e-russia" (entities[0]), but not declared in entityTypes; declared it with the label "secret service"',
      'relation type "spies-on" is used by 1 relation relation "r1" (relations[0]), but not declared in relationTypes; declared it with the label "spies on"',
    ]);
    const d = r.document as AriadneDocument;
    expect(d.entityTypes.at(-1)).toEqual({ key: 'secret_service', label: 'secret service' });
    expect(d.relationTypes.at(-1)).toEqual({ key: 'spies-on', label: 'spies on' });
    expect(d.entities).toHaveLength(builtin.entities.length);
    expect(validateDocument(d)).toEqual([]);
  });

  it('ignores blocks that do not fit the text, so they are derived again', () => {
    const doc = raw();
    (list(doc, 'blocks')[2] as Record<string, Json>).end = 10 ** 7;
    const r = importAriadneJson('X.json', text(doc));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.message).toMatch(/^blocks\[2\]: span .* ends past the end of the text/);
    expect(r.problems[0]?.severity).toBe('warning');
    expect(r.document?.blocks).toBeUndefined();
    expect(r.document?.entities).toEqual(builtin.entities);

    const shuffled = raw();
    list(shuffled, 'blocks').reverse();
    const s = importAriadneJson('X.json', text(shuffled));
    expect(s.problems[0]?.message).toContain('it starts before the previous block ends');
  });

  it('warns about fields it does not know and keeps everything else', () => {
    const doc = raw();
    doc.colour = 'red';
    (list(doc, 'entities')[2] as Record<string, Json>).wikidata = 'Q1';
    const json = text(doc);
    const r = importAriadneJson('X.json', json);
    expect(r.problems).toEqual([
      {
        file: 'X.json',
        line: lineOf(json, '"wikidata": "Q1"'),
        message: 'ignored fields this version does not know: entities[2].wikidata, colour',
        severity: 'warning',
      },
    ]);
    expect(r.document).toEqual(builtin);
  });

  it('takes no field for known because objects have it built in', () => {
    const doc = raw();
    // Plain assignments would not type-check: every object has these two.
    Object.assign(doc, { toString: 'x' });
    Object.assign(list(doc, 'mentions')[0] as object, { constructor: 'y' });
    const r = importAriadneJson('X.json', text(doc));
    expect(r.problems.map((p) => p.message)).toEqual([
      'ignored fields this version does not know: mentions[0].constructor, toString',
    ]);
    expect(r.document).toEqual(builtin);
  });
});

describe('repairDocument', () => {
  it('returns a valid document untouched', () => {
    const r = repairDocument(builtin, 'b.ann');
    expect(r.document).toBe(builtin);
    expect(r.problems).toEqual([]);
  });

  // Both pass validateDocument, so a check of validity alone would let them through unmended.
  it('keeps the first of two types declared with one key', () => {
    const twice = { ...builtin, entityTypes: [...builtin.entityTypes, builtin.entityTypes[0]!] };
    const r = repairDocument(twice, 'b.json');
    expect(r.document.entityTypes).toEqual(builtin.entityTypes);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.message).toMatch(/is declared twice; kept the first$/);
    expect(r.problems[0]?.severity).toBe('warning');
  });

  it('ignores blocks out of order, so they are derived again', () => {
    const blocks = builtin.blocks ?? [];
    expect(blocks.length).toBeGreaterThan(1);
    const r = repairDocument({ ...builtin, blocks: [...blocks].reverse() }, 'b.json');
    expect(r.document.blocks).toBeUndefined();
    expect(r.problems[0]?.message).toContain('it starts before the previous block ends');
  });
});

describe('formatPath', () => {
  it('writes paths the way JavaScript reads them', () => {
    expect(formatPath(['entities', 3, 'name'])).toBe('entities[3].name');
    expect(formatPath(['attributes', 'brat:type'])).toBe('attributes["brat:type"]');
    expect(formatPath([])).toBe('(top level)');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** Every path into a JSON value, parents before children. */
function allPaths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) allPaths(x, [...prefix, k], out);
  return out;
}
const PATHS = allPaths(raw());

function mutate(
  doc: Record<string, Json>,
  m: { at: number; op: 'set' | 'delete' | 'nudge'; value: unknown },
) {
  const path = PATHS[m.at % PATHS.length] ?? [];
  if (path.length === 0) return;
  let parent: Json = doc;
  for (const key of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return;
    parent = (parent as Record<string, Json>)[key as string] ?? null;
  }
  if (parent === null || typeof parent !== 'object') return;
  const last = path[path.length - 1] as string;
  const target = parent as Record<string, Json>;
  if (!(last in target)) return;
  if (m.op === 'delete') {
    if (Array.isArray(target)) target.splice(Number(last), 1);
    else delete target[last];
  } else if (m.op === 'nudge' && typeof target[last] === 'number') {
    // A JSON object may carry a "toString" key, so never coerce the value: use numbers as they are.
    const step = typeof m.value === 'number' ? m.value % 7 : 1;
    target[last] = (target[last] as number) + (step || 1);
  } else {
    target[last] = m.value as Json;
  }
}

/** Text made of JSON's own characters and a few others, so it is sometimes almost JSON. */
const jsonish = fc.oneof(
  fc.string(),
  fc.string({
    unit: fc.constantFrom(
      ...'{}[]":,0123456789-+.eE truefalsn\\/\n\t',
      '\u0000',
      'é',
      '😀',
      '\uD800',
    ),
    maxLength: 60,
  }),
);

describe('importAriadneJson properties', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(jsonish, (s) => {
        const r = importAriadneJson('r.json', s);
        expect(r.document !== undefined || r.problems.length > 0).toBe(true);
      }),
    );
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = importAriadneJson('r.json', JSON.stringify(v));
        expect(r.document).toBeUndefined();
        expect(r.problems[0]?.file).toBe('r.json');
      }),
    );
  });

  it('never throws on mutated copies of the built-in document, and what it returns is valid', () => {
    const mutation = fc.record({
      at: fc.nat(),
      op: fc.constantFrom('set' as const, 'delete' as const, 'nudge' as const),
      value: fc.oneof(
        fc.jsonValue(),
        fc.constantFrom('e-russia', 'm1', 'r1', 'person', -1, 0, 1e9),
      ),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => {
        const doc = raw();
        for (const m of ms) mutate(doc, m);
        const r = importAriadneJson('m.json', JSON.stringify(doc));
        for (const p of r.problems) expect(p.file).toBe('m.json');
        if (r.document) {
          expect(validateDocument(r.document)).toEqual([]);
          expect(documentSchema.safeParse(r.document).success).toBe(true);
        } else {
          expect(errors(r.problems).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on truncated or spliced JSON text', () => {
    const json = exportAriadneJson(builtin);
    fc.assert(
      fc.property(fc.nat(json.length), fc.nat(json.length), fc.string(), (a, b, s) => {
        const r = importAriadneJson('t.json', json.slice(0, a) + s + json.slice(b));
        if (r.document) expect(validateDocument(r.document)).toEqual([]);
        else expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
