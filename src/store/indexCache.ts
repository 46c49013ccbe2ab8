/**
 * Indexes by document object. Documents are immutable (every edit makes a new one), so an index
 * built once stays right: undoing back to an earlier document, or opening one whose index was built
 * ahead of time, costs nothing.
 */
import { buildIndex } from '../domain/indexes';
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
