/**
 * Applying a suggestion: a pure function from a document to a new document.
 *
 * - A mention or entity suggestion adds the mention. Its actor is the suggestion's `entityId` when
 *   that actor exists; otherwise an actor whose name or alias matches the suggestion's name (or its
 *   text) once normalised (case, apostrophes, possessive, white space); otherwise a new actor named
 *   `name`, typed `type`. A type the document does not declare is declared (with the default type's
 *   colour and shape when it is one of the six defaults, else with our label for the guess). A reused
 *   actor gains the mention's text as an alias when it is a new spelling, not just a case variant.
 * - A relation suggestion resolves each end to an actor (the end's `entityId`, else the actor with a
 *   mention exactly on the end's span, else as above, adding the mention) and adds a relation typed
 *   by its label (reusing a relation type whose key or label matches), with certainty `stated` and
 *   the sentence as evidence.
 *
 * A suggestion that no longer fits the document (a span out of bounds, overlapping an existing
 * mention, a relation between one actor and itself) leaves the document unchanged.
 */
import type { AriadneDocument, Entity, Mention, Relation, Span, TypeDef } from '../model';
import { quote, spansText } from '../model';
import { defaultEntityTypes, slugify } from '../formats/plain-text';
import { SpanSet, normaliseName } from './text';
import { guessedTypeLabel, isGuessKey } from './type-map';
import type { GuessKey, MentionSuggestion, RelationEnd, Suggestion } from './types';

function usedIds(doc: AriadneDocument): Set<string> {
  return new Set([
    ...doc.entities.map((e) => e.id),
    ...doc.mentions.map((m) => m.id),
    ...doc.relations.map((r) => r.id),
  ]);
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function validSpan(text: string, s: Span): boolean {
  return (
    Number.isInteger(s.start) &&
    Number.isInteger(s.end) &&
    s.start >= 0 &&
    s.end <= text.length &&
    s.start < s.end
  );
}

/** The document with `type` declared (unchanged when it already is). */
function withEntityType(doc: AriadneDocument, type: string, guess?: GuessKey): AriadneDocument {
  if (doc.entityTypes.some((t) => t.key === type)) return doc;
  const fromDefaults = defaultEntityTypes().find((t) => t.key === type);
  const label = fromDefaults?.label ?? guessedTypeLabel(type, guess);
  const def: TypeDef = fromDefaults ?? { key: type, label };
  return { ...doc, entityTypes: [...doc.entityTypes, def] };
}

function findActor(doc: AriadneDocument, names: readonly string[]): Entity | undefined {
  const wanted = names.map(normaliseName).filter((n) => n !== '');
  for (const w of wanted) {
    const hit = doc.entities.find(
      (e) => e.kind !== 'event' && [e.name, ...e.aliases].some((n) => normaliseName(n) === w),
    );
    if (hit) return hit;
  }
  return undefined;
}

interface MentionRequest {
  readonly spans: readonly Span[];
  readonly name: string;
  readonly type: string;
  readonly guess?: GuessKey;
  readonly entityId?: string;
}

/** Adds a mention (and its actor if needed); undefined when it does not fit the document. */
function addMention(
  doc: AriadneDocument,
  req: MentionRequest,
): { doc: AriadneDocument; entityId: string } | undefined {
  const spans = [...req.spans].sort((a, b) => a.start - b.start);
  if (spans.length === 0 || !spans.every((s) => validSpan(doc.text, s))) return undefined;
  const existing = new SpanSet(doc.mentions.flatMap((m) => m.spans));
  if (spans.some((s) => existing.overlaps(s))) return undefined;
  const text = spansText(doc.text, spans);
  const used = usedIds(doc);

  let next = doc;
  let entity =
    (req.entityId !== undefined
      ? doc.entities.find((e) => e.id === req.entityId && e.kind !== 'event')
      : undefined) ?? findActor(doc, [req.name, text]);
  if (entity) {
    const known = [entity.name, ...entity.aliases].map(normaliseName);
    if (!known.includes(normaliseName(text))) {
      const updated: Entity = {
        ...entity,
        aliases: [...entity.aliases, text.replace(/\s+/g, ' ').trim()],
      };
      next = { ...next, entities: next.entities.map((e) => (e.id === updated.id ? updated : e)) };
      entity = updated;
    }
  } else {
    next = withEntityType(next, req.type, req.guess);
    const name = req.name.trim() === '' ? text : req.name.trim();
    const aliases =
      normaliseName(name) === normaliseName(text) ? [] : [text.replace(/\s+/g, ' ').trim()];
    entity = {
      id: uniqueId(`e-${slugify(name)}`, used),
      name,
      type: req.type,
      aliases,
    };
    next = { ...next, entities: [...next.entities, entity] };
  }
  const mention: Mention = {
    id: uniqueId(`m-${spans[0]?.start ?? 0}`, used),
    entityId: entity.id,
    spans: spans.map((s) => ({ start: s.start, end: s.end })),
    text,
  };
  const at = next.mentions.findIndex((m) => (m.spans[0]?.start ?? 0) > (spans[0]?.start ?? 0));
  const mentions =
    at < 0
      ? [...next.mentions, mention]
      : [...next.mentions.slice(0, at), mention, ...next.mentions.slice(at)];
  return { doc: { ...next, mentions }, entityId: entity.id };
}

function resolveEnd(
  doc: AriadneDocument,
  end: RelationEnd,
): { doc: AriadneDocument; entityId: string } | undefined {
  if (end.entityId !== undefined && doc.entities.some((e) => e.id === end.entityId)) {
    return { doc, entityId: end.entityId };
  }
  const onSpan = doc.mentions.find(
    (m) =>
      m.spans[0]?.start === end.span.start && m.spans[m.spans.length - 1]?.end === end.span.end,
  );
  if (onSpan) return { doc, entityId: onSpan.entityId };
  const guess = isGuessKey(end.type) ? end.type : undefined;
  return addMention(doc, {
    spans: [end.span],
    name: end.name,
    type: end.type,
    ...(guess ? { guess } : {}),
  });
}

const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function withRelationType(
  doc: AriadneDocument,
  label: string,
): { doc: AriadneDocument; key: string } {
  const clean = label.trim() === '' ? 'related to' : label.trim();
  const slug = slugify(clean, 60);
  const found = doc.relationTypes.find(
    (t) => t.key === slug || squash(t.label) === squash(clean) || squash(t.key) === squash(clean),
  );
  if (found) return { doc, key: found.key };
  const keys = new Set(doc.relationTypes.map((t) => t.key));
  const key = uniqueId(slug, keys);
  return { doc: { ...doc, relationTypes: [...doc.relationTypes, { key, label: clean }] }, key };
}

function applyMention(doc: AriadneDocument, s: MentionSuggestion): AriadneDocument {
  return (
    addMention(doc, {
      spans: s.spans,
      name: s.name,
      type: s.type,
      ...(s.guess ? { guess: s.guess } : {}),
      ...(s.entityId !== undefined ? { entityId: s.entityId } : {}),
    })?.doc ?? doc
  );
}

export function applySuggestion(doc: AriadneDocument, suggestion: Suggestion): AriadneDocument {
  if (suggestion.kind !== 'relation') return applyMention(doc, suggestion);
  if (!validSpan(doc.text, suggestion.evidence)) return doc;
  const a = resolveEnd(doc, suggestion.source);
  if (!a) return doc;
  const b = resolveEnd(a.doc, suggestion.target);
  if (!b || a.entityId === b.entityId) return doc;
  const typed = withRelationType(b.doc, suggestion.label);
  const used = usedIds(typed.doc);
  const relation: Relation = {
    id: uniqueId(`r-${slugify(suggestion.label, 30)}`, used),
    type: typed.key,
    source: a.entityId,
    target: b.entityId,
    evidence: [quote(doc.text, suggestion.evidence)],
    certainty: 'stated',
  };
  return { ...typed.doc, relations: [...typed.doc.relations, relation] };
}
