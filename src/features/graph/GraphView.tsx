/**
 * The network. Cytoscape is an imperative island: this component owns the one instance, runs the
 * layout when the document's elements change (never on a mere re-render), and applies selection and
 * filters as classes from a store subscription. Positions a user dragged are kept when the layout is
 * re-run.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, EventObject, StylesheetJsonBlock } from 'cytoscape';
import svg from 'cytoscape-svg';
import CytoscapeComponent from 'react-cytoscapejs';
import { useAppStore } from '../../store/store';
import { selectIndex } from '../../store/selectors';
import { freshDrawing, fullyPlaced, offThreadLayout } from './drawing';
import { graphStyle, sheetFor } from './graphStyle';
import { NEIGHBOUR_LIMIT, OVERVIEW_LIMIT, isLarge, overviewIds } from './overview';
import { FIRST_SEED, IN_PLACE_LAYOUT_LIMIT } from './layout';
import type { Point } from './layout';
import { layoutOffThread, prepareLayoutWorker } from './layoutClient';
import {
  CHUNKS_SLICE_MS,
  EDGE_CHUNK,
  NODE_CHUNK,
  chunked,
  definitionOf,
  fitToFrame,
  fixedNodes,
  frameViewport,
  layoutInPlace,
  layoutInputOf,
  nextTask,
  positionsOf,
} from './place';
import { inSlices } from '../../store/tasks';
import { syncElements } from './sync';
import {
  drawOver,
  drawTexturesFirst,
  layerWhenSettled,
  layersFirst,
  prepareFrame,
  setViewportTexture,
} from './textures';
import type { OverThePicture } from './textures';
import { holdIdleTasks } from '../whenIdle';
import { REDRAW_LIMIT, REVEALED, applyView } from './view';
import { EdgeHover } from './EdgeHover';
import { listen } from './listen';
import { SelectionLayer, quietSheet } from './selectionLayer';
import type { Scope } from './view';

cytoscape.use(svg);

declare global {
  interface Window {
    /** The graph's Cytoscape core, for acceptance tests and for scripting from the console. */
    cy?: Core;
    /** The small Cytoscape that draws the selection above a large graph (see SelectionLayer). */
    cySelection?: Core;
  }
}

// The wrapper only hosts the instance; elements are added and removed imperatively above.
const NO_ELEMENTS: ElementDefinition[] = [];
const identityDiff = (a: unknown, b: unknown) => a !== b;

/**
 * What a large document's overview draws over its picture, which then holds only the overview's
 * relations: its actors, the neighbours a selection brings beside them (and their relations), and
 * the relations that show the selection (selected, near it, hovered). Drawn in Cytoscape's order
 * (relations, then actors), they keep the picture's look: no relation over an actor or its label.
 */
const OVER_THE_OVERVIEW: OverThePicture = {
  leftOut: (ele) => ele.isNode() || ele.hasClass(REVEALED),
  drawnOver: (ele) => ele.selected() || ele.hasClass('near') || ele.hasClass('hover'),
};

/** The reader's system asks for less motion: the graph is centred in one step, not animated. */
const reducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Gives a graph past REDRAW_LIMIT its selection layer, drawn with the graph's full `sheet`, and
 * takes it away (null) from a smaller one.
 */
function holdLayer(
  held: { current: SelectionLayer | null },
  cy: Core,
  container: HTMLElement | null,
  sheet: StylesheetJsonBlock[] | null,
): void {
  const on = held.current;
  if (on && sheet) {
    on.useSheet(sheet);
    return;
  }
  if (on) {
    on.destroy();
    held.current = null;
    delete window.cySelection;
  }
  if (sheet) {
    const made = new SelectionLayer(cy, container, sheet);
    held.current = made;
    window.cySelection = made.top;
  }
}

export default function GraphView() {
  const index = useAppStore(selectIndex);
  const [cy, setCy] = useState<Core | null>(null);
  const pinned = useRef(new Set<string>());
  // The last layout seed used: a document's first layout takes FIRST_SEED (the same picture on
  // every load), each "Re-run layout" the next.
  const seeds = useRef(FIRST_SEED);
  const wrapRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const layer = useRef<SelectionLayer | null>(null);
  // True once the first layout has been fitted to the real container size (tests wait for it).
  const [sized, setReady] = useState(false);
  const large = isLarge(index);
  const hiddenTypes = useAppStore((s) => s.hiddenEntityTypes);
  const allHidden =
    index.entityTypeCounts.length > 0 &&
    index.entityTypeCounts.every((t) => hiddenTypes.has(t.type.key));
  // "Show all" is asked of one document: another opens on its overview, however many actors it has
  // (drawing every actor of a book takes seconds). Edits keep a document's id.
  const [showAllOf, setShowAllOf] = useState<string | null>(null);
  const showAll = showAllOf === index.doc.id;
  // Bumped to draw the open document's graph afresh (see `reset`).
  const [generation, setGeneration] = useState(0);
  // The drawing asked for and the one on screen: `data-ready` waits until they are the same, so it
  // is false while "Show all" (or a reset) draws the same document anew, not only for a new one.
  const wanted = useMemo(() => ({ index, showAll, generation }), [index, showAll, generation]);
  const [laidOut, setLaidOut] = useState<unknown>(null);
  const ready = sized && laidOut === wanted;
  // Whether the picture on screen is kept as the reader arranges it: not the every-actor view of a
  // large document, whose thousands of places would overwrite the overview's (it is laid out
  // afresh each time, only the pinned nodes keeping theirs).
  const keeping = useRef(true);
  useEffect(() => {
    keeping.current = !(large && showAll);
  }, [large, showAll]);
  const scope = useRef<Scope>({ overview: null, revealed: new Set(), pinned: new Set() });
  // The style sheet the graph has now (react-cytoscapejs sets `graphStyle` at mount).
  const sheetOn = useRef<StylesheetJsonBlock[]>(graphStyle);
  // The document whose graph is fully drawn, and how: its edits are drawn in place.
  const drawn = useRef<{
    docId: string;
    text: string;
    large: boolean;
    showAll: boolean;
  } | null>(null);
  const overviewSize = Math.min(OVERVIEW_LIMIT, index.doc.entities.length);

  // react-cytoscapejs calls this on every update: only capture the instance, never bind here.
  const capture = useCallback((c: Core) => setCy((prev) => (prev === c ? prev : c)), []);

  useEffect(() => {
    if (!cy) return;
    prepareLayoutWorker();
    cy.boxSelectionEnabled(false);
    drawTexturesFirst(cy);
    window.cy = cy;
    const store = useAppStore.getState;
    const onNode = (e: EventObject) =>
      store().selectEntity(e.target.id() as string, { jump: true });
    const onEdge = (e: EventObject) => {
      store().selectRelation(e.target.id() as string, { jump: true });
    };
    const onBackground = (e: EventObject) => {
      if (e.target === cy) store().clearSelection();
    };
    // A moved node drops the large graph's picture; nothing would start it again before the next
    // click, which would then draw every element.
    let settling = () => {};
    const onDragged = (e: EventObject) => {
      const id = e.target.id() as string;
      pinned.current.add(id);
      if (keeping.current) store().keepArrangement(store().index.doc.id, positionsOf(cy), [id]);
      settling();
      settling = layerWhenSettled(cy);
    };
    const unbind = listen(cy, [
      ['tap', 'node', onNode],
      ['tap', 'edge', onEdge],
      ['tap', null, onBackground],
      ['dragfree', 'node', onDragged],
    ]);
    return () => {
      unbind();
      settling();
      if (window.cy === cy) delete window.cy;
      holdLayer(layer, cy, null, null);
    };
  }, [cy]);

  // A new document (or the switch between overview and everything) is drawn and laid out afresh;
  // an edit of the one on screen is drawn in place. Elements are managed here, not through
  // react-cytoscapejs's diffing, because a large graph gains nodes as the reader explores.
  useEffect(() => {
    if (!cy) return;
    // Draw and lay out after the browser has painted the text, so a new document's text never
    // waits for its graph.
    let cancelled = false;
    let cancelLayout = () => {};
    // Cytoscape draws nothing while a batch is open: its render loop skips the frame.
    let held = false;
    let stopSettling = () => {};
    const hold = (on: boolean) => {
      if (on === held || cy.destroyed()) return;
      held = on;
      if (on) cy.startBatch();
      else cy.endBatch();
    };
    // Warm-ups wait until the graph is drawn: on two cores they would slow its layout.
    const release = holdIdleTasks();
    const shown = { docId: index.doc.id, text: index.doc.text, large, showAll };
    const done = () => {
      const marks = applyView(
        cy,
        useAppStore.getState(),
        false,
        scope.current,
        true,
        !layer.current,
      );
      layer.current?.show(marks);
      drawn.current = shown;
      setLaidOut(wanted);
    };
    const finish = () => {
      cy.fit(undefined, 40);
      done();
    };
    // An edit (or undo) of the document on screen: update the graph in place, nothing moves.
    const update = (overview: ReadonlySet<string> | null) => {
      const exists = (id: string) => index.entityById.has(id);
      for (const id of pinned.current) if (!exists(id)) pinned.current.delete(id);
      // The built-in article's first edit is a copy under a new id: the arrangement goes with it.
      const from = drawn.current?.docId;
      const store = useAppStore.getState();
      if (from && from !== index.doc.id && store.arrangements.has(from)) {
        store.keepArrangement(index.doc.id, positionsOf(cy), [...pinned.current]);
      }
      const revealed = new Set([...scope.current.revealed].filter(exists));
      scope.current = { overview, revealed, pinned: pinned.current };
      const only = overview ? new Set([...overview, ...revealed, ...pinned.current]) : undefined;
      syncElements(cy, index, only);
      done();
    };
    // The built-in article's first edit makes a copy (a new id, the same text): the same graph.
    // Most of the drawn nodes must still be there, or a fresh layout serves better; so does a
    // graph that had none (its first actors, accepted from suggestions, came out piled up).
    const d = drawn.current;
    const edited =
      d !== null &&
      (d.docId === index.doc.id || d.text === index.doc.text) &&
      d.large === large &&
      d.showAll === showAll &&
      cy.nodes().nonempty() &&
      cy.nodes().filter((n) => index.entityById.has(n.id())).length * 2 >= cy.nodes().length;
    const build = async () => {
      if (edited) {
        update(large && !showAll ? overviewIds(index) : null);
        return;
      }
      drawn.current = null;
      // The graph as the reader left it (see arrangementSlice): the nodes they dragged are pinned
      // again, and the nodes drawn then go back where they were.
      const kept = useAppStore.getState().arrangements.get(index.doc.id);
      const fresh = freshDrawing(index, kept, showAll);
      const { overview, nodes, edges, places } = fresh;
      pinned.current.clear();
      for (const id of fresh.pinned) pinned.current.add(id);
      seeds.current = FIRST_SEED;
      cy.resize();
      scope.current = { overview, revealed: new Set(), pinned: pinned.current };
      const elements = [...nodes, ...edges];
      const hasPlace = new Set(places.map((f) => f.nodeId));
      // The old graph goes first: a new style sheet then costs nothing to apply.
      cy.elements().remove();
      // Past REDRAW_LIMIT the selection is drawn above the graph, which never shows it itself.
      const tooLarge = elements.length > REDRAW_LIMIT;
      const full = sheetFor(nodes.length);
      const sheet = tooLarge ? quietSheet(full) : full;
      if (sheetOn.current !== sheet) {
        cy.style(sheet);
        sheetOn.current = sheet;
      }
      holdLayer(layer, cy, topRef.current, tooLarge ? full : null);
      setViewportTexture(cy, tooLarge);
      // An overview keeps its picture from click to click: what a selection changes is drawn over it.
      drawOver(cy, overview ? OVER_THE_OVERVIEW : null);
      const putKept = () => {
        for (const f of places) cy.$id(f.nodeId).position(f.position);
      };
      // Only the nodes without a kept place are laid out, around the others.
      const complete = fullyPlaced(fresh);
      if (nodes.length <= IN_PLACE_LAYOUT_LIMIT) {
        cy.batch(() => {
          cy.add(elements);
          putKept();
        });
        if (cy.elements().nonempty() && !complete) layoutInPlace(cy, hasPlace, cy.elements());
        finish();
        return;
      }
      // A large graph: the layout runs in a worker, and the new elements arrive over a few tasks
      // so that no single task styles them all.
      let positions: Record<string, Point>;
      // None when every node has a kept place.
      const input = offThreadLayout(fresh);
      if (!input) {
        positions = Object.fromEntries(places.map((f) => [f.nodeId, f.position]));
      } else {
        const job = layoutOffThread(input);
        cancelLayout = job.cancel;
        try {
          positions = fitToFrame(cy, await job.result, places);
        } catch {
          if (cancelled) return;
          // Without the worker the layout still has to happen: in place, as for small graphs.
          cy.add(elements);
          putKept();
          layoutInPlace(cy, hasPlace, cy.elements());
          finish();
          return;
        }
      }
      if (cancelled) return;
      // Frame the graph before drawing it, so its node textures are drawn once, at the final zoom.
      frameViewport(cy, nodes, positions);
      // A selection made meanwhile may have drawn some of these already.
      const absent = (e: ElementDefinition) => cy.$id(String(e.data.id)).empty();
      const placed = nodes.map((n) => ({ ...n, position: positions[String(n.data.id)] }));
      const chunks = [...chunked(placed, NODE_CHUNK), ...chunked(edges, EDGE_CHUNK)];
      // Each chunk is styled and measured, its textures drawn, with the batch held in between,
      // and chunks go on in one task for up to CHUNKS_SLICE_MS; the graph is drawn once, after the
      // last, rather than all over again after every chunk (3.2 s of frames for 5,000 actors,
      // where one frame now takes 0.3 s).
      const adding = function* () {
        for (const chunk of chunks) {
          if (cancelled) return;
          hold(false);
          cy.add(chunk.filter(absent));
          prepareFrame(cy);
          hold(true);
          yield;
        }
      };
      try {
        await inSlices(adding(), CHUNKS_SLICE_MS, undefined, nextTask);
        if (cancelled) return;
      } finally {
        if (tooLarge && !cancelled) layersFirst(cy);
        hold(false);
      }
      finish();
      stopSettling = layerWhenSettled(cy);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(
      () => (timer = setTimeout(() => void build().finally(release), 0)),
    );
    return () => {
      cancelled = true;
      hold(false);
      cancelLayout();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      stopSettling();
      release();
    };
  }, [cy, index, large, showAll, generation, wanted]);

  useEffect(() => {
    if (!cy) return;
    return useAppStore.subscribe((s, prev) => {
      if (
        s.index !== prev.index ||
        s.selectedEntityId !== prev.selectedEntityId ||
        s.selectedRelationId !== prev.selectedRelationId ||
        s.hiddenEntityTypes !== prev.hiddenEntityTypes ||
        s.hiddenRelationTypes !== prev.hiddenRelationTypes
      ) {
        const marks = applyView(
          cy,
          s,
          s.selectedEntityId !== prev.selectedEntityId,
          scope.current,
          !reducedMotion(),
          !layer.current,
        );
        layer.current?.show(marks);
      }
    });
  }, [cy]);

  useEffect(() => {
    const el = wrapRef.current;
    if (!cy || !el || typeof ResizeObserver === 'undefined') return;
    let size = '';
    const observer = new ResizeObserver(([entry]) => {
      const next = `${entry?.contentRect.width}x${entry?.contentRect.height}`;
      if (next === size) return;
      // The first real size arrives after mount: fit then, later only resize.
      const first = size === '' || size.startsWith('0x') || size.endsWith('x0');
      size = next;
      cy.resize();
      if (first) cy.fit(cy.elements(':visible'), 40);
      setReady(true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [cy]);

  const pinnedCount = useAppStore((s) => {
    const arrangement = s.arrangements.get(s.index.doc.id);
    return arrangement ? arrangement.pinned.filter((id) => s.index.entityById.has(id)).length : 0;
  });
  const unpin = () => {
    pinned.current.clear();
    useAppStore.getState().unpinNodes(index.doc.id);
  };
  const arranged = useAppStore((s) => s.arrangements.has(s.index.doc.id));
  // Back to the document's first picture: what it showed before the reader arranged anything.
  const reset = () => {
    pinned.current.clear();
    useAppStore.getState().forgetArrangement(index.doc.id);
    drawn.current = null;
    setGeneration((g) => g + 1);
  };

  const fit = () => cy?.fit(cy.elements(':visible'), 40);
  const zoom = (factor: number) => {
    if (!cy) return;
    cy.zoom({
      level: cy.zoom() * factor,
      renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 },
    });
  };
  const relayout = async () => {
    if (!cy) return;
    // A new seed each time: the same one would give the same picture again.
    const seed = ++seeds.current;
    const shown = cy.elements(':visible');
    if (shown.nodes().length <= IN_PLACE_LAYOUT_LIMIT) {
      layoutInPlace(cy, pinned.current, shown, seed);
      cy.fit(shown, 40);
    } else {
      const nodes = shown.nodes().map(definitionOf);
      const input = layoutInputOf(
        nodes,
        shown.edges().map(definitionOf),
        fixedNodes(cy, pinned.current),
        seed,
      );
      const positions = fitToFrame(cy, await layoutOffThread(input).result, input.fixed);
      cy.batch(() => {
        for (const [id, position] of Object.entries(positions)) cy.$id(id).position(position);
      });
      // Framed from the positions, as a new graph is: cy.fit would measure every element's
      // bounds, labels included, in this task (380 ms for every actor of 100,000 words), and the
      // frame measures them again.
      const placed = Object.fromEntries(input.fixed.map((f) => [f.nodeId, f.position]));
      frameViewport(cy, nodes, { ...placed, ...positions });
      if (cy.elements().length > REDRAW_LIMIT) {
        // The old picture is dropped now rather than on the next frame, so that frame makes the
        // new one in slices instead of drawing every element (see layersFirst). Should a change
        // end that, the picture is still made once nothing moves: nothing else would start it.
        prepareFrame(cy);
        layersFirst(cy);
        layerWhenSettled(cy);
      }
    }
    // A reload shows this picture, not the first one.
    if (keeping.current) useAppStore.getState().keepArrangement(index.doc.id, positionsOf(cy));
  };

  return (
    <section className="graph" aria-label="Network graph" data-ready={ready}>
      <div className="graph-toolbar" role="toolbar" aria-label="Graph controls">
        <button type="button" onClick={fit} title="Fit the graph to the view">
          Fit
        </button>
        <button type="button" onClick={() => zoom(1.25)} aria-label="Zoom in" title="Zoom in">
          +
        </button>
        <button type="button" onClick={() => zoom(0.8)} aria-label="Zoom out" title="Zoom out">
          −
        </button>
        {large && (
          <button
            type="button"
            onClick={() => setShowAllOf(showAll ? null : index.doc.id)}
            aria-pressed={showAll}
            title={
              showAll
                ? 'Show the most mentioned actors and the neighbourhood of the selection'
                : 'Show every actor (slower on large documents)'
            }
          >
            {showAll ? 'Show overview' : `Show all ${index.doc.entities.length.toLocaleString()}`}
          </button>
        )}
        <button
          type="button"
          onClick={() => void relayout()}
          title="Lay the graph out again; nodes you dragged stay put"
        >
          Re-run layout
        </button>
        {pinnedCount > 0 && (
          <button
            type="button"
            onClick={unpin}
            aria-label={`Unpin ${pinnedCount} dragged ${pinnedCount === 1 ? 'node' : 'nodes'}`}
            title="Let the nodes you dragged move again the next time the layout runs"
          >
            Unpin {pinnedCount}
          </button>
        )}
        {arranged && !(large && showAll) && (
          <button
            type="button"
            onClick={reset}
            title="Forget how you arranged this graph and lay it out as it was at first"
          >
            Reset layout
          </button>
        )}
      </div>
      <div ref={wrapRef} className="graph-canvas">
        <CytoscapeComponent
          elements={NO_ELEMENTS}
          stylesheet={graphStyle}
          cy={capture}
          diff={identityDiff}
          style={{ width: '100%', height: '100%' }}
        />
        <div ref={topRef} className="graph-selection" aria-hidden="true" />
        <EdgeHover cy={cy} />
        {!ready && index.doc.entities.length > 0 && (
          // Shown only if drawing takes a while (see .graph-busy): thousands of actors take seconds.
          <p className="graph-busy" role="status">
            {`Drawing ${(large && !showAll ? overviewSize : index.doc.entities.length).toLocaleString()} actors…`}
          </p>
        )}
      </div>
      <div className="graph-notes">
        {large && !showAll && (
          <p className="graph-scope" role="status">
            Showing the {overviewSize} most mentioned of{' '}
            {index.doc.entities.length.toLocaleString()} actors and up to {NEIGHBOUR_LIMIT}{' '}
            neighbours of the selection.
          </p>
        )}
        <p className="graph-legend" aria-hidden="true">
          <span>
            <span className="legend-line" />
            stated
          </span>
          <span>
            <span className="legend-line reported" />
            reported
          </span>
          <span>
            <span className="legend-line possible" />
            possible
          </span>
        </p>
      </div>
      {allHidden && (
        <div className="graph-empty" role="status">
          <p>Every actor is hidden by the type filters.</p>
          <button
            type="button"
            className="link"
            onClick={() => useAppStore.getState().showAllTypes()}
          >
            Show all types
          </button>
        </div>
      )}
      {index.doc.entities.length === 0 && (
        <p className="graph-empty">No actors annotated in this document yet.</p>
      )}
    </section>
  );
}
