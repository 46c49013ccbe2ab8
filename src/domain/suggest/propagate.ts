/**
 * Propagation: every other occurrence of an annotated actor's name, aliases and name-like mention
 * texts becomes a suggested mention of that actor. A person's surname and an organisation's initials
 * are offered too, with less confidence. Plain string work: no NLP library.
 *
 * Rules: whole words only; case as in `match.ts` (exact, ALL CAPS, capitalised first letter); never
 * inside or overlapping an existing mention; where two forms overlap, the longer wins ("Pablo
 * Rojas" over "Rojas"); a form shared by two actors is offered for neither unless one has it
 * as its name or alias and the other only derives it.
 */
import type { AriadneDocument, Entity } from '../model';
import { FormFinder } from './match';
import type { CaseClass } from './match';
import { SpanSet, hasUpper, normaliseName, possessiveEnd } from './text';
import { mapTypes } from './type-map';
import type { MentionSuggestion } from './types';

/** How a form was obtained, strongest first; a stronger claim on a form beats a weaker one. */
type FormSource = 'name' | 'mention' | 'surname' | 'initials';
const STRENGTH: Record<FormSource, number> = { name: 3, mention: 2, surname: 1, initials: 1 };
const BASE_CONFIDENCE: Record<FormSource, number> = {
  name: 0.9,
  mention: 0.85,
  surname: 0.6,
  initials: 0.55,
};
const CASE_PENALTY: Record<CaseClass, number> = { exact: 0, caps: 0.15, capitalised: 0.2 };

/** Words that make a lower-case mention text a reference rather than a name ("the group", "his family"). */
const REFERRING = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'his',
  'her',
  'its',
  'their',
  'our',
  'my',
  'your',
  'some',
  'any',
  'such',
  'another',
  'other',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'him',
  'them',
  'us',
  'who',
  'which',
]);

/** Text of a form without a trailing possessive and surrounding white space. */
function cleanForm(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.slice(0, possessiveEnd(t, 0, t.length)).trim();
}

/**
 * Whether a text can stand for its actor elsewhere: it has a capital letter or a digit, or it is
 * several lower-case words that do not start with a determiner or pronoun ("rebel factions" yes,
 * "the group" and "banks" no).
 */
export function isNameLike(text: string): boolean {
  const t = cleanForm(text);
  if (t.length < 2) return false;
  if (hasUpper(t) || /\p{N}/u.test(t)) return !REFERRING.has(t.toLowerCase());
  const words = t.split(' ');
  return words.length >= 2 && !REFERRING.has(words[0]?.toLowerCase() ?? '');
}

/** Surname forms of a multi-word personal name: "Bashir al-Khatib" → "al-Khatib", "Khatib". */
export function surnames(name: string): string[] {
  const words = cleanForm(name).split(' ');
  if (words.length < 2) return [];
  const last = words[words.length - 1] ?? '';
  const out: string[] = [];
  if (last.length >= 3 && hasUpper(last[0] ?? '')) out.push(last);
  const hyphen = /^\p{Ll}+[-‐‑](\p{Lu}[\p{L}\p{M}'’-]{2,})$/u.exec(last);
  if (hyphen?.[1]) out.push(last, hyphen[1]);
  return [...new Set(out)];
}

/**
 * Initials of a name of at least two capitalised words, each hyphen part counting:
 * "Harakat Nour al-Din" → "HND", "Free Coastal Army" → "FCA". Lower-case words ("of") are skipped.
 */
export function initials(name: string): string | undefined {
  const parts = cleanForm(name)
    .split(/[\s‐‑-]+/)
    .filter((p) => p !== '');
  if (parts.length < 2) return undefined;
  const letters = parts.filter((p) => hasUpper(p[0] ?? '')).map((p) => p[0] ?? '');
  if (letters.length < 2 || letters.length > 6) return undefined;
  return letters.join('').toUpperCase();
}

interface FormClaim {
  readonly entityId: string;
  readonly source: FormSource;
  /** Another actor claims the form just as strongly. */
  ambiguous: boolean;
}

export function propagate(doc: AriadneDocument): MentionSuggestion[] {
  const actors = doc.entities.filter((e) => e.kind !== 'event');
  if (actors.length === 0) return [];
  const entityById = new Map<string, Entity>(actors.map((e) => [e.id, e]));
  const personType = mapTypes(doc.entityTypes).person;

  const claims = new Map<string, FormClaim>();
  const claim = (form: string, entityId: string, source: FormSource) => {
    const f = cleanForm(form);
    if (f.length < 2) return;
    const prev = claims.get(f);
    if (!prev) {
      claims.set(f, { entityId, source, ambiguous: false });
    } else if (prev.entityId !== entityId) {
      if (STRENGTH[source] > STRENGTH[prev.source]) {
        claims.set(f, { entityId, source, ambiguous: false });
      } else if (STRENGTH[source] === STRENGTH[prev.source]) {
        prev.ambiguous = true;
      }
    } else if (STRENGTH[source] > STRENGTH[prev.source]) {
      claims.set(f, { entityId, source, ambiguous: prev.ambiguous });
    }
  };

  const mentionTexts = new Map<string, Set<string>>();
  for (const m of doc.mentions) {
    if (!entityById.has(m.entityId) || m.spans.length !== 1) continue;
    const set = mentionTexts.get(m.entityId) ?? new Set<string>();
    set.add(m.text);
    mentionTexts.set(m.entityId, set);
  }

  for (const e of actors) {
    for (const n of [e.name, ...e.aliases]) if (isNameLike(n)) claim(n, e.id, 'name');
    for (const t of mentionTexts.get(e.id) ?? []) if (isNameLike(t)) claim(t, e.id, 'mention');
  }
  for (const e of actors) {
    if (personType !== undefined && e.type === personType) {
      for (const s of surnames(e.name)) claim(s, e.id, 'surname');
    } else {
      const ini = initials(e.name);
      if (ini) claim(ini, e.id, 'initials');
    }
  }

  const existing = new SpanSet(doc.mentions.flatMap((m) => m.spans));
  const finder = new FormFinder(doc.text);
  interface Hit {
    start: number;
    end: number;
    entityId: string;
    confidence: number;
    reason: string;
  }
  const hits: Hit[] = [];
  for (const [form, c] of claims) {
    if (c.ambiguous) continue;
    const entity = entityById.get(c.entityId);
    if (!entity) continue;
    // Initials only ever match in capitals; a surname or name only in its own case or in capitals.
    for (const m of finder.find(form)) {
      if (c.source === 'initials' && m.caseClass !== 'exact') continue;
      const span = { start: m.start, end: m.end };
      if (existing.overlaps(span)) continue;
      let reason = `another mention of ${entity.name}`;
      if (c.source === 'surname') reason = `surname of ${entity.name}`;
      else if (c.source === 'initials') reason = `initials of ${entity.name}`;
      if (m.caseClass === 'caps') reason += ' (in capitals)';
      else if (m.caseClass === 'capitalised') reason += ' (capitalised)';
      hits.push({
        ...span,
        entityId: c.entityId,
        confidence: BASE_CONFIDENCE[c.source] - CASE_PENALTY[m.caseClass],
        reason,
      });
    }
  }

  hits.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start,
  );
  const taken = new SpanSet();
  const out: MentionSuggestion[] = [];
  for (const h of hits) {
    if (taken.overlaps(h)) continue;
    taken.add(h);
    const entity = entityById.get(h.entityId);
    if (!entity) continue;
    out.push({
      id: `s-m-${h.start}-${h.end}`,
      kind: 'mention',
      origin: 'propagation',
      spans: [{ start: h.start, end: h.end }],
      text: doc.text.slice(h.start, h.end),
      entityId: entity.id,
      name: entity.name,
      type: entity.type,
      confidence: round(h.confidence),
      reason: h.reason,
    });
  }
  return out.sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0));
}

export function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
}

/** Normalised names and aliases of the document's actors, for matching discovered names. */
export function actorNames(doc: AriadneDocument): Map<string, Entity> {
  const out = new Map<string, Entity>();
  for (const e of doc.entities) {
    if (e.kind === 'event') continue;
    for (const n of [e.name, ...e.aliases]) {
      const k = normaliseName(n);
      if (k !== '' && !out.has(k)) out.set(k, e);
    }
  }
  return out;
}
