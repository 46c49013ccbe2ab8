import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { loadBuiltinDocument } from '../../src/app/builtin';
import type { AriadneDocument } from '../../src/domain/model';
import { deleteMention, editRelation } from '../../src/domain/edits';
import { documentSchema } from '../../src/domain/schema';
import { hasIndex } from '../../src/store/indexCache';
import { useAppStore } from '../../src/store/store';
import { PASTED_ARTICLE } from '../fixtures/pasted-article';
import type {
  SuggestProgressReply,
  SuggestReply,
  SuggestRequest,
} from '../../src/features/suggest/suggestClient';

vi.mock('../../src/app/GraphPane', () => ({
  GraphPane: () => <section aria-label="Network graph" />,
}));

function openApp() {
  useAppStore.getState().addDocuments([loadBuiltinDocument()], { builtin: true, open: true });
  const user = userEvent.setup();
  render(<App />);
  return { user };
}

/** Selects `text` inside sentence `i` as a reader would with the mouse, then releases it. */
function selectInSentence(i: number, text: string) {
  const sentence = document.querySelector(`[data-sentence="${i}"]`)!;
  const walker = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const at = t.textContent!.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(t, at);
    range.setEnd(t, at + text.length);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    act(() => {
      sentence.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    return;
  }
  throw new Error(`"${text}" is not plain text in sentence ${i}`);
}

const details = () => screen.getByRole('complementary', { name: 'Entity details' });

describe('annotating in the explorer', () => {
  it('adds a selected phrase as a new actor, on an edited copy of the built-in article', async () => {
    const { user } = openApp();
    selectInSentence(3, 'press conference');
    const form = screen.getByRole('form', { name: 'Annotate selection' });
    expect(form).toHaveTextContent('“press conference”');
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'New actor of type' }),
      'Media outlet',
    );
    await user.click(within(form).getByRole('button', { name: 'Create actor' }));
    const s = useAppStore.getState();
    expect(s.index.doc.id).toBe('hts-terror-list-edited');
    expect(s.index.doc.entities.find((e) => e.name === 'press conference')?.type).toBe('media');
    expect(within(details()).getAllByRole('heading')[0]).toHaveTextContent('press conference');
    expect(s.documents.get('hts-terror-list')!.entities).toHaveLength(19);
  });

  it('attaches a selection to an existing actor named in the box, and undoes it with Ctrl+Z', async () => {
    const { user } = openApp();
    selectInSentence(12, 'instability');
    const form = screen.getByRole('form', { name: 'Annotate selection' });
    const box = within(form).getByRole('combobox', { name: /Actor/ });
    await user.clear(box);
    await user.type(box, 'syria');
    expect(form).toHaveTextContent('Adds a mention of Syria.');
    await user.click(within(form).getByRole('button', { name: 'Add mention' }));
    const before = useAppStore.getState().index.mentionsByEntity.get('e-syria')!.length;
    expect(useAppStore.getState().index.doc.mentions.some((m) => m.text === 'instability')).toBe(
      true,
    );
    await user.click(document.body);
    await user.keyboard('{Control>}z{/Control}');
    expect(useAppStore.getState().index.mentionsByEntity.get('e-syria')!.length).toBe(before - 1);
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(useAppStore.getState().index.mentionsByEntity.get('e-syria')!.length).toBe(before);
  });

  it('renames, retypes and merges actors from the details panel, each undoable', async () => {
    const { user } = openApp();
    act(() => useAppStore.getState().selectEntity('e-hts'));
    await user.click(within(details()).getByText('Edit this actor'));
    const name = within(details()).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'HTS coalition');
    await user.click(within(details()).getByRole('button', { name: 'Rename' }));
    let hts = useAppStore.getState().index.entityById.get('e-hts')!;
    expect(hts.name).toBe('HTS coalition');
    expect(hts.aliases).toContain('Hayat Tahrir al-Sham');

    await user.selectOptions(
      within(details()).getByRole('combobox', { name: 'Merge into this actor' }),
      'Allied factions',
    );
    await user.click(within(details()).getByRole('button', { name: 'Merge' }));
    const s = useAppStore.getState();
    expect(s.index.entityById.has('e-allied-factions')).toBe(false);
    hts = s.index.entityById.get('e-hts')!;
    expect(hts.aliases).toContain('Allied factions');
    expect(screen.getByRole('banner')).toHaveTextContent(
      'Merge Allied factions into HTS coalition',
    );

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(useAppStore.getState().index.entityById.has('e-allied-factions')).toBe(true);
  });

  it('deletes an actor with its mentions and relations, and brings it back on undo', async () => {
    const { user } = openApp();
    act(() => useAppStore.getState().selectEntity('e-tass'));
    await user.click(within(details()).getByText('Edit this actor'));
    await user.click(within(details()).getByRole('button', { name: 'Delete actor' }));
    const s = useAppStore.getState();
    expect(s.index.entityById.has('e-tass')).toBe(false);
    expect(s.index.doc.relations.some((r) => r.source === 'e-tass' || r.target === 'e-tass')).toBe(
      false,
    );
    expect(within(details()).queryByRole('heading')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(useAppStore.getState().index.entityById.has('e-tass')).toBe(true);
  });

  it('keeps the actor list in order of mentions through edits of mentions and of relations', () => {
    openApp();
    const actors = screen.getByRole('region', { name: /Actors/ });
    const order = () =>
      within(actors)
        .getAllByRole('button')
        .map((b) => b.textContent);
    const first = useAppStore
      .getState()
      .index.doc.entities.find((e) => order()[0]?.includes(e.name))!;
    const mentions = useAppStore.getState().index.mentionsByEntity.get(first.id)!;
    // All but one of the most mentioned actor's mentions go: it is no longer first.
    act(() =>
      useAppStore
        .getState()
        .edit('Delete mentions', (d) =>
          mentions.slice(1).reduce((doc, m) => deleteMention(doc, m.id), d),
        ),
    );
    expect(order()[0]).not.toContain(first.name);
    expect(order().findIndex((t) => t?.includes(first.name))).toBeGreaterThan(0);
    // Reversing a relation changes no actor and no count: the same order.
    const before = order();
    const r = useAppStore.getState().index.doc.relations[0]!;
    act(() =>
      useAppStore
        .getState()
        .edit('Reverse', (d) => editRelation(d, r.id, { source: r.target, target: r.source })),
    );
    expect(order()).toEqual(before);
  });

  it('adds a relation with the current sentence as evidence, and deletes one', async () => {
    const { user } = openApp();
    act(() => useAppStore.getState().selectEntity('e-tass', { jump: true }));
    await user.click(within(details()).getByText('Edit this actor'));
    const form = within(details()).getByRole('form', { name: 'Add a relation' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Other actor' }), 'Moscow');
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Relation' }),
      'New relation type…',
    );
    await user.type(within(form).getByRole('textbox', { name: 'New type' }), 'reports from');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Certainty' }), 'reported');
    await user.click(within(form).getByRole('button', { name: 'Add relation' }));
    let s = useAppStore.getState();
    const added = s.index.doc.relations.find(
      (r) => r.source === 'e-tass' && r.target === 'e-moscow',
    );
    expect(added).toMatchObject({ certainty: 'reported' });
    expect(s.index.relationTypes.get(added!.type)?.label).toBe('reports from');
    const sentence = s.index.sentences[s.currentSentence!]!;
    expect(added!.evidence[0]).toMatchObject({ start: sentence.start, end: sentence.end });
    expect(details()).toHaveTextContent('TASS reports from Moscow');

    await user.click(
      within(details()).getByRole('button', { name: 'Delete relation: TASS reports from Moscow' }),
    );
    s = useAppStore.getState();
    expect(s.index.doc.relations.some((r) => r.id === added!.id)).toBe(false);
  });

  it('splits an alias back out into its own actor with its mentions', async () => {
    const { user } = openApp();
    act(() => useAppStore.getState().selectEntity('e-hts'));
    await user.click(within(details()).getByText('Edit this actor'));
    await user.click(
      within(details()).getByRole('button', { name: 'Split HTS off Hayat Tahrir al-Sham' }),
    );
    const s = useAppStore.getState();
    const split = s.index.doc.entities.find((e) => e.name === 'HTS')!;
    expect(split.type).toBe('armed-group');
    expect(s.index.mentionsByEntity.get(split.id)!.every((m) => m.text === 'HTS')).toBe(true);
    expect(s.index.entityById.get('e-hts')!.aliases).not.toContain('HTS');
  });
});

/**
 * A document of `n` actors named Actor0…, each mentioned once in one sentence, and Actor0 related
 * to the first `related` others.
 */
function manyActors(n: number, related = 0): AriadneDocument {
  const names = Array.from({ length: n }, (_, i) => `Actor${i}`);
  const text = `${names.join(', ')} met.`;
  let at = 0;
  const mentions = names.map((name, i) => {
    const start = text.indexOf(name, at);
    at = start + name.length;
    return { id: `m${i}`, entityId: `e${i}`, spans: [{ start, end: at }], text: name };
  });
  return documentSchema.parse({
    format: 'ariadne/1',
    id: 'many-actors',
    title: 'Many actors',
    text,
    entityTypes: [{ key: 'person', label: 'Person', color: '#3366cc', shape: 'ellipse' }],
    relationTypes: [{ key: 'met', label: 'met' }],
    entities: names.map((name, i) => ({ id: `e${i}`, name, type: 'person', aliases: [] })),
    mentions,
    relations: Array.from({ length: related }, (_, i) => ({
      id: `r${i + 1}`,
      type: 'met',
      source: 'e0',
      target: `e${i + 1}`,
      evidence: [{ start: 0, end: text.length, text }],
    })),
  });
}

describe('editing in a document of hundreds of actors', () => {
  it('builds the editing forms only when opened, and finds an actor to merge by typing', async () => {
    useAppStore.getState().addDocuments([manyActors(300)], { open: true });
    const user = userEvent.setup();
    render(<App />);
    act(() => useAppStore.getState().selectEntity('e0'));
    expect(within(details()).queryByRole('group', { name: 'Merge into this actor' })).toBeNull();

    await user.click(within(details()).getByText('Edit this actor'));
    const merge = within(details()).getByRole('group', { name: 'Merge into this actor' });
    const matches = within(merge).getByRole('combobox', { name: 'Matches' });
    // Nothing typed yet: only the prompt, not 299 options.
    expect(within(matches).getAllByRole('option')).toHaveLength(1);

    await user.type(within(merge).getByRole('searchbox', { name: 'Merge into this actor' }), '29');
    const options = within(matches)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toContain('Actor29');
    expect(options).toContain('Actor290');
    expect(options).not.toContain('Actor0');
    await user.selectOptions(matches, 'Actor29');
    await user.click(within(merge.parentElement!).getByRole('button', { name: 'Merge' }));
    const s = useAppStore.getState();
    expect(s.index.entityById.has('e29')).toBe(false);
    expect(s.index.mentionsByEntity.get('e0')).toHaveLength(2);
  });

  it('lists a hub’s first relations, and the selected one even when it comes later', async () => {
    useAppStore.getState().addDocuments([manyActors(40, 30)], { open: true });
    const user = userEvent.setup();
    render(<App />);
    act(() => useAppStore.getState().selectEntity('e0'));
    const list = () => within(details()).getAllByRole('listitem');
    expect(list()).toHaveLength(15);
    act(() => useAppStore.getState().selectRelation('r28'));
    expect(list()).toHaveLength(16);
    expect(list()[15]).toHaveTextContent('Actor28');
    await user.click(within(details()).getByRole('button', { name: 'Show all 30 relations' }));
    expect(list()).toHaveLength(30);
  });
});

describe('suggestions', () => {
  /**
   * The pasted article open (with `others` after it in the library), the app drawn, and its
   * suggestions asked for: the "New actors" group once listed.
   */
  async function suggestForPastedArticle(others: readonly AriadneDocument[] = []) {
    const { importPlainText } = await import('../../src/domain/formats/plain-text');
    const doc = importPlainText('lisbon.txt', PASTED_ARTICLE);
    useAppStore.getState().addDocuments([doc, ...others], { open: true });
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByText('Suggestions'));
    await user.click(screen.getByRole('button', { name: 'Suggest annotations' }));
    const actors = await screen.findByRole('region', { name: 'New actors' }, { timeout: 20_000 });
    return { doc, user, actors };
  }

  it('shows how far the engine is while it looks in its worker', async () => {
    const { findSuggestions } = await import('../../src/features/suggest/findSuggestions');
    type Message = SuggestReply | SuggestProgressReply;
    /** Stands in for the suggestion worker; the test says what it sends, and when. */
    class HeldWorker {
      static last: HeldWorker | undefined;
      request: SuggestRequest | undefined;
      onmessage: ((e: MessageEvent<Message>) => void) | null = null;
      onerror: ((e: ErrorEvent) => void) | null = null;
      constructor() {
        HeldWorker.last = this;
      }
      postMessage(r: SuggestRequest) {
        if (r.doc) this.request = r;
      }
      send(data: Message) {
        act(() => this.onmessage?.({ data } as MessageEvent<Message>));
      }
      terminate() {}
    }
    vi.stubGlobal('Worker', HeldWorker);
    try {
      const { importPlainText } = await import('../../src/domain/formats/plain-text');
      useAppStore
        .getState()
        .addDocuments([importPlainText('lisbon.txt', PASTED_ARTICLE)], { open: true });
      const user = userEvent.setup();
      render(<App />);
      await user.click(screen.getByText('Suggestions'));
      await user.click(screen.getByRole('button', { name: 'Suggest annotations' }));
      await vi.waitFor(() => expect(HeldWorker.last?.request).toBeDefined());
      const worker = HeldWorker.last!;
      const { id, doc } = worker.request!;
      expect(screen.getByRole('button', { name: 'Looking for suggestions…' })).toBeDisabled();

      worker.send({ id, progress: { stage: 'names', fraction: 0.4 } });
      const bar = screen.getByRole('progressbar', { name: 'Finding suggestions' });
      expect(bar).toHaveAttribute('value', '0.4');
      expect(screen.getByText('Reading the text for names: 40%')).toBeInTheDocument();
      worker.send({ id, progress: { stage: 'relations', fraction: 0.5 } });
      expect(screen.getByText('Pairing actors: 50%')).toBeInTheDocument();

      worker.send({ id, ok: true, found: findSuggestions(doc!) });
      await screen.findByRole('region', { name: 'New actors' });
      expect(screen.queryByRole('progressbar')).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  }, 30_000);

  it('lists each new actor once, with every mention it would get, and accepts it whole', async () => {
    const { user, actors } = await suggestForPastedArticle();
    const rows = within(actors)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.suggestion-text')?.textContent);
    // One row per actor: "LISBON" and both "Lisbon" are Lisbon, "Costa" is Ana Costa.
    expect(rows.filter((r) => r?.startsWith('Lisbon '))).toHaveLength(1);
    expect(rows.filter((r) => r?.startsWith('Ana Costa '))).toHaveLength(1);
    expect(rows.some((r) => r?.startsWith('Costa '))).toBe(false);
    expect(within(actors).getByRole('heading')).toHaveTextContent(`New actors (${rows.length})`);
    const lisbon = within(actors).getByRole('button', { name: /^Accept Lisbon as / });
    expect(lisbon.closest('li')).toHaveTextContent('3 mentions: “Lisbon” ×2, “LISBON”');

    await user.click(lisbon);
    // Accepting loads the engine's apply step first.
    await vi.waitFor(() =>
      expect(useAppStore.getState().index.doc.entities.map((e) => e.name)).toContain('Lisbon'),
    );
    const s = useAppStore.getState().index;
    const added = s.doc.entities.filter((e) => e.name === 'Lisbon');
    expect(added).toHaveLength(1);
    expect(s.mentionsByEntity.get(added[0]!.id)).toHaveLength(3);
    expect(
      within(actors)
        .getAllByRole('listitem')
        .some((li) => li.textContent?.startsWith('Lisbon ')),
    ).toBe(false);
  }, 30_000);

  it('says that it is accepting a group, with its buttons off meanwhile, then accepts it as one edit', async () => {
    const { user, actors } = await suggestForPastedArticle();
    const count = Number(
      /\((\d+)\)/.exec(within(actors).getByRole('heading').textContent ?? '')?.[1],
    );
    const panel = actors.closest('details')!;
    const status = within(panel).getByText(/suggested; none is in the graph/);
    expect(status).toHaveAttribute('role', 'status');

    // The edit finds the accepted document indexed already (in slices, before its task).
    const indexedBefore: boolean[] = [];
    const { edit } = useAppStore.getState();
    useAppStore.setState({
      edit: (label, fn) => {
        indexedBefore.push(hasIndex(fn(useAppStore.getState().index.doc)));
        return edit(label, fn);
      },
    });
    await user.click(within(actors).getByRole('button', { name: 'Accept all' }));
    expect(status).toHaveTextContent(/^Accepting \d+ suggestions…$/);
    expect(within(actors).getByRole('button', { name: 'Accept all' })).toBeDisabled();
    expect(within(panel).getByRole('button', { name: 'Look again' })).toBeDisabled();

    await vi.waitFor(() => expect(status).not.toHaveTextContent(/Accepting/));
    expect(useAppStore.getState().index.doc.entities).toHaveLength(count);
    expect(indexedBefore).toEqual([true]);
    expect(screen.queryByRole('region', { name: 'New actors' })).toBeNull();
    // One edit: a single undo takes every actor back.
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(useAppStore.getState().index.doc.entities).toHaveLength(0);
  }, 30_000);

  it('accepts nothing into a document opened while it was accepting', async () => {
    const { importPlainText } = await import('../../src/domain/formats/plain-text');
    const other = importPlainText('other.txt', `Another text\n${PASTED_ARTICLE}`);
    const { doc, user, actors } = await suggestForPastedArticle([other]);
    expect(useAppStore.getState().index.doc.id).toBe(doc.id);
    await user.click(within(actors).getByRole('button', { name: 'Accept all' }));
    act(() => useAppStore.getState().openDocument(other.id));
    // Done accepting: the button is on again (it suggests anew for the document now open).
    await vi.waitFor(() =>
      expect(screen.getByRole('button', { name: 'Suggest annotations' })).toBeEnabled(),
    );
    const { documents } = useAppStore.getState();
    expect(documents.get(other.id)?.entities).toEqual([]);
    expect(documents.get(other.id)?.mentions).toEqual([]);
    expect(documents.get(doc.id)?.mentions).toEqual([]);
  }, 30_000);
});
