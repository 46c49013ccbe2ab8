/**
 * Points on the graph for a pointer to go to, in page coordinates. No test runner here: the
 * screenshot script uses them too.
 */
import type { Page } from 'playwright-core';

/**
 * Of the edges in view, the one whose midpoint lies farthest from every node and node label, and
 * that midpoint in page coordinates: a pointer there is on the edge, not on a node.
 */
export async function clearestEdge(page: Page): Promise<{ id: string; x: number; y: number }> {
  return page.evaluate(() => {
    const cy = window.cy!;
    const ext = cy.extent();
    const margin = 0.05 * Math.min(ext.w, ext.h);
    const boxes = cy.nodes(':visible').map((n) => n.boundingBox({ includeLabels: true }));
    let best = { id: '', clearance: -1 };
    cy.edges(':visible').forEach((e) => {
      const m = e.midpoint();
      if (m.x < ext.x1 + margin || m.x > ext.x2 - margin) return;
      if (m.y < ext.y1 + margin || m.y > ext.y2 - margin) return;
      let clearance = Infinity;
      for (const b of boxes) {
        const dx = Math.max(b.x1 - m.x, 0, m.x - b.x2);
        const dy = Math.max(b.y1 - m.y, 0, m.y - b.y2);
        clearance = Math.min(clearance, Math.hypot(dx, dy));
      }
      if (clearance > best.clearance) best = { id: e.id(), clearance };
    });
    const pos = cy.$id(best.id).renderedMidpoint();
    const box = cy.container()!.getBoundingClientRect();
    return { id: best.id, x: box.left + pos.x, y: box.top + pos.y };
  });
}

/**
 * A point of the graph's canvas, as near its middle as can be, that no node or node label covers
 * and nothing lies over: pressed and dragged there, the pointer pans the graph instead of moving a
 * node. Null when the canvas is full.
 */
export async function freePoint(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate(() => {
    const cy = window.cy!;
    const container = cy.container()!;
    const box = container.getBoundingClientRect();
    const margin = 6;
    const boxes = cy.nodes(':visible').map((n) => n.renderedBoundingBox({ includeLabels: true }));
    const covered = (x: number, y: number) =>
      boxes.some(
        (b) => x >= b.x1 - margin && x <= b.x2 + margin && y >= b.y1 - margin && y <= b.y2 + margin,
      );
    const points: { x: number; y: number; d: number }[] = [];
    for (let x = 20; x < box.width - 20; x += 10) {
      for (let y = 20; y < box.height - 20; y += 10) {
        points.push({ x, y, d: Math.hypot(x - box.width / 2, y - box.height / 2) });
      }
    }
    points.sort((a, b) => a.d - b.d);
    for (const p of points) {
      if (covered(p.x, p.y)) continue;
      const x = box.left + p.x;
      const y = box.top + p.y;
      // Not under the toolbar, the legend or a message.
      const hit = document.elementFromPoint(x, y);
      if (hit && container.contains(hit)) return { x, y };
    }
    return null;
  });
}
