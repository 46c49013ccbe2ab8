/**
 * Opening a document from the library. One not yet indexed in this session (read back from
 * storage, or imported alongside the one opened) is indexed first, in slices: a book's index took
 * ~250 ms in one task, with the reader's click unanswered meanwhile.
 */
import { hasIndex, indexingFor } from '../../store/indexCache';
import { useAppStore } from '../../store/store';
import { inSlices } from '../../store/tasks';

let latest = 0;

/**
 * Opens document `id` once it is indexed (at once when it already is). The last choice wins: a
 * document still being indexed when another is chosen is not opened.
 */
export async function openFromLibrary(id: string): Promise<void> {
  const ticket = ++latest;
  const doc = useAppStore.getState().documents.get(id);
  // Opened in the click's own task when there is nothing to wait for, so that React draws it as
  // the answer to the click.
  if (doc && !hasIndex(doc)) await inSlices(indexingFor(doc));
  if (ticket === latest) useAppStore.getState().openDocument(id);
}
