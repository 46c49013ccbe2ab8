import { describe, expect, it } from 'vitest';
import { MAX_STRETCH, stretchToFrame } from './place';

const square = {
  a: { x: 0, y: 0 },
  b: { x: 100, y: 0 },
  c: { x: 0, y: 100 },
  d: { x: 100, y: 100 },
};

function box(ps: Record<string, { x: number; y: number }>) {
  const xs = Object.values(ps).map((p) => p.x);
  const ys = Object.values(ps).map((p) => p.y);
  return { w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
}

describe('stretchToFrame', () => {
  it('widens a round layout for a wide frame, about its centre', () => {
    const out = stretchToFrame(square, 600, 450);
    expect(box(out).w).toBeCloseTo((100 * 600) / 450);
    expect(box(out).h).toBe(100);
    expect(out.a!.x + out.d!.x).toBeCloseTo(100);
  });

  it('heightens a round layout for a tall frame', () => {
    expect(box(stretchToFrame(square, 300, 450))).toEqual({ w: 100, h: 150 });
  });

  it('stretches at most MAX_STRETCH and never shrinks', () => {
    expect(box(stretchToFrame(square, 1000, 100))).toEqual({ w: 100 * MAX_STRETCH, h: 100 });
    // Four times wider than high, in a frame a third wider than high: as tall as allowed.
    const wide = { a: { x: 0, y: 0 }, b: { x: 400, y: 0 }, c: { x: 0, y: 100 } };
    expect(box(stretchToFrame(wide, 600, 450))).toEqual({ w: 400, h: 100 * MAX_STRETCH });
  });

  it('leaves a line, a pair or an empty frame alone', () => {
    const line = { a: { x: 0, y: 0 }, b: { x: 50, y: 0 }, c: { x: 100, y: 0 } };
    expect(stretchToFrame(line, 600, 450)).toEqual(line);
    expect(stretchToFrame({ a: { x: 0, y: 0 }, b: { x: 9, y: 9 } }, 600, 450)).toEqual({
      a: { x: 0, y: 0 },
      b: { x: 9, y: 9 },
    });
    expect(stretchToFrame(square, 0, 0)).toEqual(square);
  });
});
