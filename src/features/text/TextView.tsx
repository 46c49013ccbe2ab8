/**
 * The article as it reads: parts as headings and paragraphs, sentences as `data-sentence` spans,
 * mentions as coloured spans. Emphasis (selection, filters) is not rendered here but by the style
 * rules of `TextEmphasis`, so a click re-renders one sentence at most, not the whole text.
 *
 * Short documents render every block. Long ones render only the blocks near the viewport
 * (@tanstack/react-virtual), so the DOM stays small whatever the length; a jump first scrolls the
 * virtual list to the sentence's block, then the sentence itself into view.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent, ReactNode, RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { DocumentIndex, IndexedBlock } from '../../domain/indexes';
import { runsOf, topPiece } from '../../domain/runs';
import { useAppStore } from '../../store/store';
import type { Jump } from '../../store/store';
import { selectIndex } from '../../store/selectors';
import { TextEmphasis } from './TextEmphasis';

/** Above this many blocks, or characters, only the blocks near the viewport are rendered. */
export const VIRTUAL_BLOCKS = 150;
export const VIRTUAL_CHARS = 60_000;

function describe(index: DocumentIndex, entityId: string): string {
  const e = index.entityById.get(entityId);
  if (!e) return '';
  const type = index.entityTypes.get(e.type)?.label ?? e.type;
  return `${e.name} · ${type}`;
}

const SentenceView = memo(function SentenceView({ i }: { i: number }) {
  const index = useAppStore(selectIndex);
  const isCurrent = useAppStore((s) => s.currentSentence === i);
  const sentence = index.sentences[i];
  const runs = useMemo(
    () => (sentence ? runsOf(sentence, index.piecesBySentence[i] ?? []) : []),
    [index, sentence, i],
  );
  if (!sentence) return null;
  const text = index.doc.text;
  return (
    <span data-sentence={i} aria-current={isCurrent ? 'true' : undefined} className="sentence">
      {runs.map((run) => {
        const slice = text.slice(run.start, run.end);
        const top = topPiece(run);
        if (!top) return slice;
        const entityIds = [...new Set(run.pieces.map((p) => p.entityId))];
        const type = index.entityById.get(top.entityId)?.type ?? '';
        return (
          <span
            key={run.start}
            className="mention"
            data-mention={top.mentionId}
            data-entity={top.entityId}
            data-entities={entityIds.join(' ')}
            data-type={type}
            data-depth={run.pieces.length > 1 ? run.pieces.length : undefined}
            title={entityIds.map((id) => describe(index, id)).join('\n')}
          >
            {slice}
          </span>
        );
      })}
    </span>
  );
});

const BlockView = memo(function BlockView({ block }: { block: IndexedBlock }) {
  const index = useAppStore(selectIndex);
  const text = index.doc.text;
  const children: ReactNode[] = [];
  let at = block.start;
  for (let i = block.firstSentence; i < block.endSentence; i++) {
    const s = index.sentences[i];
    if (!s) continue;
    if (s.start > at) children.push(text.slice(at, s.start));
    children.push(<SentenceView key={i} i={i} />);
    at = Math.max(at, s.end);
  }
  if (block.end > at) children.push(text.slice(at, block.end));
  switch (block.kind) {
    case 'title':
      return <h2 className="block block-title">{children}</h2>;
    case 'heading':
      return <h3 className="block block-heading">{children}</h3>;
    case 'byline':
      return <p className="block block-byline">{children}</p>;
    default:
      return <p className="block">{children}</p>;
  }
});

/** A rough height for a block not yet measured: wrapped lines of about 70 characters. */
function estimateHeight(block: IndexedBlock | undefined): number {
  if (!block) return 40;
  const lines = Math.max(1, Math.ceil((block.end - block.start) / 70));
  return lines * 29 + (block.kind === 'heading' ? 34 : 16);
}

function VirtualBlocks({
  index,
  scrollParent,
  onReady,
}: {
  index: DocumentIndex;
  scrollParent: () => HTMLElement | null;
  onReady: (v: Virtualizer<HTMLElement, Element>) => void;
}) {
  const virtualizer = useVirtualizer({
    count: index.blocks.length,
    getScrollElement: scrollParent,
    estimateSize: (i) => estimateHeight(index.blocks[i]),
    overscan: 4,
  });
  useEffect(() => onReady(virtualizer), [virtualizer, onReady]);
  return (
    <div className="virtual-blocks" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const block = index.blocks[item.index];
        if (!block) return null;
        return (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="virtual-block"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            <BlockView block={block} />
          </div>
        );
      })}
    </div>
  );
}

/**
 * Jumps that reached their sentence. A text view that mounts (or is mounted again, as StrictMode
 * does in development) while a jump is still on its way takes it over: a link opening a long
 * document asks for its jump while the text is still being set up.
 */
const arrived = new WeakSet<Jump>();

/** Scrolls a sentence into view, rendering its block first when the text is virtualised. */
function useJumps(
  ref: RefObject<HTMLElement | null>,
  virtualizer: RefObject<Virtualizer<HTMLElement, Element> | null>,
): void {
  useEffect(() => {
    let frame = 0;
    const go = (jump: Jump, index: DocumentIndex) => {
      const { sentence } = jump;
      const find = () => ref.current?.querySelector(`[data-sentence="${sentence}"]`);
      cancelAnimationFrame(frame);
      const el = find();
      if (el) {
        el.scrollIntoView?.({ block: 'center', inline: 'nearest' });
        arrived.add(jump);
        return;
      }
      const block = index.blockOfSentence[sentence] ?? -1;
      if (block < 0) return;
      // Whether the list could be asked to scroll: one that has just mounted may have no scroll
      // parent yet.
      const toBlock = () => {
        const list = virtualizer.current;
        if (!list?.scrollElement) return false;
        list.scrollToIndex(block, { align: 'center' });
        return true;
      };
      let asked = toBlock();
      // The block renders on a later frame. Centring the block has most likely brought the sentence
      // into view already; scrolling again only if it has not saves a frame of re-rendering.
      let tries = 0;
      const settle = () => {
        const target = find();
        if (target) {
          target.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
          arrived.add(jump);
        } else if (tries++ < 20) {
          if (!asked) asked = toBlock();
          frame = requestAnimationFrame(settle);
        }
      };
      frame = requestAnimationFrame(settle);
    };
    const { jump, index } = useAppStore.getState();
    if (jump && !arrived.has(jump)) go(jump, index);
    const unsubscribe = useAppStore.subscribe((state, prev) => {
      if (state.jump && state.jump !== prev.jump) go(state.jump, state.index);
    });
    return () => {
      cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [ref, virtualizer]);
}

export function TextView() {
  const index = useAppStore(selectIndex);
  const ref = useRef<HTMLElement | null>(null);
  const virtualizer = useRef<Virtualizer<HTMLElement, Element> | null>(null);
  const virtual = index.blocks.length > VIRTUAL_BLOCKS || index.doc.text.length > VIRTUAL_CHARS;
  useJumps(ref, virtualizer);
  // The virtual list looks for its scroll parent before React has attached the article's ref when
  // both mount together (a long document restored on reload), and would not look again: the
  // parent is state, so that its arrival renders the list once more.
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const articleRef = useCallback((el: HTMLElement | null) => {
    ref.current = el;
    setScroller(el?.parentElement ?? null);
  }, []);
  const scrollParent = useCallback(() => scroller, [scroller]);
  const onReady = useCallback((v: Virtualizer<HTMLElement, Element>) => {
    virtualizer.current = v;
  }, []);
  useEffect(() => {
    if (!virtual) virtualizer.current = null;
  }, [virtual]);
  // A new text starts at its top. An edit, its undo or accepted suggestions (a new index of the same
  // text, or the built-in article's edited copy) keep the reader's place: they used to send the
  // reader back to the top of a long report after every annotation.
  const shownText = useRef<string | null>(null);
  useEffect(() => {
    if (shownText.current === index.doc.text) return;
    shownText.current = index.doc.text;
    ref.current?.parentElement?.scrollTo?.({ top: 0 });
  }, [index]);

  const onClick = (event: MouseEvent<HTMLElement>) => {
    const target = event.target as Element;
    const mention = target.closest('[data-mention]');
    if (!mention) return;
    const mentionId = mention.getAttribute('data-mention');
    const entityId = mention.getAttribute('data-entity');
    if (mentionId && entityId) useAppStore.getState().selectEntity(entityId, { mentionId });
  };

  if (index.doc.text.trim() === '') {
    return (
      <article className="text text-empty" aria-label="Document text">
        <p>This document has no text.</p>
      </article>
    );
  }
  return (
    <>
      <TextEmphasis />
      <article
        ref={articleRef}
        className="text"
        aria-label={`Text of ${index.doc.title}`}
        onClick={onClick}
      >
        {virtual ? (
          <VirtualBlocks index={index} scrollParent={scrollParent} onReady={onReady} />
        ) : (
          index.blocks.map((b) => <BlockView key={b.index} block={b} />)
        )}
      </article>
    </>
  );
}
