/**
 * Candidate relations: two different actors (annotated, or suggested by `suggestMentions`) named in
 * one sentence, labelled by the verb phrase between them, with the sentence as evidence.
 *
 * The label is the verb group between the two names (auxiliaries, modals, "to" + verb, particles),
 * extended by a short object and preposition when they lead straight to the second name ("declared
 * war on", "has taken part in", "lives in"), or by the preposition that follows it ("warned of"). A passive with "by" is turned round: "Google was founded by Larry Page" suggests Larry Page
 * — founded — Google. Two names joined by "and" before a verb share it ("YouTube and Google merged"
 * → "merged", less sure). Names with no verb between or after them are paired as "mentioned with",
 * least sure, so a view can hide them.
 */
import type { AriadneDocument, Span } from '../model';
import { quote } from '../model';
import { sentenceAt } from '../indexes';
import { splitSentences } from '../sentences';
import { suggestMentions } from './mentions';
import { termsIn } from './nlp';
import type { Term } from './nlp';
import { round } from './propagate';
import { normaliseName } from './text';
import type { MentionSuggestion, RelationEnd, RelationSuggestion } from './types';
import { sentenceProgress } from './progress';

export interface SuggestRelationsOptions {
  /** Mention suggestions to pair as candidates; computed with `suggestMentions(doc)` when absent. */
  readonly mentions?: readonly MentionSuggestion[];
  /** Pairs further apart than this many names in one sentence are not suggested (default 4). */
  readonly maxDistance?: number;
  /** Told now and then how far it is through the sentences, from 0 to 1 (last). */
  readonly onProgress?: (fraction: number) => void;
}

interface Item {
  readonly span: Span;
  readonly end: RelationEnd;
  readonly identity: string;
  readonly existing: boolean;
}

const PREPOSITIONS = new Set([
  'to',
  'of',
  'in',
  'on',
  'at',
  'with',
  'from',
  'for',
  'by',
  'into',
  'against',
  'about',
  'over',
  'toward',
  'towards',
  'under',
  'near',
  'after',
  'before',
  'between',
  'across',
  'through',
  'within',
  'without',
  'as',
]);

const has = (t: Term | undefined, ...tags: string[]) => !!t && tags.some((x) => t.tags.has(x));
const isVerbish = (t: Term | undefined) => has(t, 'Verb', 'Auxiliary', 'Modal', 'Copula');
const isPrep = (t: Term | undefined) =>
  !!t && (has(t, 'Preposition') || PREPOSITIONS.has(t.text.toLowerCase()));
const isNounish = (t: Term | undefined) =>
  has(t, 'Noun', 'Adjective') && !has(t, 'Pronoun', 'Determiner', 'Possessive', 'Verb');
const ADVERBS = new Set([
  'now',
  'still',
  'already',
  'also',
  'currently',
  'recently',
  'reportedly',
  'allegedly',
  'again',
  'then',
  'once',
  'just',
  'never',
  'not',
]);
const isAdverb = (t: Term | undefined) =>
  !!t && (has(t, 'Adverb') || ADVERBS.has(t.text.toLowerCase())) && !isPrep(t);
const BE = /^(is|are|was|were|be|been|being|am|'s|’s)$/i;

interface Phrase {
  readonly label: string;
  readonly passive: boolean;
}

const PUNCTUATION = /[,;:()[\]–—"“”]/;

/**
 * The verb phrase in `terms` (the words between two names, or after them), or undefined when there
 * is none. A phrase never runs across punctuation.
 */
function verbPhrase(
  text: string,
  terms: readonly Term[],
  reachesTarget: boolean,
  finalPrep?: Term,
): Phrase | undefined {
  let i = terms.findIndex(isVerbish);
  if (i < 0) return undefined;
  // Consecutive words with nothing between them but spaces (a name in between was left out).
  const joined = (a: Term | undefined, b: Term | undefined) => {
    if (!a || !b) return false;
    const gap = text.slice(a.end, b.start);
    return !PUNCTUATION.test(gap) && !/[\p{L}\p{N}]/u.test(gap);
  };
  const before = terms[i - 1];
  if (before && before.text.toLowerCase() === 'to' && joined(before, terms[i])) i--;
  const group: Term[] = [];
  while (i < terms.length) {
    const t = terms[i];
    const next = terms[i + 1];
    if (!t) break;
    if (group.length > 0 && !joined(group[group.length - 1], t)) break;
    const lower = t.text.toLowerCase();
    if (
      isVerbish(t) ||
      has(t, 'Negative', 'Particle') ||
      (isAdverb(t) && isVerbish(next) && joined(t, next)) ||
      (lower === 'to' && isVerbish(next) && !has(next, 'Noun'))
    ) {
      group.push(t);
      i++;
    } else break;
  }
  if (group.length === 0) return undefined;
  let rest = terms.slice(i);
  // The rest only counts up to the first punctuation.
  const cut = rest.findIndex((t, k) => !joined(k === 0 ? group[group.length - 1] : rest[k - 1], t));
  const reaches = reachesTarget && cut < 0;
  if (cut >= 0) rest = rest.slice(0, cut);
  let adverbs = 0;
  while (adverbs < rest.length && isAdverb(rest[adverbs])) adverbs++;
  const core = rest.slice(adverbs);
  const last = core[core.length - 1];
  let tail: readonly Term[] = [];
  if (
    reaches &&
    core.length > 0 &&
    core.length <= 3 &&
    isPrep(last) &&
    core.slice(0, -1).every(isNounish)
  ) {
    // "declared war on X", "has taken part in X", "are now in X"
    tail = rest;
  } else if (core[0] && isPrep(core[0]) && (reaches || cut >= 0)) {
    // "warned of a new wave of attacks by X" → "warned of"
    tail = rest.slice(0, adverbs + 1);
  }
  const reached = reaches && tail.length === rest.length;
  // When a name in between cut the phrase short, its preposition is that name's, not the target's:
  // "was founded by Larry Page and Sergey Brin in California" → "was founded in" for California.
  const cutShort = cut >= 0 && !tail.includes(finalPrep as Term);
  const words = cutShort
    ? [
        ...group,
        ...(finalPrep &&
        rest.length === 1 &&
        isPrep(rest[0]) &&
        !PUNCTUATION.test(text.slice(rest[0]?.end ?? 0, finalPrep.start))
          ? [finalPrep]
          : []),
      ]
    : [...group, ...tail];
  const lowerWords = words.map((t) => t.text.toLowerCase());
  const lastWord = words[words.length - 1];
  const passive =
    lastWord?.text.toLowerCase() === 'by' &&
    (reached || lastWord === finalPrep) &&
    lowerWords.some((w) => BE.test(w)) &&
    group.some((t) => has(t, 'Passive', 'PastTense', 'Participle') && !BE.test(t.text));
  if (passive) {
    const core = lowerWords.slice(0, -1).filter((w) => !BE.test(w) && !/^(has|have|had)$/.test(w));
    return { label: core.join(' '), passive: true };
  }
  return { label: lowerWords.join(' '), passive: false };
}

function endOf(item: Item): RelationEnd {
  return item.end;
}

export function suggestRelations(
  doc: AriadneDocument,
  options: SuggestRelationsOptions = {},
): RelationSuggestion[] {
  const text = doc.text;
  if (text.trim() === '') return [];
  const maxDistance = options.maxDistance ?? 4;
  const actors = new Map(doc.entities.filter((e) => e.kind !== 'event').map((e) => [e.id, e]));
  const mentions = options.mentions ?? suggestMentions(doc);

  const items: Item[] = [];
  for (const m of doc.mentions) {
    const e = actors.get(m.entityId);
    const first = m.spans[0];
    const last = m.spans[m.spans.length - 1];
    if (!e || !first || !last) continue;
    const span = { start: first.start, end: last.end };
    items.push({
      span,
      identity: e.id,
      existing: true,
      end: { span, text: m.text, name: e.name, type: e.type, entityId: e.id },
    });
  }
  for (const s of mentions) {
    const span = s.spans[0];
    if (!span) continue;
    const identity = s.entityId ?? `name:${normaliseName(s.name)}`;
    items.push({
      span,
      identity,
      existing: false,
      end: {
        span,
        text: s.text,
        name: s.name,
        type: s.type,
        suggestionId: s.id,
        ...(s.entityId !== undefined ? { entityId: s.entityId } : {}),
      },
    });
  }
  items.sort((a, b) => a.span.start - b.span.start || Number(b.existing) - Number(a.existing));

  const sentences = splitSentences(text, doc.language ?? 'en');
  const bySentence: Item[][] = sentences.map(() => []);
  let lastEnd = -1;
  for (const it of items) {
    if (it.span.start < lastEnd) continue; // overlapping item: the annotated one came first
    const s = sentenceAt(sentences, it.span.start);
    const sent = sentences[s];
    if (!sent || it.span.end > sent.end) continue;
    bySentence[s]?.push(it);
    lastEnd = it.span.end;
  }

  // Existing relations, so a pair already related in a sentence is not suggested again there.
  const related = new Set<string>();
  for (const r of doc.relations) {
    for (const q of r.evidence) {
      const s = sentenceAt(sentences, q.start);
      related.add(`${s}|${r.source}|${r.target}`);
      related.add(`${s}|${r.target}|${r.source}`);
    }
  }

  const out: RelationSuggestion[] = [];
  const progress = options.onProgress ?? (() => {});
  const passing = sentenceProgress(bySentence.length, progress);
  for (const [si, list] of bySentence.entries()) {
    passing(si);
    const sent = sentences[si];
    if (!sent || new Set(list.map((i) => i.identity)).size < 2) continue;
    const sentTerms = termsIn(text, sent.start, sent.end).filter(
      (t) => !list.some((it) => t.start < it.span.end && it.span.start < t.end),
    );
    const evidence = quote(text, sent);
    // Lists of names ("Amazon, Apple, Google, and Facebook"): for each name, the last name of the
    // list it starts, when the list has an "and" or "or".
    const listEnd = list.map((_, a) => {
      let k = a;
      let conj = false;
      for (;;) {
        const x = list[k];
        const y = list[k + 1];
        if (!x || !y) break;
        const gap = text.slice(x.span.end, y.span.start);
        if (!/^[\s,]*(?:(?:and|or|&|as well as)[\s,]*)?$/i.test(gap)) break;
        if (/\b(?:and|or)\b|&/i.test(gap)) conj = true;
        k++;
      }
      return conj ? k : a;
    });
    const best = new Map<string, RelationSuggestion>();
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length && b - a <= maxDistance; b++) {
        const A = list[a];
        const B = list[b];
        if (!A || !B || A.identity === B.identity) continue;
        const ea = A.end.entityId;
        const eb = B.end.entityId;
        if (ea && eb && related.has(`${si}|${ea}|${eb}`)) continue;
        // When B ends a list ("by Larry Page and Sergey Brin"), read up to the list's first name.
        let anchor = b;
        for (let k = a + 1; k < b; k++) {
          if ((listEnd[k] ?? k) >= b) {
            anchor = k;
            break;
          }
        }
        const target = list[anchor] ?? B;
        const between = sentTerms.filter(
          (t) => t.start >= A.span.end && t.end <= target.span.start,
        );
        const coordinated = b <= (listEnd[a] ?? a);
        let label: string | undefined;
        let passive = false;
        let confidence: number;
        let reason: string;
        const lastBetween = between[between.length - 1];
        // Whether the last word between leads straight to the target (no name or comma after it).
        const direct =
          !!lastBetween &&
          !/[\p{L}\p{N},;:()–—]/u.test(text.slice(lastBetween.end, target.span.start));
        const finalPrep = direct && isPrep(lastBetween) ? lastBetween : undefined;
        const phrase = coordinated ? undefined : verbPhrase(text, between, direct, finalPrep);
        if (phrase && phrase.label !== '') {
          label = phrase.label;
          passive = phrase.passive;
          const others = list
            .slice(a + 1, anchor)
            .filter((it) => it.identity !== A.identity && it.identity !== B.identity).length;
          confidence = 0.6 - 0.1 * Math.min(3, others) - (between.length > 15 ? 0.15 : 0);
          reason = passive
            ? `'${B.end.text}' ${label} '${A.end.text}' (passive turned round)`
            : `verb phrase '${label}' between them`;
        } else if (coordinated) {
          const lastOfList = list[listEnd[a] ?? b] ?? B;
          const after = sentTerms.filter((t) => t.start >= lastOfList.span.end);
          const nextItem = list[(listEnd[a] ?? b) + 1];
          const upto = nextItem ? after.filter((t) => t.end <= nextItem.span.start) : after;
          const shared = isVerbish(upto.find((t) => !isAdverb(t)))
            ? verbPhrase(text, upto, false)
            : undefined;
          if (shared && shared.label !== '') {
            label = shared.label;
            confidence = 0.3;
            reason = `both named before '${label}'`;
          } else {
            label = 'mentioned with';
            confidence = 0.15;
            reason = 'named together in one sentence';
          }
        } else {
          label = 'mentioned with';
          confidence = 0.15;
          reason = 'named in the same sentence';
        }
        const [src, tgt] = passive ? [B, A] : [A, B];
        const s: RelationSuggestion = {
          id: `s-r-${A.span.start}-${B.span.start}`,
          kind: 'relation',
          spans: [A.span, B.span],
          text: `${src.end.text} — ${label} — ${tgt.end.text}`,
          source: endOf(src),
          target: endOf(tgt),
          label,
          evidence,
          confidence: round(confidence),
          reason,
        };
        const key = [A.identity, B.identity].sort().join('|');
        const prev = best.get(key);
        if (!prev || prev.confidence < s.confidence) best.set(key, s);
      }
    }
    out.push(
      ...[...best.values()].sort((x, y) => (x.spans[0]?.start ?? 0) - (y.spans[0]?.start ?? 0)),
    );
  }
  progress(1);
  return out;
}
