/**
 * The document library: open, rename, remove (with undo), with entity and relation counts, and a
 * word on where the documents are kept. A long library scrolls in a list of its own (rendering
 * only the entries in view), so a corpus of hundreds of documents leaves search, filters and the
 * actors within reach.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { libraryEntries } from '../../store/librarySlice';
import type { LibraryEntry } from '../../store/librarySlice';
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';
import { VirtualRows, moveInPlainRows, useReaderScrolled } from '../VirtualRows';
import { openFromLibrary } from './openFromLibrary';

const selectLibrary = (s: AppState) => ({
  documents: s.documents,
  order: s.order,
  builtinId: s.builtinId,
  openId: s.openDocumentId,
  removed: s.removed,
  storage: s.storage,
});

/** Past this many documents only the entries in view are rendered. */
const VIRTUAL_ENTRIES = 60;
/** An entry's height (title and counts), before it is measured. */
const ENTRY_HEIGHT = 46;

const entryClass = (open: boolean) => `library-entry${open ? ' is-open' : ''}`;

/** An entry's content; the list gives it its row (`entryClass`). */
function Entry({ entry, open }: { entry: LibraryEntry; open: boolean }) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(entry.title);
  const { renameDocument, removeDocument } = useAppStore.getState();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    renameDocument(entry.id, title);
    setEditing(false);
  };
  if (editing) {
    return (
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
    );
  }
  return (
    <>
      <button
        type="button"
        className="library-open"
        aria-current={open ? 'page' : undefined}
        onClick={() => void openFromLibrary(entry.id)}
        title={entry.title}
      >
        <span className="library-title">{entry.title}</span>
        <span className="count">
          {`${entry.entityCount.toLocaleString()} actors · ${entry.relationCount.toLocaleString()} relations`}
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
    </>
  );
}

/** Scrolls `list` (not the page) by as little as shows `el`, a row of it. */
function keepInView(list: HTMLElement, el: HTMLElement): void {
  const top = el.offsetTop;
  const bottom = top + el.offsetHeight;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
}

function PlainEntries({
  entries,
  openId,
  readerScrolled,
}: {
  entries: LibraryEntry[];
  openId: string | null;
  readerScrolled: () => boolean;
}) {
  const list = useRef<HTMLUListElement>(null);
  // A document opened from elsewhere (an import, a link) is shown in the list.
  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>('.library-entry.is-open');
    if (list.current && el && !readerScrolled()) keepInView(list.current, el);
  }, [openId, entries.length, readerScrolled]);
  return (
    <ul ref={list} className="library-list" onKeyDown={moveInPlainRows}>
      {entries.map((e) => (
        <li key={e.id} className={entryClass(e.id === openId)}>
          <Entry entry={e} open={e.id === openId} />
        </li>
      ))}
    </ul>
  );
}

/** How long saving may take before the reader is told it is under way (most saves are quicker). */
const SAVING_NOTE_DELAY = 500;

const documentCount = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'document' : 'documents'}`;

/** What the reader is told while documents are written to storage or removed from it. */
function savingNote(saving: number, removing: number): string {
  if (removing === 0) return `Saving ${documentCount(saving)} in this browser…`;
  if (saving === 0) return `Removing ${documentCount(removing)} from this browser…`;
  return `Saving ${documentCount(saving)} and removing ${removing.toLocaleString()} in this browser…`;
}

/**
 * Says that documents are still being written to storage (or removed from it), while they are:
 * an import of hundreds takes a second or more to store, and a page closed meanwhile would lose the
 * rest (the browser asks before it goes then: see leaveWarning).
 */
function SavingNote() {
  const { unsaved, removing } = useAppStore(
    useShallow((s) => ({ unsaved: s.unsaved, removing: s.removing })),
  );
  const busy = unsaved > 0;
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setShown(true), SAVING_NOTE_DELAY);
    return () => {
      clearTimeout(timer);
      setShown(false);
    };
  }, [busy]);
  return (
    <p className="saving-note" role="status">
      {shown && busy ? savingNote(unsaved - removing, removing) : ''}
    </p>
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
  // The open document is kept in view in the list, until the reader scrolls it themselves.
  const area = useRef<HTMLDivElement>(null);
  const readerScrolled = useReaderScrolled(area, openId ?? undefined);
  return (
    <section className="library" aria-labelledby="library-heading">
      <h2 id="library-heading">
        Documents <span className="count">({entries.length.toLocaleString()})</span>
      </h2>
      <div ref={area}>
        {entries.length > VIRTUAL_ENTRIES ? (
          <VirtualRows
            items={entries}
            keyOf={(e) => e.id}
            rowHeight={ENTRY_HEIGHT}
            measured
            className="library-list"
            rowClassName={(e) => entryClass(e.id === openId)}
            keepInView={entries.findIndex((e) => e.id === openId)}
            readerScrolled={readerScrolled}
          >
            {(e) => <Entry entry={e} open={e.id === openId} />}
          </VirtualRows>
        ) : (
          <PlainEntries entries={entries} openId={openId} readerScrolled={readerScrolled} />
        )}
      </div>
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
      {storage.kind === 'ok' && <SavingNote />}
      {storage.kind === 'memory-only' && (
        <p className="storage-warning" role="status">
          Not saved in this browser: {storage.reason}. Your documents stay open until you close the
          page.
        </p>
      )}
    </section>
  );
}
