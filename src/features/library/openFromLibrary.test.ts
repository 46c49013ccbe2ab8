import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importPlainText } from '../../domain/formats/plain-text';
import { hasIndex, indexFor } from '../../store/indexCache';
import { useAppStore } from '../../store/store';
import { openFromLibrary } from './openFromLibrary';

const doc = (name: string) => importPlainText(`${name}.txt`, `${name}\nOne sentence. Another one.`);

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  // Every reading of the clock 50 ms later: each step of the indexing ends its slice.
  let clock = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (clock += 50));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('openFromLibrary', () => {
  it('opens a document not yet indexed once its index is built, in slices with other tasks between', async () => {
    const [first, second] = [doc('First'), doc('Second')];
    useAppStore.getState().addDocuments([first, second], { open: true });
    expect(hasIndex(second)).toBe(false);
    const seen: string[] = [];
    const opening = openFromLibrary(second.id).then(() => seen.push('opened'));
    setTimeout(() => seen.push('other task'), 0);
    expect(useAppStore.getState().openDocumentId).toBe(first.id);
    await opening;
    expect(seen).toEqual(['other task', 'opened']);
    expect(useAppStore.getState().index.doc).toBe(second);
  });

  it('opens a document already indexed in the same task', () => {
    const [first, second] = [doc('First'), doc('Second')];
    useAppStore.getState().addDocuments([first, second], { open: true });
    indexFor(second);
    void openFromLibrary(second.id);
    expect(useAppStore.getState().openDocumentId).toBe(second.id);
  });

  it('opens the last document chosen, not one still being indexed when another was', async () => {
    const [first, second, third] = [doc('First'), doc('Second'), doc('Third')];
    useAppStore.getState().addDocuments([first, second, third], { open: true });
    const slow = openFromLibrary(second.id);
    await openFromLibrary(third.id);
    await slow;
    expect(useAppStore.getState().openDocumentId).toBe(third.id);
  });
});
