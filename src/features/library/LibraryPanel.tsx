/**
 * The document library: open, rename, remove (with undo), with entity and relation counts, and a
 * word on where the documents are kept. A long library scrolls in a list of its own (rendering
 * only the entries in view), so a corpus of hundreds of documents leaves search, filters and the
 * actors within reach.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties, FormEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
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

/** Past this many documents only the entries in view are rendered. */
const VIRTUAL_ENTRIES = 60;
/** An entry's height (title and counts), before it is measured. */
const ENTRY_HEIGHT = 46;

interface RowProps {
  /** Position in a virtual list, and the ref that measures the row. */
  readonly style?: CSSProperties;
  readonly index?: number;
  readonly measure?: (el: HTMLLIElement | null) => void;
}

function Entry({
  entry,
  open,
  style,
  index,
  measure,
}: { entry: LibraryEntry; open: boolean } & RowProps) {
  const row = { style, 'data-index': index, ref: measure };
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
      <li className="library-entry" {...row}>
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
    <li className={`library-entry${open ? ' is-open' : ''}`} {...row}>
      <button
        type="button"
        className="library-open"
        aria-current={open ? 'page' : undefined}
        onClick={() => openDocument(entry.id)}
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
    </li>
  );
}

/** Scrolls `list` (not the page) by as little as shows `el`, a row of it. */
function keepInView(list: HTMLElement, el: HTMLElement): void {
  const top = el.offsetTop;
  const bottom = top + el.offsetHeight;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
}

function PlainEntries({ entries, openId }: { entries: LibraryEntry[]; openId: string | null }) {
  const list = useRef<HTMLUListElement>(null);
  // A document opened from elsewhere (an import, a link) is shown in the list.
  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>('.library-entry.is-open');
    if (list.current && el) keepInView(list.current, el);
  }, [openId, entries.length]);
  return (
    <ul ref={list} className="library-list">
      {entries.map((e) => (
        <Entry key={e.id} entry={e} open={e.id === openId} />
      ))}
    </ul>
  );
}

function VirtualEntries({ entries, openId }: { entries: LibraryEntry[]; openId: string | null }) {
  const list = useRef<HTMLUListElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => list.current,
    estimateSize: () => ENTRY_HEIGHT,
    getItemKey: (i) => entries[i]?.id ?? i,
    overscan: 6,
  });
  const openIndex = entries.findIndex((e) => e.id === openId);
  useEffect(() => {
    if (openIndex >= 0) virtualizer.scrollToIndex(openIndex, { align: 'auto' });
  }, [openIndex, virtualizer]);
  return (
    <ul ref={list} className="library-list is-virtual">
      <li aria-hidden="true" style={{ height: virtualizer.getTotalSize(), position: 'relative' }} />
      {virtualizer.getVirtualItems().map((item) => {
        const e = entries[item.index];
        if (!e) return null;
        return (
          <Entry
            key={e.id}
            entry={e}
            open={e.id === openId}
            index={item.index}
            measure={virtualizer.measureElement}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              transform: `translateY(${item.start}px)`,
            }}
          />
        );
      })}
    </ul>
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
      {entries.length > VIRTUAL_ENTRIES ? (
        <VirtualEntries entries={entries} openId={openId} />
      ) : (
        <PlainEntries entries={entries} openId={openId} />
      )}
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
