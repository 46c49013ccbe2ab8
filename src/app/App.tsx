import { useAppStore } from '../store/store';
import { selectDoc } from '../store/selectors';
import { EntityDetails } from '../features/details/EntityDetails';
import { EntityList } from '../features/entities/EntityList';
import { FilterPanel } from '../features/filters/FilterPanel';
import { SearchBox } from '../features/search/SearchBox';
import { SuggestionsPanel } from '../features/suggest/SuggestionsPanel';
import { TextView } from '../features/text/TextView';
import { EditStatus } from '../features/edit/EditStatus';
import { MentionComposer } from '../features/edit/MentionComposer';
import { ExportMenu } from '../features/export/ExportMenu';
import { ImportProblems } from '../features/library/ImportProblems';
import { LibraryPanel } from '../features/library/LibraryPanel';
import { GraphPane } from './GraphPane';
import { OpenDocuments } from '../features/library/OpenDocuments';
import { useFileDrop } from './useFileDrop';
import { useKeyboard } from './useKeyboard';
import { useUrlSync } from './useUrlSync';

export function App() {
  const doc = useAppStore(selectDoc);
  useUrlSync();
  useKeyboard();
  const dropping = useFileDrop();
  const byline = [doc.source?.author, doc.source?.name].filter(Boolean).join(' · ');
  return (
    <div className={`app${dropping ? ' is-dropping' : ''}`}>
      <header className="app-header">
        <h1 className="app-name">Ariadne</h1>
        <p className="doc-meta">
          <span className="doc-title">{doc.title}</span>
          {byline && <span className="muted"> — {byline}</span>}
        </p>
        <OpenDocuments />
        <EditStatus />
        <ExportMenu />
        <p className="shortcuts muted">
          <kbd>/</kbd> search · <kbd>[</kbd> <kbd>]</kbd> previous/next mention · <kbd>Esc</kbd>{' '}
          clear
        </p>
      </header>
      <ImportProblems />
      {dropping && <div className="drop-hint">Drop brat, JSON or text files to open them</div>}
      <div className="layout">
        <section className="sidebar" aria-label="Find and filter">
          <LibraryPanel />
          <SuggestionsPanel />
          <SearchBox />
          <FilterPanel />
          <EntityList />
        </section>
        {/* Focusable so keyboard users can scroll the text. */}
        <main className="reader" tabIndex={0} aria-label="Document">
          <TextView />
          <MentionComposer />
        </main>
        <div className="side">
          <GraphPane />
          <EntityDetails />
        </div>
      </div>
    </div>
  );
}
