/**
 * Large graphs cannot be read whole: past `OVERVIEW_LIMIT` actors the graph first shows the most
 * mentioned ones, plus the neighbourhood of whatever is selected, with a control to show all.
 */
import type { DocumentIndex } from '../../domain/indexes';

export const OVERVIEW_LIMIT = 80;

/** At most this many neighbours of a selection join a partial graph (the most mentioned first). */
export const NEIGHBOUR_LIMIT = 40;

export function isLarge(index: DocumentIndex): boolean {
  return index.doc.entities.length > OVERVIEW_LIMIT;
}

/** The `limit` most mentioned entities (ties by name), the graph's first view of a large document. */
export function overviewIds(index: DocumentIndex, limit = OVERVIEW_LIMIT): Set<string> {
  const { entities } = index.doc;
  const counts = new Float64Array(entities.length);
  entities.forEach((e, i) => (counts[i] = index.mentionsByEntity.get(e.id)?.length ?? 0));
  // Only the actors mentioned as often as the limit-th are sorted: sorting all 5,000 of a long
  // report by count and then name (most of them tie) took ~7 ms of every edit's graph update.
  const least = limit > 0 ? ([...counts].sort((a, b) => b - a)[limit - 1] ?? 0) : Infinity;
  const candidates = entities.filter((_, i) => (counts[i] ?? 0) >= least);
  const count = (id: string) => index.mentionsByEntity.get(id)?.length ?? 0;
  return new Set(
    candidates
      .sort((a, b) => count(b.id) - count(a.id) || a.name.localeCompare(b.name))
      .slice(0, limit)
      .map((e) => e.id),
  );
}
