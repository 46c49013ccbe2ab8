/**
 * Startup: the built-in article, then the saved library, then what the URL asks for (`?doc=`), or
 * else the document that was open last. Runs before the first render so the URL's selection
 * applies to the right document.
 */
import { loadPersisted, openStorage, startPersistence } from '../store/persistence';
import { useAppStore } from '../store/store';
import { parseViewState } from '../store/viewState';
import { builtinAsFile, loadBuiltinDocument } from './builtin';
import { openFromUrl, warmUpImports } from '../features/library/importClient';

export async function bootstrap(): Promise<void> {
  const store = useAppStore.getState();
  store.addDocuments([loadBuiltinDocument()], { builtin: true });
  warmUpImports([builtinAsFile()]);
  let openId = useAppStore.getState().builtinId;

  const storage = await openStorage();
  if (storage.kind === 'ok') {
    try {
      const { docs, meta, arrangements, problems } = await loadPersisted(storage.store);
      store.addDocuments(docs, { replace: true });
      store.restoreArrangements(arrangements);
      if (meta) store.restoreOrder(meta.order);
      if (meta?.openId && useAppStore.getState().documents.has(meta.openId)) openId = meta.openId;
      if (problems.length) store.reportProblems(problems);
      store.setStorage({ kind: 'ok' });
      startPersistence(storage.store, useAppStore.subscribe, (reason) =>
        useAppStore.getState().setStorage({ kind: 'memory-only', reason }),
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
  if (openId) store.openDocument(openId);
}
