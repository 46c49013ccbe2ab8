/**
 * The article as it reads: parts as headings and paragraphs, sentences as `data-sentence` spans,
 * mentions as coloured spans. Emphasis (selection, filters) is not rendered here but by the style
 * rules of `TextEmphasis`, so a click re-renders one sentence at most, not the whole text.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import type { DocumentIndex, IndexedBlock } from '../../domain/indexes';
import { runsOf, topPiece } from '../../domain/runs';
import { useAppStore } from '../../store/store';
import { selectIndex } from '../../store/selectors';
import { TextEmphasis } from './TextEmphasis';

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

function BlockView({ block }: { block: IndexedBlock }) {
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
}

export function TextView() {
  const index = useAppStore(selectIndex);
  const ref = useRef<HTMLElement>(null);

  // Jumps are imperative: scroll the target sentence into view without re-rendering the text.
  useEffect(
    () =>
      useAppStore.subscribe((state, prev) => {
        if (!state.jump || state.jump === prev.jump) return;
        const el = ref.current?.querySelector(`[data-sentence="${state.jump.sentence}"]`);
        el?.scrollIntoView?.({ block: 'center', inline: 'nearest' });
      }),
    [],
  );

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
        ref={ref}
        className="text"
        aria-label={`Text of ${index.doc.title}`}
        onClick={onClick}
      >
        {index.blocks.map((b) => (
          <BlockView key={b.index} block={b} />
        ))}
      </article>
    </>
  );
}
