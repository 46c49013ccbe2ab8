/**
 * Indexes by document object. Documents are immutable (every edit makes a new one), so an index
 * built once stays right: undoing back to an earlier document, or opening one whose index was built
 * ahead of time, costs nothing.
 */
import { buildIndex, indexing } from '../domain/indexes';
import type { DocumentIndex } from '../domain/indexes';
import type { AriadneDocument } from '../domain/model';

const built = new WeakMap<AriadneDocument, DocumentIndex>();

/** `previous`, an index of an earlier version, lends what the change left alone (see buildIndex). */
export function indexFor(doc: AriadneDocument, previous?: DocumentIndex): DocumentIndex {
  let index = built.get(doc);
  if (!index) {
    index = buildIndex(doc, previous);
    built.set(doc, index);
  }
  return index;
}

/** Whether `doc` has been indexed already (so that `indexFor` answers at once). */
export function hasIndex(doc: AriadneDocument): boolean {
  return built.has(doc);
}

/**
 * `indexFor` in steps (see `indexing`), for a caller that runs them in tasks of their own; nothing
 * to do for a document already indexed.
 */
export function* indexingFor(
  doc: AriadneDocument,
  previous?: DocumentIndex,
): Generator<void, DocumentIndex, void> {
  const known = built.get(doc);
  if (known) return known;
  const index = yield* indexing(doc, previous);
  // Between the steps a caller may have needed the index at once and built it: keep one.
  const kept = built.get(doc) ?? index;
  built.set(doc, kept);
  return kept;
}
