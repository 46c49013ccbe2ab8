/**
 * Adds a relation from the selected actor to another, with a type (an existing one or a new one
 * named here), a direction, a certainty and its evidence: the current sentence by default.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { addRelation, addRelationType } from '../../domain/edits';
import type { AriadneDocument, Certainty, Entity } from '../../domain/model';
import { useAppStore } from '../../store/store';
import { ActorSelect, useOtherActors } from './ActorSelect';
import { CertaintySelect } from './CertaintySelect';

const NEW_TYPE = '__new__';

export function RelationComposer({ entity }: { entity: Entity }) {
  const index = useAppStore((s) => s.index);
  const currentSentence = useAppStore((s) => s.currentSentence);
  const [other, setOther] = useState('');
  const [outgoing, setOutgoing] = useState(true);
  const [type, setType] = useState(index.relationTypeCounts[0]?.type.key ?? NEW_TYPE);
  const [newType, setNewType] = useState('');
  const [certainty, setCertainty] = useState<Certainty>('stated');
  const [error, setError] = useState<string | null>(null);

  const sentence = currentSentence !== null ? index.sentences[currentSentence] : undefined;
  const others = useOtherActors(entity.id);
  const types = [...index.relationTypes.values()];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const target = index.entityById.get(other);
    if (!target || !sentence) return;
    const [source, dest] = outgoing ? [entity, target] : [target, entity];
    const label =
      type === NEW_TYPE ? newType.trim() : (index.relationTypes.get(type)?.label ?? type);
    const failure = useAppStore
      .getState()
      .edit(`Relate ${source.name} ${label} ${dest.name}`, (doc: AriadneDocument) => {
        let d = doc;
        let key = type;
        if (type === NEW_TYPE) {
          d = addRelationType(d, { label: newType });
          key = d.relationTypes[d.relationTypes.length - 1]?.key ?? '';
        }
        return addRelation(d, {
          type: key,
          source: source.id,
          target: dest.id,
          evidence: [{ start: sentence.start, end: sentence.end }],
          certainty,
        });
      });
    setError(failure ? failure.message : null);
    if (!failure) setOther('');
  };

  return (
    <form className="relation-composer" aria-label="Add a relation" onSubmit={submit}>
      <div className="editor-row">
        <label>
          Direction
          <select
            value={outgoing ? 'out' : 'in'}
            onChange={(e) => setOutgoing(e.target.value === 'out')}
          >
            <option value="out">{entity.name} → other</option>
            <option value="in">other → {entity.name}</option>
          </select>
        </label>
        <ActorSelect label="Other actor" actors={others} value={other} onChange={setOther} />
      </div>
      <div className="editor-row">
        <label>
          Relation
          <select value={type} onChange={(e) => setType(e.target.value)}>
            {types.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
            <option value={NEW_TYPE}>New relation type…</option>
          </select>
        </label>
        {type === NEW_TYPE && (
          <label>
            New type
            <input value={newType} onChange={(e) => setNewType(e.target.value)} />
          </label>
        )}
        <CertaintySelect value={certainty} onChange={setCertainty} />
      </div>
      <p className="muted evidence-choice">
        {sentence
          ? `Evidence: sentence ${(currentSentence ?? 0) + 1}, “${index.doc.text.slice(sentence.start, Math.min(sentence.end, sentence.start + 80))}${sentence.end - sentence.start > 80 ? '…' : ''}”`
          : 'Step to a mention (or click one) to choose the evidence sentence.'}
      </p>
      <button
        type="submit"
        disabled={!other || !sentence || (type === NEW_TYPE && !newType.trim())}
      >
        Add relation
      </button>
      {error && (
        <p role="alert" className="composer-error">
          {error}
        </p>
      )}
    </form>
  );
}
