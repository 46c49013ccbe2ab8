/**
 * Finds entities by name or alias as a reader types: case, accents and apostrophe styles do not
 * matter; an exact name beats a prefix, a prefix beats a word inside the name, and among equals the
 * entity the text mentions most comes first.
 */
import type { Entity } from './model';

export function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐-―−]/g, '-')
    .toLowerCase()
    .trim();
}

export interface SearchHit {
  readonly entity: Entity;
  /** Lower is better: 0 exact, 1 prefix, 2 word prefix, 3 anywhere. */
  readonly rank: number;
  /** The name or alias that matched. */
  readonly matched: string;
}

function rankOf(candidate: string, q: string): number | undefined {
  const c = normalise(candidate);
  if (c === q) return 0;
  if (c.startsWith(q)) return 1;
  if (c.split(/[\s\-'(]+/).some((w) => w.startsWith(q))) return 2;
  if (c.includes(q)) return 3;
  return undefined;
}

export function searchEntities(
  entities: Iterable<Entity>,
  query: string,
  mentionCount: (id: string) => number = () => 0,
): SearchHit[] {
  const q = normalise(query);
  if (!q) return [];
  const hits: SearchHit[] = [];
  for (const entity of entities) {
    let best: SearchHit | undefined;
    for (const name of [entity.name, ...entity.aliases]) {
      const rank = rankOf(name, q);
      if (rank !== undefined && (!best || rank < best.rank)) best = { entity, rank, matched: name };
    }
    if (best) hits.push(best);
  }
  return hits.sort(
    (a, b) =>
      a.rank - b.rank ||
      mentionCount(b.entity.id) - mentionCount(a.entity.id) ||
      a.entity.name.localeCompare(b.entity.name),
  );
}
