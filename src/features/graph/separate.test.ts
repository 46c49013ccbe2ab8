import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { separate } from './separate';
import type { Box } from './separate';

function overlaps(boxes: readonly Box[]): number {
  let n = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (Math.abs(a.x - b.x) < (a.w + b.w) / 2 && Math.abs(a.y - b.y) < (a.h + b.h) / 2) n++;
    }
  return n;
}

describe('separate', () => {
  it('leaves boxes that do not overlap where they are', () => {
    const boxes: Box[] = [
      { id: 'a', x: 0, y: 0, w: 10, h: 10 },
      { id: 'b', x: 50, y: 0, w: 10, h: 10 },
    ];
    expect(separate(boxes)).toBe(0);
    expect(boxes.map((b) => [b.x, b.y])).toEqual([
      [0, 0],
      [50, 0],
    ]);
  });

  it('never moves a fixed box', () => {
    const boxes: Box[] = [
      { id: 'a', x: 0, y: 0, w: 40, h: 10, fixed: true },
      { id: 'b', x: 5, y: 2, w: 40, h: 10 },
    ];
    separate(boxes);
    expect(boxes[0]).toMatchObject({ x: 0, y: 0 });
    expect(overlaps(boxes)).toBe(0);
  });

  it('removes every overlap among a few dozen boxes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 300 }),
            y: fc.integer({ min: 0, max: 300 }),
            w: fc.integer({ min: 10, max: 80 }),
            h: fc.integer({ min: 10, max: 40 }),
          }),
          { maxLength: 30 },
        ),
        (raw) => {
          const boxes: Box[] = raw.map((r, i) => ({ id: `n${i}`, ...r }));
          separate(boxes, 4, 500);
          expect(overlaps(boxes)).toBe(0);
        },
      ),
      { numRuns: 50 },
    );
  });
});
