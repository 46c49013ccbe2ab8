import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { runsOf, topPiece } from './runs';
import type { TextRun } from './runs';
import type { MentionPiece } from './indexes';
import type { Span } from './model';

const piece = (mentionId: string, start: number, end: number): MentionPiece => ({
  mentionId,
  entityId: `e-${mentionId}`,
  start,
  end,
});

/** Each run as [start, end, mention ids outermost first]. */
const shape = (runs: TextRun[]) =>
  runs.map((r) => [r.start, r.end, r.pieces.map((p) => p.mentionId)]);

describe('runsOf', () => {
  it('returns one plain run covering the sentence when there are no pieces', () => {
    expect(runsOf({ start: 5, end: 20 }, [])).toEqual([{ start: 5, end: 20, pieces: [] }]);
  });

  it('cuts plain text around a single piece', () => {
    expect(shape(runsOf({ start: 10, end: 30 }, [piece('a', 15, 20)]))).toEqual([
      [10, 15, []],
      [15, 20, ['a']],
      [20, 30, []],
    ]);
  });

  it('gives adjacent pieces their own runs with no gap between them', () => {
    expect(shape(runsOf({ start: 0, end: 10 }, [piece('a', 0, 3), piece('b', 3, 6)]))).toEqual([
      [0, 3, ['a']],
      [3, 6, ['b']],
      [6, 10, []],
    ]);
  });

  it('lists nested pieces outermost first so the top piece is the innermost', () => {
    const outer = piece('outer', 0, 10);
    const inner = piece('inner', 2, 5);
    const runs = runsOf({ start: 0, end: 10 }, [inner, outer]);
    expect(shape(runs)).toEqual([
      [0, 2, ['outer']],
      [2, 5, ['outer', 'inner']],
      [5, 10, ['outer']],
    ]);
    expect(runs.map((r) => topPiece(r)?.mentionId)).toEqual(['outer', 'inner', 'outer']);
  });

  it('orders three levels of nesting by length', () => {
    const runs = runsOf({ start: 0, end: 12 }, [
      piece('mid', 2, 8),
      piece('in', 3, 5),
      piece('out', 0, 12),
    ]);
    expect(shape(runs)).toEqual([
      [0, 2, ['out']],
      [2, 3, ['out', 'mid']],
      [3, 5, ['out', 'mid', 'in']],
      [5, 8, ['out', 'mid']],
      [8, 12, ['out']],
    ]);
  });

  it('splits partly overlapping pieces into three runs, the shorter piece on top', () => {
    const runs = runsOf({ start: 0, end: 12 }, [piece('a', 0, 6), piece('b', 4, 12)]);
    expect(shape(runs)).toEqual([
      [0, 4, ['a']],
      [4, 6, ['b', 'a']],
      [6, 12, ['b']],
    ]);
    expect(topPiece(runs[1] as TextRun)?.mentionId).toBe('a');
  });

  it('clips pieces that reach past either end of the sentence', () => {
    expect(shape(runsOf({ start: 10, end: 20 }, [piece('a', 5, 13), piece('b', 18, 25)]))).toEqual([
      [10, 13, ['a']],
      [13, 18, []],
      [18, 20, ['b']],
    ]);
  });

  it('ignores pieces wholly outside the sentence', () => {
    expect(
      shape(runsOf({ start: 10, end: 20 }, [piece('before', 0, 5), piece('after', 25, 30)])),
    ).toEqual([[10, 20, []]]);
  });

  it('covers the whole sentence with a piece that spans it', () => {
    expect(shape(runsOf({ start: 3, end: 9 }, [piece('a', 3, 9)]))).toEqual([[3, 9, ['a']]]);
  });

  it('has no top piece for a run of plain text', () => {
    expect(topPiece({ start: 0, end: 1, pieces: [] })).toBeUndefined();
  });
});

const spanArb = fc
  .tuple(fc.integer({ min: -10, max: 60 }), fc.integer({ min: 0, max: 30 }))
  .map(([start, length]): Span => ({ start, end: start + length }));

describe('runsOf: properties', () => {
  it('tiles the sentence exactly and each run carries exactly the pieces covering it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(spanArb, { maxLength: 8 }),
        (start, length, spans) => {
          const sentence = { start, end: start + length };
          const pieces = spans.map((s, i) => piece(`m${i}`, s.start, s.end));
          const runs = runsOf(sentence, pieces);

          expect(runs[0]?.start).toBe(sentence.start);
          expect(runs[runs.length - 1]?.end).toBe(sentence.end);
          for (const [i, run] of runs.entries()) {
            expect(run.end).toBeGreaterThan(run.start);
            if (i > 0) expect(run.start).toBe(runs[i - 1]?.end);
            // Every piece listed covers the whole run ...
            for (const p of run.pieces) {
              expect(p.start).toBeLessThanOrEqual(run.start);
              expect(p.end).toBeGreaterThanOrEqual(run.end);
            }
            // ... and every piece holding a character of the run is listed.
            for (let x = run.start; x < run.end; x++) {
              const holding = pieces
                .filter((p) => p.start <= x && x < p.end)
                .map((p) => p.mentionId);
              expect(run.pieces.map((p) => p.mentionId).sort()).toEqual(holding.sort());
            }
            // Outermost first: lengths never grow.
            for (let k = 1; k < run.pieces.length; k++) {
              const a = run.pieces[k - 1];
              const b = run.pieces[k];
              expect((a?.end ?? 0) - (a?.start ?? 0)).toBeGreaterThanOrEqual(
                (b?.end ?? 0) - (b?.start ?? 0),
              );
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
