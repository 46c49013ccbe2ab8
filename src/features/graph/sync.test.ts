import { describe, expect, it } from 'vitest';
import cytoscape from 'cytoscape';
import type { Core } from 'cytoscape';
import json from '../../domain/builtin/hts-terror-list.json';
import {
  addMentionWithNewEntity,
  addRelation,
  deleteEntity,
  editRelation,
  mergeEntities,
  renameEntity,
} from '../../domain/edits';
import { buildIndex } from '../../domain/indexes';
import type { AriadneDocument } from '../../domain/model';
import { documentSchema } from '../../domain/schema';
import { toElements } from './elements';
import { syncElements } from './sync';

const doc = documentSchema.parse(json);

function drawn(d: AriadneDocument): Core {
  const cy = cytoscape({ headless: true, styleEnabled: true });
  cy.add(toElements(buildIndex(d)));
  cy.nodes().forEach((n, i) => {
    n.position({ x: 100 * (i % 5), y: 100 * Math.floor(i / 5) });
  });
  return cy;
}

function positions(cy: Core): Map<string, string> {
  return new Map(cy.nodes().map((n) => [n.id(), JSON.stringify(n.position())]));
}

const byName = (name: string) => doc.entities.find((e) => e.name === name)!;

describe('syncElements', () => {
  it('renames a node where it stands and touches nothing else', () => {
    const cy = drawn(doc);
    const before = positions(cy);
    const hts = byName('Hayat Tahrir al-Sham');
    const result = syncElements(cy, buildIndex(renameEntity(doc, hts.id, 'HTS (renamed)')));
    expect(result).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(cy.$id(hts.id).data('label')).toBe('HTS (renamed)');
    expect(positions(cy)).toEqual(before);
  });

  it('removes a deleted actor with its edges; the others stay put', () => {
    const cy = drawn(doc);
    const before = positions(cy);
    const hts = byName('Hayat Tahrir al-Sham');
    const edges = cy.$id(hts.id).connectedEdges().length;
    expect(edges).toBeGreaterThan(0);
    const after = deleteEntity(doc, hts.id);
    syncElements(cy, buildIndex(after));
    expect(cy.$id(hts.id).empty()).toBe(true);
    expect(cy.nodes().length).toBe(after.entities.length);
    expect(cy.edges().length).toBe(after.relations.length);
    before.delete(hts.id);
    // Node sizes follow mention counts; positions do not move.
    expect(positions(cy)).toEqual(before);
  });

  it('moves the edges of a merged actor onto the one kept', () => {
    const cy = drawn(doc);
    const keep = byName('Hayat Tahrir al-Sham');
    const gone = doc.entities.find(
      (e) =>
        e.id !== keep.id &&
        e.type === keep.type &&
        doc.relations.some((r) => r.source === e.id || r.target === e.id),
    )!;
    const after = mergeEntities(doc, keep.id, gone.id);
    syncElements(cy, buildIndex(after));
    expect(cy.$id(gone.id).empty()).toBe(true);
    for (const r of after.relations) {
      const edge = cy.$id(r.id);
      expect(edge.nonempty()).toBe(true);
      expect([edge.source().id(), edge.target().id()]).toEqual([r.source, r.target]);
    }
  });

  it('turns an edge round when its direction is flipped, and relabels it when retyped', () => {
    const cy = drawn(doc);
    const r = doc.relations.find((x) => x.source !== x.target)!;
    const type = doc.relationTypes.find((t) => t.key !== r.type)!;
    const after = editRelation(doc, r.id, { source: r.target, target: r.source, type: type.key });
    syncElements(cy, buildIndex(after));
    const edge = cy.$id(r.id);
    expect(edge.source().id()).toBe(r.target);
    expect(edge.target().id()).toBe(r.source);
    expect(edge.data('label')).toBe(type.label);
  });

  it('places a new actor beside the actor it is related to', () => {
    const cy = drawn(doc);
    const before = positions(cy);
    const hts = byName('Hayat Tahrir al-Sham');
    const span = { start: 0, end: 5 };
    let after = addMentionWithNewEntity(doc, { spans: [span], type: hts.type, name: 'Newcomer' });
    const fresh = after.entities.find((e) => e.name === 'Newcomer')!;
    after = addRelation(after, {
      type: doc.relationTypes[0]!.key,
      source: fresh.id,
      target: hts.id,
      evidence: [span],
    });
    const result = syncElements(cy, buildIndex(after));
    expect(result.added).toBe(2);
    const p = cy.$id(fresh.id).position();
    const q = cy.$id(hts.id).position();
    expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeLessThanOrEqual(100);
    for (const [id, pos] of before) expect(JSON.stringify(cy.$id(id).position())).toBe(pos);
  });

  it("keeps the reader's view classes (fading, filters) on elements that stay", () => {
    const cy = drawn(doc);
    const hts = byName('Hayat Tahrir al-Sham');
    const other = cy.nodes().filter((n) => n.id() !== hts.id)[0]!;
    other.addClass('faded');
    syncElements(cy, buildIndex(renameEntity(doc, hts.id, 'Renamed')));
    expect(other.hasClass('faded')).toBe(true);
  });

  it('draws only the given entities of a partial graph', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true });
    const hts = byName('Hayat Tahrir al-Sham');
    syncElements(cy, buildIndex(doc), new Set([hts.id]));
    expect(cy.nodes().map((n) => n.id())).toEqual([hts.id]);
  });
});
