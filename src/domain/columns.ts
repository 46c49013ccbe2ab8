/**
 * What the stored column records (mentionColumns.ts, relationColumns.ts) have in common: a
 * `columns: 1` tag, plain arrays, and one `Int32Array` of offsets.
 */

/** Whether `value` has the tag, an array under each of `arrays`, and an `Int32Array` under `packed`. */
export function isColumnRecord<T>(
  value: unknown,
  arrays: readonly (keyof T & string)[],
  packed: keyof T & string,
): value is T {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.columns === 1 && v[packed] instanceof Int32Array && arrays.every((k) => Array.isArray(v[k]))
  );
}
