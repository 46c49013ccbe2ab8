/**
 * Indexes by document object. Documents are immutable (every edit makes a new one), so an index
 * built once stays right: undoing back to an earlier document, or opening one whose index was built
 * ahead of time, costs nothing.
 */
import { buildIndex } from '../domain/indexes';
import type { DocumentIndex } from '../domain/indexes';
import type { AriadneDocument } from '../domain/model';

const built = new WeakMap<AriadneDocument, DocumentIndex>();

export function indexFor(doc: AriadneDocument): DocumentIndex {
  let index = built.get(doc);
  if (!index) {
    index = buildIndex(doc);
    built.set(doc, index);
  }
  return index;
}
