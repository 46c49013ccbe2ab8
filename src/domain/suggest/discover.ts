/**
 * Discovery: names the annotator has not marked yet, with a guessed type and a reason.
 *
 * How it reads a text:
 * 1. Words with offsets; the NLP library's part-of-speech tags and lexicon for each; lines that are
 *    headings (short lines without a final stop, or Title Case Headlines) where capitals prove
 *    nothing; the first word of each sentence (or of a quotation), where capitals prove little.
 * 2. Place names from the gazetteer (countries → state, capitals, cities, regions → location),
 *    matched in Title Case or in capitals ("LIMA").
 * 3. Runs of capitalised words inside sentences, joined by name particles ("Raul Salinas de
 *    Gortari", "Harakat Nour al-Din") and initials ("J. K. Rowling"), split at titles ("Chilean
 *    Foreign Ministry Spokesman Pablo Rojas" → a government body and a person). Ordinary words
 *    that only happen to be capitalised (a sentence's first word, UI labels in capitals, "Edit
 *    Annotation") are dropped: the lexicon knows them, or the text also uses them in lower case.
 * 4. Acronyms: all-capital words that are not ordinary words or keys/formats ("CTRL", "PDF").
 * 5. Unnamed armed groups written in lower case ("rebel factions", "army units"), and sums
 *    of money when the document has a money type.
 * 6. A type for each name from cues: words in it (Ministry, Army, News …), a title before it, a given
 *    name, a byline, the lexicon, context (an acronym near "terrorist"; "told X", "confirmed to X").
 * 7. Linking: a surname alone goes with the full name found elsewhere ("Rojas" → "Pablo
 *    Rojas"), an acronym with its long form ("Harakat Nour al-Din (HND)"); every name found is
 *    then looked for again everywhere, so headlines and sentence starts get their mentions too.
 */
import type { AriadneDocument, Span } from '../model';
import { sentenceAt } from '../indexes';
import { splitSentences } from '../sentences';
import {
  ARMED_CONTEXT,
  ARMED_NOMINAL_HEADS,
  ARMED_WORDS,
  COMMON_SUFFIXES,
  GOVERNMENT_WORDS,
  HYPHEN_PARTICLES,
  LOWER_PREFIXES,
  MEDIA_AFTER,
  MEDIA_WORDS,
  NAME_PARTICLES,
  NON_ACTOR_ABBREVIATIONS,
  SPEECH_VERBS,
  TITLES,
  TITLE_MODIFIERS,
} from './cues';
import { gazetteer, placeKind } from './gazetteer';
import type { PlaceKind } from './gazetteer';
import { FormFinder } from './match';
import { isOrgWord, isPlaceWord, lexiconTags, termsIn } from './nlp';
import { actorNames, initials, round, surnames } from './propagate';
import {
  SpanSet,
  hasLower,
  hasUpper,
  isAllCaps,
  isUpper,
  lines,
  normaliseName,
  possessiveEnd,
  words,
} from './text';
import { mapTypes, typeFor } from './type-map';
import type { TypeMapping } from './type-map';
import type { GuessKey, MentionSuggestion } from './types';
import { sentenceProgress } from './progress';

// ---------------------------------------------------------------------------------------------
// Tokens

interface Tok {
  readonly idx: number;
  /** Span of the name part: "post-Franco" → "Franco", "Chile’s" → "Chile". */
  readonly start: number;
  readonly end: number;
  /** Span of the whole word. */
  readonly fullStart: number;
  readonly fullEnd: number;
  readonly text: string;
  /** The whole word: "Chile’s", "post-Franco". */
  readonly fullText: string;
  readonly lower: string;
  /** The name part starts with a capital (or a particle before a capital: "al-Sham"). */
  readonly cap: boolean;
  /** All capitals, two letters or more. */
  readonly caps: boolean;
  /** A hyphenated word whose tail is lower case: "Peru-backed". */
  readonly lowerTail: boolean;
  readonly sentence: number;
  readonly line: number;
  readonly heading: boolean;
  /** First word of a sentence or of a quotation: capitalised whatever it is. */
  readonly initial: boolean;
  readonly lex: readonly string[];
}

const NAME_TAGS = new Set([
  'FirstName',
  'MaleName',
  'FemaleName',
  'LastName',
  'Person',
  'Place',
  'Country',
  'City',
  'Region',
  'Organization',
  'ProperNoun',
  'SportsTeam',
  'Demonym',
  'Acronym',
]);
const GIVEN_NAME_TAGS = ['FirstName', 'MaleName', 'FemaleName'];
const DATE_TAGS = ['WeekDay', 'Month', 'Date'];
const NOT_NAME_TAGS = ['Pronoun', 'Determiner', 'Preposition', 'Conjunction', 'QuestionWord'];
const QUANTIFIERS = new Set([
  'many',
  'some',
  'several',
  'other',
  'more',
  'most',
  'all',
  'few',
  'various',
  'numerous',
  'both',
  'such',
  'own',
  'same',
  'their',
  'its',
  'his',
  'her',
]);

const has = (tags: readonly string[], wanted: readonly string[]) =>
  tags.some((t) => wanted.includes(t));

/** Lower-case forms a word may be an inflection of: "conditions" → "condition". */
function deinflect(w: string): string[] {
  const out = [w];
  if (w.length > 4 && w.endsWith('ies')) out.push(`${w.slice(0, -3)}y`);
  if (w.length > 3 && w.endsWith('es')) out.push(w.slice(0, -2));
  if (w.length > 3 && w.endsWith('s')) out.push(w.slice(0, -1));
  if (w.length > 4 && w.endsWith('ed')) out.push(w.slice(0, -2), w.slice(0, -1));
  if (w.length > 5 && w.endsWith('ing')) out.push(w.slice(0, -3), `${w.slice(0, -3)}e`);
  if (w.length > 4 && w.endsWith('ly')) out.push(w.slice(0, -2));
  return out;
}

interface Context {
  readonly text: string;
  readonly toks: readonly Tok[];
  readonly bySentence: readonly (readonly Tok[])[];
  /** Lower-case words the text writes in lower case somewhere. */
  readonly lowerSeen: ReadonlySet<string>;
  /** Lower-case forms of words written capitalised inside a sentence (not first, not in a heading). */
  readonly capSeenMid: ReadonlySet<string>;
  readonly mapping: TypeMapping;
  readonly bylineLines: ReadonlySet<number>;
  /** Part-of-speech tags of a word, from tagging its sentence (on first need). */
  readonly tagsOf: (t: Tok) => ReadonlySet<string>;
}

/** Cue words are ordinary English words, whatever their case. */
const CUE_WORDS: readonly ReadonlySet<string>[] = [
  MEDIA_WORDS,
  GOVERNMENT_WORDS,
  ARMED_WORDS,
  ARMED_NOMINAL_HEADS,
  ARMED_CONTEXT,
  TITLES,
  TITLE_MODIFIERS,
];

const commonCache = new WeakMap<ReadonlySet<string>, Map<string, boolean>>();

/** An ordinary word: the lexicon knows it as one, or the text writes it in lower case somewhere. */
function isCommon(ctx: Context, lower: string): boolean {
  let cache = commonCache.get(ctx.lowerSeen);
  if (!cache) {
    cache = new Map();
    commonCache.set(ctx.lowerSeen, cache);
  }
  const hit = cache.get(lower);
  if (hit !== undefined) return hit;
  let common = CUE_WORDS.some((set) => set.has(lower));
  for (const form of common ? [] : deinflect(lower)) {
    if (ctx.lowerSeen.has(form)) common = true;
    const tags = lexiconTags(form);
    if (tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t))) common = true;
    if (common) break;
  }
  cache.set(lower, common);
  return common;
}

function isCamel(s: string): boolean {
  return /^\p{Lu}\p{Ll}+\p{Lu}/u.test(s) || /^\p{Ll}+\p{Lu}/u.test(s);
}

/** Evidence that a capitalised word is a name even where capitals prove nothing. */
function strongEvidence(ctx: Context, t: Tok): string | undefined {
  if (has(t.lex, GIVEN_NAME_TAGS)) return 'given name';
  if (has(t.lex, ['LastName', 'Person'])) return 'known name';
  if (has(t.lex, ['Organization', 'SportsTeam'])) return 'known organisation';
  if (placeKind(t.text)) return 'place name';
  if (t.caps && isAcronym(ctx, t)) return 'acronym';
  if (isCamel(t.text)) return 'mixed case';
  return undefined;
}

function isAcronym(ctx: Context, t: Tok): boolean {
  const letters = t.text.replace(/[^\p{L}\p{N}]/gu, '');
  if (letters.length < 2 || letters.length > 8 || !/\p{L}/u.test(letters)) return false;
  if (NON_ACTOR_ABBREVIATIONS.has(letters.toLowerCase())) return false;
  if (/^[IVXLC]+$/.test(letters)) return false; // Roman numerals
  return !isCommon(ctx, t.lower.replace(/\./g, ''));
}

function unknownWord(ctx: Context, t: Tok): boolean {
  return (
    t.text.length >= 3 &&
    !t.lowerTail &&
    !isCommon(ctx, t.lower) &&
    !COMMON_SUFFIXES.test(t.lower) &&
    !has(t.lex, NOT_NAME_TAGS)
  );
}

function buildContext(doc: AriadneDocument, mapping: TypeMapping): Context {
  const text = doc.text;
  const sentences = splitSentences(text, doc.language ?? 'en');
  const lineSpans = lines(text);

  interface Raw {
    start: number;
    end: number;
    fullStart: number;
    fullEnd: number;
    text: string;
    lowerTail: boolean;
    sentence: number;
    line: number;
  }
  const raws: Raw[] = [];
  const lowerSeen = new Set<string>();
  let lineIdx = 0;
  for (const w of words(text)) {
    while (lineIdx < lineSpans.length - 1 && (lineSpans[lineIdx]?.end ?? 0) < w.start) lineIdx++;
    if (!hasUpper(w.text)) {
      lowerSeen.add(w.text.toLowerCase());
      for (const part of w.text.split(/[-‐‑]/)) if (part) lowerSeen.add(part);
    }
    const s = sentenceAt(sentences, w.start);
    const sent = sentences[s];
    if (!sent || w.start >= sent.end) continue;
    const portion = namePortion(text, w.start, w.end, w.text);
    // Fields listed, not spread: V8 made each spread copy with more fields a slow object (in Node,
    // 100,000 words' names 700 → 70 ms).
    raws.push({
      start: portion.start,
      end: portion.end,
      text: portion.text,
      lowerTail: portion.lowerTail,
      fullStart: w.start,
      fullEnd: w.end,
      sentence: s,
      line: lineIdx,
    });
  }

  // Lines: headings and bylines.
  const headingLines = new Set<number>();
  const bylineLines = new Set<number>();
  const rawsByLine = new Map<number, Raw[]>();
  for (const r of raws) {
    const list = rawsByLine.get(r.line);
    if (list) list.push(r);
    else rawsByLine.set(r.line, [r]);
  }
  const tagCache = new Map<number, Map<number, ReadonlySet<string>>>();
  const none: ReadonlySet<string> = new Set();
  const tagsOf = (t: Tok): ReadonlySet<string> => {
    let bySentenceTags = tagCache.get(t.sentence);
    if (!bySentenceTags) {
      bySentenceTags = new Map();
      const sent = sentences[t.sentence];
      if (sent)
        for (const term of termsIn(text, sent.start, sent.end))
          bySentenceTags.set(term.start, term.tags);
      tagCache.set(t.sentence, bySentenceTags);
    }
    return bySentenceTags.get(t.fullStart) ?? bySentenceTags.get(t.start) ?? none;
  };
  const partial: Context = {
    text,
    toks: [],
    bySentence: [],
    lowerSeen,
    capSeenMid: new Set(),
    mapping,
    bylineLines,
    tagsOf,
  };
  for (const [line, list] of rawsByLine) {
    const span = lineSpans[line];
    if (!span) continue;
    const lineText = text.slice(span.start, span.end).trim();
    const alpha = list.filter((r) => /\p{L}/u.test(r.text));
    if (alpha.length === 0) continue;
    const first = alpha[0];
    if (first && /^by$/i.test(first.text) && alpha.length <= 6) bylineLines.add(line);
    const terminal = /[.!?…:;"”’)\]]$/.test(lineText);
    // A Title Case Headline capitalises ordinary words ("Conditions Must Be Met"), not just names.
    const content = alpha.filter(
      (r) => r.text.length > 3 || (hasUpper(r.text[0] ?? '') && r.text.length > 1),
    );
    const capContent = content.filter((r) => isUpper(r.text[0]));
    const capOrdinary = capContent.filter((r) => {
      const lower = r.text.toLowerCase();
      return (
        !isAllCaps(r.text) && isCommon(partial, lower) && !has(lexiconTags(lower), [...NAME_TAGS])
      );
    });
    const capsLine = alpha.length >= 2 && isAllCaps(lineText);
    const titleCase =
      !/\.$/.test(lineText) &&
      content.length >= 3 &&
      capContent.length / content.length >= 0.7 &&
      capOrdinary.length >= 2;
    if (capsLine || titleCase || (!terminal && alpha.length <= 8)) headingLines.add(line);
  }

  // Initial positions: the first word of a sentence, or the first after an opening quote.
  const toks: Tok[] = [];
  const bySentence: Tok[][] = sentences.map(() => []);
  let prevSentence = -1;
  let sawWord = false;
  let prevEnd = 0;
  for (const r of raws) {
    if (r.sentence !== prevSentence) {
      prevSentence = r.sentence;
      sawWord = false;
      prevEnd = sentences[r.sentence]?.start ?? r.fullStart;
    }
    const gap = text.slice(prevEnd, r.fullStart);
    const afterQuote = /[“"‘«]\s*$/.test(gap) || /:\s*$/.test(gap);
    const isWordish = /\p{L}/u.test(r.text);
    const initial = isWordish && (!sawWord || afterQuote);
    if (isWordish) sawWord = true;
    prevEnd = r.fullEnd;
    const lower = r.text.toLowerCase().replace(/[’ʼ‘]/g, "'");
    const tok: Tok = {
      idx: toks.length,
      start: r.start,
      end: r.end,
      fullStart: r.fullStart,
      fullEnd: r.fullEnd,
      text: r.text,
      fullText: text.slice(r.fullStart, r.fullEnd),
      lower,
      cap: isUpper(r.text[0]) || /^\p{Ll}+[-‐‑]\p{Lu}/u.test(r.text),
      caps: isAllCaps(r.text),
      lowerTail: r.lowerTail,
      sentence: r.sentence,
      line: r.line,
      heading: headingLines.has(r.line),
      initial,
      lex: lexiconTags(lower),
    };
    toks.push(tok);
    bySentence[r.sentence]?.push(tok);
  }
  const capSeenMid = new Set<string>();
  for (const t of toks) if (t.cap && !t.initial && !t.heading && !t.caps) capSeenMid.add(t.lower);
  return { ...partial, toks, bySentence, capSeenMid };
}

/** The part of a word that can be (part of) a name, and whether a lower-case tail was cut off. */
function namePortion(
  text: string,
  start: number,
  end: number,
  word: string,
): { start: number; end: number; text: string; lowerTail: boolean } {
  const parts: { start: number; end: number; text: string }[] = [];
  let offset = 0;
  for (const p of word.split(/([-‐‑])/)) {
    if (p.length === 1 && /[-‐‑]/.test(p)) {
      offset += 1;
      continue;
    }
    parts.push({ start: start + offset, end: start + offset + p.length, text: p });
    offset += p.length;
  }
  const upperAt = (i: number) => isUpper(parts[i]?.text[0]);
  let s = start;
  let e = end;
  let lowerTail = false;
  if (parts.length > 1) {
    const fc = parts.findIndex((_, i) => upperAt(i));
    if (fc >= 0) {
      const p0 = parts[0]?.text ?? '';
      if (fc === 1 && HYPHEN_PARTICLES.has(p0)) s = start;
      else if (fc > 0 && LOWER_PREFIXES.has(p0.toLowerCase())) s = parts[fc]?.start ?? start;
      else if (fc > 0) s = parts[fc]?.start ?? start;
      let k = fc;
      for (;;) {
        if (upperAt(k + 1)) k += 1;
        else if (HYPHEN_PARTICLES.has(parts[k + 1]?.text ?? '') && upperAt(k + 2)) k += 2;
        else break;
      }
      e = parts[k]?.end ?? end;
      lowerTail = k < parts.length - 1;
    }
  }
  if (e === end) e = possessiveEnd(text, s, e);
  return { start: s, end: e, text: text.slice(s, e), lowerTail };
}

// ---------------------------------------------------------------------------------------------
// Candidates

type CandKind = 'name' | 'place' | 'acronym' | 'money' | 'nominal';

interface Cand extends Span {
  readonly kind: CandKind;
  readonly text: string;
  /** Normalised-name key of the group this candidate belongs to. */
  key: string;
  readonly words: number;
  readonly sentence: number;
  guess: GuessKey;
  confidence: number;
  reason: string;
  /** Display name of the actor. */
  name: string;
  /** An acronym written in brackets right after this name: "(HND)". */
  bracketAcronym?: string;
  /** Found by looking again for a name found elsewhere. */
  again?: boolean;
}

interface Guess {
  readonly guess: GuessKey;
  readonly confidence: number;
  readonly reason: string;
}

const PLACE_GUESS: Record<PlaceKind, Guess> = {
  country: { guess: 'state', confidence: 0.85, reason: 'country name' },
  capital: { guess: 'location', confidence: 0.8, reason: 'capital city' },
  city: { guess: 'location', confidence: 0.75, reason: 'city name' },
  region: { guess: 'location', confidence: 0.7, reason: 'region name' },
};

/** "LIMA" → "Lima", "NEW YORK" → "New York"; other names unchanged. */
function displayName(s: string): string {
  if (!isAllCaps(s) || s.replace(/[^\p{L}]/gu, '').length <= 3) return s;
  return s
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/\b(?:Of|The|And|De|Da|Du|La|Le|Al|El)\b/g, (w: string, offset: number) =>
      offset === 0 ? w : w.toLowerCase(),
    );
}

/** Gazetteer matches in Title Case or capitals; short names ("US", "UK") in capitals only. */
function findPlaces(ctx: Context): Cand[] {
  const { places, maxWords, firstWords } = gazetteer();
  const out: Cand[] = [];
  for (const sent of ctx.bySentence) {
    for (let i = 0; i < sent.length; i++) {
      const first = sent[i];
      if (!first || !first.cap) continue;
      if (!firstWords.has(first.fullText.toLowerCase()) && !firstWords.has(first.lower)) continue;
      for (let n = Math.min(maxWords, sent.length - i); n >= 1; n--) {
        const run = sent.slice(i, i + n);
        const last = run[run.length - 1];
        if (!last) continue;
        let ok = true;
        for (let k = 1; k < run.length; k++) {
          const a = run[k - 1];
          const b = run[k];
          if (!a || !b || !/^[ \t\u00a0]+$/.test(ctx.text.slice(a.fullEnd, b.fullStart))) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        const start = n === 1 ? first.start : first.fullStart;
        const end = n === 1 ? first.end : last.end;
        if (n > 1 && (first.start !== first.fullStart || last.fullStart !== last.start)) continue;
        const surface = ctx.text.slice(start, end);
        const kind = places.get(surface.toLowerCase().replace(/[’ʼ‘]/g, "'").replace(/\s+/g, ' '));
        if (!kind) continue;
        const letters = surface.replace(/[^\p{L}]/gu, '');
        const capsOk = isAllCaps(surface);
        const titleOk = run.every(
          (t) => t.cap || /^(of|the|and|da|de|du|la|le|el|al|del|do|dos|das|y)$/.test(t.lower),
        );
        if (
          letters.length <= 3 ? surface !== surface.toUpperCase() || !capsOk : !(capsOk || titleOk)
        )
          continue;
        const g = PLACE_GUESS[kind];
        out.push({
          start,
          end,
          kind: 'place',
          text: surface,
          key: normaliseName(surface),
          words: n,
          sentence: first.sentence,
          guess: g.guess,
          confidence: g.confidence,
          reason: g.reason,
          name: displayName(surface),
        });
        i += n - 1;
        break;
      }
    }
  }
  return out;
}

/** Runs of capitalised words joined by spaces, particles, initials and "of (the)" after a cue. */
function rawChunks(ctx: Context, sent: readonly Tok[]): Tok[][] {
  const out: Tok[][] = [];
  const cueWord = (t: Tok) =>
    GOVERNMENT_WORDS.has(t.lower) ||
    ARMED_WORDS.has(t.lower) ||
    MEDIA_WORDS.has(t.lower) ||
    TITLES.has(t.lower) ||
    isOrgWord(t.lower) ||
    isPlaceWord(t.lower) ||
    /^(republic|kingdom|union|bank|university|league|party|people|islands?|sea|gulf)$/.test(
      t.lower,
    );
  const nameish = (t: Tok) =>
    t.cap &&
    /\p{L}/u.test(t.text) &&
    !has(t.lex, DATE_TAGS) &&
    t.text !== 'I' &&
    !/['’](ll|re|ve|d|m|t)$/i.test(t.text) &&
    !/^\p{Lu}\p{Ll}+\p{N}+$/u.test(t.text);
  const joinable = (a: Tok, b: Tok) => {
    if (a.end !== a.fullEnd || b.start !== b.fullStart) return false;
    const gap = ctx.text.slice(a.fullEnd, b.fullStart);
    if (/^[ \t\u00a0]+$/.test(gap)) return true;
    // "J. K. Rowling", "Mr. Smith", "St. Petersburg"
    return (
      /^\.[ \t\u00a0]+$/.test(gap) &&
      (/^\p{Lu}$/u.test(a.text) || TITLES.has(a.lower) || /^(st|mt|ft)$/.test(a.lower))
    );
  };
  let i = 0;
  while (i < sent.length) {
    const t = sent[i];
    if (!t || !nameish(t)) {
      i++;
      continue;
    }
    const chunk: Tok[] = [t];
    let j = i + 1;
    while (j < sent.length) {
      const prev = chunk[chunk.length - 1];
      const next = sent[j];
      if (!prev || !next || !joinable(prev, next)) break;
      if (nameish(next)) {
        chunk.push(next);
        j++;
        continue;
      }
      // Connectors: keep them only when a capitalised word follows.
      const connectors: Tok[] = [];
      let k = j;
      let p = prev;
      while (k < sent.length && connectors.length < 2) {
        const c = sent[k];
        if (!c || c.cap || !joinable(p, c)) break;
        const ok =
          NAME_PARTICLES.has(c.lower) ||
          (c.lower === 'of' && connectors.length === 0 && cueWord(prev)) ||
          (c.lower === 'the' && connectors[connectors.length - 1]?.lower === 'of');
        if (!ok) break;
        connectors.push(c);
        p = c;
        k++;
      }
      const after = sent[k];
      if (connectors.length > 0 && after && nameish(after) && joinable(p, after)) {
        chunk.push(...connectors, after);
        j = k + 1;
        continue;
      }
      break;
    }
    out.push(chunk);
    i = j;
  }
  return out;
}

function nextIsVerbOrAnd(ctx: Context, t: Tok): boolean {
  const sent = ctx.bySentence[t.sentence] ?? [];
  const pos = sent.indexOf(t);
  const next = sent[pos + 1];
  if (!next) return false;
  if (/^(and|or|&)$/.test(next.lower)) return true;
  if (/^\s*,/.test(ctx.text.slice(t.fullEnd, next.fullStart))) return false;
  return has([...ctx.tagsOf(next)], ['Verb', 'Auxiliary', 'Modal', 'Copula']);
}

/** Whether a capitalised word at a sentence's start or in a heading is a name. */
function acceptAtStart(ctx: Context, chunk: readonly Tok[], t: Tok): boolean {
  if (strongEvidence(ctx, t)) return true;
  if (t.heading) return ctx.bylineLines.has(t.line) && !/^by$/i.test(t.text);
  if (ctx.capSeenMid.has(t.lower) && !isCommon(ctx, t.lower)) return true;
  if (!unknownWord(ctx, t)) return false;
  return chunk.length > 1 || nextIsVerbOrAnd(ctx, t);
}

interface Part {
  readonly toks: readonly Tok[];
  readonly title?: string;
}

/** Splits a chunk at a title: "Chilean Foreign Ministry Spokesman Pablo Rojas" → two parts. */
function splitAtTitle(ctx: Context, toks: readonly Tok[]): Part[] {
  for (let k = 0; k < toks.length - 1; k++) {
    const t = toks[k];
    if (!t || !TITLES.has(t.lower)) continue;
    let end = k + 1;
    while (end < toks.length) {
      const x = toks[end];
      if (
        !x ||
        !(TITLES.has(x.lower) || TITLE_MODIFIERS.has(x.lower) || /^(of|the)$/.test(x.lower))
      )
        break;
      end++;
    }
    const right = toks.slice(end);
    const head = right[0];
    const tail = right[right.length - 1];
    // "General Motors", "Prince Edward Island": the words after are the organisation's or place's.
    if (!head || !tail || right.length > 4) continue;
    if (isCommon(ctx, head.lower) && !strongEvidence(ctx, head)) continue;
    if (isOrgWord(tail.lower) || isPlaceWord(tail.lower) || GOVERNMENT_WORDS.has(tail.lower))
      continue;
    let start = k;
    while (start > 0 && TITLE_MODIFIERS.has(toks[start - 1]?.lower ?? '')) start--;
    const title = toks
      .slice(start, end)
      .map((x) => x.text)
      .join(' ');
    let left = toks.slice(0, start);
    // One word before a title is most often a nationality ("Togolese Prime Minister …").
    const only = left[0];
    if (left.length === 1 && only && !strongEvidence(ctx, only)) left = [];
    return [...(left.length > 0 ? [{ toks: left }] : []), { toks: right, title }];
  }
  // A title at the end names no one: "the Foreign Ministry Spokeswoman" keeps the ministry.
  let end = toks.length;
  if (TITLES.has(toks[end - 1]?.lower ?? '')) {
    end--;
    while (end > 0 && TITLE_MODIFIERS.has(toks[end - 1]?.lower ?? '')) end--;
  }
  return end > 0 ? [{ toks: toks.slice(0, end) }] : [];
}

function keepPart(ctx: Context, part: Part): boolean {
  const toks = part.toks;
  const first = toks[0];
  if (!first) return false;
  const cue = toks.some(
    (t) =>
      GOVERNMENT_WORDS.has(t.lower) ||
      ARMED_WORDS.has(t.lower) ||
      MEDIA_WORDS.has(t.lower) ||
      isOrgWord(t.lower),
  );
  if (toks.length === 1) {
    if (first.text.replace(/[^\p{L}]/gu, '').length < 2) return false;
    if (has(first.lex, ['Demonym', ...DATE_TAGS, 'Pronoun', 'Determiner'])) return false;
    if (TITLES.has(first.lower) || TITLE_MODIFIERS.has(first.lower)) return false;
    if (first.caps) return isAcronym(ctx, first) || !!placeKind(first.text);
    if (strongEvidence(ctx, first)) return true;
    // A word in quotes is a word being talked about ("Cancel", "Reselect"), not an actor.
    const before = ctx.text[first.fullStart - 1] ?? '';
    const after = ctx.text[first.fullEnd] ?? '';
    if (/["“‘']/.test(before) && /["”’']/.test(after)) return false;
    if (part.title) return true;
    if (isCommon(ctx, first.lower)) return cue && !first.initial && !first.heading;
    return true;
  }
  // Several words: not when every one is an ordinary word, unless a cue word makes it a body
  // ("Foreign Ministry"); not a run of capitals with an ordinary word in it (emphasis, UI labels).
  if (toks.every((t) => t.caps) && toks.some((t) => isCommon(ctx, t.lower))) return false;
  const ordinary = (t: Tok) =>
    NAME_PARTICLES.has(t.lower) ||
    /^(of|the)$/.test(t.lower) ||
    (isCommon(ctx, t.lower) && !strongEvidence(ctx, t)) ||
    has(t.lex, ['Demonym']);
  if (toks.every(ordinary)) return cue && toks.some((t) => !has(t.lex, ['Demonym']));
  return true;
}

function wordOf(toks: readonly Tok[], words: Set<string>): Tok | undefined {
  return toks.find((t) => words.has(t.lower));
}

/** The type of a name from what is in it and just before it. */
function guessPart(ctx: Context, part: Part): Guess {
  const toks = part.toks;
  const first = toks[0];
  const last = toks[toks.length - 1];
  if (!first || !last)
    return { guess: 'organisation', confidence: 0.3, reason: 'capitalised word' };
  const surface = ctx.text.slice(first.start, last.end);
  const place = placeKind(surface);
  const single = toks.length === 1;
  const media = wordOf(toks, MEDIA_WORDS);
  const armed = wordOf(toks, ARMED_WORDS);
  const gov = wordOf(toks, GOVERNMENT_WORDS);
  if (media && (!single || !first.initial))
    return { guess: 'media', confidence: 0.7, reason: `'${media.text}' in the name (news outlet)` };
  if (armed && (!single || !first.initial))
    return {
      guess: 'armed-group',
      confidence: 0.65,
      reason: `'${armed.text}' in the name (armed group)`,
    };
  if (gov && (!single || !first.initial))
    return {
      guess: 'government',
      confidence: 0.7,
      reason: `'${gov.text}' in the name (government body)`,
    };
  if (place) return PLACE_GUESS[place];
  if (part.title)
    return { guess: 'person', confidence: 0.8, reason: `title '${part.title}' before a name` };
  const before = (ctx.bySentence[first.sentence] ?? [])[
    (ctx.bySentence[first.sentence] ?? []).indexOf(first) - 1
  ];
  if (
    before &&
    TITLES.has(before.lower) &&
    /^[ \t\u00a0]+$/.test(ctx.text.slice(before.fullEnd, first.fullStart))
  )
    return { guess: 'person', confidence: 0.8, reason: `title '${before.text}' before a name` };
  if (ctx.bylineLines.has(first.line) && first.heading && toks.length <= 4)
    return { guess: 'person', confidence: 0.8, reason: 'byline ("By …")' };
  if (has(first.lex, GIVEN_NAME_TAGS) && !first.caps)
    return single
      ? { guess: 'person', confidence: 0.6, reason: `given name '${first.text}'` }
      : { guess: 'person', confidence: 0.75, reason: `given name '${first.text}'` };
  if (!single && /^\p{Lu}$/u.test(first.text))
    return { guess: 'person', confidence: 0.7, reason: 'initials before a surname' };
  const lexWhole = lexiconTags(surface.toLowerCase());
  if (has(lexWhole, ['Person']))
    return { guess: 'person', confidence: 0.75, reason: 'known personal name' };
  if (has(lexWhole, ['Organization', 'SportsTeam']))
    return { guess: 'organisation', confidence: 0.65, reason: 'known organisation' };
  if (!single && isOrgWord(last.lower))
    return {
      guess: 'organisation',
      confidence: 0.55,
      reason: `'${last.text}' ends the name (organisation)`,
    };
  if (!single && isPlaceWord(last.lower))
    return { guess: 'location', confidence: 0.55, reason: `'${last.text}' ends the name (place)` };
  if (has(last.lex, ['LastName']))
    return { guess: 'person', confidence: single ? 0.5 : 0.6, reason: `surname '${last.text}'` };
  if (single && first.caps)
    return { guess: 'organisation', confidence: 0.5, reason: 'all-capital acronym' };
  if (single && isCamel(first.text))
    return {
      guess: 'organisation',
      confidence: 0.5,
      reason: 'mixed-case name (company or product)',
    };
  if (!single && toks.length <= 3 && toks.every((t) => !t.caps))
    return {
      guess: 'person',
      confidence: 0.45,
      reason: 'two or three capitalised words (a personal name?)',
    };
  if (!single) return { guess: 'organisation', confidence: 0.4, reason: 'capitalised name' };
  if (first.initial)
    return {
      guess: 'organisation',
      confidence: 0.3,
      reason: 'unfamiliar capitalised word before a verb',
    };
  return { guess: 'organisation', confidence: 0.35, reason: 'capitalised word inside a sentence' };
}

function findNames(ctx: Context, progress: (fraction: number) => void): Cand[] {
  const out: Cand[] = [];
  const passing = sentenceProgress(ctx.bySentence.length, progress);
  for (const [si, sent] of ctx.bySentence.entries()) {
    passing(si);
    for (const raw of rawChunks(ctx, sent)) {
      let chunk = raw;
      // Headings: keep only words with evidence, and what a given name or initial leads.
      const segments: Tok[][] = [];
      if (chunk[0]?.heading) {
        let cur: Tok[] = [];
        let led = false;
        for (const t of chunk) {
          const strong = acceptAtStart(ctx, chunk, t);
          const particle = NAME_PARTICLES.has(t.lower);
          if (strong || (cur.length > 0 && (particle || (led && !isCommon(ctx, t.lower))))) {
            if (cur.length === 0)
              led =
                has(t.lex, GIVEN_NAME_TAGS) ||
                /^\p{Lu}$/u.test(t.text) ||
                ctx.bylineLines.has(t.line);
            cur.push(t);
          } else {
            if (cur.length > 0) segments.push(cur);
            cur = [];
            led = false;
          }
        }
        if (cur.length > 0) segments.push(cur);
      } else {
        while (chunk.length > 0) {
          const head = chunk[0];
          if (!head || !head.initial || acceptAtStart(ctx, chunk, head)) break;
          chunk = chunk.slice(1);
          // Connectors left in front ("of the") go too.
          while (chunk.length > 0 && !chunk[0]?.cap) chunk = chunk.slice(1);
        }
        if (chunk.length > 0) segments.push(chunk);
      }
      for (const seg of segments) {
        // Trailing particles never end a name.
        let s = seg;
        while (s.length > 0 && !s[s.length - 1]?.cap) s = s.slice(0, -1);
        for (const part of splitAtTitle(ctx, s)) {
          if (!keepPart(ctx, part)) continue;
          const first = part.toks[0];
          const last = part.toks[part.toks.length - 1];
          if (!first || !last) continue;
          const g = guessPart(ctx, part);
          const start = first.start;
          const end = last.end;
          const surface = ctx.text.slice(start, end);
          const bracket = /^\s*\(\s*(\p{Lu}[\p{Lu}\p{N}&.-]{1,9})\s*\)/u.exec(
            ctx.text.slice(end, end + 16),
          );
          out.push({
            start,
            end,
            kind: part.toks.length === 1 && first.caps ? 'acronym' : 'name',
            text: surface,
            key: normaliseName(surface),
            words: part.toks.length,
            sentence: first.sentence,
            guess: g.guess,
            confidence: g.confidence,
            reason: g.reason,
            name: surface,
            ...(bracket?.[1] && bracket[1] !== surface ? { bracketAcronym: bracket[1] } : {}),
          });
        }
      }
    }
  }
  return out;
}

/** Lower-case nominals for unnamed armed groups: "rebel factions", "Andean army units". */
function findNominals(ctx: Context, progress: (fraction: number) => void): Cand[] {
  const out: Cand[] = [];
  const passing = sentenceProgress(ctx.bySentence.length, progress);
  for (const [si, sent] of ctx.bySentence.entries()) {
    passing(si);
    for (let i = 0; i < sent.length; i++) {
      const head = sent[i];
      if (!head || head.cap || !ARMED_NOMINAL_HEADS.has(head.lower)) continue;
      let startIdx = i;
      for (let j = i - 1; j >= 0 && i - j <= 3; j--) {
        const p = sent[j];
        const nextTok = sent[j + 1];
        if (!p || !nextTok || !/^[ \t\u00a0]+$/.test(ctx.text.slice(p.fullEnd, nextTok.fullStart)))
          break;
        if (QUANTIFIERS.has(p.lower) || has(p.lex, ['Value', 'Cardinal', 'Ordinal'])) break;
        const tags = [...ctx.tagsOf(p)];
        if (p.cap) {
          if (has(p.lex, ['Demonym'])) {
            startIdx = j;
            continue;
          }
          break;
        }
        if (
          has(tags, ['Pronoun', 'Possessive', 'Determiner', 'Preposition', 'Conjunction', 'Value'])
        )
          break;
        if (has(tags, ['Adjective', 'Noun']) && !has(tags, ['Verb'])) {
          startIdx = j;
          continue;
        }
        if (has(tags, ['PastTense', 'Participle'])) {
          const before = sent[j - 1];
          const beforeTags = before ? [...ctx.tagsOf(before)] : [];
          if (!before || has(beforeTags, ['Conjunction', 'Determiner', 'Preposition']))
            startIdx = j;
        }
        break;
      }
      if (startIdx === i) continue;
      const first = sent[startIdx];
      if (!first) continue;
      const surface = ctx.text.slice(first.fullStart, head.end);
      out.push({
        start: first.fullStart,
        end: head.end,
        kind: 'nominal',
        text: surface,
        key: normaliseName(surface),
        words: i - startIdx + 1,
        sentence: head.sentence,
        guess: 'armed-group',
        confidence: 0.35,
        reason: `'${head.text}' with words describing them (an unnamed armed group)`,
        name: surface,
      });
    }
  }
  return out;
}

const MONEY =
  /(?:[$€£¥₽]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand|bn|mn|m|k)\b)?)|(?:\b\d[\d,.]*\s?(?:million|billion|trillion|thousand)?\s?(?:dollars|euros|pounds|yen|roubles|rubles|yuan|USD|EUR|GBP)\b)/gu;

function findMoney(ctx: Context): Cand[] {
  const out: Cand[] = [];
  for (const m of ctx.text.matchAll(MONEY)) {
    const start = m.index;
    let end = start + m[0].length;
    while (end > start && /[.,\s]/.test(ctx.text[end - 1] ?? '')) end--;
    const surface = ctx.text.slice(start, end);
    out.push({
      start,
      end,
      kind: 'money',
      text: surface,
      key: normaliseName(surface),
      words: surface.split(/\s+/).length,
      sentence: -1,
      guess: 'money',
      confidence: 0.7,
      reason: 'sum of money',
      name: surface,
    });
  }
  return out;
}

/** Keeps the longest, then most confident, candidates that do not overlap `blocked` or each other. */
function resolve(cands: readonly Cand[], blocked: SpanSet): Cand[] {
  const sorted = [...cands].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start,
  );
  const out: Cand[] = [];
  for (const c of sorted) {
    if (c.end <= c.start || blocked.overlaps(c)) continue;
    blocked.add(c);
    out.push(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Groups: one actor per normalised name, after linking surnames and acronyms.

interface Group {
  key: string;
  name: string;
  guess: GuessKey;
  confidence: number;
  reason: string;
  members: Cand[];
}

function groupCandidates(ctx: Context, cands: readonly Cand[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const c of cands) {
    const g = groups.get(c.key);
    if (!g) {
      groups.set(c.key, {
        key: c.key,
        name: c.name,
        guess: c.guess,
        confidence: c.confidence,
        reason: c.reason,
        members: [c],
      });
    } else {
      g.members.push(c);
      if (c.confidence > g.confidence) {
        g.guess = c.guess;
        g.confidence = c.confidence;
        g.reason = c.reason;
      }
      if (c.words > 0 && c.name.length > g.name.length && hasLower(c.name)) g.name = c.name;
    }
  }

  const merge = (from: Group, into: Group, reason: string, takeGuess: boolean) => {
    if (from === into) return;
    for (const m of from.members) {
      m.key = into.key;
      into.members.push(m);
    }
    groups.delete(from.key);
    if (takeGuess && from.confidence > into.confidence) {
      into.guess = from.guess;
      into.confidence = from.confidence;
    }
    into.reason = `${into.reason}; ${reason}`;
  };

  // Acronyms in brackets after a long form, then acronyms equal to a long form's initials.
  for (const c of cands) {
    if (!c.bracketAcronym) continue;
    const long = groups.get(c.key);
    const short = groups.get(normaliseName(c.bracketAcronym));
    if (!long || !short || long === short) continue;
    if (long.guess === 'person' && long.confidence < 0.6) {
      long.guess = 'organisation';
      long.confidence = 0.55;
      long.reason = 'name followed by its abbreviation in brackets';
    }
    merge(short, long, `'${c.bracketAcronym}' abbreviates it`, false);
  }
  const byInitials = new Map<string, Group[]>();
  for (const g of groups.values()) {
    if (g.guess === 'person' || g.members.every((m) => m.kind === 'acronym')) continue;
    const ini = initials(g.name);
    if (!ini) continue;
    byInitials.set(ini, [...(byInitials.get(ini) ?? []), g]);
  }
  for (const g of [...groups.values()]) {
    if (!g.members.every((m) => m.kind === 'acronym')) continue;
    const longs = byInitials.get(g.name.replace(/\./g, '').toUpperCase());
    if (longs?.length === 1 && longs[0]) merge(g, longs[0], `'${g.name}' is its initials`, false);
  }

  // A lone surname goes with the one full name that ends with it.
  const bySurname = new Map<string, Group[]>();
  for (const g of groups.values()) {
    if (g.guess !== 'person') continue;
    for (const s of surnames(g.name)) {
      const k = normaliseName(s);
      bySurname.set(k, [...(bySurname.get(k) ?? []), g]);
    }
  }
  for (const g of [...groups.values()]) {
    if (g.name.includes(' ')) continue;
    const persons = bySurname.get(g.key);
    const person = persons?.length === 1 ? persons[0] : undefined;
    if (person && person !== g) {
      merge(g, person, `'${g.name}' is the surname`, false);
    }
  }

  // Context for organisations the cues could not place: armed-group and news-outlet contexts.
  for (const g of groups.values()) {
    if (g.guess !== 'organisation' || g.confidence > 0.6) continue;
    let armed = 0;
    let media = 0;
    let places = 0;
    let armedWord = '';
    let placeWord = '';
    for (const m of g.members) {
      const sent = ctx.bySentence[m.sentence] ?? [];
      const idx = sent.findIndex((t) => t.start >= m.start);
      const endIdx = sent.findIndex((t) => t.start >= m.end);
      const lo = Math.max(0, idx - 8);
      const hi = endIdx < 0 ? sent.length : Math.min(sent.length, endIdx + 8);
      for (let i = lo; i < hi; i++) {
        const t = sent[i];
        if (t && (t.start < m.start || t.start >= m.end) && ARMED_CONTEXT.has(t.lower)) {
          armed++;
          armedWord ||= t.text;
        }
      }
      const prev = idx > 0 ? sent[idx - 1] : undefined;
      const prev2 = idx > 1 ? sent[idx - 2] : undefined;
      if (
        prev?.lower === 'of' &&
        prev2 &&
        (isPlaceWord(prev2.lower) || prev2.lower === 'capital')
      ) {
        places++;
        placeWord ||= prev2.text;
      }
      const next = endIdx >= 0 ? sent[endIdx] : undefined;
      if (
        (prev && /^(told|tells)$/.test(prev.lower)) ||
        (prev?.lower === 'to' && prev2 && SPEECH_VERBS.has(prev2.lower)) ||
        (next && MEDIA_AFTER.has(next.lower))
      )
        media++;
    }
    if (places > 0 && armed === 0 && media === 0) {
      g.guess = 'location';
      g.confidence = 0.5;
      g.reason = `${g.reason}; '${placeWord} of' before it (place)`;
    } else if (armed > 0 && armed >= media) {
      g.guess = 'armed-group';
      g.confidence = 0.5;
      g.reason = `${g.reason}; '${armedWord}' nearby (armed group)`;
    } else if (media > 0) {
      g.guess = 'media';
      g.confidence = 0.5;
      g.reason = `${g.reason}; spoken to or reporting (news outlet)`;
    }
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------

export interface DiscoverOptions {
  /** Spans no suggestion may overlap; defaults to the document's mentions. */
  readonly blocked?: readonly Span[];
  /** The type mapping to use; defaults to `mapTypes(doc.entityTypes)`. */
  readonly mapping?: TypeMapping;
  /** Told now and then how far discovery is, from 0 to 1 (last). */
  readonly onProgress?: (fraction: number) => void;
}

export function discover(doc: AriadneDocument, options: DiscoverOptions = {}): MentionSuggestion[] {
  if (doc.text.trim() === '') return [];
  const mapping = options.mapping ?? mapTypes(doc.entityTypes);
  // The shares of the whole each step takes, roughly (a profile of 100,000 words): most of the
  // time goes to tagging the sentences that names and nominals are looked for in.
  const progress = options.onProgress ?? (() => {});
  const ctx = buildContext(doc, mapping);
  progress(0.25);
  const blockedSpans = options.blocked ?? doc.mentions.flatMap((m) => m.spans);

  const cands: Cand[] = [
    ...findNames(ctx, (f) => progress(0.25 + 0.15 * f)),
    ...findPlaces(ctx),
    ...findNominals(ctx, (f) => progress(0.4 + 0.4 * f)),
  ];
  if (mapping.money !== undefined) cands.push(...findMoney(ctx));
  // Places first at equal length: a gazetteer hit has the better type.
  const firstPass = resolve(
    cands.map((c) => (c.kind === 'place' ? { ...c, confidence: c.confidence + 0.001 } : c)),
    new SpanSet(blockedSpans),
  );
  for (const c of firstPass) if (c.kind === 'place') c.confidence -= 0.001;

  const groups = groupCandidates(ctx, firstPass);
  progress(0.85);

  // Every name found is looked for again, everywhere (headings, sentence starts).
  const finder = new FormFinder(ctx.text);
  const taken = new SpanSet([...blockedSpans, ...firstPass]);
  const extra: Cand[] = [];
  for (const g of groups.values()) {
    if (g.guess === 'money') continue;
    const forms = new Set<string>([g.name, ...g.members.map((m) => m.text)]);
    for (const form of forms) {
      if (form.replace(/[^\p{L}]/gu, '').length < 2) continue;
      for (const m of finder.find(form)) {
        if (m.caseClass === 'capitalised') continue;
        extra.push({
          start: m.start,
          end: m.end,
          kind: 'name',
          text: ctx.text.slice(m.start, m.end),
          key: g.key,
          words: form.split(/\s+/).length,
          sentence: -1,
          again: true,
          guess: g.guess,
          confidence: g.confidence * 0.9,
          reason: g.reason,
          name: g.name,
        });
      }
    }
  }
  const secondPass = resolve(extra, taken);

  const existing = actorNames(doc);
  const out: MentionSuggestion[] = [];
  for (const c of [...firstPass, ...secondPass]) {
    const g = groups.get(c.key);
    const guess = g?.guess ?? c.guess;
    if (guess === 'money' && mapping.money === undefined) continue;
    const name = g?.name ?? c.name;
    const confidence = round(c.again && g ? g.confidence * 0.9 : (g?.confidence ?? c.confidence));
    const reason = c.again
      ? `${g?.reason ?? c.reason} (same name as found elsewhere)`
      : (g?.reason ?? c.reason);
    const span = { start: c.start, end: c.end };
    const known = existing.get(normaliseName(name)) ?? existing.get(normaliseName(c.text));
    if (known) {
      out.push({
        id: `s-m-${c.start}-${c.end}`,
        kind: 'mention',
        origin: 'discovery',
        spans: [span],
        text: ctx.text.slice(c.start, c.end),
        entityId: known.id,
        name: known.name,
        type: known.type,
        guess,
        confidence,
        reason: `another mention of ${known.name} (found as a name)`,
      });
      continue;
    }
    out.push({
      id: `s-m-${c.start}-${c.end}`,
      kind: 'entity',
      origin: 'discovery',
      spans: [span],
      text: ctx.text.slice(c.start, c.end),
      name,
      type: typeFor(mapping, guess),
      guess,
      confidence,
      reason,
    });
  }
  out.sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0));
  progress(1);
  return out;
}
