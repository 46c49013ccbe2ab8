import { describe, it, expect } from 'vitest';
import { normalise, searchEntities } from './search';
import type { Entity } from './model';

const entity = (id: string, name: string, aliases: string[] = []): Entity => ({
  id,
  name,
  type: 'thing',
  aliases,
});

const names = (hits: ReturnType<typeof searchEntities>) => hits.map((h) => h.entity.name);

describe('normalise', () => {
  it('lower-cases, strips accents and trims', () => {
    expect(normalise('  São Paulo ')).toBe('sao paulo');
    expect(normalise('ZAKHAROVA')).toBe('zakharova');
    expect(normalise('Ḥayat Taḥrīr')).toBe('hayat tahrir');
  });

  it('folds curly and other apostrophes to a straight one', () => {
    for (const s of ['Syria’s', 'Syria‘s', 'Syria`s', 'Syria´s', "Syria's"]) {
      expect(normalise(s), s).toBe("syria's");
    }
  });

  it('folds the Unicode dashes to a hyphen', () => {
    for (const s of ['al‐Assad', 'al‑Assad', 'al–Assad', 'al—Assad', 'al−Assad']) {
      expect(normalise(s), s).toBe('al-assad');
    }
  });
});

describe('searchEntities', () => {
  const syria = entity('syria', 'Syria', ['Syrian Arab Republic']);
  const sdf = entity('sdf', 'Syrian Democratic Forces', ['SDF']);
  const fsa = entity('fsa', 'Free Syrian Army');
  const pipeline = entity('pipe', 'Transsyrian Pipeline');
  const assad = entity('assad', 'Bashar al-Assad', ['Assad', 'President al‐Assad']);
  const russia = entity('russia', 'Russia');

  it('ranks an exact name before a prefix, a word prefix and a match inside a word', () => {
    const hits = searchEntities([pipeline, fsa, sdf, syria, russia], 'syria');
    expect(hits.map((h) => [h.entity.id, h.rank])).toEqual([
      ['syria', 0],
      ['sdf', 1],
      ['fsa', 2],
      ['pipe', 3],
    ]);
  });

  it('matches aliases and reports which name matched', () => {
    const [hit, ...rest] = searchEntities([syria, sdf, fsa], 'sdf');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ entity: sdf, rank: 0, matched: 'SDF' });
  });

  it('keeps the best rank among an entity’s name and aliases', () => {
    // "assad" is only a word prefix of the name but equals the alias "Assad".
    expect(searchEntities([assad], 'assad')).toEqual([
      { entity: assad, rank: 0, matched: 'Assad' },
    ]);
    // "syrian" is a prefix of the alias "Syrian Arab Republic" and of nothing better.
    expect(searchEntities([syria], 'syrian arab')).toEqual([
      { entity: syria, rank: 1, matched: 'Syrian Arab Republic' },
    ]);
  });

  it('reports each entity at most once', () => {
    // Name, alias "Assad" and alias "President al‐Assad" all match.
    const hits = searchEntities([assad], 'assad');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.rank).toBe(0);
  });

  it('treats a hyphen, an apostrophe and a parenthesis as word boundaries', () => {
    expect(searchEntities([entity('x', 'Bashar al-Assad')], 'assad')[0]?.rank).toBe(2);
    expect(searchEntities([entity('x', 'Qur’an Society')], 'an')[0]?.rank).toBe(2);
    expect(searchEntities([entity('x', 'Hayat Tahrir al-Sham (HTS)')], 'hts')[0]?.rank).toBe(2);
  });

  it('ignores case and diacritics', () => {
    const saoPaulo = entity('sp', 'São Paulo');
    expect(searchEntities([saoPaulo], 'SAO PAULO')[0]?.rank).toBe(0);
    expect(searchEntities([entity('z', 'Zakharova')], 'zakhárova')[0]?.rank).toBe(0);
  });

  it('finds a curly-apostrophe alias with a straight apostrophe and the reverse', () => {
    const hts = entity('hts', 'Hayat Tahrir al-Sham', ['Syria’s HTS']);
    expect(searchEntities([hts], "Syria's")).toEqual([
      { entity: hts, rank: 1, matched: 'Syria’s HTS' },
    ]);
    const straight = entity('s', "Syria's army");
    expect(searchEntities([straight], 'Syria’s army')[0]?.rank).toBe(0);
  });

  it('finds a name spelled with a Unicode dash from a typed hyphen', () => {
    const hit = searchEntities([assad], 'president al-assad')[0];
    expect(hit).toMatchObject({ rank: 0, matched: 'President al‐Assad' });
  });

  it('breaks ties by mention count, most mentioned first', () => {
    const a = entity('a', 'Syrian Army');
    const b = entity('b', 'Syrian Air Force');
    const c = entity('c', 'Syrian Navy');
    const counts: Record<string, number> = { a: 2, b: 9, c: 5 };
    expect(names(searchEntities([a, b, c], 'syrian', (id) => counts[id] ?? 0))).toEqual([
      'Syrian Air Force',
      'Syrian Navy',
      'Syrian Army',
    ]);
  });

  it('breaks remaining ties by name', () => {
    const a = entity('a', 'Syrian Navy');
    const b = entity('b', 'Syrian Army');
    const c = entity('c', 'Syrian Air Force');
    expect(names(searchEntities([a, b, c], 'syrian'))).toEqual([
      'Syrian Air Force',
      'Syrian Army',
      'Syrian Navy',
    ]);
  });

  it('lets rank win over mention count', () => {
    const counts: Record<string, number> = { pipe: 100, syria: 1 };
    expect(names(searchEntities([pipeline, syria], 'syria', (id) => counts[id] ?? 0))).toEqual([
      'Syria',
      'Transsyrian Pipeline',
    ]);
  });

  it('returns nothing for an empty or blank query', () => {
    expect(searchEntities([syria, russia], '')).toEqual([]);
    expect(searchEntities([syria, russia], '   ')).toEqual([]);
  });

  it('trims the query', () => {
    expect(searchEntities([syria, russia], '  russia ')).toEqual([
      { entity: russia, rank: 0, matched: 'Russia' },
    ]);
  });

  it('returns nothing when no name or alias matches', () => {
    expect(searchEntities([syria, russia, assad], 'moscow')).toEqual([]);
  });

  it('accepts any iterable of entities', () => {
    const map = new Map([
      ['syria', syria],
      ['russia', russia],
    ]);
    expect(names(searchEntities(map.values(), 'ru'))).toEqual(['Russia']);
  });
});
