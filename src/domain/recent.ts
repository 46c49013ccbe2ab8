/**
 * The last few results worked out for a text, newest first: splitting or guessing the parts of a
 * long text takes a while, and the same text comes back after every edit, or was already worked
 * out in the import worker.
 */
export function recentByText<T>(size: number): {
  get: (text: string, variant?: string) => T | undefined;
  set: (text: string, value: T, variant?: string) => void;
} {
  const entries: { text: string; variant: string; value: T }[] = [];
  const find = (text: string, variant: string) =>
    entries.findIndex((e) => e.variant === variant && e.text === text);
  return {
    get: (text, variant = '') => entries[find(text, variant)]?.value,
    set: (text, value, variant = '') => {
      const at = find(text, variant);
      if (at >= 0) entries.splice(at, 1);
      entries.unshift({ text, variant, value });
      entries.length = Math.min(entries.length, size);
    },
  };
}
