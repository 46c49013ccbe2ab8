import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { buildIndex } from './indexes';
import type { DocumentIndex } from './indexes';
import { validateDocument, validateEdit, validatingDocument } from './validate';
import type { AriadneDocument, Entity, Mention, Relation } from './model';

const TEXT = 'Ann met Bob. Bob left.'; // length 22

const valid: AriadneDocument = {
  format: 'ariadne/1',
  id: 'v',
  title: 'Valid',
  text: TEXT,
  entityTypes: [{ key: 'person', label: 'Person' }],
  relationTypes: [{ key: 'met', label: 'met' }],
  blocks: [{ kind: 'paragraph', start: 0, end: 22 }],
  entities: [
    { id: 'ann', name: 'Ann', type: 'person', aliases: [] },
    { id: 'bob', name: 'Bob', type: 'person', aliases: [] },
  ],
  mentions: [
    { id: 'm1', entityId: 'ann', spans: [{ start: 0, end: 3 }], text: 'Ann' },
    { id: 'm2', entityId: 'bob', spans: [{ start: 8, end: 11 }], text: 'Bob' },
    // Discontinuous: "Ann" … "Bob", joined by one space.
    {
      id: 'm3',
      entityId: 'ann',
      spans: [
        { start: 0, end: 3 },
        { start: 13, end: 16 },
      ],
      text: 'Ann Bob',
    },
  ],
  relations: [
    {
      id: 'r1',
      type: 'met',
      source: 'ann',
      target: 'bob',
      evidence: [{ start: 0, end: 12, text: 'Ann met Bob.' }],
    },
  ],
};

const withMention = (m: Mention): AriadneDocument => ({
  ...valid,
  mentions: [...valid.mentions, m],
});
const withRelation = (r: Relation): AriadneDocument => ({
  ...valid,
  relations: [...valid.relations, r],
});
const mention = (
  spans: { start: number; end: number }[],
  text: string,
  entityId = 'ann',
): Mention => ({
  id: 'mx',
  entityId,
  spans,
  text,
});
const relation = (overrides: Partial<Relation>): Relation => ({
  id: 'rx',
  type: 'met',
  source: 'ann',
  target: 'bob',
  evidence: [],
  ...overrides,
});

/** `valid` with an actor of an undeclared type and a duplicate id, and two broken references. */
function withFiveProblems(): AriadneDocument {
  return {
    ...valid,
    entities: [...valid.entities, { id: 'ann', name: 'A', type: 'robot', aliases: [] }],
    mentions: [...valid.mentions, mention([{ start: 0, end: 3 }], 'Ann', 'nobody')],
    relations: [...valid.relations, relation({ type: 'sold', target: 'nobody' })],
  };
}

describe('validateDocument', () => {
  it('finds no problem in a valid document', () => {
    expect(validateDocument(valid)).toEqual([]);
  });

  it('accepts a document without blocks and with empty lists', () => {
    expect(validateDocument({ ...valid, blocks: undefined })).toEqual([]);
    expect(
      validateDocument({
        ...valid,
        text: '',
        blocks: [],
        entities: [],
        mentions: [],
        relations: [],
      }),
    ).toEqual([]);
  });

  it('reports a duplicate entity id', () => {
    const doc = {
      ...valid,
      entities: [...valid.entities, { id: 'ann', name: 'Ann 2', type: 'person', aliases: [] }],
    };
    expect(validateDocument(doc)).toEqual([{ where: 'ann', message: 'duplicate entity id "ann"' }]);
  });

  it('reports a duplicate mention id and a duplicate relation id', () => {
    const doc = {
      ...valid,
      mentions: [...valid.mentions, { ...valid.mentions[0]!, entityId: 'bob' }],
      relations: [...valid.relations, relation({ id: 'r1' })],
    };
    expect(validateDocument(doc)).toEqual([
      { where: 'm1', message: 'duplicate mention id "m1"' },
      { where: 'r1', message: 'duplicate relation id "r1"' },
    ]);
  });

  it('treats ids as one namespace across entities, mentions and relations', () => {
    const doc = withRelation(relation({ id: 'm2' }));
    expect(validateDocument(doc)).toEqual([{ where: 'm2', message: 'duplicate relation id "m2"' }]);
  });

  it('reports an undeclared entity type', () => {
    const doc = {
      ...valid,
      entities: [...valid.entities, { id: 'x', name: 'X', type: 'vehicle', aliases: [] }],
    };
    expect(validateDocument(doc)).toEqual([
      { where: 'x', message: 'entity type "vehicle" is not declared' },
    ]);
  });

  it('reports an undeclared relation type', () => {
    expect(validateDocument(withRelation(relation({ type: 'sold' })))).toEqual([
      { where: 'rx', message: 'relation type "sold" is not declared' },
    ]);
  });

  it('reports a mention of a missing entity', () => {
    expect(validateDocument(withMention(mention([{ start: 0, end: 3 }], 'Ann', 'nobody')))).toEqual(
      [{ where: 'mx', message: 'mention refers to missing entity "nobody"' }],
    );
  });

  it('reports a missing relation source and target', () => {
    expect(
      validateDocument(withRelation(relation({ source: 'ghost', target: 'phantom' }))),
    ).toEqual([
      { where: 'rx', message: 'relation source "ghost" does not exist' },
      { where: 'rx', message: 'relation target "phantom" does not exist' },
    ]);
  });

  it('reports a reversed span', () => {
    expect(validateDocument(withMention(mention([{ start: 5, end: 3 }], '')))).toEqual([
      { where: 'mx', message: 'span 5–3 is reversed' },
    ]);
  });

  it('reports a span past the end of the text with the text length', () => {
    expect(validateDocument(withMention(mention([{ start: 20, end: 23 }], 't.')))).toEqual([
      { where: 'mx', message: 'span 20–23 ends past the text (length 22)' },
    ]);
  });

  it('accepts a span ending exactly at the end of the text', () => {
    expect(validateDocument(withMention(mention([{ start: 17, end: 22 }], 'left.')))).toEqual([]);
  });

  it('reports spans out of text order', () => {
    expect(
      validateDocument(
        withMention(
          mention(
            [
              { start: 8, end: 11 },
              { start: 0, end: 3 },
            ],
            'Bob Ann',
          ),
        ),
      ),
    ).toEqual([{ where: 'mx', message: 'spans are not in text order' }]);
  });

  it('reports overlapping spans of one mention as out of order', () => {
    expect(
      validateDocument(
        withMention(
          mention(
            [
              { start: 0, end: 5 },
              { start: 4, end: 7 },
            ],
            'Ann m met',
          ),
        ),
      ),
    ).toEqual([{ where: 'mx', message: 'spans are not in text order' }]);
  });

  it('reports a mention text that does not match its span, quoting both', () => {
    expect(validateDocument(withMention(mention([{ start: 0, end: 3 }], 'Bob')))).toEqual([
      { where: 'mx', message: 'text "Bob" does not match its span "Ann"' },
    ]);
  });

  it('expects a discontinuous mention’s text joined by single spaces', () => {
    expect(
      validateDocument(
        withMention(
          mention(
            [
              { start: 0, end: 3 },
              { start: 8, end: 11 },
            ],
            'Ann  Bob',
          ),
        ),
      ),
    ).toEqual([{ where: 'mx', message: 'text "Ann  Bob" does not match its span "Ann Bob"' }]);
  });

  it('does not compare the text of a mention whose spans are already wrong', () => {
    const problems = validateDocument(
      withMention(
        mention(
          [
            { start: 5, end: 3 },
            { start: 0, end: 99 },
          ],
          'nonsense',
        ),
      ),
    );
    expect(problems).toEqual([
      { where: 'mx', message: 'span 5–3 is reversed' },
      { where: 'mx', message: 'span 0–99 ends past the text (length 22)' },
    ]);
  });

  it('reports an evidence quote that does not match the text', () => {
    expect(
      validateDocument(
        withRelation(relation({ evidence: [{ start: 0, end: 12, text: 'Ann met Bob' }] })),
      ),
    ).toEqual([{ where: 'rx', message: 'evidence quote does not match the text at 0–12' }]);
  });

  it('reports a bad evidence span', () => {
    const doc = withRelation(
      relation({
        evidence: [
          { start: 12, end: 0, text: '' },
          { start: 13, end: 40, text: 'Bob left.' },
        ],
      }),
    );
    expect(validateDocument(doc)).toEqual([
      { where: 'rx', message: 'evidence span 12–0 is reversed' },
      { where: 'rx', message: 'evidence span 13–40 ends past the text (length 22)' },
    ]);
  });

  it('reports a bad block by its position', () => {
    const doc = {
      ...valid,
      blocks: [
        { kind: 'title' as const, start: 0, end: 12 },
        { kind: 'paragraph' as const, start: 13, end: 30 },
        { kind: 'paragraph' as const, start: 9, end: 2 },
      ],
    };
    expect(validateDocument(doc)).toEqual([
      { where: 'blocks[1]', message: 'span 13–30 ends past the text (length 22)' },
      { where: 'blocks[2]', message: 'span 9–2 is reversed' },
    ]);
  });

  it('reports every problem rather than stopping at the first', () => {
    const doc = withFiveProblems();
    expect(validateDocument(doc).map((p) => p.where)).toEqual(['ann', 'ann', 'mx', 'rx', 'rx']);
  });
});

describe('validatingDocument', () => {
  function run(doc: AriadneDocument, perStep?: number) {
    const steps = validatingDocument(doc, perStep);
    let pauses = 0;
    for (;;) {
      const step = steps.next();
      if (step.done) return { problems: step.value, pauses };
      pauses++;
    }
  }
  // Each record is counted twice (its id, then its content), and each block once.
  const counted = (doc: AriadneDocument) =>
    2 * (doc.entities.length + doc.mentions.length + doc.relations.length) +
    (doc.blocks?.length ?? 0);

  it('pauses after every so many records and finds what validateDocument finds', () => {
    const bad = withFiveProblems();
    for (const doc of [valid, bad]) {
      for (const perStep of [1, 2, 3, 1000]) {
        const { problems, pauses } = run(doc, perStep);
        expect(problems).toEqual(validateDocument(doc));
        expect(pauses).toBe(Math.floor(counted(doc) / perStep));
      }
    }
    expect(run(bad, 2).problems.map((p) => p.where)).toEqual(['ann', 'ann', 'mx', 'rx', 'rx']);
  });

  it('takes 5,000 records a step by default', () => {
    const many: AriadneDocument = {
      ...valid,
      mentions: Array.from({ length: 12_000 }, (_, i) => ({
        ...valid.mentions[0]!,
        id: `m${i}`,
      })),
    };
    const { problems, pauses } = run(many);
    expect(problems).toEqual([]);
    expect(pauses).toBe(Math.floor(counted(many) / 5000));
  });
});

describe('validateEdit', () => {
  const index = buildIndex(valid);
  validateDocument(valid);
  // Mostly good ingredients, now and then a bad one, so that an edit often has one fault alone.
  const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
    fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: bad });
  const id = mostly(
    fc.constantFrom('cat', 'mx', 'rx'),
    fc.constantFrom('ann', 'bob', 'm1', 'm2', 'm3', 'r1'),
  );
  const entityId = mostly(fc.constantFrom('ann', 'bob'), fc.constantFrom('cat', 'nobody'));
  const entityType = mostly(fc.constant('person'), fc.constant('animal'));
  const relationType = mostly(fc.constant('met'), fc.constant('sold'));
  const span = mostly(
    fc
      .tuple(fc.nat({ max: 21 }), fc.integer({ min: 1, max: 8 }))
      .map(([start, length]) => ({ start, end: Math.min(22, start + length) })),
    fc
      .tuple(fc.integer({ min: -2, max: 24 }), fc.integer({ min: -2, max: 8 }))
      .map(([start, length]) => ({ start, end: start + length })),
  );
  const maybe = <T>(x: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: x });
  /** The text the spans cover, or now and then something else. */
  const textOf = (spans: { start: number; end: number }[], wrong: boolean) =>
    wrong ? 'nonsense' : spans.map((x) => TEXT.slice(x.start, x.end)).join(' ');
  const wrong = fc.nat({ max: 9 }).map((n) => n === 0);
  const drop = fc.nat({ max: 3 }).map((n) => n === 0);
  const edit = fc.record({
    dropEntities: fc.array(drop, { minLength: 2, maxLength: 2 }),
    retype: fc.array(maybe(entityType), { minLength: 2, maxLength: 2 }),
    newEntities: fc.array(
      fc
        .tuple(id, fc.constantFrom('person', 'animal'))
        .map(([i, type]): Entity => ({ id: i, name: i, type, aliases: [] })),
      { maxLength: 2 },
    ),
    dropMentions: fc.array(drop, { minLength: 3, maxLength: 3 }),
    moveMentions: fc.array(maybe(entityId), { minLength: 3, maxLength: 3 }),
    newMentions: fc.array(
      fc
        .tuple(id, entityId, fc.array(span, { minLength: 1, maxLength: 2 }), wrong)
        .map(([i, e, spans, wrong]): Mention => ({
          id: i,
          entityId: e,
          spans,
          text: textOf(spans, wrong),
        })),
      { maxLength: 2 },
    ),
    dropRelations: drop,
    reverse: fc.boolean(),
    newRelations: fc.array(
      fc
        .tuple(
          id,
          relationType,
          entityId,
          entityId,
          fc.array(fc.tuple(span, wrong), { maxLength: 2 }),
        )
        .map(([i, type, source, target, quotes]): Relation => ({
          id: i,
          type,
          source,
          target,
          evidence: quotes.map(([q, bad]) => ({ ...q, text: textOf([q], bad) })),
        })),
      { maxLength: 2 },
    ),
  });

  it('finds what validateDocument finds, for any edit of a valid document, good or bad', () => {
    fc.assert(
      fc.property(edit, (e) => {
        const after: AriadneDocument = {
          ...valid,
          entities: [
            ...valid.entities
              .filter((_, i) => !e.dropEntities[i])
              .map((x, i) => {
                const type = e.retype[i];
                return type ? { ...x, type } : x;
              }),
            ...e.newEntities,
          ],
          mentions: [
            ...valid.mentions
              .filter((_, i) => !e.dropMentions[i])
              .map((m, i) => {
                const to = e.moveMentions[i];
                return to ? { ...m, entityId: to } : m;
              }),
            ...e.newMentions,
          ],
          relations: [...(e.dropRelations ? [] : valid.relations), ...e.newRelations],
        };
        // An edit may also reorder what it kept.
        const next = e.reverse ? { ...after, mentions: [...after.mentions].reverse() } : after;
        expect(validateEdit(index, next)).toEqual(validateDocument(next));
      }),
      { numRuns: 500 },
    );
  });

  it('checks the whole document when the text or the types changed, or when it was not valid', () => {
    const retitled = { ...valid, text: `${TEXT} More.` };
    expect(validateEdit(index, retitled)).toEqual([]);
    const undeclared = { ...valid, entityTypes: [] };
    expect(validateEdit(index, undeclared)).toEqual(validateDocument(undeclared));
    expect(validateEdit(index, undeclared).length).toBeGreaterThan(0);
    const broken = {
      ...valid,
      mentions: [...valid.mentions, mention([{ start: 0, end: 3 }], 'Bob')],
    };
    const fixed = { ...broken, mentions: valid.mentions };
    expect(validateEdit(buildIndex(broken), fixed)).toEqual([]);
  });

  it('answers at once for a document already found valid, without looking at the one before', () => {
    const edited = { ...valid, mentions: valid.mentions.slice(1) };
    expect(validateEdit(index, edited)).toEqual([]);
    const unread = {
      get doc(): never {
        throw new Error('the document before was looked at');
      },
    } as unknown as DocumentIndex;
    expect(validateEdit(unread, edited)).toEqual([]);
    // One with problems is never taken as checked.
    const undeclared = { ...valid, entityTypes: [] };
    expect(validateEdit(index, undeclared).length).toBeGreaterThan(0);
    expect(() => validateEdit(unread, undeclared)).toThrow('looked at');
  });
});
