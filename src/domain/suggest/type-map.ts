/**
 * Maps the engine's guesses onto a document's own entity types, so suggestions work on documents
 * typed Person/Organization/GPE (brat's news tutorial, ACE), PER/ORG/LOC (CoNLL) or with our six
 * default actor types alike.
 *
 * A document type matches a name in the table when its key or its label, lower-cased with everything
 * but letters and digits dropped, equals the name treated the same way ("armed-group", "Armed group"
 * and "ARMED_GROUP" are one name). For each guess the first name in its list that the document
 * declares wins. When none does, the guess stays unmapped: the suggestion carries the guess key as
 * its type, and `applySuggestion` declares that type (with our label) when the suggestion is applied.
 *
 * | guess          | document types tried, best first                                          |
 * | -------------- | ------------------------------------------------------------------------- |
 * | person         | person, per, people, human, individual, persona                           |
 * | state          | state, country, nation, gpe, geopolitical entity, location, loc, place    |
 * | location       | location, place, loc, gpe, city, geo, state                               |
 * | government     | government, government body, gov, institution, organization, org, …      |
 * | armed-group    | armed group, militia, military, organization, org, …                      |
 * | media          | media, media outlet, news, organization, org, …                           |
 * | organisation   | organization, organisation, org, company, institution, group              |
 * | money          | money, monetary, currency, amount                                          |
 *
 * (The full lists are `TYPE_NAMES` below.) "Location → state" is last for `location` so a document
 * with states but no places still gets cities as geopolitical entities, as ACE's GPE does.
 */
import type { TypeDef } from '../model';
import { GUESS_KEYS } from './types';
import type { GuessKey } from './types';

export const TYPE_NAMES: Readonly<Record<GuessKey, readonly string[]>> = {
  person: ['person', 'per', 'people', 'human', 'individual', 'persona', 'personne', 'pers'],
  state: [
    'state',
    'country',
    'nation',
    'gpe',
    'geopolitical entity',
    'geo-political entity',
    'location',
    'loc',
    'place',
    'geo',
  ],
  location: ['location', 'place', 'loc', 'gpe', 'geopolitical entity', 'city', 'geo', 'state'],
  government: [
    'government',
    'government body',
    'gov',
    'govt',
    'institution',
    'organization',
    'organisation',
    'org',
  ],
  'armed-group': [
    'armed group',
    'armed-group',
    'militia',
    'military',
    'armed forces',
    'organization',
    'organisation',
    'org',
    'group',
  ],
  media: ['media', 'media outlet', 'news', 'news agency', 'organization', 'organisation', 'org'],
  organisation: ['organization', 'organisation', 'org', 'company', 'institution', 'group'],
  money: ['money', 'monetary', 'currency', 'amount', 'monetary value'],
};

/** Labels for guesses that a document lacks, used when `applySuggestion` declares them. */
export const GUESS_LABELS: Readonly<Record<GuessKey, string>> = {
  person: 'Person',
  state: 'State',
  government: 'Government body',
  'armed-group': 'Armed group',
  media: 'Media outlet',
  location: 'Place',
  organisation: 'Organisation',
  money: 'Money',
};

export function isGuessKey(k: string): k is GuessKey {
  return (GUESS_KEYS as readonly string[]).includes(k);
}

/** The label an undeclared type `type` is declared under (`guess`: the engine's guess for it). */
export function guessedTypeLabel(type: string, guess?: GuessKey): string {
  return isGuessKey(type) ? GUESS_LABELS[type] : guess ? GUESS_LABELS[guess] : type;
}

const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export type TypeMapping = Readonly<Record<GuessKey, string | undefined>>;

/** For each guess, the key of the document type that holds it, or undefined when none does. */
export function mapTypes(entityTypes: readonly TypeDef[]): TypeMapping {
  const byName = new Map<string, string>();
  for (const t of entityTypes) {
    for (const n of [t.key, t.label]) {
      const k = squash(n);
      if (k !== '' && !byName.has(k)) byName.set(k, t.key);
    }
  }
  const out: Partial<Record<GuessKey, string | undefined>> = {};
  for (const guess of GUESS_KEYS) {
    out[guess] = undefined;
    for (const name of TYPE_NAMES[guess]) {
      const key = byName.get(squash(name));
      if (key !== undefined) {
        out[guess] = key;
        break;
      }
    }
  }
  return out as TypeMapping;
}

/** The document type key for a guess, or the guess key itself when the document has no such type. */
export function typeFor(mapping: TypeMapping, guess: GuessKey): string {
  return mapping[guess] ?? guess;
}

/** Rows "guess → document type" for printing (the evaluation prints the table it used). */
export function describeMapping(mapping: TypeMapping): string[] {
  return GUESS_KEYS.map((g) => `${g.padEnd(12)} → ${mapping[g] ?? '(none: declared on apply)'}`);
}
