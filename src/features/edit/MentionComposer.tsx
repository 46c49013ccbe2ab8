/**
 * Select text in the article to annotate it: a small form offers the actors by name and alias
 * (type-ahead) or a new actor of a chosen type. Every addition is an undoable edit.
 */
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { addEntityType, addMention, addMentionWithNewEntity } from '../../domain/edits';
import type { Span } from '../../domain/model';
import { normalise } from '../../domain/search';
import { useAppStore } from '../../store/store';
import { selectionSpan } from './selectionOffsets';

const NEW_TYPE = '__new__';

interface Draft {
  readonly span: Span;
  readonly x: number;
  readonly y: number;
}

export function MentionComposer() {
  const index = useAppStore((s) => s.index);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [newType, setNewType] = useState('');
  const [error, setError] = useState<string | null>(null);
  const listId = useId();

  useEffect(() => {
    const onUp = (e: MouseEvent | KeyboardEvent) => {
      const target = e.target as Element | null;
      if (target?.closest?.('.composer')) return;
      const article = document.querySelector('article.text');
      const selection = window.getSelection();
      if (!article || !selection || selection.isCollapsed) return;
      if (!article.contains(selection.anchorNode) || !article.contains(selection.focusNode)) return;
      const { index: current } = useAppStore.getState();
      const span = selectionSpan(selection, current.doc.text, (el) => {
        const i = Number(el.getAttribute('data-sentence'));
        return current.sentences[i]?.start;
      });
      if (!span) return;
      const rect = selection.getRangeAt(0).getBoundingClientRect?.();
      setDraft({ span, x: rect?.left ?? 0, y: rect?.bottom ?? 0 });
      setName(current.doc.text.slice(span.start, span.end).replace(/\s+/g, ' '));
      setType(current.entityTypeCounts[0]?.type.key ?? [...current.entityTypes.keys()][0] ?? '');
      setError(null);
    };
    document.addEventListener('mouseup', onUp);
    document.addEventListener('keyup', onUp);
    return () => {
      document.removeEventListener('mouseup', onUp);
      document.removeEventListener('keyup', onUp);
    };
  }, []);

  // A draft belongs to the document it was made in.
  const [draftDoc, setDraftDoc] = useState(index.doc.id);
  if (draftDoc !== index.doc.id) {
    setDraftDoc(index.doc.id);
    setDraft(null);
  }

  if (!draft) return null;
  const selected = index.doc.text.slice(draft.span.start, draft.span.end);
  const wanted = normalise(name);
  const existing = index.doc.entities.find(
    (e) => normalise(e.name) === wanted || e.aliases.some((a) => normalise(a) === wanted),
  );
  const types = [...index.entityTypes.values()];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { edit, selectEntity } = useAppStore.getState();
    const span = draft.span;
    const failure = existing
      ? edit(`Add “${selected}” to ${existing.name}`, (doc) =>
          addMention(doc, { spans: [span], entityId: existing.id }),
        )
      : edit(`Add ${name.trim() || selected} as a new actor`, (doc) => {
          let d = doc;
          let key = type;
          if (type === NEW_TYPE) {
            d = addEntityType(d, { label: newType });
            key = d.entityTypes[d.entityTypes.length - 1]?.key ?? '';
          }
          return addMentionWithNewEntity(d, {
            spans: [span],
            name: name.trim() || undefined,
            type: key,
          });
        });
    if (failure) {
      setError(failure.message);
      return;
    }
    const after = useAppStore.getState().index;
    const added = after.doc.mentions.find(
      (m) => m.spans[0]?.start === span.start && m.spans[0]?.end === span.end,
    );
    if (added) selectEntity(added.entityId, { mentionId: added.id });
    window.getSelection()?.removeAllRanges();
    setDraft(null);
  };

  return (
    <form
      className="composer"
      aria-label="Annotate selection"
      style={{ left: Math.max(8, draft.x), top: draft.y + 6 }}
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && setDraft(null)}
    >
      <p className="composer-quote">“{selected}”</p>
      <label>
        Actor
        <input
          autoFocus
          list={listId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-describedby={`${listId}-hint`}
        />
      </label>
      <datalist id={listId}>
        {index.doc.entities.map((e) => (
          <option key={e.id} value={e.name} />
        ))}
      </datalist>
      {existing ? (
        <p id={`${listId}-hint`} className="muted">
          Adds a mention of {existing.name}.
        </p>
      ) : (
        <label id={`${listId}-hint`}>
          New actor of type
          <select value={type} onChange={(e) => setType(e.target.value)}>
            {types.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
            <option value={NEW_TYPE}>New type…</option>
          </select>
        </label>
      )}
      {!existing && type === NEW_TYPE && (
        <label>
          New type name
          <input value={newType} onChange={(e) => setNewType(e.target.value)} />
        </label>
      )}
      {error && (
        <p role="alert" className="composer-error">
          {error}
        </p>
      )}
      <div className="composer-actions">
        <button type="submit">{existing ? 'Add mention' : 'Create actor'}</button>
        <button type="button" onClick={() => setDraft(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
