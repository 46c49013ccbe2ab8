/**
 * Pushes apart boxes that overlap (node plus label), moving each pair along the axis of least
 * overlap, until none overlap or the rounds run out. fcose spaces nodes well but does not promise
 * that wrapped labels never touch; this last pass does, for graphs small enough to read.
 */
export interface Box {
  readonly id: string;
  x: number;
  y: number;
  readonly w: number;
  readonly h: number;
  /** Pinned boxes (nodes the user dragged) never move. */
  readonly fixed?: boolean;
}

export function separate(boxes: Box[], gap = 4, rounds = 60): number {
  let moved = 0;
  for (let round = 0; round < rounds; round++) {
    let any = false;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const ox = (a.w + b.w) / 2 + gap - Math.abs(a.x - b.x);
        const oy = (a.h + b.h) / 2 + gap - Math.abs(a.y - b.y);
        if (ox <= 0 || oy <= 0) continue;
        any = true;
        const share = a.fixed ? (b.fixed ? 0 : 1) : b.fixed ? 0 : 0.5;
        if (a.fixed && b.fixed) continue;
        // Move along the axis that needs less movement; ties broken by id order for determinism.
        if (ox < oy) {
          const dir = a.x < b.x || (a.x === b.x && a.id < b.id) ? -1 : 1;
          a.x += dir * ox * (1 - share);
          b.x -= dir * ox * share;
        } else {
          const dir = a.y < b.y || (a.y === b.y && a.id < b.id) ? -1 : 1;
          a.y += dir * oy * (1 - share);
          b.y -= dir * oy * share;
        }
        moved++;
      }
    }
    if (!any) break;
  }
  return moved;
}
