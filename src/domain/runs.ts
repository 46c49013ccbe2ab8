/**
 * Cuts a sentence into runs of text that are covered by the same set of mention pieces, so nested and
 * overlapping mentions (common in imported brat documents) can be drawn without breaking the text.
 * The innermost (shortest) piece of a run decides what a click on it selects.
 */
import type { Span } from './model';
import type { MentionPiece } from './indexes';

export interface TextRun extends Span {
  /** Pieces covering this run, outermost first; empty for plain text. */
  readonly pieces: readonly MentionPiece[];
}

export function runsOf(sentence: Span, pieces: readonly MentionPiece[]): TextRun[] {
  if (pieces.length === 0) return [{ start: sentence.start, end: sentence.end, pieces: [] }];
  const cuts = new Set<number>([sentence.start, sentence.end]);
  // Clamp both ends: a piece wholly outside the sentence must not add a cut outside it.
  const clamp = (x: number) => Math.min(sentence.end, Math.max(sentence.start, x));
  for (const p of pieces) {
    cuts.add(clamp(p.start));
    cuts.add(clamp(p.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: TextRun[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? 0;
    if (end <= start) continue;
    const covering = pieces
      .filter((p) => p.start <= start && p.end >= end)
      .sort((a, b) => b.end - b.start - (a.end - a.start));
    runs.push({ start, end, pieces: covering });
  }
  return runs;
}

/** The piece a click on this run means: the innermost one. */
export function topPiece(run: TextRun): MentionPiece | undefined {
  return run.pieces[run.pieces.length - 1];
}
