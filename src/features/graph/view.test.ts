import { describe, expect, it, vi } from 'vitest';
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition } from 'cytoscape';
import json from '../../domain/builtin/hts-terror-list.json';
import { buildIndex } from '../../domain/indexes';
import type { AriadneDocument } from '../../domain/model';
import { documentSchema } from '../../domain/schema';
import { collectionCalls } from '../../../tests/support/collectionCalls';
import { toElements } from './elements';
import { FADE_LIMIT, DENSE_EDGES, VIEW_CLASSES, applyView, markDense } from './view';
import type { Scope, ViewState } from './view';

const builtin = buildIndex(documentSchema.parse(json));

function graphOf(state: ViewState): Core {
  const cy = cytoscape({ headless: true, styleEnabled: true });
  cy.add(toElements(state.index));
  markDense(cy);
  return cy;
}

function stateFor(index = builtin, over: Partial<ViewState> = {}): ViewState {
  return {
    index,
    selectedEntityId: null,
    selectedRelationId: null,
    hiddenEntityTypes: new Set(),
    hiddenRelationTypes: new Set(),
    ...over,
  };
}

const everything: Scope = { overview: null, revealed: new Set(), pinned: new Set() };

/** Counts the elements whose classes Cytoscape was told to change (and so restyles). */
function touched(cy: Core, run: () => void): number {
  const seen = new Set<string>();
  const count = (e: cytoscape.EventObject) => seen.add(e.target.id() as string);
  cy.on('class', count);
  run();
  cy.off('class', count);
  return seen.size;
}

/** A seeded generator of whole numbers below `n` (a linear congruential one). */
function randomInts(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

/** `hidden` with one of `types`, picked by `next`, hidden if it was shown and shown if hidden. */
function toggled(
  hidden: ReadonlySet<string>,
  types: readonly string[],
  next: (n: number) => number,
): Set<string> {
  const type = types[next(types.length)]!;
  const on = new Set(hidden);
  if (on.has(type)) on.delete(type);
  else on.add(type);
  return on;
}

/** Each element's view classes (but those in `skip`) and selection, by id. */
function viewOf(cy: Core, skip: ReadonlySet<string> = new Set()): Record<string, string> {
  return Object.fromEntries(
    cy
      .elements()
      .map((e) => [
        e.id(),
        [
          ...e.classes().filter((c) => VIEW_CLASSES.has(c) && !skip.has(c)),
          e.selected() ? 'selected' : '',
        ]
          .sort()
          .join(' '),
      ]),
  );
}

/** A new graph of the same elements, without the classes that show the reader's state. */
function freshCopy(cy: Core): Core {
  const fresh = cytoscape({ headless: true, styleEnabled: true });
  fresh.add(
    cy.elements().map((e) => ({
      group: e.group(),
      data: { ...(e.data() as Record<string, unknown>) } as ElementDefinition['data'],
      classes: e.classes().filter((c) => !VIEW_CLASSES.has(c)),
    })),
  );
  return fresh;
}

/** A document of `n` actors in one long sentence, every actor related to the next `k`. */
function denseDocument(n: number, k: number): AriadneDocument {
  const names = Array.from({ length: n }, (_, i) => `Actor${i}`);
  const text = `${names.join(' and ')} met.`;
  let at = 0;
  const mentions = names.map((name, i) => {
    const start = text.indexOf(name, at);
    at = start + name.length;
    return { id: `m${i}`, entityId: `e${i}`, spans: [{ start, end: at }], text: name };
  });
  const relations = [];
  for (let i = 0; i < n; i++)
    for (let j = 1; j <= k; j++)
      relations.push({
        id: `r${i}-${j}`,
        type: 'meets',
        source: `e${i}`,
        target: `e${(i + j) % n}`,
        evidence: [{ start: 0, end: text.length, text }],
      });
  return documentSchema.parse({
    format: 'ariadne/1',
    id: 'dense',
    title: 'Dense',
    text,
    entityTypes: [{ key: 'person', label: 'Person', color: '#3366cc', shape: 'ellipse' }],
    relationTypes: [{ key: 'meets', label: 'meets' }],
    entities: names.map((name, i) => ({ id: `e${i}`, name, type: 'person', aliases: [] })),
    mentions,
    relations,
  });
}

describe('applyView', () => {
  const hts = builtin.doc.entities.find((e) => e.name === 'Hayat Tahrir al-Sham')!;

  it('selects the entity, keeps its neighbourhood and fades the rest', () => {
    const state = stateFor(builtin, { selectedEntityId: hts.id });
    const cy = graphOf(state);
    applyView(cy, state, false, everything);
    const node = cy.$id(hts.id);
    expect(node.selected()).toBe(true);
    const hood = node.closedNeighborhood();
    expect(hood.filter('.faded').length).toBe(0);
    expect(cy.elements().not(hood).not('.faded').length).toBe(0);
    expect(node.connectedEdges().not('.near').length).toBe(0);
  });

  it('touches nothing when the state has not changed', () => {
    const state = stateFor(builtin, { selectedEntityId: hts.id });
    const cy = graphOf(state);
    applyView(cy, state, false, everything);
    expect(touched(cy, () => applyView(cy, state, false, everything))).toBe(0);
  });

  it('touches only the elements whose emphasis changes when the selection moves', () => {
    const a = stateFor(builtin, { selectedEntityId: hts.id });
    const cy = graphOf(a);
    applyView(cy, a, false, everything);
    const other = builtin.doc.entities.find((e) => e.id !== hts.id && e.name.includes('Russia'))!;
    const b = stateFor(builtin, { selectedEntityId: other.id });
    const before = cy.$id(hts.id).closedNeighborhood();
    const after = cy.$id(other.id).closedNeighborhood();
    const changed = before.symmetricDifference(after).union(
      // Edges near either selection change their "near" class even when both hoods hold them.
      cy.$id(hts.id).connectedEdges().union(cy.$id(other.id).connectedEdges()),
    );
    const n = touched(cy, () => applyView(cy, b, false, everything));
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(changed.length);
    expect(n).toBeLessThan(cy.elements().length);
  });

  it('hides filtered actor types with their relations, and shows them again', () => {
    const type = hts.type;
    const hidden = stateFor(builtin, { hiddenEntityTypes: new Set([type]) });
    const cy = graphOf(hidden);
    applyView(cy, hidden, false, everything);
    const ofType = cy.nodes().filter((n) => n.data('type') === type);
    expect(ofType.not('.filtered').length).toBe(0);
    expect(ofType.connectedEdges().not('.filtered').length).toBe(0);
    applyView(cy, stateFor(), false, everything);
    expect(cy.$('.filtered').length).toBe(0);
  });

  it('marks the ends of a selected relation and fades nothing when no actor is selected', () => {
    const rel = builtin.doc.relations[0]!;
    const state = stateFor(builtin, { selectedRelationId: rel.id });
    const cy = graphOf(state);
    applyView(cy, state, false, everything);
    expect(cy.$id(rel.id).selected()).toBe(true);
    expect(cy.$('.end').map((n) => n.id())).toEqual(
      expect.arrayContaining([rel.source, rel.target]),
    );
    expect(cy.$('.faded').length).toBe(0);
  });

  it('draws a dense graph light and shows the neighbourhood by its edges alone', () => {
    const index = buildIndex(denseDocument(60, 4));
    expect(index.doc.relations.length).toBeGreaterThan(DENSE_EDGES);
    const state = stateFor(index, { selectedEntityId: 'e0' });
    const cy = graphOf(state);
    applyView(cy, state, false, everything);
    expect(cy.edges().not('.dense').length).toBe(0);
    expect(cy.elements('.faded').length).toBe(0);
    // Marking a node changes its bounds, and Cytoscape then recomputes all its edges.
    expect(cy.nodes('.near').length).toBe(0);
    expect(cy.$id('e0').connectedEdges().not('.near').length).toBe(0);
    expect(cy.edges('.near').length).toBe(8);
    // Moving on touches the two selections and their edges only.
    const next = stateFor(index, { selectedEntityId: 'e30' });
    expect(touched(cy, () => applyView(cy, next, false, everything))).toBeLessThanOrEqual(2 * 9);
  });

  it('gives the marks it would draw, and puts none on a graph whose selection is drawn above it', () => {
    const index = buildIndex(denseDocument(60, 4));
    const marksOn = (cy: Core) => ({
      near: new Set(cy.$('.near').map((e) => e.id())),
      end: new Set(cy.$('.end').map((e) => e.id())),
    });
    const select = stateFor(index, { selectedEntityId: 'e0' });
    const drawn = graphOf(select);
    const drawnMarks = applyView(drawn, select, false, everything);
    expect(drawnMarks.selected).toEqual(new Set(['e0']));
    expect({ near: drawnMarks.near, end: drawnMarks.end }).toEqual(marksOn(drawn));
    expect(drawnMarks.near.size).toBe(8);

    const apart = graphOf(select);
    // Marked while it drew its selection itself, then given a layer: the old marks go.
    applyView(apart, select, false, everything);
    const given = applyView(apart, select, false, everything, true, false);
    expect(given).toEqual(drawnMarks);
    expect(apart.$('.near, .end').length).toBe(0);
    expect(apart.$id('e0').selected()).toBe(true);
    // A new selection, and a relation's ends, mark nothing there either.
    const rel = index.doc.relations[5]!;
    const relation = stateFor(index, { selectedRelationId: rel.id });
    const ends = applyView(apart, relation, false, everything, true, false);
    expect(ends).toEqual({
      selected: new Set([rel.id]),
      near: new Set(),
      end: new Set([rel.source, rel.target]),
    });
    expect(apart.$('.near, .end').length).toBe(0);
    expect(apart.$(':selected').map((e) => e.id())).toEqual([rel.id]);
  });

  it('marks a sparse graph of thousands by its neighbourhood, also for a layer', () => {
    const doc = denseDocument(FADE_LIMIT + 20, 1);
    // Too few relations to be dense, too many actors to fade.
    const index = buildIndex({ ...doc, relations: doc.relations.slice(0, DENSE_EDGES / 2) });
    const cy = graphOf(stateFor(index));
    expect(cy.edges('.dense').length).toBe(0);
    const select = stateFor(index, { selectedEntityId: 'e0' });
    const onGraph = applyView(cy, select, false, everything);
    expect(onGraph.near).toEqual(new Set(cy.$('.near').map((e) => e.id())));
    expect(onGraph.near.has('e1')).toBe(true);
    const above = applyView(cy, select, false, everything, true, false);
    expect(above).toEqual(onGraph);
    expect(cy.$('.near').length).toBe(0);
  });

  it('looks only at the old and the new selection in a dense graph that has not changed', () => {
    const index = buildIndex(denseDocument(60, 4));
    const cy = graphOf(stateFor(index));
    const hidden = { hiddenEntityTypes: new Set<string>(), hiddenRelationTypes: new Set<string>() };
    applyView(cy, stateFor(index, { selectedEntityId: 'e0', ...hidden }), false, everything);
    // Every class of every element is read on a full pass: 4 a node, 3 an edge, 960 here.
    const [read] = collectionCalls(['hasClass'], () =>
      applyView(cy, stateFor(index, { selectedEntityId: 'e30', ...hidden }), false, everything),
    );
    // e0's 8 edges and e30's 8, three classes each.
    expect(read).toBeLessThanOrEqual(2 * 8 * 3);
  });

  it('looks only at the selections and what a reveal added in a dense partial graph', () => {
    const index = buildIndex(denseDocument(300, 4));
    const overview = new Set(Array.from({ length: 100 }, (_, i) => `e${i}`));
    const cy = cytoscape({ headless: true, styleEnabled: true });
    cy.add(toElements(index, overview));
    expect(markDense(cy)).toBe(true);
    const scope: Scope = { overview, revealed: new Set(), pinned: new Set() };
    const hidden = { hiddenEntityTypes: new Set<string>(), hiddenRelationTypes: new Set<string>() };
    applyView(cy, stateFor(index, { selectedEntityId: 'e150', ...hidden }), false, scope);
    const [read] = collectionCalls(['hasClass'], () =>
      applyView(cy, stateFor(index, { selectedEntityId: 'e250', ...hidden }), false, scope),
    );
    // The reveal: e246–e254 (9 nodes, 4 classes each read) and the 26 relations among them (3
    // each); e150's reveal went. A full pass reads ~1,700.
    expect(cy.nodes().length).toBe(100 + 9);
    expect(read).toBeLessThanOrEqual(9 * 4 + 26 * 3 + 10);
  });

  it('marks a dense partial graph as a fresh one would, whatever was revealed before', () => {
    const index = buildIndex(denseDocument(160, 4));
    const overview = new Set(Array.from({ length: 70 }, (_, i) => `e${i}`));
    const cy = cytoscape({ headless: true, styleEnabled: true });
    cy.add(toElements(index, overview));
    expect(markDense(cy)).toBe(true);
    const scope: Scope = { overview, revealed: new Set(), pinned: new Set() };
    const types = [...index.entityTypes.keys()];
    const relations = index.doc.relations;
    const next = randomInts(11);
    let hidden = { hiddenEntityTypes: new Set<string>(), hiddenRelationTypes: new Set<string>() };
    // The reveal's own mark is left out: a fresh graph holding the same elements has no overview.
    const skip = new Set(['revealed']);
    for (let step = 0; step < 80; step++) {
      const roll = next(10);
      let over: Partial<ViewState> = {};
      if (roll < 6) over = { selectedEntityId: `e${next(160)}` };
      else if (roll < 8) over = { selectedRelationId: relations[next(relations.length)]!.id };
      else if (roll === 8) {
        hidden = { ...hidden, hiddenEntityTypes: toggled(hidden.hiddenEntityTypes, types, next) };
      }
      const state = stateFor(index, { ...over, ...hidden });
      applyView(cy, state, false, scope);
      const fresh = freshCopy(cy);
      applyView(fresh, state, false, everything);
      expect(viewOf(cy, skip), `step ${step}`).toEqual(viewOf(fresh, skip));
    }
  });

  it('marks a dense graph as a fresh one would, whatever came before', () => {
    const index = buildIndex(denseDocument(40, 6));
    const cy = graphOf(stateFor(index));
    const types = [...index.entityTypes.keys()];
    const relations = index.doc.relations;
    const next = randomInts(7);
    let hidden = { hiddenEntityTypes: new Set<string>(), hiddenRelationTypes: new Set<string>() };
    const removed: cytoscape.CollectionReturnValue[] = [];
    for (let step = 0; step < 120; step++) {
      const roll = next(10);
      let over: Partial<ViewState> = {};
      if (roll < 5) over = { selectedEntityId: `e${next(40)}` };
      else if (roll < 7) over = { selectedRelationId: relations[next(relations.length)]!.id };
      else if (roll === 7) {
        hidden = { ...hidden, hiddenEntityTypes: toggled(hidden.hiddenEntityTypes, types, next) };
      } else if (roll === 8 && removed.length < 5)
        removed.push(cy.edges()[next(cy.edges().length)]!.remove());
      else removed.pop()?.restore();
      const state = stateFor(index, { ...over, ...hidden });
      applyView(cy, state, false, everything);
      const fresh = freshCopy(cy);
      applyView(fresh, state, false, everything);
      expect(viewOf(cy), `step ${step}`).toEqual(viewOf(fresh));
    }
  });

  it('marks the neighbourhood instead of fading the rest in a graph too large to fade', () => {
    const index = buildIndex(denseDocument(FADE_LIMIT + 50, 1));
    const state = stateFor(index, { selectedEntityId: 'e10' });
    const cy = graphOf(state);
    // Sparse: not dense, so its nodes can be marked.
    cy.remove(cy.edges().slice(DENSE_EDGES / 2));
    applyView(cy, state, false, everything);
    expect(cy.nodes('.faded').length).toBe(0);
    expect(new Set(cy.nodes('.near').map((n) => n.id()))).toEqual(new Set(['e9', 'e10', 'e11']));
    // Moving on touches the two neighbourhoods only.
    const next = stateFor(index, { selectedEntityId: 'e20' });
    expect(touched(cy, () => applyView(cy, next, false, everything))).toBeLessThanOrEqual(
      3 + 3 + 4,
    );
  });

  it('draws a partial graph of a large document around the selection', () => {
    const index = buildIndex(denseDocument(60, 4));
    const overview = new Set(['e0', 'e1']);
    const cy = cytoscape({ headless: true, styleEnabled: true });
    cy.add(toElements(index, overview));
    const state = stateFor(index, { selectedEntityId: 'e30' });
    applyView(cy, state, false, { overview, revealed: new Set(), pinned: new Set() });
    const node = cy.$id('e30');
    expect(node.nonempty() && node.selected()).toBe(true);
    // e30 relates to e26–e29 and e31–e34.
    expect(node.neighborhood('node').length).toBe(8);
  });

  it('keeps a partial graph to its overview plus the current neighbourhood', () => {
    const index = buildIndex(denseDocument(60, 4));
    const overview = new Set(['e0', 'e1']);
    const cy = cytoscape({ headless: true, styleEnabled: true });
    cy.add(toElements(index, overview));
    const scope: Scope = { overview, revealed: new Set(), pinned: new Set(['e27']) };
    applyView(cy, stateFor(index, { selectedEntityId: 'e30' }), false, scope);
    expect(cy.nodes().length).toBe(2 + 9);
    applyView(cy, stateFor(index, { selectedEntityId: 'e50' }), false, scope);
    const ids = new Set(cy.nodes().map((n) => n.id()));
    // e50's hood (e46–e54), the overview, and e27, which the reader dragged.
    expect(ids).toEqual(
      new Set(['e0', 'e1', 'e27', ...Array.from({ length: 9 }, (_, i) => `e${46 + i}`)]),
    );
    applyView(cy, stateFor(index), false, scope);
    expect(new Set(cy.nodes().map((n) => n.id()))).toEqual(new Set(['e0', 'e1', 'e27']));
  });

  it('pans to the neighbours a selection drew, with the overview when both fit in the view', () => {
    const index = buildIndex(denseDocument(60, 4));
    const overview = new Set(['e0', 'e1']);
    const partial = () => {
      const cy = cytoscape({ headless: true, styleEnabled: true });
      cy.add(toElements(index, overview));
      cy.$id('e0').position({ x: 0, y: 0 });
      cy.$id('e1').position({ x: 100, y: 0 });
      return cy;
    };
    const select = stateFor(index, { selectedEntityId: 'e30' });
    const scope = (): Scope => ({ overview, revealed: new Set(), pinned: new Set() });
    // Where the neighbours are drawn (placement does not depend on the view).
    const dry = partial();
    applyView(dry, select, false, scope());
    const all = dry.nodes().boundingBox({});
    const fresh = dry
      .nodes()
      .filter((n) => !overview.has(n.id()))
      .boundingBox({});
    // A view holding the new nodes with room to spare, the overview outside it, and room for all.
    const w = all.w + 60;
    const h = all.h + 60;
    const x1 = fresh.x1 < all.x1 + 1 ? all.x2 - w + 10 : fresh.x1 - 30;
    const y1 = fresh.y1 < all.y1 + 1 ? all.y2 - h + 10 : fresh.y1 - 30;
    const cy = partial();
    vi.spyOn(cy, 'extent').mockReturnValue({ x1, y1, x2: x1 + w, y2: y1 + h, w, h });
    const panBy = vi.spyOn(cy, 'panBy');
    applyView(cy, select, true, scope());
    const d = (panBy.mock.calls[0]?.[0] ?? { x: 0, y: 0 }) as { x: number; y: number };
    const b = cy.nodes().boundingBox({});
    // Panning by d shows what lay at (x - d.x, y - d.y): every node is now inside the margins.
    expect(b.x1 + d.x).toBeGreaterThanOrEqual(x1 + 19.9);
    expect(b.x2 + d.x).toBeLessThanOrEqual(x1 + w - 19.9);
    expect(b.y1 + d.y).toBeGreaterThanOrEqual(y1 + 19.9);
    expect(b.y2 + d.y).toBeLessThanOrEqual(y1 + h - 19.9);
  });

  it('brings a selection outside the view into it: animated, or in one step for less motion', () => {
    for (const motion of [true, false]) {
      const state = stateFor();
      const cy = graphOf(state);
      cy.nodes().positions((_n, i) => ({ x: i * 100, y: 0 }));
      // A view far from every node.
      vi.spyOn(cy, 'extent').mockReturnValue({
        x1: 5000,
        y1: 5000,
        x2: 5100,
        y2: 5100,
        w: 100,
        h: 100,
      });
      const animate = vi.spyOn(cy, 'animate');
      const center = vi.spyOn(cy, 'center');
      applyView(cy, stateFor(builtin, { selectedEntityId: hts.id }), true, everything, motion);
      expect(animate.mock.calls.length).toBe(motion ? 1 : 0);
      expect(center.mock.calls.length).toBe(motion ? 0 : 1);
    }
  });
});
