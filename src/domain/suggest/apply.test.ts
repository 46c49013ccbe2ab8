import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AriadneDocument } from '../model';
import { validateDocument } from '../validate';
import { applySuggestion, applySuggestions, applyingSuggestions } from './apply';
import { suggestMentions } from './mentions';
import { suggestRelations } from './relations';
import { BRAT_NEWS_TYPES, annotate, byText, plain } from './test-helpers';
import type { MentionSuggestion, RelationSuggestion } from './types';

function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('missing');
  return x;
}

describe('applySuggestion: mentions', () => {
  it('creates an actor of the guessed type for a new name, and the document stays valid', () => {
    const doc = plain('Acme said Peru would pay. Peru agreed.');
    const s = must(byText(suggestMentions(doc), 'Peru'));
    const next = applySuggestion(doc, s);
    expect(next).not.toBe(doc);
    expect(next.entities).toEqual([{ id: 'e-peru', name: 'Peru', type: 'state', aliases: [] }]);
    expect(next.mentions).toEqual([
      { id: 'm-10', entityId: 'e-peru', spans: [{ start: 10, end: 14 }], text: 'Peru' },
    ]);
    expect(validateDocument(next)).toEqual([]);
    expect(doc.entities).toEqual([]); // pure
  });

  it('reuses the actor whose name or alias matches, adding a new spelling (not a case variant) as an alias', () => {
    const text = 'Interior Minister Tomas Brandt resigned. Brandt denied it. TOMAS BRANDT spoke.';
    let doc: AriadneDocument = plain(text);
    const sugg = suggestMentions(doc);
    for (const s of sugg) doc = applySuggestion(doc, s);
    expect(doc.entities).toHaveLength(1);
    expect(doc.entities[0]).toMatchObject({ name: 'Tomas Brandt', type: 'person' });
    expect(doc.entities[0]?.aliases).toEqual(['Brandt']);
    expect(doc.mentions.map((m) => m.text)).toEqual(['Tomas Brandt', 'Brandt', 'TOMAS BRANDT']);
    expect(validateDocument(doc)).toEqual([]);
  });

  it('adds a propagated mention to its existing actor', () => {
    const text = 'Peru spoke. Then Peru’s envoy left.';
    const doc = annotate(plain(text), [{ entity: 'e-peru', type: 'state', text: 'Peru' }]);
    const [s] = suggestMentions(doc, { discovery: false });
    const next = applySuggestion(doc, must(s));
    expect(next.entities).toEqual(doc.entities);
    expect(next.mentions.map((m) => [m.entityId, m.text, m.spans[0]?.start])).toEqual([
      ['e-peru', 'Peru', 0],
      ['e-peru', 'Peru', 17],
    ]);
    expect(validateDocument(next)).toEqual([]);
  });

  it('declares a guessed type the document lacks', () => {
    const doc = plain('Officials at Globex Industries declined to comment.');
    const s = must(byText(suggestMentions(doc), 'Globex Industries'));
    expect(s.type).toBe('organisation');
    const next = applySuggestion(doc, s);
    expect(next.entityTypes.map((t) => t.key)).toContain('organisation');
    expect(next.entityTypes.find((t) => t.key === 'organisation')?.label).toBe('Organisation');
    expect(validateDocument(next)).toEqual([]);
  });

  it('uses the brat types of a brat document', () => {
    const doc = plain('Finance Minister Sara Lund visited Oslo.', BRAT_NEWS_TYPES);
    let next = doc;
    for (const s of suggestMentions(doc)) next = applySuggestion(next, s);
    expect(next.entities.map((e) => [e.name, e.type])).toEqual([
      ['Sara Lund', 'Person'],
      ['Oslo', 'GPE'],
    ]);
    expect(next.entityTypes).toEqual(BRAT_NEWS_TYPES);
    expect(validateDocument(next)).toEqual([]);
  });

  it('leaves the document unchanged when the suggestion no longer fits', () => {
    const doc = annotate(plain('Peru and Chile.'), [
      { entity: 'e-peru', type: 'state', text: 'Peru' },
    ]);
    const overlapping: MentionSuggestion = {
      id: 'x',
      kind: 'entity',
      origin: 'discovery',
      spans: [{ start: 2, end: 8 }],
      text: 'ru and',
      name: 'ru and',
      type: 'state',
      confidence: 0.5,
      reason: 'test',
    };
    expect(applySuggestion(doc, overlapping)).toBe(doc);
    expect(applySuggestion(doc, { ...overlapping, spans: [{ start: 10, end: 99 }] })).toBe(doc);
  });
});

describe('applySuggestion: relations', () => {
  it('creates both ends, their mentions and a stated relation with the sentence as evidence', () => {
    const text = 'Chile granted asylum to Pablo Rojas.';
    const doc = plain(text);
    const [r] = suggestRelations(doc);
    const next = applySuggestion(doc, must(r));
    expect(next.entities.map((e) => [e.name, e.type])).toEqual([
      ['Chile', 'state'],
      ['Pablo Rojas', 'person'],
    ]);
    expect(next.relationTypes).toEqual([{ key: 'granted-asylum-to', label: 'granted asylum to' }]);
    expect(next.relations).toEqual([
      {
        id: 'r-granted-asylum-to',
        type: 'granted-asylum-to',
        source: 'e-chile',
        target: 'e-pablo-rojas',
        evidence: [{ start: 0, end: text.length, text }],
        certainty: 'stated',
      },
    ]);
    expect(validateDocument(next)).toEqual([]);
  });

  it('reuses annotated ends and an existing relation type with the same label', () => {
    const text = 'Peru thanked Chile.';
    const doc: AriadneDocument = {
      ...annotate(plain(text), [
        { entity: 'e-peru', type: 'state', text: 'Peru' },
        { entity: 'e-chile', type: 'state', text: 'Chile' },
      ]),
      relationTypes: [{ key: 'thanks', label: 'Thanked' }],
    };
    const [r] = suggestRelations(doc);
    const next = applySuggestion(doc, must(r));
    expect(next.entities).toEqual(doc.entities);
    expect(next.relationTypes).toEqual(doc.relationTypes);
    expect(next.relations[0]).toMatchObject({
      type: 'thanks',
      source: 'e-peru',
      target: 'e-chile',
    });
  });

  it('refuses a relation of an actor with itself', () => {
    const doc = annotate(plain('Peru and Peru.'), [
      { entity: 'e-peru', type: 'state', text: 'Peru' },
      { entity: 'e-peru', type: 'state', text: 'Peru', occurrence: 1 },
    ]);
    const r: RelationSuggestion = {
      id: 'r',
      kind: 'relation',
      spans: [
        { start: 0, end: 4 },
        { start: 9, end: 13 },
      ],
      text: 'Peru — and — Peru',
      source: { span: { start: 0, end: 4 }, text: 'Peru', name: 'Peru', type: 'state' },
      target: { span: { start: 9, end: 13 }, text: 'Peru', name: 'Peru', type: 'state' },
      label: 'and',
      evidence: { start: 0, end: 14, text: 'Peru and Peru.' },
      confidence: 0.1,
      reason: 'test',
    };
    expect(applySuggestion(doc, r)).toBe(doc);
  });

  it('keeps the built-in article valid after applying every suggestion to its plain text', () => {
    const builtin = JSON.parse(
      readFileSync(
        fileURLToPath(new URL('../builtin/hts-terror-list.json', import.meta.url)),
        'utf8',
      ),
    ) as { text: string };
    let doc = plain(builtin.text);
    const mentions = suggestMentions(doc);
    const relations = suggestRelations(doc, { mentions });
    for (const s of mentions) doc = applySuggestion(doc, s);
    for (const r of relations) doc = applySuggestion(doc, r);
    expect(validateDocument(doc)).toEqual([]);
    expect(doc.mentions).toHaveLength(mentions.length);
    expect(doc.relations).toHaveLength(relations.length);
    // One actor per name: the acronym and the surname went with their long forms.
    const names = doc.entities.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(doc.entities.find((e) => e.aliases.includes('HTS'))?.type).toBe('armed-group');
  });
});

describe('applySuggestions', () => {
  const name = (start: number, end: number, n: string): MentionSuggestion => ({
    id: `s-${start}`,
    kind: 'entity',
    origin: 'discovery',
    spans: [{ start, end }],
    text: n,
    name: n,
    type: 'state',
    confidence: 0.5,
    reason: 'test',
  });

  it('gives what applying them one by one gives, and the document itself when none fits', () => {
    const text = 'Peru thanked Chile. Chile, Peru and Bolivia met.';
    const doc = plain(text);
    const all = [...suggestMentions(doc)];
    const relations = suggestRelations(doc, { mentions: all });
    const list = [...all, ...relations, ...all];
    expect(applySuggestions(doc, list)).toEqual(list.reduce(applySuggestion, doc));
    const next = applySuggestions(doc, all);
    expect(applySuggestions(next, all)).toBe(next);
    expect(applySuggestions(doc, [])).toBe(doc);
  });

  it('takes back the first end of a relation whose second end does not fit, its id included', () => {
    // "Peru!" and "Peru?" are different names with one slug: the second actor is e-peru-2.
    const doc = plain('Peru! Peru? Lima.');
    const failing: RelationSuggestion = {
      id: 'r',
      kind: 'relation',
      spans: [
        { start: 6, end: 11 },
        { start: 90, end: 95 },
      ],
      text: 'Peru? met nobody',
      source: { span: { start: 6, end: 11 }, text: 'Peru?', name: 'Peru?', type: 'state' },
      target: { span: { start: 90, end: 95 }, text: 'gone', name: 'Gone', type: 'state' },
      label: 'met',
      evidence: { start: 0, end: 17, text: 'Peru! Peru? Lima.' },
      confidence: 0.5,
      reason: 'test',
    };
    const list = [name(0, 5, 'Peru!'), failing, name(6, 11, 'Peru?')];
    const next = applySuggestions(doc, list);
    expect(next).toEqual(list.reduce(applySuggestion, doc));
    expect(next.entities.map((e) => [e.id, e.name])).toEqual([
      ['e-peru', 'Peru!'],
      ['e-peru-2', 'Peru?'],
    ]);
    expect(next.mentions.map((m) => [m.id, m.entityId])).toEqual([
      ['m-0', 'e-peru'],
      ['m-6', 'e-peru-2'],
    ]);
    expect(next.relations).toEqual([]);
    expect(validateDocument(next)).toEqual([]);
  });

  it('can be run a step at a time, counting what is done, to the same document', () => {
    const doc = plain('Peru thanked Chile. Chile, Peru and Bolivia met.');
    const all = [...suggestMentions(doc)];
    const list = [...all, ...suggestRelations(doc, { mentions: all })];
    const steps = applyingSuggestions(doc, list);
    const counts: number[] = [];
    let step = steps.next();
    while (!step.done) {
      counts.push(step.value);
      step = steps.next();
    }
    expect(counts).toEqual(list.map((_, i) => i + 1));
    expect(step.value).toEqual(applySuggestions(doc, list));
    expect(applyingSuggestions(doc, []).next()).toEqual({ done: true, value: doc });
  });
});
