/**
 * The "Entity details" panel: who the selected actor is, where the text names it (with next and
 * previous), and every relation it takes part in with the sentence that says so.
 */
import { useShallow } from 'zustand/react/shallow';
import { isRelationVisible } from '../../domain/filters';
import type { DocumentIndex } from '../../domain/indexes';
import type { ExternalRef, Relation } from '../../domain/model';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';
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
  return (
    <li className={`relation${selected ? ' is-selected' : ''}${hidden ? ' is-hidden' : ''}`}>
      <div className="relation-head">
        <EntityButton index={index} id={relation.source} />{' '}
        <span className="relation-label">{label}</span>{' '}
        <EntityButton index={index} id={relation.target} /> <CertaintyBadge relation={relation} />
        {hidden && <span className="badge badge-hidden">hidden by filter</span>}
      </div>
      {relation.evidence.map((q) => (
        <blockquote key={`${q.start}-${q.end}`} className="evidence">
          {q.text}
        </blockquote>
      ))}
      {relation.note && <p className="relation-note">{relation.note}</p>}
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

export function EntityDetails() {
  const { index, entityId, relationId, cursor, hiddenEntityTypes, hiddenRelationTypes } =
    useAppStore(useShallow(selectPanel));
  const entity = entityId ? index.entityById.get(entityId) : undefined;
  const filters = { hiddenEntityTypes, hiddenRelationTypes };

  if (!entity) {
    return (
      <aside className="details details-empty" aria-label="Entity details">
        <p>
          Select an actor in the text, the graph or the list to see who it is, where the text names
          it, and how it relates to the others.
        </p>
        <p className="muted">
          {index.doc.entities.length} actors · {index.doc.mentions.length} mentions ·{' '}
          {index.doc.relations.length} relations
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
      <h3>Relations ({relations.length})</h3>
      {relations.length === 0 ? (
        <p className="muted">The text relates this actor to no other.</p>
      ) : (
        <ul className="relations">
          {relations.map((r) => (
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
    </aside>
  );
}
