import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { loadBuiltinDocument } from '../../src/app/builtin';
import { useAppStore } from '../../src/store/store';

vi.mock('../../src/app/GraphPane', () => ({
  GraphPane: () => <section aria-label="Network graph" />,
}));

function openApp() {
  const store = useAppStore.getState();
  store.addDocuments([loadBuiltinDocument()], { builtin: true, open: true });
  const user = userEvent.setup();
  render(<App />);
  return { user };
}

const library = () => screen.getByRole('region', { name: /Documents/ });
const fileInput = () => screen.getByLabelText('Open documents');
const file = (name: string, text: string) => new File([text], name, { type: 'text/plain' });

describe('the document library', () => {
  it('lists the built-in article with its counts, open', () => {
    openApp();
    const entry = within(library()).getByRole('button', { name: /^Russia: Conditions/ });
    expect(entry).toHaveAttribute('aria-current', 'page');
    expect(entry).toHaveTextContent('19 actors · 27 relations · built in');
    expect(within(library()).queryByRole('button', { name: /^Remove/ })).toBeNull();
  });

  it('opens brat files chosen with the file input and shows them', async () => {
    const { user } = openApp();
    await user.upload(fileInput(), [
      file('doc.txt', 'Alice met Bob in Paris.\n'),
      file('doc.ann', 'T1\tPerson 0 5\tAlice\nT2\tPerson 10 13\tBob\nR1\tMet Arg1:T1 Arg2:T2\n'),
    ]);
    await waitFor(() =>
      expect(useAppStore.getState().index.doc.title).toBe('Alice met Bob in Paris.'),
    );
    expect(within(library()).getByRole('button', { name: /^Alice met Bob/ })).toHaveTextContent(
      '2 actors · 1 relations',
    );
    expect(screen.getByRole('article')).toHaveTextContent('Alice met Bob in Paris.');
    expect(document.querySelectorAll('article [data-mention]')).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names the file, the line and the fault in an alert, and imports the good lines', async () => {
    const { user } = openApp();
    await user.upload(fileInput(), [
      file('bad.txt', 'Alice met Bob.\n'),
      file('bad.ann', 'T1\tPerson 0 5\tAlice\nT2 Person 10 13 Bob\nT3\tPerson 10 99\tBob\n'),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/bad\.ann, line 2/);
    expect(alert).toHaveTextContent(/bad\.ann, line 3/);
    await waitFor(() => expect(useAppStore.getState().index.doc.mentions).toHaveLength(1));
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a file that is not UTF-8 text, and leaves the library as it was', async () => {
    const { user } = openApp();
    const before = useAppStore.getState().order.length;
    await user.upload(fileInput(), [
      new File([new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0xc3])], 'x.txt'),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/x\.txt/);
    expect(useAppStore.getState().order.length).toBe(before);
    expect(useAppStore.getState().index.doc.id).toBe('hts-terror-list');
  });

  it('adds pasted text as a new document', async () => {
    const { user } = openApp();
    await user.click(screen.getByRole('button', { name: 'Paste text' }));
    await user.type(screen.getByLabelText('Title of the pasted document'), 'My notes');
    await user.type(
      screen.getByLabelText('Text to paste'),
      'Headline here{enter}Body text. More text.',
    );
    await user.click(screen.getByRole('button', { name: 'Add to library' }));
    await waitFor(() =>
      expect(within(library()).getByRole('button', { name: /^Headline here/ })).toBeInTheDocument(),
    );
    expect(document.querySelectorAll('[data-sentence]')).toHaveLength(3);
  });

  it('renames a document and removes it with undo', async () => {
    const { user } = openApp();
    await user.upload(fileInput(), [file('a.txt', 'First doc\nText.')]);
    await within(library()).findByRole('button', { name: /^First doc/ });
    await user.click(within(library()).getByRole('button', { name: 'Rename First doc' }));
    const name = within(library()).getByLabelText('New name for First doc');
    await user.clear(name);
    await user.type(name, 'Better name{enter}');
    expect(within(library()).getByRole('button', { name: /^Better name/ })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toHaveTextContent('Better name');

    await user.click(within(library()).getByRole('button', { name: 'Remove Better name' }));
    expect(within(library()).queryByRole('button', { name: /^Better name/ })).toBeNull();
    // The removed document was open: the built-in article takes its place.
    expect(useAppStore.getState().index.doc.id).toBe('hts-terror-list');
    await user.click(within(library()).getByRole('button', { name: 'Undo' }));
    expect(within(library()).getByRole('button', { name: /^Better name/ })).toBeInTheDocument();
  });

  it('says when documents are kept in memory only', () => {
    openApp();
    useAppStore
      .getState()
      .setStorage({ kind: 'memory-only', reason: 'the browser storage is full' });
    return waitFor(() =>
      expect(library()).toHaveTextContent(
        'Not saved in this browser: the browser storage is full.',
      ),
    );
  });

  it('says when saving takes a while, and stops saying it once everything is stored', async () => {
    vi.useFakeTimers();
    try {
      openApp();
      act(() => useAppStore.setState({ storage: { kind: 'ok' }, unsaved: 3 }));
      const status = () => within(library()).getByText(/^Saving/, { selector: '[role="status"]' });
      // A quick save says nothing.
      act(() => vi.advanceTimersByTime(300));
      expect(within(library()).queryByText(/^Saving/)).toBeNull();
      act(() => vi.advanceTimersByTime(300));
      expect(status()).toHaveTextContent('Saving 3 documents in this browser…');
      act(() => useAppStore.setState({ unsaved: 1 }));
      expect(status()).toHaveTextContent('Saving 1 document in this browser…');
      act(() => useAppStore.setState({ unsaved: 0 }));
      expect(within(library()).queryByText(/^Saving/)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when documents are being removed from storage, not saved', () => {
    vi.useFakeTimers();
    try {
      openApp();
      act(() => useAppStore.setState({ storage: { kind: 'ok' }, unsaved: 2, removing: 2 }));
      act(() => vi.advanceTimersByTime(600));
      const status = () => within(library()).getByRole('status', { name: '' });
      expect(status()).toHaveTextContent('Removing 2 documents from this browser…');
      act(() => useAppStore.setState({ unsaved: 3, removing: 1 }));
      expect(status()).toHaveTextContent('Saving 2 documents and removing 1 in this browser…');
      act(() => useAppStore.setState({ unsaved: 1, removing: 1 }));
      expect(status()).toHaveTextContent('Removing 1 document from this browser…');
      act(() => useAppStore.setState({ unsaved: 0, removing: 0 }));
      expect(status()).toHaveTextContent(/^$/);
    } finally {
      vi.useRealTimers();
    }
  });
});
