/**
 * Maps a DOM selection in the article to offsets in the document text. Each sentence element's text
 * is exactly its slice of the document, so an offset is the sentence's start plus the characters
 * before the selection point inside that sentence element.
 */
import type { Span } from '../../domain/model';

function pointOffset(
  node: Node,
  offset: number,
  sentenceStart: (el: Element) => number | undefined,
): number | undefined {
  const element = node instanceof Element ? node : node.parentElement;
  const sentence = element?.closest('[data-sentence]');
  if (!sentence) return undefined;
  const start = sentenceStart(sentence);
  if (start === undefined) return undefined;
  const walker = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT);
  let before = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (t === node) return start + before + offset;
    // A point given as (element, child index): count the text of the children before it.
    if (node.nodeType !== Node.TEXT_NODE && node.contains(t)) {
      const child = node.childNodes[offset];
      if (child && (child === t || child.contains(t))) return start + before;
    }
    before += t.textContent?.length ?? 0;
  }
  return start + before;
}

/** The selected span, trimmed of surrounding white space; undefined when nothing usable is selected. */
export function selectionSpan(
  selection: Selection | null,
  text: string,
  sentenceStart: (el: Element) => number | undefined,
): Span | undefined {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  const a = pointOffset(range.startContainer, range.startOffset, sentenceStart);
  const b = pointOffset(range.endContainer, range.endOffset, sentenceStart);
  if (a === undefined || b === undefined) return undefined;
  let start = Math.min(a, b);
  let end = Math.max(a, b);
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? { start, end } : undefined;
}
