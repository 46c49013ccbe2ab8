/**
 * The "Entity details" panel: who the selected actor is, where the text names it (with next and
 * previous), and every relation it takes part in with the sentence that says so.
 */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isRelationVisible } from '../../domain/filters';
import { sentenceAt } from '../../domain/indexes';
import type { DocumentIndex, MentionPiece } from '../../domain/indexes';
import type { ExternalRef, Quote, Relation } from '../../domain/model';
import { runsOf } from '../../domain/runs';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';
import { deleteRelation, editRelation } from '../../domain/edits';
import { CertaintySelect } from '../edit/CertaintySelect';
import { EntityEditor } from '../edit/EntityEditor';
import { LazyDetails } from '../edit/LazyDetails';
import { TypeSwatch } from '../filters/TypeSwatch';

const selectPanel = (s: AppState) => ({
  index: s.index,
  entityId: s.selectedEntityId,
  relationId: s.selectedRelationId,
  cursor: s.mentionCursor,
  hiddenEntityTypes: s.hiddenEntityTypes,
  hiddenRelationTypes: s.hiddenRelationTypes,
});

export function refUrl(ref: ExternalRef): string | undefined {
  const source = ref.source.toLowerCase();
  if (/^https?:\/\//.test(ref.id)) return ref.id;
  if (source === 'wikidata' && /^Q\d+$/.test(ref.id))
    return `https://www.wikidata.org/wiki/${ref.id}`;
  if (source === 'wikipedia') {
    return /^\d+$/.test(ref.id)
      ? `https://en.wikipedia.org/?curid=${ref.id}`
      : `https://en.wikipedia.org/wiki/${encodeURIComponent(ref.id)}`;
  }
  return undefined;
}

function CertaintyBadge({ relation }: { relation: Relation }) {
  const c = relation.certainty ?? 'stated';
  return <span className={`badge badge-${c}`}>{c}</span>;
}

function EntityButton({ index, id }: { index: DocumentIndex; id: string }) {
  const e = index.entityById.get(id);
  if (!e) return <span>{id}</span>;
  return (
    <button
      type="button"
      className="link"
      onClick={() => useAppStore.getState().selectEntity(id, { jump: true })}
    >
      {e.name}
    </button>
  );
}

/** The evidence quote with the relation's two ends marked, so a reader sees who is who. */
function EvidenceQuote({
  index,
  quote,
  ends,
}: {
  index: DocumentIndex;
  quote: Quote;
  ends: readonly string[];
}) {
  const pieces: MentionPiece[] = [];
  for (
    let i = Math.max(0, sentenceAt(index.sentences, quote.start));
    i < index.sentences.length;
    i++
  ) {
    const s = index.sentences[i];
    if (!s || s.start >= quote.end) break;
    for (const p of index.piecesBySentence[i] ?? []) {
      if (ends.includes(p.entityId) && p.end > quote.start && p.start < quote.end) pieces.push(p);
    }
  }
  const runs = runsOf(quote, pieces);
  return (
    <blockquote className="evidence">
      {runs.map((r) =>
        r.pieces.length > 0 ? (
          <mark key={r.start}>{index.doc.text.slice(r.start, r.end)}</mark>
        ) : (
          index.doc.text.slice(r.start, r.end)
        ),
      )}
    </blockquote>
  );
}

/** Changes a relation's type, direction or certainty, each an undoable edit. */
function RelationEditor({
  index,
  relation,
  label,
}: {
  index: DocumentIndex;
  relation: Relation;
  label: string;
}) {
  const edit = (what: string, patch: Parameters<typeof editRelation>[2]) =>
    useAppStore.getState().edit(`${what}: ${label}`, (d) => editRelation(d, relation.id, patch));
  // Built only while open: an actor's panel lists many relations, and selecting must stay quick.
  return (
    <LazyDetails className="relation-editor" summary="Edit">
      {() => (
        <div className="editor-row">
          <label>
            Relation type
            <select
              value={relation.type}
              onChange={(e) => edit('Change the relation type', { type: e.target.value })}
            >
              {[...index.relationTypes.values()].map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <CertaintySelect
            value={relation.certainty ?? 'stated'}
            onChange={(certainty) => edit('Change the certainty', { certainty })}
          />
          <button
            type="button"
            onClick={() => edit('Reverse', { source: relation.target, target: relation.source })}
          >
            Reverse direction
          </button>
        </div>
      )}
    </LazyDetails>
  );
}

function RelationItem({
  index,
  relation,
  selected,
  hidden,
}: {
  index: DocumentIndex;
  relation: Relation;
  selected: boolean;
  hidden: boolean;
}) {
  const label = index.relationTypes.get(relation.type)?.label ?? relation.type;
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  return (
    <li
      ref={ref}
      className={`relation${selected ? ' is-selected' : ''}${hidden ? ' is-hidden' : ''}`}
    >
      <div className="relation-head">
        <EntityButton index={index} id={relation.source} />{' '}
        <span className="relation-label">{label}</span>{' '}
        <EntityButton index={index} id={relation.target} /> <CertaintyBadge relation={relation} />
        {hidden && <span className="badge badge-hidden">hidden by filter</span>}
      </div>
      {relation.evidence.map((q) => (
        <EvidenceQuote
          key={`${q.start}-${q.end}`}
          index={index}
          quote={q}
          ends={[relation.source, relation.target]}
        />
      ))}
      {relation.evidence.length === 0 && <p className="relation-note">No evidence quoted.</p>}
      {relation.note && <p className="relation-note">{relation.note}</p>}
      <RelationEditor index={index} relation={relation} label={label} />
      <button
        type="button"
        className="jump danger-subtle"
        onClick={() =>
          useAppStore
            .getState()
            .edit(`Delete the relation ${label}`, (d) => deleteRelation(d, relation.id))
        }
        aria-label={`Delete relation: ${index.entityById.get(relation.source)?.name ?? ''} ${label} ${index.entityById.get(relation.target)?.name ?? ''}`}
      >
        Delete
      </button>{' '}
      <button
        type="button"
        className="jump"
        aria-label={`Show in text: ${index.entityById.get(relation.source)?.name ?? ''} ${label} ${index.entityById.get(relation.target)?.name ?? ''}`}
        onClick={() => useAppStore.getState().selectRelation(relation.id, { jump: true })}
      >
        Show in text
      </button>
    </li>
  );
}

/** A hub in a large document can have hundreds of relations: show the first ones, then offer all. */
const RELATIONS_SHOWN = 15;

/** The first relations, and the selected one wherever it is in the list. */
function shortList(relations: readonly Relation[], selectedId: string | null): Relation[] {
  const first = relations.slice(0, RELATIONS_SHOWN);
  const selected = relations.find((r) => r.id === selectedId);
  return selected && !first.includes(selected) ? [...first, selected] : first;
}

export function EntityDetails() {
  const { index, entityId, relationId, cursor, hiddenEntityTypes, hiddenRelationTypes } =
    useAppStore(useShallow(selectPanel));
  const entity = entityId ? index.entityById.get(entityId) : undefined;
  const [showAllRelations, setShowAllRelations] = useState(false);
  const [shownFor, setShownFor] = useState(entityId);
  if (shownFor !== entityId) {
    // Each actor starts with the short list.
    setShownFor(entityId);
    setShowAllRelations(false);
  }
  const filters = { hiddenEntityTypes, hiddenRelationTypes };

  const relation = relationId ? index.relationById.get(relationId) : undefined;
  if (!entity && relation) {
    return (
      <aside className="details" aria-label="Entity details">
        <h2 className="details-name">Relation</h2>
        <ul className="relations">
          <RelationItem
            index={index}
            relation={relation}
            selected
            hidden={!isRelationVisible(relation, index, filters)}
          />
        </ul>
      </aside>
    );
  }
  if (!entity) {
    return (
      <aside className="details details-empty" aria-label="Entity details">
        <p>
          Select an actor in the text, the graph or the list to see who it is, where the text names
          it, and how it relates to the others.
        </p>
        <p className="muted">
          {`${index.doc.entities.length.toLocaleString()} actors · `}
          {`${index.doc.mentions.length.toLocaleString()} mentions · `}
          {`${index.doc.relations.length.toLocaleString()} relations`}
        </p>
      </aside>
    );
  }
  const type = index.entityTypes.get(entity.type);
  const mentions = index.mentionsByEntity.get(entity.id) ?? [];
  const relations = index.relationsByEntity.get(entity.id) ?? [];
  const hiddenType = hiddenEntityTypes.has(entity.type);
  return (
    <aside className="details" aria-label="Entity details">
      <h2 className="details-name">{entity.name}</h2>
      <p className="details-type">
        {type && <TypeSwatch type={type} />} {type?.label ?? entity.type}
        {entity.kind === 'event' && <span className="badge">event</span>}
        {hiddenType && <span className="badge badge-hidden">type hidden by filter</span>}
      </p>
      {entity.description && <p className="details-description">{entity.description}</p>}
      {entity.aliases.length > 0 && (
        <p className="details-aliases">
          <span className="muted">Also called </span>
          {entity.aliases.join(', ')}
        </p>
      )}
      {entity.refs && entity.refs.length > 0 && (
        <ul className="details-refs" aria-label="References">
          {entity.refs.map((r) => {
            const url = refUrl(r);
            const text = `${r.source}: ${r.label ?? r.id}`;
            return (
              <li key={`${r.source}:${r.id}`}>
                {url ? (
                  <a href={url} target="_blank" rel="noreferrer noopener">
                    {text}
                  </a>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      )}
      {entity.notes?.map((n, i) => (
        <p key={i} className="details-note">
          {n}
        </p>
      ))}
      <div className="mention-nav" role="group" aria-label="Mentions">
        <span>
          {mentions.length === 1 ? '1 mention' : `${mentions.length} mentions`}
          {mentions.length > 0 && ` · ${cursor + 1} of ${mentions.length}`}
        </span>
        <button
          type="button"
          onClick={() => useAppStore.getState().stepMention(-1)}
          disabled={mentions.length === 0}
          aria-keyshortcuts="["
          title="Previous mention ( [ )"
        >
          ‹ Previous mention
        </button>
        <button
          type="button"
          onClick={() => useAppStore.getState().stepMention(1)}
          disabled={mentions.length === 0}
          aria-keyshortcuts="]"
          title="Next mention ( ] )"
        >
          Next mention ›
        </button>
      </div>
      <EntityEditor entity={entity} />
      <h3>Relations ({relations.length.toLocaleString()})</h3>
      {relations.length === 0 ? (
        <p className="muted">The text relates this actor to no other.</p>
      ) : (
        <ul className="relations">
          {(showAllRelations ? relations : shortList(relations, relationId)).map((r) => (
            <RelationItem
              key={r.id}
              index={index}
              relation={r}
              selected={r.id === relationId}
              hidden={!isRelationVisible(r, index, filters)}
            />
          ))}
        </ul>
      )}
      {relations.length > RELATIONS_SHOWN && (
        <button type="button" className="link" onClick={() => setShowAllRelations((v) => !v)}>
          {showAllRelations
            ? `Show the first ${RELATIONS_SHOWN} relations`
            : `Show all ${relations.length} relations`}
        </button>
      )}
    </aside>
  );
}
