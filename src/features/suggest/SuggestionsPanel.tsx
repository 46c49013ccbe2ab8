/**
 * Suggestions for the open document: other mentions of its actors, new names found in the text,
 * and relations between actors that share a sentence. They stay in this list, apart from the text
 * and the graph, until the reader accepts them one by one or all of a kind; each acceptance is an
 * undoable edit. The engine (with its NLP model) is loaded only when asked for, and runs in a worker.
 */
import { useState } from 'react';
import type { MentionSuggestion, RelationSuggestion, Suggestion } from '../../domain/suggest/types';
import { validateEdit } from '../../domain/validate';
import { guessedTypeLabel } from '../../domain/suggest/type-map';
import { indexingFor } from '../../store/indexCache';
import { useAppStore } from '../../store/store';
import { inSlices, nextTask } from '../../store/tasks';
import { painted } from '../painted';
import type { SuggestProgress } from './findSuggestions';
import { suggestOffThread, warmSuggestions } from './suggestClient';

interface Loaded {
  readonly docId: string;
  readonly mentions: MentionSuggestion[];
  readonly relations: RelationSuggestion[];
}

function loadApply() {
  return import('../../domain/suggest/apply');
}

/** One line of a group: what accepting it adds, why, and the suggestions it stands for. */
interface Row {
  readonly text: string;
  readonly note: string;
  readonly items: readonly Suggestion[];
}

/** A new actor the engine found: every suggested mention it would have, in the text's order. */
interface NewActor {
  readonly name: string;
  readonly type: string;
  readonly items: readonly MentionSuggestion[];
}

/**
 * Groups suggestions of new actors by the actor they would make (accepting them one by one adds
 * every mention to the same actor: "LISBON" and "Lisbon", "Costa" and "Ana Costa").
 */
function newActors(suggestions: readonly MentionSuggestion[]): NewActor[] {
  const byKey = new Map<string, { name: string; type: string; items: MentionSuggestion[] }>();
  for (const s of suggestions) {
    if (s.kind !== 'entity') continue;
    const key = `${s.type}\u0000${s.name}`;
    const actor = byKey.get(key);
    if (actor) actor.items.push(s);
    else byKey.set(key, { name: s.name, type: s.type, items: [s] });
  }
  return [...byKey.values()];
}

/** How an actor's suggested mentions read: "“LISBON”, “Lisbon” ×2". */
function textsOf(items: readonly MentionSuggestion[]): string {
  const counts = new Map<string, number>();
  for (const s of items) counts.set(s.text, (counts.get(s.text) ?? 0) + 1);
  return [...counts].map(([t, n]) => (n > 1 ? `“${t}” ×${n}` : `“${t}”`)).join(', ');
}

export function SuggestionsPanel() {
  const index = useAppStore((s) => s.index);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState(false);
  /** How far the engine is, while it looks (from its worker, every so often). */
  const [progress, setProgress] = useState<SuggestProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** How many suggestions are being accepted, while they are. */
  const [accepting, setAccepting] = useState<number | null>(null);
  const current = loaded && loaded.docId === index.doc.id ? loaded : null;

  const run = async () => {
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      const doc = useAppStore.getState().index.doc;
      const { mentions, relations } = await suggestOffThread(doc, setProgress);
      setLoaded({ docId: doc.id, mentions, relations });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const accept = async (items: readonly Suggestion[], label: string) => {
    if (!current || items.length === 0 || accepting !== null) return;
    setAccepting(items.length);
    try {
      // The reader may open another document meanwhile: these suggestions are not for it.
      const stillOpen = () => useAppStore.getState().index.doc.id === current.docId;
      const [{ applySuggestions, applyingSuggestions }] = await Promise.all([
        loadApply(),
        painted(),
      ]);
      if (!stillOpen()) return;
      // Applied, indexed and checked ahead, and the edit (what is drawn) in a task after them: at
      // 100,000 words applying holds the page ~0.2 s, and indexing and checking in the edit's task
      // made it the acceptance's longest (80–130 ms).
      const { index } = useAppStore.getState();
      const base = index.doc;
      const next = await inSlices(applyingSuggestions(base, items));
      // A slice of each in one task would make it twice as long.
      await nextTask();
      await inSlices(indexingFor(next, index));
      // Checked in a task of its own as well (15–20 ms there): the edit finds it checked.
      await nextTask();
      validateEdit(index, next);
      await nextTask();
      if (!stillOpen()) return;
      // What can be applied is; a suggestion that no longer fits (overlap, gone) is skipped.
      const failure = useAppStore
        .getState()
        .edit(label, (doc) => (doc === base ? next : applySuggestions(doc, items)));
      if (failure) {
        setError(failure.message);
        return;
      }
      const done = new Set(items.map((s) => s.id));
      const docId = useAppStore.getState().index.doc.id;
      setLoaded({
        docId,
        mentions: current.mentions.filter((s) => !done.has(s.id)),
        relations: current.relations.filter((s) => !done.has(s.id)),
      });
    } finally {
      setAccepting(null);
    }
  };
  const reject = (items: readonly Suggestion[]) => {
    if (!current) return;
    const done = new Set(items.map((s) => s.id));
    setLoaded({
      ...current,
      mentions: current.mentions.filter((s) => !done.has(s.id)),
      relations: current.relations.filter((s) => !done.has(s.id)),
    });
  };

  // A guess no declared type fits is declared on acceptance, under the label `apply` gives it.
  const typeLabel = (s: MentionSuggestion) =>
    index.entityTypes.get(s.type)?.label ?? guessedTypeLabel(s.type, s.guess);
  const others = current?.mentions.filter((s) => s.kind === 'mention') ?? [];
  const names = current?.mentions.filter((s) => s.kind === 'entity') ?? [];
  const actors = newActors(names);

  const one = (s: Suggestion, text: string): Row => ({ text, note: s.reason, items: [s] });

  const group = (title: string, rows: readonly Row[]) => {
    if (rows.length === 0) return null;
    const all = rows.flatMap((r) => r.items);
    const what = all.length === rows.length ? '' : ` (${all.length} mentions)`;
    return (
      <section className="suggestion-group" aria-label={title}>
        <h3>
          {title} <span className="count">({rows.length.toLocaleString()})</span>
        </h3>
        <div className="suggestion-bulk">
          <button
            type="button"
            disabled={accepting !== null}
            onClick={() => void accept(all, `Accept ${rows.length} ${title.toLowerCase()}${what}`)}
          >
            Accept all
          </button>
          <button type="button" disabled={accepting !== null} onClick={() => reject(all)}>
            Reject all
          </button>
        </div>
        <ul>
          {rows.slice(0, 100).map((r) => (
            <li key={r.items[0]?.id ?? r.text} className="suggestion">
              <span className="suggestion-text">{r.text}</span>
              <span className="muted suggestion-reason">{r.note}</span>
              <span className="suggestion-actions">
                <button
                  type="button"
                  aria-label={`Accept ${r.text}`}
                  disabled={accepting !== null}
                  onClick={() => void accept(r.items, `Accept ${r.text}`)}
                >
                  ✓
                </button>
                <button
                  type="button"
                  aria-label={`Reject ${r.text}`}
                  disabled={accepting !== null}
                  onClick={() => reject(r.items)}
                >
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ul>
        {rows.length > 100 && <p className="muted">…and {rows.length - 100} more.</p>}
      </section>
    );
  };

  return (
    <details
      className="suggestions"
      onToggle={(e) => {
        // The engine's worker starts loading as the reader opens this, before they ask.
        if (e.currentTarget.open) warmSuggestions();
      }}
    >
      <summary>Suggestions</summary>
      <button type="button" onClick={() => void run()} disabled={busy || accepting !== null}>
        {busy ? 'Looking for suggestions…' : current ? 'Look again' : 'Suggest annotations'}
      </button>
      {progress && (
        <div className="suggest-progress">
          <progress aria-label="Finding suggestions" max={1} value={progress.fraction} />
          <span className="muted">
            {progress.stage === 'names' ? 'Reading the text for names' : 'Pairing actors'}:{' '}
            {Math.floor(progress.fraction * 100)}%
          </span>
        </div>
      )}
      {error && (
        <p role="alert" className="composer-error">
          {error}
        </p>
      )}
      {current && (
        <>
          <p role="status" className="muted">
            {accepting !== null
              ? `Accepting ${accepting.toLocaleString()} ${accepting === 1 ? 'suggestion' : 'suggestions'}…`
              : others.length + names.length + current.relations.length === 0
                ? 'Nothing more to suggest.'
                : `${(others.length + names.length).toLocaleString()} mentions (${actors.length.toLocaleString()} new actors) and ${current.relations.length.toLocaleString()} relations suggested; none is in the graph until accepted.`}
          </p>
          {group(
            'Other mentions of known actors',
            others.map((s) => one(s, `“${s.text}” → ${s.name}`)),
          )}
          {group(
            'New actors',
            actors.map((a) => {
              const first = a.items[0];
              const plain = a.items.length === 1 && first?.text === a.name;
              const count = a.items.length === 1 ? '1 mention' : `${a.items.length} mentions`;
              return {
                text: `${a.name} as ${first ? typeLabel(first) : a.type}`,
                note: `${plain ? '' : `${count}: ${textsOf(a.items)} · `}${first?.reason ?? ''}`,
                items: a.items,
              };
            }),
          )}
          {group(
            'Relations',
            current.relations.map((s) => one(s, `${s.source.name} ${s.label} ${s.target.name}`)),
          )}
        </>
      )}
    </details>
  );
}
