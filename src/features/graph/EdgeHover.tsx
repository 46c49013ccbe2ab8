/**
 * Names the relation under the pointer. In a graph of up to `REDRAW_LIMIT` elements the edge
 * itself shows it (its label, a stronger line: graphStyle's `.hover`). Past that the edge is left
 * as it is and a tooltip names the relation: any change of style makes Cytoscape drop its cached
 * picture and draw every element again for a frame, which at thousands of elements took 200–400 ms
 * on each edge the pointer crossed.
 */
import { useEffect, useState } from 'react';
import type { Core, EdgeSingular, EventObject } from 'cytoscape';
import { listen } from './listen';
import { REDRAW_LIMIT } from './view';

interface Tip {
  readonly x: number;
  readonly y: number;
  readonly source: string;
  readonly label: string;
  readonly target: string;
  /** Shown left of (above) the pointer, so that it stays inside the graph near its right (lower) edge. */
  readonly left: boolean;
  readonly up: boolean;
}

const nameOf = (edge: EdgeSingular, end: 'source' | 'target') =>
  String(edge[end]().data('label') ?? edge[end]().id());

export function EdgeHover({ cy }: { cy: Core | null }) {
  const [tip, setTip] = useState<Tip | null>(null);

  useEffect(() => {
    if (!cy) return;
    let hovered: EdgeSingular | null = null;
    let tipped = false;
    const place = (edge: EdgeSingular, e: EventObject) => {
      const { x, y } = e.renderedPosition;
      setTip({
        x,
        y,
        source: nameOf(edge, 'source'),
        label: String(edge.data('label') ?? ''),
        target: nameOf(edge, 'target'),
        left: x > cy.width() * 0.6,
        up: y > cy.height() * 0.75,
      });
    };
    const over = (e: EventObject) => {
      const edge = e.target as EdgeSingular;
      hovered = edge;
      tipped = cy.elements().length > REDRAW_LIMIT;
      if (tipped) place(edge, e);
      else edge.addClass('hover');
    };
    const move = (e: EventObject) => {
      if (tipped && hovered && e.target === hovered) place(hovered, e);
    };
    const hide = () => {
      if (tipped) setTip(null);
      tipped = false;
    };
    const out = () => {
      if (hovered?.hasClass('hover')) hovered.removeClass('hover');
      hovered = null;
      hide();
    };
    // The pointer leaving the graph is told to the core only, not to the edge it was on.
    const leave = (e: EventObject) => {
      if (e.target === hovered || e.target === cy) out();
    };
    const removed = (e: EventObject) => {
      if (e.target === hovered) out();
    };
    return listen(cy, [
      ['mouseover', 'edge', over],
      ['mousemove', 'edge', move],
      ['mouseout', null, leave],
      // A tooltip left behind by a pan, a zoom or a click would point at nothing.
      ['viewport tapstart', null, hide],
      ['remove', 'edge', removed],
    ]);
  }, [cy]);

  if (!tip) return null;
  return (
    <div
      role="tooltip"
      className={`graph-tip${tip.left ? ' graph-tip-left' : ''}${tip.up ? ' graph-tip-up' : ''}`}
      style={{ left: tip.x, top: tip.y }}
    >
      <strong>{tip.source}</strong> {tip.label} <strong>{tip.target}</strong>
    </div>
  );
}
