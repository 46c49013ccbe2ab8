import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { sentenceOfMention } from '../../src/domain/indexes';
import { useAppStore } from '../../src/store/store';
import {
  actorButtons,
  actorList,
  actorTypes,
  article,
  currentSentence,
  details,
  mentionsOf,
  openBuiltinArticle,
  relationTypes,
  searchBox,
} from './ui';

// Cytoscape needs a canvas, which jsdom lacks; the graph has its own end-to-end tests.
vi.mock('../../src/app/GraphPane', () => ({
  GraphPane: () => <section aria-label="Network graph" />,
}));

describe('the explorer on the built-in article', () => {
  it('shows the article text exactly, with one element per sentence', () => {
    openBuiltinArticle();
    const { index } = useAppStore.getState();
    const sentences = article().querySelectorAll('[data-sentence]');
    expect(sentences).toHaveLength(index.sentences.length);
    for (const [i, el] of [...sentences].entries()) {
      const s = index.sentences[i]!;
      expect(el.getAttribute('data-sentence')).toBe(String(i));
      expect(el.textContent).toBe(index.doc.text.slice(s.start, s.end));
    }
    expect(screen.getByRole('heading', { name: /Conditions Must Be Met/ })).toBeInTheDocument();
  });

  it('starts with an empty details panel that says what to do', () => {
    openBuiltinArticle();
    expect(within(details()).queryByRole('heading')).toBeNull();
    expect(details()).toHaveTextContent(/Select an actor/);
  });

  it('selects the entity when a mention in the text is clicked and fills the details panel', async () => {
    const { user } = openBuiltinArticle();
    const mention = mentionsOf('e-zakharova')[1]!;
    await user.click(mention);
    expect(useAppStore.getState().selectedEntityId).toBe('e-zakharova');
    const panel = details();
    expect(within(panel).getAllByRole('heading')[0]).toHaveTextContent('Maria Zakharova');
    expect(panel).toHaveTextContent('Person');
    expect(panel).toHaveTextContent(/Also called.*Zakharova/);
    const n = useAppStore.getState().index.mentionsByEntity.get('e-zakharova')!.length;
    expect(panel).toHaveTextContent(`${n} mentions · 2 of ${n}`);
    expect(within(panel).getAllByRole('blockquote').length).toBeGreaterThan(0);
  });

  it('shows a hover text with the entity and its type on every mention', () => {
    openBuiltinArticle();
    for (const el of mentionsOf('e-russia')) expect(el.title).toBe('Russia · State');
  });

  it('steps through mentions with the buttons and the keys, marking one sentence current', async () => {
    const { user } = openBuiltinArticle();
    await user.click(within(actorList()).getByRole('button', { name: /Bashar al-Assad/ }));
    const { index } = useAppStore.getState();
    const sentencesOf = index.mentionsByEntity
      .get('e-assad')!
      .map((m) => String(sentenceOfMention(index, m)));
    expect(currentSentence()).toBe(sentencesOf[0]);
    await user.click(within(details()).getByRole('button', { name: /Next mention/ }));
    expect(currentSentence()).toBe(sentencesOf[1]);
    await user.keyboard(']');
    expect(currentSentence()).toBe(sentencesOf[2]);
    await user.keyboard('[[');
    await user.keyboard('[[');
    expect(currentSentence()).toBe(sentencesOf[0]);
    await user.click(within(details()).getByRole('button', { name: /Previous mention/ }));
    expect(currentSentence()).toBe(sentencesOf[sentencesOf.length - 1]);
  });

  it('jumps to the evidence sentence of a relation from the panel', async () => {
    const { user } = openBuiltinArticle();
    await user.click(within(actorList()).getByRole('button', { name: /TASS/ }));
    const jump = within(details()).getAllByRole('button', { name: /Show in text/ })[0]!;
    await user.click(jump);
    const { index, selectedRelationId } = useAppStore.getState();
    expect(selectedRelationId).not.toBeNull();
    const evidence = index.evidenceSentences.get(selectedRelationId!)!;
    expect(currentSentence()).toBe(String(evidence[0]));
  });

  it('filters the actor list and the text emphasis by actor type', async () => {
    const { user } = openBuiltinArticle();
    const person = within(actorTypes()).getByRole('checkbox', { name: /^Person/ });
    expect(person).toBeChecked();
    expect(actorButtons()).toContain('Maria Zakharova');
    await user.click(person);
    expect(person).not.toBeChecked();
    expect(actorButtons()).not.toContain('Maria Zakharova');
    expect(actorButtons()).toContain('Russia');
    expect(document.head.textContent + document.body.textContent).toMatch(
      /\.mention\[data-type="person"\]\{--c:transparent/,
    );
    await user.click(person);
    expect(actorButtons()).toContain('Maria Zakharova');
  });

  it('has one checkbox per actor type present, labelled with the display name and a count', () => {
    openBuiltinArticle();
    const labels = within(actorTypes())
      .getAllByRole('checkbox')
      .map((c) => c.closest('label')?.textContent);
    expect(labels).toEqual([
      'Person (5)',
      'State (2)',
      'Government body (2)',
      'Armed group (6)',
      'Media outlet (2)',
      'Place (2)',
    ]);
    expect(within(relationTypes()).getAllByRole('checkbox').length).toBeGreaterThan(5);
  });

  it('says so when the filters hide every actor, and offers a way back', async () => {
    const { user } = openBuiltinArticle();
    for (const box of within(actorTypes()).getAllByRole('checkbox')) await user.click(box);
    expect(actorList()).toHaveTextContent('No actor matches the filters and search.');
    await user.click(within(actorList()).getByRole('button', { name: 'Clear filters and search' }));
    expect(actorButtons().length).toBe(useAppStore.getState().index.doc.entities.length);
  });

  it('narrows the list as you type and selects the best match on Enter', async () => {
    const { user } = openBuiltinArticle();
    await user.type(searchBox(), 'hts');
    expect(actorButtons()).toEqual(['Hayat Tahrir al-Sham']);
    await user.keyboard('{Enter}');
    expect(useAppStore.getState().selectedEntityId).toBe('e-hts');
    expect(within(details()).getAllByRole('heading')[0]).toHaveTextContent('Hayat Tahrir al-Sham');
    await user.clear(searchBox());
    await user.type(searchBox(), 'zzz');
    expect(screen.getByText('No actor matches “zzz”')).toHaveAttribute('role', 'status');
  });

  it('moves between actors with the arrow keys, Home and End', async () => {
    const { user } = openBuiltinArticle();
    const buttons = within(actorList()).getAllByRole('button');
    buttons[0]!.focus();
    await user.keyboard('{ArrowDown}');
    expect(buttons[1]).toHaveFocus();
    await user.keyboard('{End}');
    expect(buttons.at(-1)).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(buttons.at(-1)).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(buttons.at(-2)).toHaveFocus();
    await user.keyboard('{Home}');
    expect(buttons[0]).toHaveFocus();
  });

  it('mirrors the selection and the filters in the URL and restores them on Back', async () => {
    const { user } = openBuiltinArticle();
    await user.click(within(actorList()).getByRole('button', { name: /^Russia \d/ }));
    // Written once the change is painted, off the click's path.
    await vi.waitFor(() => expect(location.search).toBe('?entity=e-russia'));
    await user.click(within(actorTypes()).getByRole('checkbox', { name: /^Place/ }));
    await vi.waitFor(() => expect(location.search).toBe('?entity=e-russia&hide=location'));
    history.back();
    await vi.waitFor(() => expect(useAppStore.getState().hiddenEntityTypes.size).toBe(0));
    expect(useAppStore.getState().selectedEntityId).toBe('e-russia');
  });

  it('walks Back through two selections without adding entries of its own', async () => {
    openBuiltinArticle();
    act(() => useAppStore.getState().selectEntity('e-russia'));
    await vi.waitFor(() => expect(location.search).toBe('?entity=e-russia'));
    act(() => useAppStore.getState().selectEntity('e-syria'));
    await vi.waitFor(() => expect(location.search).toBe('?entity=e-syria'));
    history.back();
    await vi.waitFor(() => expect(useAppStore.getState().selectedEntityId).toBe('e-russia'));
    history.back();
    await vi.waitFor(() => expect(useAppStore.getState().selectedEntityId).toBeNull());
    // Forward finds both entries still there: Back pushed none over them.
    history.forward();
    await vi.waitFor(() => expect(useAppStore.getState().selectedEntityId).toBe('e-russia'));
    history.forward();
    await vi.waitFor(() => expect(useAppStore.getState().selectedEntityId).toBe('e-syria'));
  });

  it('gives each of two changes in one moment its own history entry', async () => {
    openBuiltinArticle();
    act(() => {
      useAppStore.getState().selectEntity('e-syria');
      useAppStore.getState().toggleEntityType('location');
    });
    await vi.waitFor(() => expect(location.search).toBe('?entity=e-syria&hide=location'));
    history.back();
    await vi.waitFor(() => expect(useAppStore.getState().hiddenEntityTypes.size).toBe(0));
    expect(useAppStore.getState().selectedEntityId).toBe('e-syria');
  });

  it('clears the selection with Escape', async () => {
    const { user } = openBuiltinArticle();
    await user.click(mentionsOf('e-syria')[0]!);
    await user.keyboard('{Escape}');
    expect(useAppStore.getState().selectedEntityId).toBeNull();
    expect(within(details()).queryByRole('heading')).toBeNull();
  });

  it('writes large counts with thousands separators', () => {
    const names = Array.from({ length: 1200 }, (_, i) => `Actor${i}`);
    let at = 0;
    const mentions = names.map((name, i) => {
      const span = { start: at, end: at + name.length };
      at += name.length + 1;
      return { id: `m${i}`, entityId: `e${i}`, spans: [span], text: name };
    });
    useAppStore.getState().loadDocument({
      format: 'ariadne/1',
      id: 'many',
      title: 'Many actors',
      text: names.join(' '),
      entityTypes: [{ key: 'person', label: 'Person' }],
      relationTypes: [],
      entities: names.map((name, i) => ({ id: `e${i}`, name, type: 'person', aliases: [] })),
      mentions,
      relations: [],
    });
    render(<App />);
    // In the reader's locale: "1,200" here, "1.200" in German.
    const n = (1200).toLocaleString();
    expect(n).not.toBe('1200');
    expect(details()).toHaveTextContent(`${n} actors · ${n} mentions · 0 relations`);
    expect(within(actorList()).getByRole('heading')).toHaveTextContent(`Actors (${n})`);
    expect(within(actorTypes()).getByRole('checkbox', { name: `Person (${n})` })).toBeChecked();
  });

  it('shows document text as text, never as markup', () => {
    useAppStore.getState().loadDocument({
      format: 'ariadne/1',
      id: 'x',
      title: 'x',
      text: 'Hello <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script>',
      entityTypes: [],
      relationTypes: [],
      entities: [],
      mentions: [],
      relations: [],
    });
    const { container } = render(<App />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('article script')).toBeNull();
    expect(article()).toHaveTextContent('<script>window.__pwned=1</script>');
  });
});
