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

/** How far the engine is: reading the text for names, then pairing actors in each sentence. */
export interface SuggestProgress {
  readonly stage: 'names' | 'relations';
  /** From 0 to 1, within the stage. */
  readonly fraction: number;
}

/** Relations below this confidence are too often wrong to be worth the reader's time. */
export const MIN_RELATION_CONFIDENCE = 0.3;

export function findSuggestions(
  doc: AriadneDocument,
  onProgress?: (progress: SuggestProgress) => void,
): Found {
  const report = (stage: SuggestProgress['stage']) =>
    onProgress ? { onProgress: (fraction: number) => onProgress({ stage, fraction }) } : {};
  onProgress?.({ stage: 'names', fraction: 0 });
  const mentions = suggestMentions(doc, report('names'));
  const relations = suggestRelations(doc, { mentions: [], ...report('relations') }).filter(
    (r) => r.source.entityId && r.target.entityId && r.confidence >= MIN_RELATION_CONFIDENCE,
  );
  return { mentions, relations };
}
