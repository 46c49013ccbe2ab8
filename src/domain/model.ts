/**
 * The document model: one annotated text, its actors (entities), every place the text names them
 * (mentions) and what they did to each other (relations), each relation carrying its evidence.
 *
 * Offsets everywhere in the model are UTF-16 code units into `AriadneDocument.text`, end exclusive,
 * so `text.slice(start, end)` is the quoted text. Formats that count otherwise (brat counts Unicode
 * code points) convert at their adapter; see `offsets.ts`.
 */

export const FORMAT_VERSION = 'ariadne/1' as const;

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A span with the text it quotes, so a reader of the JSON can check it by eye. */
export interface Quote extends Span {
  readonly text: string;
}

/** The node shapes Cytoscape draws that a type may ask for. */
export const NODE_SHAPES = [
  'ellipse',
  'round-rectangle',
  'rectangle',
  'diamond',
  'hexagon',
  'octagon',
  'triangle',
  'round-triangle',
  'star',
  'barrel',
  'tag',
  'vee',
] as const;

export type NodeShape = (typeof NODE_SHAPES)[number];

/** Keys of the actor types every new document starts with, in display order. */
export const DEFAULT_ENTITY_TYPE_KEYS = [
  'person',
  'state',
  'government',
  'armed-group',
  'media',
  'location',
] as const;

/** An actor type or a relation type: a stable key and what a reader sees. */
export interface TypeDef {
  readonly key: string;
  readonly label: string;
  /** CSS colour; when absent the palette picks one from the key. */
  readonly color?: string;
  readonly shape?: NodeShape;
  /** Relation types only: true when direction carries no meaning ("allied with"). */
  readonly symmetric?: boolean;
}

/** A link to an outside knowledge base (brat `N` lines): Wikidata, Wikipedia, a URL. */
export interface ExternalRef {
  readonly source: string;
  readonly id: string;
  readonly label?: string;
}

export type AttributeValue = string | boolean;

export interface Entity {
  readonly id: string;
  /** Canonical name, shown on the node and as the panel heading. */
  readonly name: string;
  /** Key of one of `AriadneDocument.entityTypes`. */
  readonly type: string;
  /** Other names the text uses; search matches these too. */
  readonly aliases: readonly string[];
  /**
   * `actor` for who and what the article is about; `event` for a brat event trigger, which becomes a
   * node whose arguments are relations from it (see docs/format.md).
   */
  readonly kind?: 'actor' | 'event';
  readonly description?: string;
  readonly refs?: readonly ExternalRef[];
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  readonly notes?: readonly string[];
}

export interface Mention {
  readonly id: string;
  readonly entityId: string;
  /** One span, or several for a discontinuous mention (brat `0 5;10 15`), in text order. */
  readonly spans: readonly Span[];
  /** The spans' text joined by a single space (as brat writes it). */
  readonly text: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  readonly notes?: readonly string[];
}

/**
 * How firmly the text asserts a relation: `stated` as fact by the author or an on-record speaker,
 * `reported` through an unnamed or second-hand source, `possible` when hedged or conditional.
 */
export type Certainty = 'stated' | 'reported' | 'possible';
export const CERTAINTIES: readonly Certainty[] = ['stated', 'reported', 'possible'];

export interface Relation {
  readonly id: string;
  /** Key of one of `AriadneDocument.relationTypes`. */
  readonly type: string;
  readonly source: string;
  readonly target: string;
  /** The sentence or sentences that state the relation, quoted. */
  readonly evidence: readonly Quote[];
  readonly certainty?: Certainty;
  /** Why an evidence sentence does not name both ends (e.g. "she" refers back), or other context. */
  readonly note?: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

export type BlockKind = 'title' | 'byline' | 'heading' | 'paragraph';

/** A part of the text as it reads: headline, byline, subheading or paragraph. */
export interface Block extends Span {
  readonly kind: BlockKind;
}

export interface DocumentSource {
  readonly name?: string;
  readonly author?: string;
  readonly url?: string;
  readonly published?: string;
  /** Where the document came from in this app: built in, imported file names, pasted. */
  readonly origin?: string;
}

export interface AriadneDocument {
  readonly format: typeof FORMAT_VERSION;
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly language?: string;
  readonly source?: DocumentSource;
  readonly entityTypes: readonly TypeDef[];
  readonly relationTypes: readonly TypeDef[];
  /** When absent, blocks are derived from the text's lines (see `blocks.ts`). */
  readonly blocks?: readonly Block[];
  readonly entities: readonly Entity[];
  readonly mentions: readonly Mention[];
  readonly relations: readonly Relation[];
}

/** Joins the spans' text the way brat writes a discontinuous mention. */
export function spansText(text: string, spans: readonly Span[]): string {
  return spans.map((s) => text.slice(s.start, s.end)).join(' ');
}

export function quote(text: string, span: Span): Quote {
  return { start: span.start, end: span.end, text: text.slice(span.start, span.end) };
}
