/**
 * The graph's elements for a document: one node per entity, one edge per relation. Built once per
 * document; filters and selection are applied later as classes, never by rebuilding elements.
 */
import type { ElementDefinition } from 'cytoscape';
import type { DocumentIndex } from '../../domain/indexes';

export const MIN_NODE = 26;
export const MAX_NODE = 64;

export function nodeSize(mentions: number, maxMentions: number): number {
  if (maxMentions <= 1) return MIN_NODE + (mentions > 0 ? 6 : 0);
  return Math.round(MIN_NODE + (MAX_NODE - MIN_NODE) * Math.sqrt(mentions / maxMentions));
}

export function relationLabel(index: DocumentIndex, type: string): string {
  return index.relationTypes.get(type)?.label ?? type;
}

/**
 * Nodes for the given entities (all when `only` is absent) and the edges among them, plus edges
 * from them to nodes already drawn (`drawn`).
 */
export function toElements(
  index: DocumentIndex,
  only?: ReadonlySet<string>,
  drawn?: (id: string) => boolean,
): ElementDefinition[] {
  const out: ElementDefinition[] = [];
  const wanted = (id: string) => !only || only.has(id);
  const present = (id: string) => wanted(id) || (drawn?.(id) ?? false);
  // A reveal wants a few dozen of thousands of entities: look them up rather than scan them all.
  const entities = only
    ? [...only].flatMap((id) => index.entityById.get(id) ?? [])
    : index.doc.entities;
  for (const e of entities) {
    const t = index.entityTypes.get(e.type);
    const mentions = index.mentionsByEntity.get(e.id)?.length ?? 0;
    out.push({
      group: 'nodes',
      data: {
        id: e.id,
        label: e.name,
        type: e.type,
        mentions,
        color: t?.color ?? '#777',
        shape: t?.shape ?? 'ellipse',
        size: nodeSize(mentions, index.maxMentions),
      },
      classes: e.kind === 'event' ? 'event' : undefined,
    });
  }
  const relations = only
    ? [...new Set([...only].flatMap((id) => index.relationsByEntity.get(id) ?? []))]
    : index.doc.relations;
  for (const r of relations) {
    if (!index.entityById.has(r.source) || !index.entityById.has(r.target)) continue;
    if (!present(r.source) || !present(r.target)) continue;
    if (only && drawn?.(r.id)) continue;
    const t = index.relationTypes.get(r.type);
    out.push({
      group: 'edges',
      data: {
        id: r.id,
        source: r.source,
        target: r.target,
        label: relationLabel(index, r.type),
        type: r.type,
        certainty: r.certainty ?? 'stated',
      },
      classes: [r.certainty ?? 'stated', t?.symmetric ? 'symmetric' : ''].join(' ').trim(),
    });
  }
  return out;
}
