/**
 * Startup: the built-in article, then the saved library's document open last, then what the URL
 * asks for (`?doc=`), or else that document. Runs before the first render so the URL's selection
 * applies to the right document; the rest of the library is read after it, a batch at a time.
 */
import { loadRest, loadStart, openStorage, startPersistence } from '../store/persistence';
import { useAppStore } from '../store/store';
import { nextTask } from '../store/tasks';
import { parseViewState } from '../store/viewState';
import { builtinAsFile, loadBuiltinDocument } from './builtin';
import { warnBeforeLeavingUnsaved } from './leaveWarning';
import { openFromUrl, warmUpImports } from '../features/library/importClient';
import { openFromLibrary } from '../features/library/openFromLibrary';
import type { ImportProblem } from '../domain/formats/problems';
import type { AriadneDocument } from '../domain/model';

export async function bootstrap(): Promise<void> {
  const store = useAppStore.getState();
  store.addDocuments([loadBuiltinDocument()], { builtin: true });
  warmUpImports([builtinAsFile()]);
  let openId = useAppStore.getState().builtinId;

  const storage = await openStorage();
  if (storage.kind === 'ok') {
    try {
      const { docs, meta, arrangements, problems, rest } = await loadStart(storage.store);
      store.addDocuments(docs, { replace: true });
      store.expectDocuments(rest);
      store.restoreArrangements(arrangements);
      if (meta) store.restoreOrder(meta.order);
      if (meta?.openId && useAppStore.getState().documents.has(meta.openId)) openId = meta.openId;
      if (problems.length) store.reportProblems(problems);
      store.setStorage({ kind: 'ok' });
      startPersistence(
        storage.store,
        useAppStore.subscribe,
        (reason) => useAppStore.getState().setStorage({ kind: 'memory-only', reason }),
        (documents, removing) => useAppStore.getState().setUnsaved(documents, removing),
      );
      warnBeforeLeavingUnsaved(useAppStore.subscribe);
      // Not awaited: the page is drawn meanwhile, and the list fills in.
      const more = (docs: AriadneDocument[], wrong: readonly ImportProblem[]) => {
        const s = useAppStore.getState();
        // A document already here is newer than its stored copy (`?doc=` opened it again).
        s.addDocuments(
          docs.filter((d) => !s.documents.has(d.id)),
          { replace: true },
        );
        if (wrong.length) s.reportProblems([...s.problems, ...wrong]);
      };
      loadRest(storage.store, rest, more).catch((e: unknown) =>
        // What did not load stays in storage (and in the saved order) for the next start.
        useAppStore.getState().reportProblems([
          ...useAppStore.getState().problems,
          {
            file: 'saved library',
            message: `some documents could not be read (${e instanceof Error ? e.message : String(e)}); they were left in storage`,
            severity: 'error',
          },
        ]),
      );
    } catch (e) {
      store.setStorage({
        kind: 'memory-only',
        reason: `the saved library could not be read (${e instanceof Error ? e.message : String(e)})`,
      });
    }
  } else {
    store.setStorage(storage);
  }

  const { doc } = parseViewState(location.search);
  if (doc && (await openFromUrl(doc))) return;
  if (!openId) return;
  // A long document's index is built in steps, in tasks of their own, before it is opened.
  await nextTask();
  await openFromLibrary(openId);
}
