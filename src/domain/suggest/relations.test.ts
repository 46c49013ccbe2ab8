import { describe, expect, it } from 'vitest';
import type { RelationSuggestion } from './types';
import { suggestRelations } from './relations';
import { annotate, plain, spanOf } from './test-helpers';

const summary = (rs: readonly RelationSuggestion[]) =>
  rs.filter((r) => r.label !== 'mentioned with').map((r) => r.text);

describe('suggestRelations', () => {
  it('labels a pair by the verb phrase between them, with the sentence as evidence', () => {
    const text = 'Floods again.\nMaria Lopez lives in Peru. Nothing else happened.';
    const rs = suggestRelations(plain(text));
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({
      kind: 'relation',
      label: 'lives in',
      text: 'Maria Lopez — lives in — Peru',
      source: { text: 'Maria Lopez', name: 'Maria Lopez', type: 'person' },
      target: { text: 'Peru', type: 'state' },
      evidence: {
        ...spanOf(text, 'Maria Lopez lives in Peru.'),
        text: 'Maria Lopez lives in Peru.',
      },
      reason: "verb phrase 'lives in' between them",
    });
    expect(rs[0]?.source.suggestionId).toBeDefined();
  });

  it('keeps a short object and its preposition: "granted asylum to", "took control of"', () => {
    const text =
      'Chile granted asylum to Pablo Rojas. The Coastal Liberation Front took control of Arica.';
    expect(summary(suggestRelations(plain(text)))).toEqual([
      'Chile — granted asylum to — Pablo Rojas',
      'Coastal Liberation Front — took control of — Arica',
    ]);
  });

  it('turns a passive with "by" round', () => {
    const rs = suggestRelations(plain('Acme Holdings was founded by Omar Haddad.'));
    expect(rs[0]).toMatchObject({
      label: 'founded',
      source: { text: 'Omar Haddad' },
      target: { text: 'Acme Holdings' },
    });
  });

  it('gives names listed before a verb that verb, less surely', () => {
    const rs = suggestRelations(plain('Acme Holdings and Globex Industries merged last year.'));
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({ label: 'merged', reason: "both named before 'merged'" });
    expect(rs[0]?.confidence).toBeLessThan(0.5);
  });

  it('pairs annotated actors by their entity ids and skips pairs already related there', () => {
    const text = 'Peru accused Chile of spying. Peru later thanked Chile.';
    const doc = annotate(plain(text), [
      { entity: 'e-peru', type: 'state', text: 'Peru' },
      { entity: 'e-chile', type: 'state', text: 'Chile' },
      { entity: 'e-peru', type: 'state', text: 'Peru', occurrence: 1 },
      { entity: 'e-chile', type: 'state', text: 'Chile', occurrence: 1 },
    ]);
    const first = spanOf(text, 'Peru accused Chile of spying.');
    const related = {
      ...doc,
      relationTypes: [{ key: 'accused', label: 'accused' }],
      relations: [
        {
          id: 'r1',
          type: 'accused',
          source: 'e-peru',
          target: 'e-chile',
          evidence: [{ ...first, text: text.slice(first.start, first.end) }],
        },
      ],
    };
    const rs = suggestRelations(related, { mentions: [] });
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({
      label: 'thanked',
      source: { entityId: 'e-peru' },
      target: { entityId: 'e-chile' },
    });
  });

  it('never pairs an actor with itself, and offers nothing for a sentence with one actor', () => {
    expect(suggestRelations(plain('Peru said Peru would wait. Chile slept.'))).toEqual([]);
    expect(suggestRelations(plain(''))).toEqual([]);
  });
});
