/**
 * The suggestions the panel lists for a document: other mentions of its actors, new names, and
 * relations between known actors that the engine is at least fairly sure of.
 */
import type { AriadneDocument } from '../../domain/model';
import { suggestMentions } from '../../domain/suggest/mentions';
import { suggestRelations } from '../../domain/suggest/relations';
import type { MentionSuggestion, RelationSuggestion } from '../../domain/suggest/types';

export interface Found {
  readonly mentions: MentionSuggestion[];
  readonly relations: RelationSuggestion[];
}

/** Relations below this confidence are too often wrong to be worth the reader's time. */
export const MIN_RELATION_CONFIDENCE = 0.3;

export function findSuggestions(doc: AriadneDocument): Found {
  const mentions = suggestMentions(doc);
  const relations = suggestRelations(doc, { mentions: [] }).filter(
    (r) => r.source.entityId && r.target.entityId && r.confidence >= MIN_RELATION_CONFIDENCE,
  );
  return { mentions, relations };
}
