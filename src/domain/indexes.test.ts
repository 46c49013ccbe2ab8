import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  RECORDS_PER_INDEX_STEP,
  buildIndex,
  indexing,
  sentenceAt,
  sentenceOfMention,
} from './indexes';
import type { AriadneDocument, Entity, Mention, Relation, Span } from './model';
import { quote, spansText } from './model';
import { validateDocument } from './validate';

const L0 = '😀 Ann and Carl Smith met Bob in the University of Paris.';
const L1 = 'Bob left. Paris mourned.';
const L2 = 'Dr. Carl Smith wrote to Ann and Bob.';
const TEXT = `${L0}\n${L1}\n${L2}`;

/** The `nth` (0-based) occurrence of `needle` in the text. */
function find(needle: string, nth = 0): Span {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = TEXT.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`no occurrence ${nth} of "${needle}"`);
  }
  return { start: at, end: at + needle.length };
}

function mention(id: string, entityId: string, ...spans: Span[]): Mention {
  return { id, entityId, spans, text: spansText(TEXT, spans) };
}

function entity(id: string, type: string): Entity {
  return { id, name: id.replace(/^e-/, ''), type, aliases: [] };
}

const s0: Span = { start: 0, end: L0.length };
const s1: Span = find('Bob left.');
const s2: Span = find('Paris mourned.');
const s3: Span = find(L2);
const bothLines1: Span = { start: s1.start, end: s2.end };
/** Evidence that starts in the white space between sentence 1 and sentence 2. */
const gapQuote: Span = { start: s1.end, end: s2.end };

const relation = (
  id: string,
  type: string,
  source: string,
  target: string,
  evidence: Span[],
): Relation => ({ id, type, source, target, evidence: evidence.map((s) => quote(TEXT, s)) });

const DOC: AriadneDocument = {
  format: 'ariadne/1',
  id: 'handmade',
  title: 'Handmade',
  text: TEXT,
  entityTypes: [
    { key: 'place', label: 'Place' },
    { key: 'person', label: 'Person', color: '#123456', shape: 'star' },
    { key: 'org', label: 'Organisation' },
    { key: 'role', label: 'Role' },
    { key: 'unused', label: 'Never used' },
  ],
  relationTypes: [
    { key: 'wrote-to', label: 'wrote to' },
    { key: 'met', label: 'met', symmetric: true },
    { key: 'left', label: 'left' },
    { key: 'unused-rel', label: 'never used' },
  ],
  entities: [
    entity('e-ann', 'person'),
    entity('e-bob', 'person'),
    entity('e-carl', 'person'),
    entity('e-univ', 'org'),
    entity('e-paris', 'place'),
    entity('e-leaving', 'happening'), // not declared
    entity('e-role', 'role'),
    entity('e-ghost', 'person'), // never mentioned
  ],
  // Deliberately not in text order.
  mentions: [
    mention('m-bob3', 'e-bob', find('Bob', 2)),
    mention('m-ann-smith', 'e-ann', find('Ann', 0), find('Smith', 0)), // discontinuous
    mention('m-carl1', 'e-carl', find('Carl Smith', 0)),
    mention('m-bob1', 'e-bob', find('Bob', 0)),
    mention('m-univ', 'e-univ', find('University of Paris')),
    mention('m-paris1', 'e-paris', find('Paris', 0)), // nested in m-univ
    mention('m-bob2', 'e-bob', find('Bob', 1)),
    mention('m-leaving', 'e-leaving', find('left. Paris mourned')), // crosses sentences 1 and 2
    mention('m-paris2', 'e-paris', find('Paris', 1)), // nested in m-leaving
    mention('m-dr', 'e-role', find('Dr. Carl')), // partly overlaps m-carl2
    mention('m-carl2', 'e-carl', find('Carl Smith', 1)),
    mention('m-ann2', 'e-ann', find('Ann', 1)),
  ],
  relations: [
    relation('r-meet', 'met', 'e-ann', 'e-bob', [s0]),
    relation('r-self', 'wrote-to', 'e-carl', 'e-carl', [s3]),
    relation('r-span', 'left', 'e-bob', 'e-paris', [bothLines1]),
    relation('r-two', 'wrote-to', 'e-carl', 'e-ann', [s3, s0, s3]),
    relation('r-undeclared', 'mystery', 'e-univ', 'e-paris', []),
    relation('r-gap', 'left', 'e-leaving', 'e-paris', [gapQuote]),
  ],
};

const index = buildIndex(DOC);
const ids = (xs: readonly { id: string }[] | undefined) => (xs ?? []).map((x) => x.id);
const pieceText = (i: number) =>
  (index.piecesBySentence[i] ?? []).map((p) => [p.mentionId, TEXT.slice(p.start, p.end)]);

describe('buildIndex on a handmade document', () => {
  it('is built from a document that only breaks the declared-type rules on purpose', () => {
    expect(validateDocument(DOC)).toEqual([
      { where: 'e-leaving', message: 'entity type "happening" is not declared' },
      { where: 'r-undeclared', message: 'relation type "mystery" is not declared' },
    ]);
  });

  it('splits the text into four sentences with UTF-16 offsets', () => {
    expect(index.sentences.map((s) => TEXT.slice(s.start, s.end))).toEqual([
      L0,
      'Bob left.',
      'Paris mourned.',
      L2,
    ]);
    // The emoji counts as two code units, so "Ann" starts at 3.
    expect(index.mentionById.get('m-ann-smith')?.spans[0]).toEqual({ start: 3, end: 6 });
    expect(index.sentences[1]).toEqual({ index: 1, start: L0.length + 1, end: L0.length + 10 });
  });

  it('derives blocks from lines and records the sentences each holds', () => {
    expect(index.blocks.map((b) => [b.kind, b.index, b.firstSentence, b.endSentence])).toEqual([
      ['paragraph', 0, 0, 1],
      ['paragraph', 1, 1, 3],
      ['paragraph', 2, 3, 4],
    ]);
  });

  it('uses the blocks a document carries instead of guessing', () => {
    const withBlocks = buildIndex({
      ...DOC,
      blocks: [
        { kind: 'title', start: s0.start, end: s0.end },
        { kind: 'paragraph', start: s1.start, end: s3.end },
      ],
    });
    expect(withBlocks.blocks).toEqual([
      { kind: 'title', start: s0.start, end: s0.end, index: 0, firstSentence: 0, endSentence: 1 },
      {
        kind: 'paragraph',
        start: s1.start,
        end: s3.end,
        index: 1,
        firstSentence: 1,
        endSentence: 4,
      },
    ]);
  });

  it('looks up entities, mentions and relations by id', () => {
    expect(index.entityById.get('e-ghost')?.type).toBe('person');
    expect(index.mentionById.get('m-leaving')?.text).toBe('left. Paris mourned');
    expect(index.relationById.get('r-gap')?.type).toBe('left');
    expect(index.entityById.size).toBe(8);
    expect(index.mentionById.size).toBe(12);
    expect(index.relationById.size).toBe(6);
  });

  it('lists each entity’s mentions in text order, whatever the document order', () => {
    expect(ids(index.mentionsByEntity.get('e-bob'))).toEqual(['m-bob1', 'm-bob2', 'm-bob3']);
    expect(ids(index.mentionsByEntity.get('e-ann'))).toEqual(['m-ann-smith', 'm-ann2']);
    expect(ids(index.mentionsByEntity.get('e-carl'))).toEqual(['m-carl1', 'm-carl2']);
    expect(ids(index.mentionsByEntity.get('e-paris'))).toEqual(['m-paris1', 'm-paris2']);
    expect(index.mentionsByEntity.get('e-ghost')).toBeUndefined();
  });

  it('gives each sentence the pieces of the mentions inside it, sorted by start then longest', () => {
    expect(pieceText(0)).toEqual([
      ['m-ann-smith', 'Ann'],
      ['m-carl1', 'Carl Smith'],
      ['m-ann-smith', 'Smith'],
      ['m-bob1', 'Bob'],
      ['m-univ', 'University of Paris'],
      ['m-paris1', 'Paris'],
    ]);
    expect(pieceText(3)).toEqual([
      ['m-dr', 'Dr. Carl'],
      ['m-carl2', 'Carl Smith'],
      ['m-ann2', 'Ann'],
      ['m-bob3', 'Bob'],
    ]);
  });

  it('clips a mention that crosses a sentence boundary into one piece per sentence', () => {
    expect(pieceText(1)).toEqual([
      ['m-bob2', 'Bob'],
      ['m-leaving', 'left.'],
    ]);
    expect(pieceText(2)).toEqual([
      ['m-leaving', 'Paris mourned'],
      ['m-paris2', 'Paris'],
    ]);
    const pieces = index.piecesBySentence.flat().filter((p) => p.mentionId === 'm-leaving');
    expect(pieces.every((p) => p.entityId === 'e-leaving')).toBe(true);
    // The white space between the sentences belongs to neither piece.
    expect(pieces.map((p) => [p.start, p.end])).toEqual([
      [find('left.').start, s1.end],
      [s2.start, find('mourned').end],
    ]);
  });

  it('keeps every piece inside its sentence', () => {
    for (const [i, list] of index.piecesBySentence.entries()) {
      const s = index.sentences[i];
      for (const p of list) {
        expect(p.start).toBeGreaterThanOrEqual(s?.start ?? Infinity);
        expect(p.end).toBeLessThanOrEqual(s?.end ?? -Infinity);
        expect(p.end).toBeGreaterThan(p.start);
      }
    }
  });

  it('places each mention in the sentence of its first character', () => {
    expect(
      Object.fromEntries(DOC.mentions.map((m) => [m.id, sentenceOfMention(index, m)])),
    ).toEqual({
      'm-ann-smith': 0,
      'm-carl1': 0,
      'm-bob1': 0,
      'm-univ': 0,
      'm-paris1': 0,
      'm-bob2': 1,
      'm-leaving': 1,
      'm-paris2': 2,
      'm-dr': 3,
      'm-carl2': 3,
      'm-ann2': 3,
      'm-bob3': 3,
    });
  });

  it('lists each entity’s relations in document order, a self-relation once', () => {
    expect(ids(index.relationsByEntity.get('e-carl'))).toEqual(['r-self', 'r-two']);
    expect(ids(index.relationsByEntity.get('e-ann'))).toEqual(['r-meet', 'r-two']);
    expect(ids(index.relationsByEntity.get('e-bob'))).toEqual(['r-meet', 'r-span']);
    expect(ids(index.relationsByEntity.get('e-paris'))).toEqual([
      'r-span',
      'r-undeclared',
      'r-gap',
    ]);
    expect(ids(index.relationsByEntity.get('e-leaving'))).toEqual(['r-gap']);
    expect(index.relationsByEntity.get('e-ghost')).toBeUndefined();
  });

  it('finds the sentences holding each relation’s evidence, sorted and without repeats', () => {
    expect(Object.fromEntries(index.evidenceSentences)).toEqual({
      'r-meet': [0],
      'r-self': [3],
      'r-span': [1, 2],
      'r-two': [0, 3],
      'r-undeclared': [],
      'r-gap': [2],
    });
  });

  it('resolves declared types in order and undeclared ones after them', () => {
    expect([...index.entityTypes.keys()]).toEqual([
      'place',
      'person',
      'org',
      'role',
      'unused',
      'happening',
    ]);
    expect([...index.relationTypes.keys()]).toEqual([
      'wrote-to',
      'met',
      'left',
      'unused-rel',
      'mystery',
    ]);
    expect(index.entityTypes.get('person')).toMatchObject({
      label: 'Person',
      color: '#123456',
      shape: 'star',
    });
    const undeclared = index.entityTypes.get('happening');
    expect(undeclared?.label).toBe('happening');
    expect(undeclared?.color).toMatch(/^#[0-9A-F]{6}$/i);
    expect(undeclared?.shape).toBeTruthy();
  });

  it('counts only the entity and relation types present, in declared order', () => {
    const counts = (list: typeof index.entityTypeCounts) => list.map((c) => [c.type.key, c.count]);
    expect(counts(index.entityTypeCounts)).toEqual([
      ['place', 1],
      ['person', 4],
      ['org', 1],
      ['role', 1],
      ['happening', 1],
    ]);
    expect(counts(index.relationTypeCounts)).toEqual([
      ['wrote-to', 2],
      ['met', 1],
      ['left', 2],
      ['mystery', 1],
    ]);
  });

  it('records the largest number of mentions of one entity', () => {
    expect(index.maxMentions).toBe(3);
  });
});

describe('indexing, buildIndex in steps', () => {
  it('pauses three times (after the sentences, the mentions and the relations) and ends with what buildIndex gives', () => {
    const steps = indexing(DOC);
    let pauses = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) pauses++;
    expect(pauses).toBe(3);
    const again = indexing(DOC);
    let last = again.next();
    while (!last.done) last = again.next();
    expect(last.value).toEqual(buildIndex(DOC));
  });

  it('pauses within a long list of mentions or relations, and patches an edit without those pauses', () => {
    // "Ann met Bob. " over and over: two mentions a sentence, a relation every other sentence.
    const sentences = Math.ceil((RECORDS_PER_INDEX_STEP * 2.5) / 2);
    const text = 'Ann met Bob. '.repeat(sentences);
    const mentions: Mention[] = [];
    const relations: Relation[] = [];
    for (let k = 0; k < sentences; k++) {
      const at = k * 13;
      mentions.push({
        id: `a${k}`,
        entityId: 'ann',
        spans: [{ start: at, end: at + 3 }],
        text: 'Ann',
      });
      mentions.push({
        id: `b${k}`,
        entityId: 'bob',
        spans: [{ start: at + 8, end: at + 11 }],
        text: 'Bob',
      });
      if (k % 2 === 0)
        relations.push({
          id: `r${k}`,
          type: 'met',
          source: 'ann',
          target: 'bob',
          evidence: [{ start: at, end: at + 12, text: 'Ann met Bob.' }],
        });
    }
    const long: AriadneDocument = {
      ...DOC,
      id: 'long',
      text,
      blocks: undefined,
      entities: [entity('ann', 'person'), entity('bob', 'person')],
      mentions,
      relations,
    };
    expect(validateDocument(long)).toEqual([]);
    const count = (steps: Generator<void, unknown, void>) => {
      let pauses = 0;
      for (let step = steps.next(); !step.done; step = steps.next()) pauses++;
      return pauses;
    };
    const inner =
      Math.floor(mentions.length / RECORDS_PER_INDEX_STEP) +
      Math.floor(relations.length / RECORDS_PER_INDEX_STEP);
    expect(inner).toBeGreaterThanOrEqual(2);
    expect(count(indexing(long))).toBe(3 + inner);
    const index = buildIndex(long);
    expect(index.mentionsByEntity.get('ann')).toHaveLength(sentences);
    expect(index.relationsByEntity.get('bob')).toHaveLength(relations.length);
    // An edit of one mention patches the index: no pause but the three.
    const edited = { ...long, mentions: mentions.filter((m) => m.id !== 'a7') };
    expect(count(indexing(edited, index))).toBe(3);
    expect(buildIndex(edited, index)).toEqual(buildIndex(edited));
  });
});

describe('buildIndex from an earlier version', () => {
  const renamed: AriadneDocument = {
    ...DOC,
    entities: DOC.entities.map((e, i) => (i === 0 ? { ...e, name: `${e.name} (renamed)` } : e)),
  };
  const fewerMentions: AriadneDocument = { ...DOC, mentions: DOC.mentions.slice(1) };
  const fewerRelations: AriadneDocument = { ...DOC, relations: DOC.relations.slice(1) };
  const otherText: AriadneDocument = { ...DOC, text: `${DOC.text} More.` };

  it('gives the same index as building afresh, whatever the edit changed', () => {
    for (const next of [renamed, fewerMentions, fewerRelations, otherText]) {
      expect(buildIndex(next, index)).toEqual(buildIndex(next));
    }
  });

  it('patches, for any few mentions and relations removed, added or moved, what a fresh build gives', () => {
    // Often a span some mention already has: pieces that start and end together are where the
    // order of a fresh build is easiest to miss.
    const span = fc.oneof(
      fc
        .tuple(fc.nat({ max: TEXT.length - 1 }), fc.integer({ min: 1, max: 40 }))
        .map(([start, length]): Span => ({ start, end: Math.min(TEXT.length, start + length) })),
      fc.constantFrom(...DOC.mentions.flatMap((m) => m.spans)),
    );
    const entityId = fc.constantFrom(...DOC.entities.map((e) => e.id));
    fc.assert(
      fc.property(
        fc.record({
          dropMentions: fc.array(fc.boolean(), { minLength: DOC.mentions.length }),
          moveMentions: fc.array(fc.option(entityId), { minLength: DOC.mentions.length }),
          newMentions: fc.array(
            fc.tuple(entityId, fc.array(span, { minLength: 1, maxLength: 2 })),
            {
              maxLength: 5,
            },
          ),
          dropRelations: fc.array(fc.boolean(), { minLength: DOC.relations.length }),
          newRelations: fc.array(fc.tuple(entityId, entityId, fc.array(span, { maxLength: 2 })), {
            maxLength: 4,
          }),
          at: fc.nat(),
          reverse: fc.boolean(),
        }),
        (e) => {
          const moved = DOC.mentions
            .filter((_, i) => !e.dropMentions[i])
            .map((m, i) => {
              const to = e.moveMentions[i];
              return to ? { ...m, entityId: to } : m;
            });
          const added = e.newMentions.map(([to, spans], i) =>
            mention(`m-new-${i}`, to, ...[...spans].sort((a, b) => a.start - b.start)),
          );
          // New records anywhere in the list, not only at its end.
          const at = moved.length === 0 ? 0 : e.at % (moved.length + 1);
          const inserted = [...moved.slice(0, at), ...added, ...moved.slice(at)];
          // An edit may also reorder what it kept.
          const mentions = e.reverse ? inserted.reverse() : inserted;
          const relations = [
            ...DOC.relations.filter((_, i) => !e.dropRelations[i]),
            ...e.newRelations.map(([from, to, quotes], i) =>
              relation(`r-new-${i}`, 'met', from, to, quotes),
            ),
          ];
          const next: AriadneDocument = { ...DOC, mentions, relations };
          expect(buildIndex(next, index)).toEqual(buildIndex(next));
        },
      ),
    );
  });

  it('reuses what depends only on the parts the edit left as they were', () => {
    const after = buildIndex(renamed, index);
    expect(after.entityById.get(DOC.entities[0]!.id)?.name).toMatch(/renamed/);
    expect(after.sentences).toBe(index.sentences);
    expect(after.mentionsByEntity).toBe(index.mentionsByEntity);
    expect(after.piecesBySentence).toBe(index.piecesBySentence);
    expect(after.relationsByEntity).toBe(index.relationsByEntity);
    const edited = buildIndex(fewerMentions, index);
    expect(edited.mentionsByEntity).not.toBe(index.mentionsByEntity);
    expect(edited.relationsByEntity).toBe(index.relationsByEntity);
    expect(buildIndex(otherText, index).blocks).not.toBe(index.blocks);
  });
});

describe('buildIndex on edge cases', () => {
  const empty: AriadneDocument = {
    format: 'ariadne/1',
    id: 'empty',
    title: '',
    text: '',
    entityTypes: [],
    relationTypes: [],
    entities: [],
    mentions: [],
    relations: [],
  };

  it('indexes an empty document', () => {
    const i = buildIndex(empty);
    expect(i.sentences).toEqual([]);
    expect(i.blocks).toEqual([]);
    expect(i.piecesBySentence).toEqual([]);
    expect(i.entityTypeCounts).toEqual([]);
    expect(i.relationTypeCounts).toEqual([]);
    expect(i.maxMentions).toBe(0);
  });

  it('puts the longer of two pieces that start together first, whatever the mention order', () => {
    const text = 'The New York Times reported it.';
    const at = text.indexOf('New York');
    const i = buildIndex({
      ...empty,
      text,
      entities: [
        { id: 'ny', name: 'New York', type: 'place', aliases: [] },
        { id: 'nyt', name: 'New York Times', type: 'media', aliases: [] },
      ],
      mentions: [
        { id: 'm-ny', entityId: 'ny', spans: [{ start: at, end: at + 8 }], text: 'New York' },
        {
          id: 'm-nyt',
          entityId: 'nyt',
          spans: [{ start: at, end: at + 14 }],
          text: 'New York Times',
        },
      ],
    });
    expect(i.piecesBySentence[0]?.map((p) => p.mentionId)).toEqual(['m-nyt', 'm-ny']);
  });

  it('falls back to derived blocks when the document carries an empty list', () => {
    const i = buildIndex({ ...empty, text: 'Title\nBody.', blocks: [] });
    expect(i.blocks.map((b) => [b.kind, b.firstSentence, b.endSentence])).toEqual([
      ['title', 0, 1],
      ['paragraph', 1, 2],
    ]);
  });

  it('counts an evidence quote that starts in the white space before a sentence for that sentence only', () => {
    const text = 'Ann met Bob. Carl left.';
    const i = buildIndex({
      ...empty,
      text,
      entities: [{ id: 'a', name: 'Ann', type: 'p', aliases: [] }],
      relations: [
        {
          id: 'r',
          type: 'x',
          source: 'a',
          target: 'a',
          evidence: [quote(text, { start: 12, end: 23 })],
        },
        {
          id: 'empty-quote',
          type: 'x',
          source: 'a',
          target: 'a',
          evidence: [quote(text, { start: 13, end: 13 })],
        },
      ],
    });
    expect(i.evidenceSentences.get('r')).toEqual([1]);
    expect(i.evidenceSentences.get('empty-quote')).toEqual([1]);
  });
});

describe('sentenceAt', () => {
  const sentences: Span[] = [
    { start: 2, end: 5 },
    { start: 7, end: 10 },
    { start: 12, end: 20 },
  ];

  it('returns -1 before the first sentence and for an empty list', () => {
    expect(sentenceAt(sentences, 0)).toBe(-1);
    expect(sentenceAt(sentences, 1)).toBe(-1);
    expect(sentenceAt(sentences, -5)).toBe(-1);
    expect(sentenceAt([], 0)).toBe(-1);
    expect(sentenceAt([], 100)).toBe(-1);
  });

  it('finds the sentence at its exact start and just before its end', () => {
    expect(sentenceAt(sentences, 2)).toBe(0);
    expect(sentenceAt(sentences, 4)).toBe(0);
    expect(sentenceAt(sentences, 7)).toBe(1);
    expect(sentenceAt(sentences, 9)).toBe(1);
    expect(sentenceAt(sentences, 12)).toBe(2);
    expect(sentenceAt(sentences, 19)).toBe(2);
  });

  it('returns the nearest sentence before an offset between sentences or after the last', () => {
    expect(sentenceAt(sentences, 5)).toBe(0);
    expect(sentenceAt(sentences, 6)).toBe(0);
    expect(sentenceAt(sentences, 11)).toBe(1);
    expect(sentenceAt(sentences, 20)).toBe(2);
    expect(sentenceAt(sentences, 10_000)).toBe(2);
  });

  it('works with a single sentence', () => {
    expect(sentenceAt([{ start: 0, end: 3 }], 0)).toBe(0);
    expect(sentenceAt([{ start: 0, end: 3 }], 9)).toBe(0);
  });

  it('agrees with a linear scan for any sorted sentences and offset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 20 }), { maxLength: 40 }),
        fc.integer({ min: -5, max: 500 }),
        (gaps, offset) => {
          const list: Span[] = [];
          let pos = 0;
          for (const g of gaps) {
            list.push({ start: pos + g, end: pos + g + 1 });
            pos += g + 1;
          }
          let expected = -1;
          for (const [i, s] of list.entries()) if (s.start <= offset) expected = i;
          expect(sentenceAt(list, offset)).toBe(expected);
        },
      ),
    );
  });
});

describe('buildIndex at scale', () => {
  it('indexes a 100,000-word document with 10,000 mentions consistently', () => {
    const WORDS = 100_000;
    const ENTITIES = 500;
    const vocabulary = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel'];
    const parts: string[] = [];
    const wordSpans: Span[] = [];
    let pos = 0;
    for (let w = 0; w < WORDS; w++) {
      const word = vocabulary[w % vocabulary.length] ?? 'Alpha';
      wordSpans.push({ start: pos, end: pos + word.length });
      const sep = w % 120 === 119 ? '.\n' : w % 12 === 11 ? '. ' : ' ';
      parts.push(word, sep);
      pos += word.length + sep.length;
    }
    const text = parts.join('');
    const entities: Entity[] = Array.from({ length: ENTITIES }, (_, i) => ({
      id: `e${i}`,
      name: `Entity ${i}`,
      type: i % 2 ? 'odd' : 'even',
      aliases: [],
    }));
    const mentions: Mention[] = [];
    for (let k = 0; k < 10_000; k++) {
      const span = wordSpans[k * 10 + (k % 7)];
      if (!span) throw new Error('out of words');
      mentions.push({
        id: `m${k}`,
        entityId: `e${(k * 7919) % ENTITIES}`,
        spans: [span],
        text: text.slice(span.start, span.end),
      });
    }
    mentions.reverse(); // index must sort them
    const doc: AriadneDocument = {
      format: 'ariadne/1',
      id: 'big',
      title: 'Big',
      text,
      entityTypes: [
        { key: 'even', label: 'Even' },
        { key: 'odd', label: 'Odd' },
      ],
      relationTypes: [],
      entities,
      mentions,
      relations: [],
    };
    const big = buildIndex(doc);

    expect(big.sentences).toHaveLength(Math.ceil(WORDS / 12));
    expect(big.blocks).toHaveLength(Math.ceil(WORDS / 120));
    let total = 0;
    let max = 0;
    for (const [entityId, list] of big.mentionsByEntity) {
      total += list.length;
      max = Math.max(max, list.length);
      for (let i = 1; i < list.length; i++) {
        expect((list[i]?.spans[0]?.start ?? 0) > (list[i - 1]?.spans[0]?.start ?? 0)).toBe(true);
      }
      expect(list.every((m) => m.entityId === entityId)).toBe(true);
    }
    expect(total).toBe(10_000);
    expect(big.maxMentions).toBe(max);
    expect(big.maxMentions).toBe(20);

    const pieces = big.piecesBySentence.flat();
    expect(pieces).toHaveLength(10_000);
    for (const m of mentions) {
      const i = sentenceOfMention(big, m);
      const s = i === undefined ? undefined : big.sentences[i];
      const span = m.spans[0];
      expect(s && span && s.start <= span.start && span.end <= s.end, m.id).toBe(true);
      expect(
        big.piecesBySentence[i ?? -1]?.some((p) => p.mentionId === m.id),
        m.id,
      ).toBe(true);
    }
    expect(big.entityTypeCounts.map((c) => [c.type.key, c.count])).toEqual([
      ['even', 250],
      ['odd', 250],
    ]);
  }, 60_000);
});
