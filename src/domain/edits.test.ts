import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import json from './builtin/hts-terror-list.json';
import {
  EditError,
  addEntityType,
  addMention,
  addMentionWithNewEntity,
  addRelation,
  addRelationType,
  changeEntityType,
  changeMentionEntity,
  deleteEntity,
  deleteMention,
  deleteRelation,
  editRelation,
  mergeEntities,
  renameEntity,
  slugify,
  splitAlias,
} from './edits';
import type { AriadneDocument, Span } from './model';
import { documentSchema } from './schema';
import { splitSentences } from './sentences';
import { validateDocument } from './validate';

/** Freezes a document all the way down, so an operation that mutates its input throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const builtin: AriadneDocument = deepFreeze(documentSchema.parse(json));

// Astral characters: the fox and the smile take two UTF-16 code units each.
const TEXT = '🦊 Ann met Bob. Bob thanked Annie 🙂. Annie left.';

/** The span of the `nth` occurrence of `sub` in TEXT. */
function at(sub: string, nth = 0, text = TEXT): Span {
  let from = 0;
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = text.indexOf(sub, from);
    if (start < 0) throw new Error(`"${sub}" #${nth} not in text`);
    from = start + 1;
  }
  return { start, end: start + sub.length };
}

const S = splitSentences(TEXT);
const sentence = (i: number): Span => {
  const s = S[i];
  if (!s) throw new Error(`no sentence ${i}`);
  return { start: s.start, end: s.end };
};
const q = (span: Span) => ({ ...span, text: TEXT.slice(span.start, span.end) });

const small: AriadneDocument = deepFreeze({
  format: 'ariadne/1',
  id: 'small',
  title: 'Small',
  text: TEXT,
  entityTypes: [
    { key: 'person', label: 'Person' },
    { key: 'animal', label: 'Animal' },
  ],
  relationTypes: [
    { key: 'met', label: 'met' },
    { key: 'thanked', label: 'thanked' },
    { key: 'allied', label: 'is allied with', symmetric: true },
  ],
  entities: [
    { id: 'e-fox', name: '🦊', type: 'animal', aliases: [] },
    { id: 'e-ann', name: 'Ann', type: 'person', aliases: ['Annie'], notes: ['first'] },
    {
      id: 'e-bob',
      name: 'Bob',
      type: 'person',
      aliases: ['Bobby'],
      refs: [{ source: 'wikidata', id: 'Q1' }],
      notes: ['second'],
    },
  ],
  mentions: [
    { id: 'm1', entityId: 'e-fox', spans: [at('🦊')], text: '🦊' },
    { id: 'm2', entityId: 'e-ann', spans: [at('Ann')], text: 'Ann' },
    { id: 'm3', entityId: 'e-bob', spans: [at('Bob')], text: 'Bob' },
    { id: 'm4', entityId: 'e-bob', spans: [at('Bob', 1)], text: 'Bob' },
    { id: 'm5', entityId: 'e-ann', spans: [at('Annie')], text: 'Annie' },
    { id: 'm6', entityId: 'e-ann', spans: [at('Annie', 1)], text: 'Annie' },
  ],
  relations: [
    { id: 'r1', type: 'met', source: 'e-ann', target: 'e-bob', evidence: [q(sentence(0))] },
    {
      id: 'r2',
      type: 'thanked',
      source: 'e-bob',
      target: 'e-ann',
      evidence: [q(sentence(1))],
      certainty: 'stated',
    },
    { id: 'r3', type: 'allied', source: 'e-ann', target: 'e-fox', evidence: [q(sentence(0))] },
    { id: 'r4', type: 'allied', source: 'e-fox', target: 'e-bob', evidence: [q(sentence(0))] },
  ],
});

/** Asserts the document is valid (and of the JSON shape), then returns it frozen. */
function valid(doc: AriadneDocument): AriadneDocument {
  expect(validateDocument(doc)).toEqual([]);
  expect(documentSchema.safeParse(doc).success).toBe(true);
  return deepFreeze(doc);
}

function throwsEdit(fn: () => unknown, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(EditError);
  expect((caught as EditError).name).toBe('EditError');
  expect((caught as EditError).message).toBe(message);
}

const entity = (doc: AriadneDocument, id: string) => doc.entities.find((e) => e.id === id);
const mention = (doc: AriadneDocument, id: string) => doc.mentions.find((m) => m.id === id);
const relation = (doc: AriadneDocument, id: string) => doc.relations.find((r) => r.id === id);
const mentionsOf = (doc: AriadneDocument, id: string) =>
  doc.mentions.filter((m) => m.entityId === id).map((m) => m.id);

describe('the fixtures', () => {
  it('are valid to begin with', () => {
    valid(small);
    valid(builtin);
    expect(S).toHaveLength(3);
  });
});

describe('slugify', () => {
  it('keeps letters and digits of any script, drops accents and symbols', () => {
    expect(slugify('Hayat Tahrir al-Sham')).toBe('hayat-tahrir-al-sham');
    expect(slugify('  Zakharova’s  ')).toBe('zakharova-s');
    expect(slugify('Émile Zola')).toBe('emile-zola');
    expect(slugify('Москва')).toBe('москва');
    expect(slugify('🦊')).toBe('');
  });
});

describe('addMention', () => {
  it('attaches a mention with the text of its span, astral characters included', () => {
    const doc = valid(addMention(small, { spans: [at('🙂')], entityId: 'e-fox' }));
    expect(doc.mentions.at(-1)).toEqual({
      id: 'm7',
      entityId: 'e-fox',
      spans: [at('🙂')],
      text: '🙂',
    });
    expect(small.mentions).toHaveLength(6);
    // Records not touched are shared.
    expect(doc.entities).toBe(small.entities);
    expect(doc.mentions[0]).toBe(small.mentions[0]);
  });

  it('joins discontinuous spans with a space', () => {
    const doc = valid(addMention(small, { spans: [at('Ann'), at('Bob')], entityId: 'e-ann' }));
    expect(doc.mentions.at(-1)?.text).toBe('Ann Bob');
  });

  it('numbers new mentions above the highest in use, on the built-in too', () => {
    const doc = valid(
      addMention(builtin, { spans: [at('Conditions', 0, builtin.text)], entityId: 'e-russia' }),
    );
    expect(doc.mentions.at(-1)).toMatchObject({ id: 'm62', text: 'Conditions' });
  });

  it('rejects unknown entities and bad spans with precise messages', () => {
    const add =
      (spans: Span[], entityId = 'e-ann') =>
      () =>
        addMention(small, { spans, entityId });
    throwsEdit(add([at('Ann')], 'e-nobody'), 'Unknown entity "e-nobody"');
    throwsEdit(add([]), 'A mention needs at least one span');
    throwsEdit(add([{ start: 8, end: 5 }]), 'Span 8–5 is reversed');
    throwsEdit(add([{ start: 5, end: 5 }]), 'Span 5–5 is empty');
    throwsEdit(add([{ start: -1, end: 5 }]), 'Span -1–5 starts before the text');
    throwsEdit(add([{ start: 40, end: 50 }]), 'Span 40–50 ends past the text (length 49)');
    throwsEdit(
      add([{ start: 0.5, end: 5 }]),
      'Span 0.5–5 has an offset that is not a whole number',
    );
    throwsEdit(add([{ start: 1, end: 6 }]), 'Span 1–6 cuts a character in half at offset 1');
    throwsEdit(add([{ start: 30, end: 35 }]), 'Span 30–35 cuts a character in half at offset 35');
    throwsEdit(
      add([at('Bob'), at('Ann')]),
      `Span ${at('Ann').start}–${at('Ann').end} overlaps or comes before span ${at('Bob').start}–${at('Bob').end}`,
    );
    throwsEdit(add([at('Ann')]), `Ann already has a mention at 3–6 (m2)`);
  });
});

describe('addMentionWithNewEntity', () => {
  it('names the entity after the text and derives a free id', () => {
    const doc = valid(addMentionWithNewEntity(small, { spans: [at('Ann')], type: 'person' }));
    // "e-ann" is taken.
    expect(doc.entities.at(-1)).toEqual({
      id: 'e-ann-2',
      name: 'Ann',
      type: 'person',
      aliases: [],
    });
    expect(doc.mentions.at(-1)).toMatchObject({ id: 'm7', entityId: 'e-ann-2', text: 'Ann' });
  });

  it('takes a given name, collapses white space, and falls back to e-entity for symbols', () => {
    const named = valid(
      addMentionWithNewEntity(small, {
        spans: [at('Bob')],
        name: '  Robert \n Smith ',
        type: 'person',
      }),
    );
    expect(entity(named, 'e-robert-smith')?.name).toBe('Robert Smith');
    const emoji = valid(addMentionWithNewEntity(small, { spans: [at('🙂')], type: 'animal' }));
    expect(emoji.entities.at(-1)).toMatchObject({ id: 'e-entity', name: '🙂' });
  });

  it('works on the built-in document', () => {
    const span = at('Kremlin source', 0, builtin.text);
    const doc = valid(
      addMentionWithNewEntity(builtin, { spans: [span], name: 'Kremlin insider', type: 'person' }),
    );
    expect(entity(doc, 'e-kremlin-insider')).toBeDefined();
    expect(doc.mentions.at(-1)).toMatchObject({ id: 'm62', text: 'Kremlin source' });
  });

  it('rejects unknown types, empty names and bad spans', () => {
    throwsEdit(
      () => addMentionWithNewEntity(small, { spans: [at('Ann')], type: 'robot' }),
      'Unknown entity type "robot"',
    );
    throwsEdit(
      () => addMentionWithNewEntity(small, { spans: [at('Ann')], name: ' ', type: 'person' }),
      'Entity name is empty',
    );
    throwsEdit(
      () => addMentionWithNewEntity(small, { spans: [{ start: 2, end: 3 }], type: 'person' }),
      'Entity name is empty',
    );
    throwsEdit(
      () => addMentionWithNewEntity(small, { spans: [{ start: 0, end: 99 }], type: 'person' }),
      'Span 0–99 ends past the text (length 49)',
    );
  });
});

describe('changeMentionEntity and deleteMention', () => {
  it('moves a mention', () => {
    const doc = valid(changeMentionEntity(small, 'm5', 'e-bob'));
    expect(mention(doc, 'm5')?.entityId).toBe('e-bob');
    expect(changeMentionEntity(small, 'm5', 'e-ann')).toBe(small);
  });

  it('rejects unknown ids and a move onto an identical mention', () => {
    throwsEdit(() => changeMentionEntity(small, 'm99', 'e-bob'), 'Unknown mention "m99"');
    throwsEdit(() => changeMentionEntity(small, 'm5', 'e-x'), 'Unknown entity "e-x"');
    const twin = addMention(small, { spans: [at('Ann')], entityId: 'e-bob' });
    throwsEdit(
      () => changeMentionEntity(twin, 'm2', 'e-bob'),
      'Bob already has a mention at the same place (m7)',
    );
  });

  it('deletes a mention and keeps its entity even with no mentions left', () => {
    const doc = valid(deleteMention(small, 'm1'));
    expect(mention(doc, 'm1')).toBeUndefined();
    expect(entity(doc, 'e-fox')).toBeDefined();
    expect(doc.relations).toBe(small.relations);
    throwsEdit(() => deleteMention(small, 'm1x'), 'Unknown mention "m1x"');
  });
});

describe('renameEntity, changeEntityType, deleteEntity', () => {
  it('keeps the old name as an alias', () => {
    const doc = valid(renameEntity(small, 'e-bob', ' Robert '));
    expect(entity(doc, 'e-bob')).toMatchObject({ name: 'Robert', aliases: ['Bobby', 'Bob'] });
  });

  it('takes the new name out of the aliases and skips a mere change of case', () => {
    const doc = valid(renameEntity(small, 'e-ann', 'Annie'));
    expect(entity(doc, 'e-ann')).toMatchObject({ name: 'Annie', aliases: ['Ann'] });
    const recased = valid(renameEntity(small, 'e-bob', 'BOB'));
    expect(entity(recased, 'e-bob')).toMatchObject({ name: 'BOB', aliases: ['Bobby'] });
    expect(renameEntity(small, 'e-bob', 'Bob')).toBe(small);
    const hts = valid(renameEntity(builtin, 'e-hts', 'HTS'));
    expect(entity(hts, 'e-hts')).toMatchObject({ name: 'HTS', aliases: ['Hayat Tahrir al-Sham'] });
  });

  it('rejects empty names and unknown entities', () => {
    throwsEdit(() => renameEntity(small, 'e-bob', ' \t'), 'Entity name is empty');
    throwsEdit(() => renameEntity(small, 'bob', 'Bobby'), 'Unknown entity "bob"');
  });

  it('changes a type to a declared one', () => {
    const doc = valid(changeEntityType(builtin, 'e-syrian-forces', 'government'));
    expect(entity(doc, 'e-syrian-forces')?.type).toBe('government');
    expect(changeEntityType(small, 'e-ann', 'person')).toBe(small);
    throwsEdit(() => changeEntityType(small, 'e-ann', 'alien'), 'Unknown entity type "alien"');
    throwsEdit(() => changeEntityType(small, 'e-al', 'person'), 'Unknown entity "e-al"');
  });

  it('deletes an entity with its mentions and every relation touching it', () => {
    const doc = valid(deleteEntity(small, 'e-bob'));
    expect(entity(doc, 'e-bob')).toBeUndefined();
    expect(doc.mentions.map((m) => m.id)).toEqual(['m1', 'm2', 'm5', 'm6']);
    expect(doc.relations.map((r) => r.id)).toEqual(['r3']);
    const b = valid(deleteEntity(builtin, 'e-russia'));
    expect(b.relations.some((r) => r.source === 'e-russia' || r.target === 'e-russia')).toBe(false);
    expect(b.mentions.some((m) => m.entityId === 'e-russia')).toBe(false);
    throwsEdit(() => deleteEntity(small, 'nobody'), 'Unknown entity "nobody"');
  });
});

describe('mergeEntities', () => {
  it('merges ISIS into HTS on the built-in document', () => {
    const doc = valid(mergeEntities(builtin, 'e-hts', 'e-isis'));
    expect(entity(doc, 'e-isis')).toBeUndefined();
    const hts = entity(doc, 'e-hts');
    expect(hts?.aliases).toEqual(['HTS', 'ISIS']);
    expect(hts?.refs).toEqual([{ source: 'wikidata', id: 'Q2429253' }]);
    expect(hts?.description).toBe(entity(builtin, 'e-hts')?.description);
    expect(mentionsOf(doc, 'e-hts')).toHaveLength(
      mentionsOf(builtin, 'e-hts').length + mentionsOf(builtin, 'e-isis').length,
    );
    expect(relation(doc, 'r17')).toMatchObject({ source: 'e-mfa', target: 'e-hts' });
    expect(relation(doc, 'r19')).toMatchObject({ source: 'e-hts', target: 'e-syria' });
    expect(doc.relations).toHaveLength(builtin.relations.length);
  });

  it('keeps self-loops and drops only exact duplicates (symmetric ends unordered)', () => {
    const doc = valid(mergeEntities(small, 'e-ann', 'e-bob'));
    // r1 Ann met Bob and r2 Bob thanked Ann become loops and stay; r4 (fox allied Bob) becomes
    // fox allied Ann, the same statement as r3 with the ends swapped, and goes.
    expect(doc.relations.map((r) => [r.id, r.source, r.target])).toEqual([
      ['r1', 'e-ann', 'e-ann'],
      ['r2', 'e-ann', 'e-ann'],
      ['r3', 'e-ann', 'e-fox'],
    ]);
    expect(entity(doc, 'e-ann')).toEqual({
      id: 'e-ann',
      name: 'Ann',
      type: 'person',
      aliases: ['Annie', 'Bob', 'Bobby'],
      notes: ['first', 'second'],
      refs: [{ source: 'wikidata', id: 'Q1' }],
    });
    expect(mentionsOf(doc, 'e-ann')).toEqual(['m2', 'm3', 'm4', 'm5', 'm6']);
  });

  it('folds a mention at the same spans into the kept one, notes included', () => {
    const withTwin = valid({
      ...small,
      mentions: [
        ...small.mentions,
        { id: 'm7', entityId: 'e-bob', spans: [at('Ann')], text: 'Ann', notes: ['twin'] },
      ],
    });
    const doc = valid(mergeEntities(withTwin, 'e-ann', 'e-bob'));
    expect(mention(doc, 'm7')).toBeUndefined();
    expect(mention(doc, 'm2')?.notes).toEqual(['twin']);
  });

  it('does not repeat aliases or the kept name', () => {
    const doc = valid(mergeEntities(renameEntity(small, 'e-bob', 'ann'), 'e-ann', 'e-bob'));
    // Bob's name "ann" equals Ann's ignoring case; his aliases were Bobby and Bob.
    expect(entity(doc, 'e-ann')?.aliases).toEqual(['Annie', 'Bobby', 'Bob']);
  });

  it('rejects unknown ids and merging an entity into itself', () => {
    throwsEdit(() => mergeEntities(small, 'e-x', 'e-bob'), 'Unknown entity to keep "e-x"');
    throwsEdit(() => mergeEntities(small, 'e-ann', 'e-y'), 'Unknown entity to merge "e-y"');
    throwsEdit(() => mergeEntities(small, 'e-ann', 'e-ann'), 'Cannot merge Ann into itself');
  });
});

describe('splitAlias', () => {
  it('gives an alias its own entity and moves the mentions that use it', () => {
    const doc = valid(splitAlias(builtin, 'e-zakharova', 'zakharova'));
    const created = doc.entities.at(-1);
    expect(created).toEqual({
      id: 'e-zakharova-2',
      name: 'Zakharova',
      type: 'person',
      aliases: [],
    });
    expect(entity(doc, 'e-zakharova')?.aliases).toEqual([]);
    const moved = doc.mentions.filter((m) => m.entityId === 'e-zakharova-2');
    expect(moved.map((m) => m.text)).toEqual(['Zakharova', 'Zakharova', 'Zakharova', 'Zakharova']);
    expect(doc.mentions.filter((m) => m.entityId === 'e-zakharova').map((m) => m.text)).toEqual([
      'Maria Zakharova',
      'she',
    ]);
    // Relations stay with the old entity.
    expect(doc.relations).toBe(builtin.relations);
  });

  it('takes a type and may move no mention at all', () => {
    const doc = valid(splitAlias(small, 'e-bob', 'BOBBY', 'animal'));
    expect(doc.entities.at(-1)).toEqual({
      id: 'e-bobby',
      name: 'Bobby',
      type: 'animal',
      aliases: [],
    });
    expect(doc.mentions).toEqual(small.mentions);
    const annie = valid(splitAlias(small, 'e-ann', 'Annie'));
    expect(mentionsOf(annie, 'e-annie')).toEqual(['m5', 'm6']);
  });

  it('rejects names that are not aliases, unknown types and entities', () => {
    throwsEdit(() => splitAlias(small, 'e-ann', 'Ann'), '"Ann" is not an alias of Ann (e-ann)');
    throwsEdit(() => splitAlias(small, 'e-ann', 'Annie', 'ghost'), 'Unknown entity type "ghost"');
    throwsEdit(() => splitAlias(small, 'e-zz', 'Annie'), 'Unknown entity "e-zz"');
  });
});

describe('relations', () => {
  it('adds a relation quoting its evidence from the text', () => {
    const doc = valid(
      addRelation(small, {
        type: 'met',
        source: 'e-fox',
        target: 'e-ann',
        evidence: [sentence(1), sentence(0), sentence(1)],
        certainty: 'possible',
        note: '  the fox was there ',
      }),
    );
    expect(doc.relations.at(-1)).toEqual({
      id: 'r5',
      type: 'met',
      source: 'e-fox',
      target: 'e-ann',
      evidence: [q(sentence(0)), q(sentence(1))],
      certainty: 'possible',
      note: 'the fox was there',
    });
    expect(doc.relations.at(-1)?.evidence[0]?.text).toBe('🦊 Ann met Bob.');
  });

  it('numbers a new relation one above the highest numbered id, whatever else the ids are', () => {
    const ids = ['r2', 'r010', 'rx9', 'r', 'r11x'];
    const odd = {
      ...small,
      relations: small.relations.map((r, i) => ({ ...r, id: ids[i] ?? `rel-${i}` })),
    };
    const base = { type: 'met', source: 'e-bob', target: 'e-fox', evidence: [sentence(2)] };
    expect(addRelation(odd, base).relations.at(-1)?.id).toBe('r11');
  });

  it('allows a relation from an entity to itself, on the built-in document', () => {
    const s = splitSentences(builtin.text)[2];
    if (!s) throw new Error('no sentence');
    const doc = valid(
      addRelation(builtin, {
        type: 'assesses',
        source: 'e-russia',
        target: 'e-russia',
        evidence: [s],
      }),
    );
    expect(doc.relations.at(-1)).toMatchObject({
      id: 'r28',
      source: 'e-russia',
      target: 'e-russia',
    });
    expect(doc.relations.at(-1)?.certainty).toBeUndefined();
    expect(doc.relations.at(-1)?.note).toBeUndefined();
  });

  it('rejects unknown types and ends, bad evidence and duplicates', () => {
    const base = { type: 'met', source: 'e-ann', target: 'e-bob', evidence: [sentence(1)] };
    throwsEdit(
      () => addRelation(small, { ...base, type: 'hugged' }),
      'Unknown relation type "hugged"',
    );
    throwsEdit(() => addRelation(small, { ...base, source: 'x' }), 'Unknown source entity "x"');
    throwsEdit(() => addRelation(small, { ...base, target: 'y' }), 'Unknown target entity "y"');
    throwsEdit(
      () => addRelation(small, { ...base, evidence: [] }),
      'A relation needs at least one evidence span',
    );
    throwsEdit(
      () => addRelation(small, { ...base, evidence: [{ start: 0, end: 50 }] }),
      'Span 0–50 ends past the text (length 49)',
    );
    throwsEdit(
      () => addRelation(small, { ...base, certainty: 'rumoured' as never }),
      'Unknown certainty "rumoured" (use stated, reported, possible)',
    );
    throwsEdit(
      () => addRelation(small, { ...base, evidence: [sentence(0)] }),
      'The same relation already exists (r1)',
    );
    throwsEdit(
      () =>
        addRelation(small, {
          ...base,
          type: 'allied',
          source: 'e-fox',
          target: 'e-ann',
          evidence: [sentence(0)],
        }),
      'The same relation already exists (r3)',
    );
    // Reversed, a directed relation is another statement; so is one with other evidence.
    expect(() =>
      valid(
        addRelation(small, { ...base, source: 'e-bob', target: 'e-ann', evidence: [sentence(0)] }),
      ),
    ).not.toThrow();
    expect(() => valid(addRelation(small, { ...base, evidence: [sentence(2)] }))).not.toThrow();
  });

  it('edits the fields of a patch and leaves the rest', () => {
    const doc = valid(
      editRelation(small, 'r2', {
        type: 'met',
        source: 'e-fox',
        certainty: null,
        note: 'a note',
        evidence: [sentence(2)],
      }),
    );
    expect(relation(doc, 'r2')).toEqual({
      id: 'r2',
      type: 'met',
      source: 'e-fox',
      target: 'e-ann',
      evidence: [q(sentence(2))],
      note: 'a note',
    });
    const cleared = valid(
      editRelation(doc, 'r2', { note: '', certainty: 'reported', target: 'e-bob' }),
    );
    expect(relation(cleared, 'r2')).toEqual({
      id: 'r2',
      type: 'met',
      source: 'e-fox',
      target: 'e-bob',
      evidence: [q(sentence(2))],
      certainty: 'reported',
    });
    expect(editRelation(small, 'r2', {})).toBe(small);
    expect(editRelation(small, 'r2', { certainty: 'stated', source: 'e-bob' })).toBe(small);
  });

  it('rejects bad patches', () => {
    throwsEdit(() => editRelation(small, 'r9', {}), 'Unknown relation "r9"');
    throwsEdit(() => editRelation(small, 'r1', { type: 'x' }), 'Unknown relation type "x"');
    throwsEdit(() => editRelation(small, 'r1', { source: 'x' }), 'Unknown source entity "x"');
    throwsEdit(() => editRelation(small, 'r1', { target: 'x' }), 'Unknown target entity "x"');
    throwsEdit(
      () => editRelation(small, 'r1', { evidence: [{ start: 3, end: 1 }] }),
      'Span 3–1 is reversed',
    );
    throwsEdit(
      () => editRelation(small, 'r4', { source: 'e-ann', target: 'e-fox' }),
      'The same relation already exists (r3)',
    );
  });

  it('deletes a relation', () => {
    const doc = valid(deleteRelation(builtin, 'r5'));
    expect(doc.relations).toHaveLength(26);
    expect(relation(doc, 'r5')).toBeUndefined();
    throwsEdit(() => deleteRelation(builtin, 'r50'), 'Unknown relation "r50"');
  });
});

describe('types', () => {
  it('adds an entity type with a key derived from its label, made unique', () => {
    const doc = valid(
      addEntityType(builtin, { label: 'Armed group', color: '#123456', shape: 'star' }),
    );
    expect(doc.entityTypes.at(-1)).toEqual({
      key: 'armed-group-2',
      label: 'Armed group',
      color: '#123456',
      shape: 'star',
    });
    const own = valid(addEntityType(small, { key: 'org', label: ' Organisation ' }));
    expect(own.entityTypes.at(-1)).toEqual({ key: 'org', label: 'Organisation' });
    const symbol = valid(addEntityType(small, { label: '★' }));
    expect(symbol.entityTypes.at(-1)?.key).toBe('type');
  });

  it('rejects empty labels, taken keys, empty colours and unknown shapes', () => {
    throwsEdit(() => addEntityType(small, { label: '' }), 'Type label is empty');
    throwsEdit(
      () => addEntityType(small, { key: 'person', label: 'Human' }),
      'Type key "person" is already declared',
    );
    throwsEdit(() => addEntityType(small, { key: ' ', label: 'Human' }), 'Type key is empty');
    throwsEdit(() => addEntityType(small, { label: 'Human', color: ' ' }), 'Type colour is empty');
    throwsEdit(
      () => addEntityType(small, { label: 'Human', shape: 'blob' as never }),
      'Unknown node shape "blob"',
    );
  });

  it('adds a relation type, symmetric or not', () => {
    const doc = valid(addRelationType(small, { label: 'Is allied with', symmetric: true }));
    expect(doc.relationTypes.at(-1)).toEqual({
      key: 'is-allied-with',
      label: 'Is allied with',
      symmetric: true,
    });
    const met = valid(addRelationType(small, { label: 'Met' }));
    expect(met.relationTypes.at(-1)).toEqual({ key: 'met-2', label: 'Met' });
    throwsEdit(() => addRelationType(small, { label: '  ' }), 'Type label is empty');
    throwsEdit(
      () => addRelationType(small, { key: 'met', label: 'x' }),
      'Type key "met" is already declared',
    );
  });
});

describe('property: random sequences of edits keep a document valid', () => {
  const OPS = 13;
  const pick = <T>(list: readonly T[], n: number): T | undefined =>
    list[n % Math.max(1, list.length)];

  function isHigh(text: string, i: number) {
    const c = text.charCodeAt(i);
    return c >= 0xd800 && c <= 0xdbff;
  }
  /** A non-empty span from two numbers, widened so it never cuts an astral character. */
  function spanFrom(text: string, a: number, b: number): Span {
    let start = a % text.length;
    let end = Math.min(text.length, start + 1 + (b % 20));
    if (start > 0 && isHigh(text, start - 1)) start--;
    if (end < text.length && isHigh(text, end - 1)) end++;
    return { start, end };
  }

  function step(
    doc: AriadneDocument,
    op: number,
    a: number,
    b: number,
    c: number,
  ): AriadneDocument {
    const e1 = pick(doc.entities, a)?.id ?? 'none';
    const e2 = pick(doc.entities, b)?.id ?? 'none';
    const m = pick(doc.mentions, a)?.id ?? 'none';
    const r = pick(doc.relations, a)?.id ?? 'none';
    const et = pick(doc.entityTypes, c)?.key ?? 'none';
    const rt = pick(doc.relationTypes, c)?.key ?? 'none';
    const sentences = splitSentences(doc.text);
    const ev = [pick(sentences, c), pick(sentences, b)].filter(
      (s): s is NonNullable<typeof s> => !!s,
    );
    const span = spanFrom(doc.text, a, b);
    switch (op) {
      case 0:
        return addMention(doc, { spans: [span], entityId: e1 });
      case 1:
        return addMentionWithNewEntity(doc, { spans: [span], type: et });
      case 2:
        return changeMentionEntity(doc, m, e2);
      case 3:
        return deleteMention(doc, m);
      case 4:
        return renameEntity(doc, e1, `Name ${b % 7}`);
      case 5:
        return changeEntityType(doc, e1, et);
      case 6:
        return deleteEntity(doc, e1);
      case 7:
        return mergeEntities(doc, e1, e2);
      case 8: {
        const alias = pick(entity(doc, e1)?.aliases ?? [], b);
        return alias === undefined ? doc : splitAlias(doc, e1, alias);
      }
      case 9:
        return addRelation(doc, { type: rt, source: e1, target: e2, evidence: ev });
      case 10:
        return editRelation(doc, r, { type: rt, target: e2, certainty: c % 2 ? 'possible' : null });
      case 11:
        return deleteRelation(doc, r);
      default:
        return b % 2
          ? addEntityType(doc, { label: `Kind ${c % 5}` })
          : addRelationType(doc, { label: `Link ${c % 5}`, symmetric: c % 3 === 0 });
    }
  }

  for (const [name, start] of [
    ['small', small],
    ['built-in', builtin],
  ] as const) {
    it(`on the ${name} document`, () => {
      let applied = 0;
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(OPS - 1), fc.nat(), fc.nat(), fc.nat()), { maxLength: 30 }),
          (ops) => {
            let doc = start;
            for (const [op, a, b, c] of ops) {
              try {
                doc = deepFreeze(step(doc, op, a, b, c));
                applied++;
              } catch (e) {
                if (!(e instanceof EditError)) throw e;
              }
              const problems = validateDocument(doc);
              if (problems.length > 0)
                throw new Error(`op ${op} left ${JSON.stringify(problems.slice(0, 3))}`);
              if (!documentSchema.safeParse(doc).success)
                throw new Error(`op ${op} broke the shape`);
              const ids = [...doc.entities, ...doc.mentions, ...doc.relations].map((x) => x.id);
              if (new Set(ids).size !== ids.length) throw new Error('duplicate ids');
            }
          },
        ),
        { numRuns: 150 },
      );
      expect(applied).toBeGreaterThan(500);
    });
  }
});
