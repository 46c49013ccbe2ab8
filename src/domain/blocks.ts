/**
 * The parts of a text as it reads (headline, byline, subheadings, paragraphs). A document may carry
 * them (ours does, by hand); otherwise they are guessed from its lines, since pasted and imported
 * news keeps one part per line.
 */
import type { Block, BlockKind } from './model';
import { recentByText } from './recent';

const TERMINAL = /[.!?:;…"”’')\]]$/u;

function guessKind(line: string, isFirst: boolean): BlockKind {
  const byline = /^By\s+\p{Lu}/u.test(line);
  // Past 120 characters only a byline's words count: a paragraph was split into all of its words
  // (two thirds of deriving the blocks of 300,000 words).
  if (!byline && line.length > 120) return 'paragraph';
  const words = line.split(/\s+/).filter(Boolean).length;
  const short = words <= 14 && line.length <= 120;
  if (byline && words <= 8) return 'byline';
  if (short && !TERMINAL.test(line)) return isFirst ? 'title' : 'heading';
  return 'paragraph';
}

const KINDS: readonly BlockKind[] = ['title', 'byline', 'heading', 'paragraph'];

/** Blocks as flat numbers (start, end, kind) for a worker to send without copying objects. */
export function packBlocks(blocks: readonly Block[]): Int32Array<ArrayBuffer> {
  const packed = new Int32Array(blocks.length * 3);
  blocks.forEach((b, i) => packed.set([b.start, b.end, KINDS.indexOf(b.kind)], i * 3));
  return packed;
}

export function unpackBlocks(packed: Int32Array): Block[] {
  return Array.from({ length: packed.length / 3 }, (_, i) => ({
    start: packed[i * 3] ?? 0,
    end: packed[i * 3 + 1] ?? 0,
    kind: KINDS[packed[i * 3 + 2] ?? 3] ?? 'paragraph',
  }));
}

/**
 * The last texts whose blocks were derived (in the import worker, most often): indexing a new
 * document of 100,000 words on the page then need not guess its 1,800 lines again (~30 ms there).
 */
const recent = recentByText<readonly Block[]>(4);

/** Records blocks derived elsewhere (in a worker) for `text`, so deriving them here is free. */
export function rememberBlocks(text: string, blocks: readonly Block[]): void {
  recent.set(text, blocks);
}

/**
 * One block per non-empty line, trimmed, with a guessed kind. The result is shared between
 * callers: never mutate it.
 */
export function deriveBlocks(text: string): readonly Block[] {
  const known = recent.get(text);
  if (known) return known;
  const blocks = guessBlocks(text);
  rememberBlocks(text, blocks);
  return blocks;
}

function guessBlocks(text: string): Block[] {
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
