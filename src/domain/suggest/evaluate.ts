/**
 * Measures the suggestion engine against an annotated document (pure; `scripts/eval.ts` reads the
 * files and prints the tables).
 *
 * Two modes:
 * - `plain`: the text with every annotation removed (as `importPlainText` gives it) but with the gold
 *   document's entity types, so guesses can be mapped onto them. Only discovery can find anything.
 * - `seeded`: the first mention of each gold actor is kept (the actor named by that mention's text,
 *   with no aliases, no relations); the other gold mentions are to be recovered by propagation and
 *   discovery. The kept mentions are not counted.
 *
 * What is counted:
 * - Gold mentions are the mentions of actors: brat event triggers (entities of kind `event`) are
 *   verbs, not names, and are left out (their number is reported).
 * - Spans, exact: a suggestion counts when a gold mention has exactly its span.
 * - Spans, overlapping: a suggestion counts when it overlaps a gold mention not yet matched.
 * - Typed: exact span and the suggestion's type equals the gold mention's type (its own brat type
 *   when it differs from its entity's).
 * - Relation pairs (recall only): a gold relation between two actors is recovered when some suggested
 *   relation joins a mention of one to a mention of the other (either direction). Event pairs: the
 *   same for every two actors that are arguments of one brat event ("YouTube merged with Google").
 */
import { importPlainText } from '../formats/plain-text';
import type { AriadneDocument, Entity, Mention, Span } from '../model';
import { suggestMentions } from './mentions';
import { suggestRelations } from './relations';
import { spansOverlap } from './text';
import { mapTypes } from './type-map';
import type { TypeMapping } from './type-map';
import type { MentionSuggestion, RelationSuggestion } from './types';

export type EvalMode = 'plain' | 'seeded';

export interface Counts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface Recall {
  readonly hit: number;
  readonly total: number;
}

export interface DocEvaluation {
  readonly name: string;
  readonly mode: EvalMode;
  /** Gold actor mentions counted (after removing seeds in `seeded` mode). */
  readonly gold: number;
  readonly predicted: number;
  /** Gold mentions of brat events left out. */
  readonly eventMentions: number;
  readonly exact: Counts;
  readonly overlap: Counts;
  readonly typed: Counts;
  readonly relations: Recall;
  readonly eventPairs: Recall;
  readonly relationSuggestions: number;
  readonly mapping: TypeMapping;
  readonly suggestions: readonly MentionSuggestion[];
}

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Precision, recall and F1; an empty side counts as 1 (nothing to find, nothing wrongly found). */
export function scores(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export function addRecall(a: Recall, b: Recall): Recall {
  return { hit: a.hit + b.hit, total: a.total + b.total };
}

const ZERO: Counts = { tp: 0, fp: 0, fn: 0 };

export interface Totals {
  readonly files: number;
  readonly gold: number;
  readonly predicted: number;
  readonly exact: Counts;
  readonly overlap: Counts;
  readonly typed: Counts;
  readonly relations: Recall;
  readonly eventPairs: Recall;
}

/** Micro-average: counts summed over documents. */
export function total(evals: readonly DocEvaluation[]): Totals {
  let t: Totals = {
    files: 0,
    gold: 0,
    predicted: 0,
    exact: ZERO,
    overlap: ZERO,
    typed: ZERO,
    relations: { hit: 0, total: 0 },
    eventPairs: { hit: 0, total: 0 },
  };
  for (const e of evals) {
    t = {
      files: t.files + 1,
      gold: t.gold + e.gold,
      predicted: t.predicted + e.predicted,
      exact: addCounts(t.exact, e.exact),
      overlap: addCounts(t.overlap, e.overlap),
      typed: addCounts(t.typed, e.typed),
      relations: addRecall(t.relations, e.relations),
      eventPairs: addRecall(t.eventPairs, e.eventPairs),
    };
  }
  return t;
}

const spanKey = (spans: readonly Span[]) => spans.map((s) => `${s.start}-${s.end}`).join(',');

function goldType(m: Mention, e: Entity): string {
  const own = m.attributes?.['brat:type'];
  return typeof own === 'string' ? own : e.type;
}

interface GoldMention {
  readonly mention: Mention;
  readonly type: string;
}

function countMentions(gold: readonly GoldMention[], predicted: readonly MentionSuggestion[]) {
  // Exact and typed: multiset of gold span keys.
  const byKey = new Map<string, string[]>();
  for (const g of gold) {
    const k = spanKey(g.mention.spans);
    byKey.set(k, [...(byKey.get(k) ?? []), g.type]);
  }
  const typedLeft = new Map([...byKey].map(([k, v]) => [k, [...v]]));
  let exactTp = 0;
  let typedTp = 0;
  for (const p of predicted) {
    const k = spanKey(p.spans);
    const left = byKey.get(k);
    if (left && left.length > 0) {
      exactTp++;
      left.pop();
    }
    const types = typedLeft.get(k);
    const i = types ? types.indexOf(p.type) : -1;
    if (types && i >= 0) {
      typedTp++;
      types.splice(i, 1);
    }
  }
  // Overlap: one-to-one, in text order.
  const matched = new Set<number>();
  let overlapTp = 0;
  const sortedPred = [...predicted].sort(
    (a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0),
  );
  for (const p of sortedPred) {
    const idx = gold.findIndex(
      (g, i) =>
        !matched.has(i) && g.mention.spans.some((gs) => p.spans.some((ps) => spansOverlap(gs, ps))),
    );
    if (idx >= 0) {
      matched.add(idx);
      overlapTp++;
    }
  }
  const n = predicted.length;
  const g = gold.length;
  return {
    exact: { tp: exactTp, fp: n - exactTp, fn: g - exactTp },
    overlap: { tp: overlapTp, fp: n - overlapTp, fn: g - overlapTp },
    typed: { tp: typedTp, fp: n - typedTp, fn: g - typedTp },
  };
}

function pairRecall(
  pairs: readonly (readonly [string, string])[],
  mentionsOf: ReadonlyMap<string, readonly Span[]>,
  suggested: readonly RelationSuggestion[],
): Recall {
  const hits = (spans: readonly Span[] | undefined, s: Span) =>
    !!spans && spans.some((x) => spansOverlap(x, s));
  let hit = 0;
  for (const [a, b] of pairs) {
    const ma = mentionsOf.get(a);
    const mb = mentionsOf.get(b);
    const found = suggested.some(
      (r) =>
        (hits(ma, r.source.span) && hits(mb, r.target.span)) ||
        (hits(mb, r.source.span) && hits(ma, r.target.span)),
    );
    if (found) hit++;
  }
  return { hit, total: pairs.length };
}

/** The input the engine sees in each mode. */
export function evaluationInput(
  gold: AriadneDocument,
  mode: EvalMode,
  name = gold.id,
): AriadneDocument {
  const actors = gold.entities.filter((e) => e.kind !== 'event');
  if (mode === 'plain') {
    const plain = importPlainText(name, gold.text);
    return {
      ...plain,
      entityTypes: gold.entityTypes,
      ...(gold.language ? { language: gold.language } : {}),
    };
  }
  const firstMention = new Map<string, Mention>();
  for (const m of gold.mentions) {
    const prev = firstMention.get(m.entityId);
    if (!prev || (m.spans[0]?.start ?? 0) < (prev.spans[0]?.start ?? 0))
      firstMention.set(m.entityId, m);
  }
  const seededActors = actors.filter((e) => firstMention.has(e.id));
  return {
    ...gold,
    entities: seededActors.map((e) => ({
      id: e.id,
      type: e.type,
      name: firstMention.get(e.id)?.text ?? e.name,
      aliases: [],
    })),
    mentions: seededActors.flatMap((e) => {
      const m = firstMention.get(e.id);
      return m ? [{ id: m.id, entityId: m.entityId, spans: m.spans, text: m.text }] : [];
    }),
    relations: [],
  };
}

export function evaluateDocument(
  gold: AriadneDocument,
  mode: EvalMode,
  name: string = gold.id,
): DocEvaluation {
  const entityById = new Map(gold.entities.map((e) => [e.id, e]));
  const isActor = (id: string) => {
    const e = entityById.get(id);
    return !!e && e.kind !== 'event';
  };
  const input = evaluationInput(gold, mode, name);
  const seeds = new Set(input.mentions.map((m) => m.id));
  const goldMentions: GoldMention[] = [];
  let eventMentions = 0;
  for (const m of gold.mentions) {
    const e = entityById.get(m.entityId);
    if (!e) continue;
    if (e.kind === 'event') {
      eventMentions++;
      continue;
    }
    if (mode === 'seeded' && seeds.has(m.id)) continue;
    goldMentions.push({ mention: m, type: goldType(m, e) });
  }

  const mentions = suggestMentions(input);
  const relations = suggestRelations(input, { mentions });

  const mentionsOf = new Map<string, Span[]>();
  for (const m of gold.mentions)
    mentionsOf.set(m.entityId, [...(mentionsOf.get(m.entityId) ?? []), ...m.spans]);

  const relationPairs: [string, string][] = gold.relations
    .filter((r) => isActor(r.source) && isActor(r.target) && r.source !== r.target)
    .map((r) => [r.source, r.target]);
  const eventArgs = new Map<string, Set<string>>();
  for (const r of gold.relations) {
    if (!isActor(r.source) && entityById.get(r.source)?.kind === 'event' && isActor(r.target)) {
      const set = eventArgs.get(r.source) ?? new Set<string>();
      set.add(r.target);
      eventArgs.set(r.source, set);
    }
  }
  const eventPairs: [string, string][] = [];
  for (const args of eventArgs.values()) {
    const list = [...args];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (a && b) eventPairs.push([a, b]);
      }
  }

  return {
    name,
    mode,
    gold: goldMentions.length,
    predicted: mentions.length,
    eventMentions,
    ...countMentions(goldMentions, mentions),
    relations: pairRecall(relationPairs, mentionsOf, relations),
    eventPairs: pairRecall(eventPairs, mentionsOf, relations),
    relationSuggestions: relations.length,
    mapping: mapTypes(input.entityTypes),
    suggestions: mentions,
  };
}
