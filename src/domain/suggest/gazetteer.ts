/**
 * Place names: countries (names and common aliases) and their capitals from the `countries-list`
 * package, plus the countries, cities and regions in the NLP library's lexicon. Keys are lower-case
 * with single spaces; the first source to name a place decides its kind, in the order above.
 */
import { countries } from 'countries-list';
import { lexiconEntries } from './nlp';

export type PlaceKind = 'country' | 'capital' | 'city' | 'region';

export interface Gazetteer {
  readonly places: ReadonlyMap<string, PlaceKind>;
  /** The most words any entry has, so a matcher knows how far to look ahead. */
  readonly maxWords: number;
  /**
   * First words of entries, lower-case, as the word tokenizer sees them (with and without a
   * possessive), so a matcher can skip words that start no place name.
   */
  readonly firstWords: ReadonlySet<string>;
}

let built: Gazetteer | undefined;

const key = (s: string) =>
  s.normalize('NFKC').replace(/[’ʼ‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

export function gazetteer(): Gazetteer {
  if (built) return built;
  const places = new Map<string, PlaceKind>();
  const add = (name: string, kind: PlaceKind) => {
    const k = key(name);
    // Entries with brackets ("Myanmar (Burma)") or that are not names at all are skipped.
    if (k.length < 2 || /[()]/.test(k) || places.has(k)) return;
    places.set(k, kind);
  };
  const list = Object.values(countries) as { name: string; alias?: string[]; capital: string }[];
  for (const c of list) {
    add(c.name, 'country');
    for (const a of c.alias ?? []) add(a, 'country');
  }
  for (const c of list) if (c.capital) add(c.capital, 'capital');
  for (const w of lexiconEntries('Country')) add(w, 'country');
  for (const w of lexiconEntries('City')) add(w, 'city');
  for (const w of lexiconEntries('Region')) add(w, 'region');
  let maxWords = 1;
  const firstWords = new Set<string>();
  for (const k of places.keys()) {
    const ws = k.split(' ');
    maxWords = Math.max(maxWords, ws.length);
    const first = ws[0] ?? '';
    firstWords.add(first);
    // "d.c." and "u.s." are split by the tokenizer only at spaces; possessives are added by text.
    firstWords.add(`${first}'s`);
    firstWords.add(`${first}’s`);
  }
  built = { places, maxWords, firstWords };
  return built;
}

/** The kind of place `name` is, compared case-insensitively; undefined when not a known place. */
export function placeKind(name: string): PlaceKind | undefined {
  return gazetteer().places.get(key(name));
}
