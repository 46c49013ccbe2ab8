/**
 * Corrections to the selected actor from the details panel: rename, change type, merge another
 * actor into it, delete the mention in focus, or delete the actor. Each is one undoable edit.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  changeEntityType,
  changeMentionEntity,
  deleteEntity,
  deleteMention,
  mergeEntities,
  renameEntity,
  splitAlias,
} from '../../domain/edits';
import type { EditError } from '../../domain/edits';
import type { Entity } from '../../domain/model';
import { useAppStore } from '../../store/store';
import { ActorSelect, useOtherActors } from './ActorSelect';
import { LazyDetails } from './LazyDetails';
import { RelationComposer } from './RelationComposer';

export function EntityEditor({ entity }: { entity: Entity }) {
  // The forms hold pickers over every actor: built only while open, so that selecting an actor in a
  // document of thousands stays instant.
  return (
    <LazyDetails className="entity-editor" summary="Edit this actor">
      {() => <EditorForms entity={entity} />}
    </LazyDetails>
  );
}

function EditorForms({ entity }: { entity: Entity }) {
  const index = useAppStore((s) => s.index);
  const cursor = useAppStore((s) => s.mentionCursor);
  const [name, setName] = useState(entity.name);
  const [other, setOther] = useState('');
  const [moveTo, setMoveTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [shownFor, setShownFor] = useState(entity.id);
  if (shownFor !== entity.id) {
    setShownFor(entity.id);
    setName(entity.name);
    setOther('');
    setError(null);
  }
  const run = (failure: EditError | undefined) => setError(failure ? failure.message : null);
  const { edit } = useAppStore.getState();
  const mention = index.mentionsByEntity.get(entity.id)?.[cursor];
  const others = useOtherActors(entity.id);

  const rename = (e: FormEvent) => {
    e.preventDefault();
    run(edit(`Rename ${entity.name} to ${name.trim()}`, (d) => renameEntity(d, entity.id, name)));
  };
  const merge = () => {
    const from = index.entityById.get(other);
    if (!from) return;
    run(
      edit(`Merge ${from.name} into ${entity.name}`, (d) => mergeEntities(d, entity.id, from.id)),
    );
    setOther('');
  };

  return (
    <>
      <form onSubmit={rename} className="editor-row">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={!name.trim() || name.trim() === entity.name}>
          Rename
        </button>
      </form>
      <div className="editor-row">
        <label>
          Type
          <select
            value={entity.type}
            onChange={(e) => {
              const type = e.target.value;
              const label = index.entityTypes.get(type)?.label ?? type;
              run(
                edit(`Make ${entity.name} a ${label}`, (d) => changeEntityType(d, entity.id, type)),
              );
            }}
          >
            {[...index.entityTypes.values()].map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="editor-row">
        <ActorSelect
          label="Merge into this actor"
          actors={others}
          value={other}
          onChange={setOther}
        />
        <button type="button" disabled={!other} onClick={merge}>
          Merge
        </button>
      </div>
      {entity.aliases.length > 0 && (
        <div className="editor-row aliases-row" role="group" aria-label="Split an alias off">
          <span className="muted">Split off as its own actor:</span>
          {entity.aliases.map((alias) => (
            <button
              key={alias}
              type="button"
              aria-label={`Split ${alias} off ${entity.name}`}
              onClick={() =>
                run(
                  edit(`Split ${alias} off ${entity.name}`, (d) => splitAlias(d, entity.id, alias)),
                )
              }
            >
              {alias}
            </button>
          ))}
        </div>
      )}
      {mention && (
        <div className="editor-row">
          <ActorSelect
            label={`Move the mention “${mention.text}” to`}
            actors={others}
            value={moveTo}
            onChange={setMoveTo}
          />
          <button
            type="button"
            disabled={!moveTo}
            onClick={() => {
              const to = index.entityById.get(moveTo);
              if (!to) return;
              run(
                edit(`Move “${mention.text}” to ${to.name}`, (d) =>
                  changeMentionEntity(d, mention.id, to.id),
                ),
              );
              setMoveTo('');
            }}
          >
            Move
          </button>
        </div>
      )}
      <div className="editor-row">
        <button
          type="button"
          disabled={!mention}
          onClick={() =>
            mention &&
            run(edit(`Delete the mention “${mention.text}”`, (d) => deleteMention(d, mention.id)))
          }
        >
          Delete mention {mention ? `“${mention.text}”` : ''}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => run(edit(`Delete ${entity.name}`, (d) => deleteEntity(d, entity.id)))}
        >
          Delete actor
        </button>
      </div>
      {error && (
        <p role="alert" className="composer-error">
          {error}
        </p>
      )}
      <RelationComposer entity={entity} />
    </>
  );
}
