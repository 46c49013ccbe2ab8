/**
 * Keeps the library in IndexedDB (through idb-keyval) so a reload brings it back. Storage is a
 * convenience, never a requirement: when it is missing, full or holds a record that no longer reads,
 * the app says so and goes on in memory, and no other document is dropped.
 */
import { createStore, del, entries, get as idbGet, set as idbSet } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import type { ImportProblem } from '../domain/formats/problems';
import type { AriadneDocument } from '../domain/model';
import { documentSchema } from '../domain/schema';
import { validateDocument } from '../domain/validate';
import type { AppState } from './store';

const META = 'meta';
const DOC_PREFIX = 'doc:';

export interface PersistedMeta {
  readonly order: readonly string[];
  readonly openId: string | null;
}

export type Storage =
  | { readonly kind: 'ok'; readonly store: UseStore }
  | { readonly kind: 'memory-only'; readonly reason: string };

function describe(e: unknown): string {
  if (e instanceof DOMException && e.name === 'QuotaExceededError')
    return 'the browser storage is full';
  return e instanceof Error ? e.message : String(e);
}

export async function openStorage(): Promise<Storage> {
  if (typeof indexedDB === 'undefined') {
    return { kind: 'memory-only', reason: 'this browser offers no IndexedDB storage' };
  }
  try {
    const store = createStore('ariadne', 'library');
    await idbGet(META, store);
    return { kind: 'ok', store };
  } catch (e) {
    return { kind: 'memory-only', reason: `browser storage cannot be opened (${describe(e)})` };
  }
}

export async function loadPersisted(store: UseStore): Promise<{
  docs: AriadneDocument[];
  meta: PersistedMeta | undefined;
  problems: ImportProblem[];
}> {
  const docs: AriadneDocument[] = [];
  const problems: ImportProblem[] = [];
  let meta: PersistedMeta | undefined;
  for (const [key, value] of await entries(store)) {
    if (key === META) {
      meta = value as PersistedMeta;
      continue;
    }
    if (typeof key !== 'string' || !key.startsWith(DOC_PREFIX)) continue;
    const parsed = documentSchema.safeParse(value);
    const problemsOf = parsed.success ? validateDocument(parsed.data) : [];
    if (parsed.success && problemsOf.length === 0) {
      docs.push(parsed.data);
    } else {
      const why = parsed.success ? problemsOf[0]?.message : parsed.error.issues[0]?.message;
      problems.push({
        file: `saved document ${key.slice(DOC_PREFIX.length)}`,
        message: `no longer reads (${why ?? 'unknown problem'}); it was left in storage untouched and not opened`,
        severity: 'error',
      });
    }
  }
  return { docs, meta, problems };
}

/**
 * Runs `task` once the next frame has been painted: a task queued at once (setTimeout 0) usually
 * runs before the browser paints what the current task changed. Without frames (tests), at once.
 */
function afterPaint(task: () => void): void {
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => setTimeout(task, 0));
  } else {
    setTimeout(task, 0);
  }
}

/**
 * Mirrors the library to storage from now on. Only documents whose object changed are written.
 * Returns the unsubscribe function.
 */
export function startPersistence(
  store: UseStore,
  subscribe: (listener: (s: AppState, prev: AppState) => void) => () => void,
  onFailure: (reason: string) => void,
): () => void {
  let failed = false;
  const fail = (e: unknown) => {
    if (failed) return;
    failed = true;
    onFailure(`saving failed: ${describe(e)}`);
  };
  let latest: AppState | undefined;
  return subscribe((s, prev) => {
    latest = s;
    if (failed) return;
    if (s.documents !== prev.documents) {
      for (const [id, doc] of s.documents) {
        if (id === s.builtinId || prev.documents.get(id) === doc) continue;
        // Storing clones the whole document (~90 ms for 100,000 words); do it after the new
        // document has painted. Skipped if the document changed or went away meanwhile: a later
        // write covers it.
        afterPaint(() => {
          if (failed || latest?.documents.get(id) !== doc) return;
          idbSet(DOC_PREFIX + id, doc, store).catch(fail);
        });
      }
      for (const id of prev.documents.keys()) {
        if (!s.documents.has(id)) del(DOC_PREFIX + id, store).catch(fail);
      }
    }
    if (s.order !== prev.order || s.openDocumentId !== prev.openDocumentId) {
      const meta: PersistedMeta = { order: [...s.order], openId: s.openDocumentId };
      idbSet(META, meta, store).catch(fail);
    }
  });
}
