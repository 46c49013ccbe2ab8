/**
 * The selection drawn above a graph too large to restyle. Cytoscape keeps a drawn graph as one
 * cached picture and drops it when any element's style changes; it then draws every element again,
 * one by one, for a quarter of a second. Past `REDRAW_LIMIT` elements that frame took 190–290 ms,
 * on every click. So such a graph never shows the selection itself: its sheet has no rule for it
 * (`quietSheet`, and Cytoscape patch 3 keeps the picture when a restyle changes nothing drawn). The
 * selection, its relations and their ends are copied into a second, small Cytoscape above it, drawn
 * with the full sheet, which follows the graph's viewport and node positions and takes no input.
 *
 * The graph below keeps its selection and its filters as in a small graph: scripts and tests read
 * them there. It does not carry the marks of the selection's neighbourhood (`near`, `end`): its
 * sheet would not draw them, but Cytoscape handles every element whose classes change as
 * restyled. The layer is given them (see `applyView`), and puts them on the graph below only
 * while a picture of it is taken.
 */
import cytoscape from 'cytoscape';
import type {
  Collection,
  Core,
  ElementDefinition,
  EventObject,
  NodeSingular,
  SingularElementArgument,
  StylesheetJsonBlock,
} from 'cytoscape';
import { listen } from './listen';
import { layerWhenSettled } from './textures';
import type { SelectionMarks } from './view';
import { setSelectionDrawer } from './withSelection';

/** Rules that show the reader's selection (and a hovered edge) rather than the document. */
const SHOWS_SELECTION = /\.near|\.end|\.hover|:selected/;

const quietSheets = new WeakMap<readonly StylesheetJsonBlock[], StylesheetJsonBlock[]>();

/** Colours Cytoscape's own sheet gives a selected element, whatever its group. */
const SELECTED_COLOURS = [
  'background-color',
  'line-color',
  'source-arrow-color',
  'mid-source-arrow-color',
  'target-arrow-color',
  'mid-target-arrow-color',
] as const;

/**
 * Restates, right after a sheet's first rule for all nodes or all edges, the values that Cytoscape's own
 * `:selected` and `:active` rules would change and that rule leaves at Cytoscape's defaults. Placed
 * there, they override Cytoscape's rules (which come first) and yield to any later rule of ours.
 */
function restated(rule: StylesheetJsonBlock): StylesheetJsonBlock {
  const own: object = 'style' in rule ? rule.style : rule.css;
  return {
    selector: rule.selector,
    style: {
      ...Object.fromEntries(SELECTED_COLOURS.filter((p) => !(p in own)).map((p) => [p, '#999'])),
      'overlay-opacity': 0,
      'overlay-color': '#000',
      'overlay-padding': 10,
    },
  };
}

/**
 * The sheet without its selection rules, for the graph below a selection layer. Cytoscape's own
 * sheet also colours a selected element and shades a pressed one (`:active`); those are restated
 * away (see `restated`), so that selecting, pressing or marking an element changes nothing in its
 * style (and so nothing drawn). The same array is returned for the same sheet.
 */
export function quietSheet(sheet: readonly StylesheetJsonBlock[]): StylesheetJsonBlock[] {
  let quiet = quietSheets.get(sheet);
  if (!quiet) {
    // After the first such rule only: placed after a later one (a crowd's sheet adds a second
    // rule for all nodes), a restated default would override the colours the first one sets.
    const restatedFor = new Set<string>();
    quiet = sheet
      .filter((rule) => !SHOWS_SELECTION.test(rule.selector))
      .flatMap((rule) => {
        if (
          (rule.selector !== 'node' && rule.selector !== 'edge') ||
          restatedFor.has(rule.selector)
        )
          return [rule];
        restatedFor.add(rule.selector);
        return [rule, restated(rule)];
      });
    quietSheets.set(sheet, quiet);
  }
  return quiet;
}

const NO_MARKS: SelectionMarks = { selected: new Set(), near: new Set(), end: new Set() };

/**
 * The graph below still draws the selected actor's label, in its usual weight. Drawn bold above
 * it, the label had other widths and line breaks, and the one below showed round it ("Korvo
 * Ushradro" behind a bold "Korvo / Ushradro"). Above, it keeps the weight it has below and an
 * opaque background, so that it covers that one exactly.
 */
const OVER_THE_GRAPH: StylesheetJsonBlock = {
  selector: 'node:selected',
  style: { 'font-weight': 'normal', 'text-background-opacity': 1 },
};

/** The sheet the layer draws with: the graph's full sheet, its selected label as above. */
const layerSheet = (sheet: readonly StylesheetJsonBlock[]) => [...sheet, OVER_THE_GRAPH];

/** The marks of `marks` that `id` has, as classes. */
function marksOf(id: string, marks: SelectionMarks): string[] {
  return [...(marks.near.has(id) ? ['near'] : []), ...(marks.end.has(id) ? ['end'] : [])];
}

/** The elements of `cy` with these ids (an id it does not hold is skipped). */
function byIds(cy: Core, groups: readonly ReadonlySet<string>[]): Collection {
  const eles = cy.collection();
  for (const ids of groups) for (const id of ids) eles.merge(cy.$id(id));
  return eles;
}

/** A copy of an element of the graph below, as the selection's `marks` show it. */
function copyOf(ele: SingularElementArgument, marks: SelectionMarks): ElementDefinition {
  const id = ele.id();
  return {
    group: ele.isNode() ? 'nodes' : 'edges',
    data: { ...(ele.data() as Record<string, unknown>) } as ElementDefinition['data'],
    classes: [...ele.classes(), ...marksOf(id, marks)],
    selected: marks.selected.has(id),
    ...(ele.isNode() ? { position: { ...ele.position() } } : {}),
  };
}

/**
 * Made for a graph past `REDRAW_LIMIT` when it is built, and destroyed when a smaller one is: a graph
 * that draws its own selection has no second Cytoscape, no listeners and no canvases over it.
 */
export class SelectionLayer {
  /** The small graph on top. */
  readonly top: Core;
  private sheet: readonly StylesheetJsonBlock[];
  private marks = NO_MARKS;
  private readonly unbind: () => void;
  private stopSettling: () => void = () => {};

  /**
   * `container` lies exactly over `below`'s and lets the pointer through (null: headless). `sheet`
   * is the full sheet; `below` gets `quietSheet(sheet)`.
   */
  constructor(
    private readonly below: Core,
    private readonly container: HTMLElement | null,
    sheet: readonly StylesheetJsonBlock[],
  ) {
    this.sheet = sheet;
    this.top = cytoscape({
      ...(container ? { container } : { headless: true, styleEnabled: true }),
      style: layerSheet(sheet),
      userPanningEnabled: false,
      userZoomingEnabled: false,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    const moved = (e: EventObject) => {
      const node = e.target as NodeSingular;
      const copy = this.top.$id(node.id());
      if (copy.nonempty()) copy.position({ ...node.position() });
    };
    this.unbind = listen(below, [
      ['viewport', null, () => this.follow()],
      ['resize', null, () => this.top.resize()],
      ['position', 'node', moved],
    ]);
    setSelectionDrawer(below, (f) => this.withSelectionDrawn(f));
    this.follow();
  }

  /** The full sheet of the graph built next (a crowd's differs). */
  useSheet(sheet: readonly StylesheetJsonBlock[]): void {
    if (this.sheet === sheet) return;
    this.sheet = sheet;
    this.top.style(layerSheet(sheet));
  }

  /** Draws the selection `marks` describe: its elements, those marked near it and their ends. */
  show(marks: SelectionMarks): void {
    this.marks = marks;
    // Looked up by id, rather than by matching selectors against every element (12,500 in the
    // every-actor view of 100,000 words).
    const wanted = byIds(this.below, [marks.selected, marks.near, marks.end]).filter(
      (e) => !e.hasClass('filtered'),
    );
    const nodes = wanted.nodes().union(wanted.edges().connectedNodes());
    const copies = [
      ...nodes.map((n) => copyOf(n, marks)),
      ...wanted.edges().map((e) => copyOf(e, marks)),
    ];
    this.top.batch(() => {
      this.top.elements().remove();
      if (copies.length > 0) this.top.add(copies);
    });
    this.follow();
    this.settle();
  }

  /** Takes the graph's viewport. */
  private follow(): void {
    this.top.viewport({ zoom: this.below.zoom(), pan: { ...this.below.pan() } });
  }

  /** Without one more frame once changes stop, the next click would find no cached picture. */
  private settle(): void {
    this.stopSettling();
    this.stopSettling = layerWhenSettled(this.below);
  }

  /** The graph below with its selection drawn, for `f`'s time (a picture of it, say). */
  private async withSelectionDrawn<T>(f: () => Promise<T>): Promise<T> {
    const sheet = this.sheet;
    const marked = new Map<string, Collection>();
    for (const cls of ['near', 'end'] as const) {
      marked.set(
        cls,
        byIds(this.below, [this.marks[cls]]).filter((e) => !e.hasClass(cls)),
      );
    }
    this.below.batch(() => {
      for (const [cls, eles] of marked) eles.addClass(cls);
    });
    this.below.style([...sheet]);
    try {
      return await f();
    } finally {
      this.below.style(quietSheet(sheet));
      this.below.batch(() => {
        for (const [cls, eles] of marked) eles.removeClass(cls);
      });
    }
  }

  destroy(): void {
    this.stopSettling();
    this.unbind();
    setSelectionDrawer(this.below, undefined);
    this.top.destroy();
    // Cytoscape leaves its canvases, last picture and all, in the container.
    this.container?.replaceChildren();
  }
}
