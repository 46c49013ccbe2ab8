/**
 * Mention suggestions: propagation, then discovery, with overlaps resolved.
 */
import type { AriadneDocument } from '../model';
import { discover } from './discover';
import { propagate } from './propagate';
import { SpanSet, normaliseName } from './text';
import { mapTypes } from './type-map';
import type { MentionSuggestion } from './types';

export interface SuggestMentionsOptions {
  /** Look for new names too (default true); false gives propagation alone, without NLP. */
  readonly discovery?: boolean;
  /** Told now and then how far it is, from 0 to 1 (last, when it looks for new names). */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Mention suggestions for a document: propagation of its actors' names, then discovery of new
 * names. None overlaps an existing mention or another suggestion: where they would, propagation wins
 * (except a derived surname or initials inside a longer discovered name), then the longer span, then
 * the more confident. Sorted by start offset.
 */
export function suggestMentions(
  doc: AriadneDocument,
  options: SuggestMentionsOptions = {},
): MentionSuggestion[] {
  const propagated = propagate(doc);
  if (options.discovery === false) return propagated;
  const existing = doc.mentions.flatMap((m) => m.spans);
  const progress = options.onProgress;
  progress?.(0.1);
  const discovered = discover(doc, {
    mapping: mapTypes(doc.entityTypes),
    blocked: existing,
    // Propagation takes about a tenth of the time when the document has many actors.
    ...(progress ? { onProgress: (f: number) => progress(0.1 + 0.9 * f) } : {}),
  });
  // A propagated surname or initials inside a longer discovered name yields to it ("Rowling" of
  // "Joanne Rowling" inside "Jo Rowling"); any other propagation wins.
  const known = new Map<string, Set<string>>();
  for (const e of doc.entities) known.set(e.id, new Set([e.name, ...e.aliases].map(normaliseName)));
  for (const m of doc.mentions) known.get(m.entityId)?.add(normaliseName(m.text));
  const derived = (s: MentionSuggestion) =>
    s.entityId !== undefined && !known.get(s.entityId)?.has(normaliseName(s.text));
  const contains = (outer: MentionSuggestion, inner: MentionSuggestion) => {
    const o = outer.spans[0];
    const i = inner.spans[0];
    return !!o && !!i && o.start <= i.start && i.end <= o.end && o.end - o.start > i.end - i.start;
  };
  const yielding = new Set(
    propagated.filter((p) => derived(p) && discovered.some((d) => contains(d, p))),
  );
  const kept = propagated.filter((p) => !yielding.has(p));
  const taken = new SpanSet([...existing, ...kept.flatMap((s) => s.spans)]);
  const out = [...kept];
  const ordered = [...discovered].sort((a, b) => {
    const la = (a.spans[0]?.end ?? 0) - (a.spans[0]?.start ?? 0);
    const lb = (b.spans[0]?.end ?? 0) - (b.spans[0]?.start ?? 0);
    return lb - la || b.confidence - a.confidence;
  });
  for (const s of ordered) {
    if (s.spans.some((span) => taken.overlaps(span))) continue;
    for (const span of s.spans) taken.add(span);
    out.push(s);
  }
  // A yielded propagation comes back if the longer name did not make it after all.
  for (const p of yielding) {
    if (p.spans.some((span) => taken.overlaps(span))) continue;
    for (const span of p.spans) taken.add(span);
    out.push(p);
  }
  return out.sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0));
}
