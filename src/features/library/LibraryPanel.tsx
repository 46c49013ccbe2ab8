/**
 * The document library: open, rename, remove (with undo), with entity and relation counts, and a
 * word on where the documents are kept.
 */
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { libraryEntries } from '../../store/librarySlice';
import type { LibraryEntry } from '../../store/librarySlice';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';

const selectLibrary = (s: AppState) => ({
  documents: s.documents,
  order: s.order,
  builtinId: s.builtinId,
  openId: s.openDocumentId,
  removed: s.removed,
  storage: s.storage,
});

function Entry({ entry, open }: { entry: LibraryEntry; open: boolean }) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(entry.title);
  const { openDocument, renameDocument, removeDocument } = useAppStore.getState();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    renameDocument(entry.id, title);
    setEditing(false);
  };
  if (editing) {
    return (
      <li className="library-entry">
        <form onSubmit={submit} className="rename">
          <input
            aria-label={`New name for ${entry.title}`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            autoFocus
            onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
          />
          <button type="submit">Save</button>
        </form>
      </li>
    );
  }
  return (
    <li className={`library-entry${open ? ' is-open' : ''}`}>
      <button
        type="button"
        className="library-open"
        aria-current={open ? 'page' : undefined}
        onClick={() => openDocument(entry.id)}
        title={entry.title}
      >
        <span className="library-title">{entry.title}</span>
        <span className="count">
          {entry.entityCount} actors · {entry.relationCount} relations
          {entry.builtin ? ' · built in' : ''}
        </span>
      </button>
      {!entry.builtin && (
        <span className="library-actions">
          <button
            type="button"
            aria-label={`Rename ${entry.title}`}
            title="Rename"
            onClick={() => {
              setTitle(entry.title);
              setEditing(true);
            }}
          >
            ✎
          </button>
          <button
            type="button"
            aria-label={`Remove ${entry.title}`}
            title="Remove"
            onClick={() => removeDocument(entry.id)}
          >
            ✕
          </button>
        </span>
      )}
    </li>
  );
}

export function LibraryPanel() {
  const { documents, order, builtinId, openId, removed, storage } = useAppStore(
    useShallow(selectLibrary),
  );
  const entries = useMemo(
    () => libraryEntries({ documents, order, builtinId }),
    [documents, order, builtinId],
  );
  return (
    <section className="library" aria-labelledby="library-heading">
      <h2 id="library-heading">
        Documents <span className="count">({entries.length})</span>
      </h2>
      <ul>
        {entries.map((e) => (
          <Entry key={e.id} entry={e} open={e.id === openId} />
        ))}
      </ul>
      {removed && (
        <p className="undo" role="status">
          Removed “{removed.doc.title}”.{' '}
          <button
            type="button"
            className="link"
            onClick={() => useAppStore.getState().undoRemove()}
          >
            Undo
          </button>
        </p>
      )}
      {storage.kind === 'memory-only' && (
        <p className="storage-warning" role="status">
          Not saved in this browser: {storage.reason}. Your documents stay open until you close the
          page.
        </p>
      )}
    </section>
  );
}
