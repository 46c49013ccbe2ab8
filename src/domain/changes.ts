/**
 * What an edit changed in a list of records, found by identity: records are never changed in place
 * (an edited one is a new object), so the index and the validation of an edited document need only
 * look at the records it dropped and brought.
 */
export interface Changes<T> {
  readonly removed: readonly T[];
  readonly added: readonly T[];
}

/**
 * What `after` dropped from `before` and what it brought, by identity (records are never changed
 * in place: an edited one is a new object), or null when that is more than a patch is worth. Exact
 * for an edit that keeps the order; a record the edit moved may be listed as both removed and
 * added, which is still true of the lists (`after` is `before` less the one, plus the other).
 */
export function changes<T>(before: readonly T[], after: readonly T[]): Changes<T> | null {
  if (before === after) return { removed: [], added: [] };
  // An edit is validated, then indexed: both ask for the same changes.
  const last = found.get(after);
  if (last?.before === before) return last.changes as Changes<T> | null;
  const limit = Math.max(PATCH_LIMIT, after.length / 8);
  const result = inOrder(before, after, limit) ?? anyOrder(before, after, limit);
  found.set(after, { before, changes: result });
  return result;
}

const found = new WeakMap<
  readonly unknown[],
  { readonly before: readonly unknown[]; readonly changes: Changes<unknown> | null }
>();

/**
 * Walks both lists side by side, as most edits keep the order (a filter drops records, a map
 * replaces them, an insertion adds some): at each difference it looks a few records ahead for
 * where they meet again, and failing that takes the two records as one replaced by the other.
 */
function inOrder<T>(before: readonly T[], after: readonly T[], limit: number): Changes<T> | null {
  const removed: T[] = [];
  const added: T[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      i++;
      j++;
      continue;
    }
    if (j === after.length) {
      removed.push(...before.slice(i));
      break;
    }
    if (i === before.length) {
      added.push(...after.slice(j));
      break;
    }
    // Dropped records (before[i…next) gone), new ones (after[j…later) new), or one replaced.
    const next = find(before, i + 1, after[j] as T);
    if (next >= 0) {
      removed.push(...before.slice(i, next));
      i = next;
      continue;
    }
    const later = find(after, j + 1, before[i] as T);
    if (later >= 0) {
      added.push(...after.slice(j, later));
      j = later;
      continue;
    }
    removed.push(before[i] as T);
    added.push(after[j] as T);
    i++;
    j++;
    if (removed.length + added.length > limit) return null;
  }
  return removed.length + added.length > limit ? null : { removed, added };
}

/** By sets: for an edit that moved records around. */
function anyOrder<T>(before: readonly T[], after: readonly T[], limit: number): Changes<T> | null {
  const inAfter = new Set(after);
  const removed = before.filter((x) => !inAfter.has(x));
  const inBefore = new Set(before);
  const added = after.filter((x) => !inBefore.has(x));
  return removed.length + added.length > limit ? null : { removed, added };
}

/** How far the walk looks for where two lists meet again. */
const LOOK_AHEAD = 32;

/** Where `x` is in `xs` from `from` on, looking no further than LOOK_AHEAD records; -1 if not. */
function find<T>(xs: readonly T[], from: number, x: T): number {
  const end = Math.min(xs.length, from + LOOK_AHEAD);
  for (let k = from; k < end; k++) if (xs[k] === x) return k;
  return -1;
}

/** Up to this many changed records (or an eighth of them), an edit is worth following record by record. */
const PATCH_LIMIT = 256;
