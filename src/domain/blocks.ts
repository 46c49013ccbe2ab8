/**
 * The parts of a text as it reads (headline, byline, subheadings, paragraphs). A document may carry
 * them (ours does, by hand); otherwise they are guessed from its lines, since pasted and imported
 * news keeps one part per line.
 */
import type { Block, BlockKind } from './model';

const TERMINAL = /[.!?:;…"”’')\]]$/u;

function guessKind(line: string, isFirst: boolean): BlockKind {
  const words = line.split(/\s+/).filter(Boolean).length;
  const short = words <= 14 && line.length <= 120;
  if (/^By\s+\p{Lu}/u.test(line) && words <= 8) return 'byline';
  if (short && !TERMINAL.test(line)) return isFirst ? 'title' : 'heading';
  return 'paragraph';
}

/** One block per non-empty line, trimmed, with a guessed kind. */
export function deriveBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lineBreak = /\r\n|\n|\r|\u2028|\u2029/g;
  let lineStart = 0;
  for (;;) {
    const m = lineBreak.exec(text);
    const lineEnd = m ? m.index : text.length;
    let start = lineStart;
    let end = lineEnd;
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (end > start) {
      blocks.push({ kind: guessKind(text.slice(start, end), blocks.length === 0), start, end });
    }
    if (!m) break;
    lineStart = m.index + m[0].length;
  }
  return blocks;
}
