/**
 * Suggestions are data: something the engine thinks the annotator may want to add, with where, what,
 * how sure it is and why. Nothing here changes a document; `applySuggestion` does, on request.
 *
 * - `mention`: another place the text names an actor the document already has (`entityId` set).
 * - `entity`: a name found in the text that no actor holds yet; applying it creates the actor (or
 *   reuses one whose name or alias matches `name`) and adds the mention.
 * - `relation`: two actors (or candidates) named in one sentence, labelled by the verb phrase that
 *   links them, with that sentence as evidence.
 */
import { DEFAULT_ENTITY_TYPE_KEYS } from '../model';
import type { Quote, Span } from '../model';

/**
 * Our own guesses of what a name is, before they are mapped onto a document's types (see
 * `type-map.ts`): the six default actor types, a generic `organisation` for companies and bodies the
 * cues cannot place, and `money` for amounts (offered only when the document has a money type).
 */
export const GUESS_KEYS = [...DEFAULT_ENTITY_TYPE_KEYS, 'organisation', 'money'] as const;

export type GuessKey = (typeof GUESS_KEYS)[number];

/** Where a mention suggestion came from; propagation wins over discovery when they overlap. */
export type SuggestionOrigin = 'propagation' | 'discovery';

interface SuggestionBase {
  /** Stable for the same document text and annotations: built from kind and offsets. */
  readonly id: string;
  /** 0 (a guess) to 1 (all but certain); a view may hide suggestions below a threshold. */
  readonly confidence: number;
  /** Why, in words a reader understands: "another mention of Peru", "country name". */
  readonly reason: string;
}

export interface MentionSuggestion extends SuggestionBase {
  readonly kind: 'mention' | 'entity';
  readonly origin: SuggestionOrigin;
  /** One span (the engine never proposes discontinuous mentions). */
  readonly spans: readonly Span[];
  /** The spans' text, exactly as in the document. */
  readonly text: string;
  /** The existing actor this is another mention of (kind `mention`). */
  readonly entityId?: string;
  /**
   * The actor's name: the existing entity's name, or for a new one the fullest form found ("Pablo
   * Rojas" for a later "Rojas", "Lima" for a dateline "LIMA", the long form for an
   * acronym introduced in brackets).
   */
  readonly name: string;
  /**
   * Key of the document's entity type for this actor: the existing entity's type, or the guess
   * mapped onto the document's types. When no declared type fits the guess, this is the guess key
   * itself and `applySuggestion` declares it.
   */
  readonly type: string;
  /** The engine's own guess before mapping (absent for propagation, which copies the type). */
  readonly guess?: GuessKey;
}

/** One end of a relation suggestion: an existing actor, or a candidate from a mention suggestion. */
export interface RelationEnd {
  readonly span: Span;
  readonly text: string;
  readonly name: string;
  readonly type: string;
  readonly entityId?: string;
  /** The mention suggestion this end comes from, when it is not yet an annotated mention. */
  readonly suggestionId?: string;
}

export interface RelationSuggestion extends SuggestionBase {
  readonly kind: 'relation';
  /** The two ends' spans, in text order. */
  readonly spans: readonly Span[];
  /** A readable summary: "Pablo Rojas — lives in — Chile". */
  readonly text: string;
  readonly source: RelationEnd;
  readonly target: RelationEnd;
  /** The verb phrase linking the two ends, lower-cased: "declared war on", "lives in". */
  readonly label: string;
  /** The sentence that names both ends. */
  readonly evidence: Quote;
}

export type Suggestion = MentionSuggestion | RelationSuggestion;
