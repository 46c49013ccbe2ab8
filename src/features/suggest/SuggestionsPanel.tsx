/**
 * Suggestions for the open document: other mentions of its actors, new names found in the text,
 * and relations between actors that share a sentence. They stay in this list, apart from the text
 * and the graph, until the reader accepts them one by one or all of a kind; each acceptance is an
 * undoable edit. The engine (with its NLP model) is loaded only when asked for, and runs in a worker.
 */
import { useState } from 'react';
import type { AriadneDocument } from '../../domain/model';
import type { MentionSuggestion, RelationSuggestion, Suggestion } from '../../domain/suggest/types';
import { GUESS_LABELS } from '../../domain/suggest/type-map';
import { useAppStore } from '../../store/store';
import { suggestOffThread } from './suggestClient';

interface Loaded {
  readonly docId: string;
  readonly mentions: MentionSuggestion[];
  readonly relations: RelationSuggestion[];
}

function loadApply() {
  return import('../../domain/suggest/apply').then((m) => m.applySuggestion);
}

/** Applies what can be applied; a suggestion that no longer fits (overlap, gone) is skipped. */
function applyAll(
  doc: AriadneDocument,
  items: readonly Suggestion[],
  apply: (d: AriadneDocument, s: Suggestion) => AriadneDocument,
): AriadneDocument {
  return items.reduce((d, s) => {
    try {
      return apply(d, s);
    } catch {
      return d;
    }
  }, doc);
}

/** A new actor the engine found: every suggested mention it would have, in the text's order. */
export interface NewActor {
  readonly name: string;
  readonly type: string;
  readonly items: readonly MentionSuggestion[];
}

/**
 * Groups suggestions of new actors by the actor they would make (accepting them one by one adds
 * every mention to the same actor: "LISBON" and "Lisbon", "Costa" and "Ana Costa").
 */
export function newActors(suggestions: readonly MentionSuggestion[]): NewActor[] {
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
  const [error, setError] = useState<string | null>(null);
  const current = loaded && loaded.docId === index.doc.id ? loaded : null;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const doc = useAppStore.getState().index.doc;
      const { mentions, relations } = await suggestOffThread(doc).result;
      setLoaded({ docId: doc.id, mentions, relations });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const accept = async (items: readonly Suggestion[], label: string) => {
    if (!current || items.length === 0) return;
    const applySuggestion = await loadApply();
    const failure = useAppStore
      .getState()
      .edit(label, (doc) => applyAll(doc, items, applySuggestion));
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

  // A guess no declared type fits is declared on acceptance, under our label for it.
  const typeLabel = (key: string) =>
    index.entityTypes.get(key)?.label ?? (GUESS_LABELS as Record<string, string>)[key] ?? key;
  const others = current?.mentions.filter((s) => s.kind === 'mention') ?? [];
  const names = current?.mentions.filter((s) => s.kind === 'entity') ?? [];
  const actors = newActors(names);

  const group = (
    title: string,
    items: readonly Suggestion[],
    describe: (s: Suggestion) => string,
  ) =>
    items.length > 0 && (
      <section className="suggestion-group" aria-label={title}>
        <h3>
          {title} <span className="count">({items.length})</span>
        </h3>
        <div className="suggestion-bulk">
          <button
            type="button"
            onClick={() => void accept(items, `Accept ${items.length} ${title.toLowerCase()}`)}
          >
            Accept all
          </button>
          <button type="button" onClick={() => reject(items)}>
            Reject all
          </button>
        </div>
        <ul>
          {items.slice(0, 100).map((s) => (
            <li key={s.id} className="suggestion">
              <span className="suggestion-text">{describe(s)}</span>
              <span className="muted suggestion-reason">{s.reason}</span>
              <span className="suggestion-actions">
                <button
                  type="button"
                  aria-label={`Accept ${describe(s)}`}
                  onClick={() => void accept([s], `Accept ${describe(s)}`)}
                >
                  ✓
                </button>
                <button
                  type="button"
                  aria-label={`Reject ${describe(s)}`}
                  onClick={() => reject([s])}
                >
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ul>
        {items.length > 100 && <p className="muted">…and {items.length - 100} more.</p>}
      </section>
    );

  return (
    <details className="suggestions">
      <summary>Suggestions</summary>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? 'Looking for suggestions…' : current ? 'Look again' : 'Suggest annotations'}
      </button>
      {error && (
        <p role="alert" className="composer-error">
          {error}
        </p>
      )}
      {current && (
        <>
          <p role="status" className="muted">
            {others.length + names.length + current.relations.length === 0
              ? 'Nothing more to suggest.'
              : `${others.length + names.length} mentions (${actors.length} new actors) and ${current.relations.length} relations suggested; none is in the graph until accepted.`}
          </p>
          {group('Other mentions of known actors', others, (s) =>
            s.kind === 'relation' ? s.text : `“${s.text}” → ${s.name}`,
          )}
          {actors.length > 0 && (
            <section className="suggestion-group" aria-label="New actors">
              <h3>
                New actors <span className="count">({actors.length})</span>
              </h3>
              <div className="suggestion-bulk">
                <button
                  type="button"
                  onClick={() =>
                    void accept(
                      names,
                      `Accept ${actors.length} new actors (${names.length} mentions)`,
                    )
                  }
                >
                  Accept all
                </button>
                <button type="button" onClick={() => reject(names)}>
                  Reject all
                </button>
              </div>
              <ul>
                {actors.slice(0, 100).map((a) => {
                  const describe = `${a.name} as ${typeLabel(a.type)}`;
                  const texts = textsOf(a.items);
                  return (
                    <li key={a.items[0]?.id ?? describe} className="suggestion">
                      <span className="suggestion-text">{describe}</span>
                      <span className="muted suggestion-reason">
                        {a.items.length === 1 && a.items[0]?.text === a.name
                          ? ''
                          : `${a.items.length === 1 ? '1 mention' : `${a.items.length} mentions`}: ${texts} · `}
                        {a.items[0]?.reason}
                      </span>
                      <span className="suggestion-actions">
                        <button
                          type="button"
                          aria-label={`Accept ${describe}`}
                          onClick={() => void accept(a.items, `Accept ${describe}`)}
                        >
                          ✓
                        </button>
                        <button
                          type="button"
                          aria-label={`Reject ${describe}`}
                          onClick={() => reject(a.items)}
                        >
                          ✕
                        </button>
                      </span>
                    </li>
                  );
                })}
              </ul>
              {actors.length > 100 && <p className="muted">…and {actors.length - 100} more.</p>}
            </section>
          )}
          {group('Relations', current.relations, (s) =>
            s.kind === 'relation' ? `${s.source.name} ${s.label} ${s.target.name}` : s.text,
          )}
        </>
      )}
    </details>
  );
}
