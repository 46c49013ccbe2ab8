/** Cytoscape's style sheet for the network: type colour and shape from node data. */
import type { Css, StylesheetJsonBlock } from 'cytoscape';

/** The widest a node's label gets before it wraps (placement leaves room for it). */
export const LABEL_WIDTH = 110;

/** Node labels' type, and the font Cytoscape measures them in (its font-style and weight first). */
export const LABEL_FONT_SIZE = 14;
export const LABEL_FONT_FAMILY = 'system-ui, sans-serif';
export const LABEL_FONT = `normal normal ${LABEL_FONT_SIZE}px ${LABEL_FONT_FAMILY}`;

export const graphStyle: StylesheetJsonBlock[] = [
  // While a large graph is panned or zoomed, a picture of the view moves and what lay outside it
  // shows in this colour until the graph is drawn again (see setViewportTexture): the page's own
  // background, not Cytoscape's dark veil.
  {
    selector: 'core',
    // Cytoscape's typings ask for every core property at once; these two are all that is set.
    style: {
      'outside-texture-bg-color': '#f6f7f9',
      'outside-texture-bg-opacity': 1,
    } satisfies Partial<Css.Core> as Css.Core,
  },
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      shape: 'data(shape)' as never,
      width: 'data(size)',
      height: 'data(size)',
      label: 'data(label)',
      'font-size': LABEL_FONT_SIZE,
      'font-family': LABEL_FONT_FAMILY,
      color: '#1d232a',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': `${LABEL_WIDTH}px`,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      'text-background-shape': 'roundrectangle',
      'border-width': 1.5,
      'border-color': '#ffffff',
      'min-zoomed-font-size': 5,
    },
  },
  { selector: 'node.event', style: { 'border-style': 'dashed', 'border-color': '#333' } },
  {
    selector: 'edge',
    style: {
      width: 1.6,
      'line-color': '#8a96a3',
      'target-arrow-color': '#8a96a3',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 1.1,
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#44505c',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '1px',
      'min-zoomed-font-size': 6,
      // Relation labels would bury a whole graph; they show on the selection's edges and on hover.
      'text-opacity': 0,
    },
  },
  // Hundreds of edges at full strength bury the nodes, and their arrowheads cost more to draw than
  // they tell: dense graphs draw edges light and headless until they belong to the selection.
  // Their labels are not even laid out (an unseen label still costs Cytoscape a measurement and a
  // placement whenever the edge changes): only a hovered or selected edge has one.
  // Haystack edges are Cytoscape's cheapest: no endpoint or control-point geometry, a plain line.
  // They cannot carry arrowheads, so an edge of the selection turns straight to show its direction.
  {
    selector: 'edge.dense',
    style: {
      opacity: 0.35,
      'target-arrow-shape': 'none',
      label: '',
      'curve-style': 'haystack',
      'haystack-radius': 0,
    },
  },
  {
    selector: 'edge.dense.near, edge.dense.hover, edge.dense:selected',
    style: { opacity: 1, 'target-arrow-shape': 'triangle', 'curve-style': 'straight' },
  },
  { selector: 'edge.dense.hover, edge.dense:selected', style: { label: 'data(label)' } },
  { selector: 'edge.symmetric', style: { 'target-arrow-shape': 'none' } },
  { selector: 'edge.possible', style: { 'line-style': 'dashed' } },
  { selector: 'edge.reported', style: { 'line-style': 'dotted', width: 2 } },
  { selector: '.filtered', style: { display: 'none' } },
  { selector: '.faded', style: { opacity: 0.18 } },
  // The neighbourhood of the selection in a graph too large to fade (see view.ts).
  { selector: 'node.near', style: { 'border-width': 2.5, 'border-color': '#111' } },
  {
    selector: 'node:selected',
    style: {
      'border-width': 4,
      'border-color': '#111',
      'font-weight': 'bold',
    },
  },
  { selector: 'node.end', style: { 'border-width': 3, 'border-color': '#111' } },
  {
    selector: 'edge.near',
    style: {
      width: 2.4,
      'line-color': '#4a5563',
      'target-arrow-color': '#4a5563',
      color: '#111',
      'text-opacity': 1,
    },
  },
  // A hub of a dense graph has hundreds of edges: their labels would be a smear, and costly to draw.
  // They show on hover and on the selected edge. Nor do they thicken: a change of width changes an
  // edge's bounds, which Cytoscape pays for edge by edge.
  { selector: 'edge.near.dense', style: { 'text-opacity': 0, width: 1.6 } },
  { selector: 'edge.hover', style: { 'text-opacity': 1, width: 2.4 } },
  {
    selector: 'edge.near.faded',
    style: { 'text-opacity': 0 },
  },
  {
    selector: 'edge:selected',
    style: {
      width: 4,
      'line-color': '#b8002e',
      'target-arrow-color': '#b8002e',
      color: '#b8002e',
      'text-opacity': 1,
      'font-weight': 'bold',
    },
  },
];
// No 'z-index' on the selection: any change of it makes Cytoscape sort every element again by
// z-order on each click, which costs more than the rare overlap it would fix.

/**
 * Past this many nodes their labels show only from 9 px on screen, not 5: in a crowd smaller labels
 * are a smear, and the zoom step where thousands of them first show held a frame for ~1 s while
 * Cytoscape drew each label's texture (with 9 px, fewer nodes are in view by then: ~300 ms).
 */
export const CROWDED_NODES = 500;

const crowdedStyle: StylesheetJsonBlock[] = [
  ...graphStyle,
  { selector: 'node', style: { 'min-zoomed-font-size': 9 } },
];

/** The style sheet for a graph of that many nodes. */
export function sheetFor(nodes: number): StylesheetJsonBlock[] {
  return nodes > CROWDED_NODES ? crowdedStyle : graphStyle;
}
