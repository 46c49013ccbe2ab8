import { describe, expect, it } from 'vitest';
import { defaultEntityTypes } from '../formats/plain-text';
import { BRAT_NEWS_TYPES } from './test-helpers';
import { describeMapping, mapTypes, typeFor } from './type-map';

describe('mapTypes', () => {
  it('maps our guesses onto brat news types (Person / Organization / GPE / Money)', () => {
    expect(mapTypes(BRAT_NEWS_TYPES)).toEqual({
      person: 'Person',
      state: 'GPE',
      government: 'Organization',
      'armed-group': 'Organization',
      media: 'Organization',
      location: 'GPE',
      organisation: 'Organization',
      money: 'Money',
    });
  });

  it('maps onto CoNLL types (PER / ORG / LOC / MISC)', () => {
    const m = mapTypes(['PER', 'ORG', 'LOC', 'MISC'].map((key) => ({ key, label: key })));
    expect(m).toMatchObject({
      person: 'PER',
      state: 'LOC',
      location: 'LOC',
      government: 'ORG',
      media: 'ORG',
      organisation: 'ORG',
      money: undefined,
    });
  });

  it('prefers LOC for places and GPE for states when a document has both', () => {
    const m = mapTypes(['Person', 'GPE', 'LOC', 'ORG'].map((key) => ({ key, label: key })));
    expect(m.state).toBe('GPE');
    expect(m.location).toBe('LOC');
  });

  it('maps our own default types onto themselves and leaves organisation unmapped', () => {
    const m = mapTypes(defaultEntityTypes());
    expect(m).toMatchObject({
      person: 'person',
      state: 'state',
      government: 'government',
      'armed-group': 'armed-group',
      media: 'media',
      location: 'location',
      organisation: undefined,
    });
    expect(typeFor(m, 'organisation')).toBe('organisation');
  });

  it('matches labels as well as keys, ignoring case and punctuation', () => {
    const m = mapTypes([
      { key: 't1', label: 'Armed group' },
      { key: 't2', label: 'PERSON' },
      { key: 'news_outlet', label: 'Media Outlet' },
    ]);
    expect(m['armed-group']).toBe('t1');
    expect(m.person).toBe('t2');
    expect(m.media).toBe('news_outlet');
  });

  it('describes the table for printing', () => {
    const rows = describeMapping(mapTypes(BRAT_NEWS_TYPES));
    expect(rows).toContain('person       → Person');
    expect(rows).toContain('state        → GPE');
    expect(describeMapping(mapTypes([]))[0]).toBe('person       → (none: declared on apply)');
  });
});
