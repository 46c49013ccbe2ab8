/**
 * Long work cut into tasks of its own, so that the reader's input and the browser's frames come
 * between them: for the store's reads from storage as for the views' long edits and imports.
 */
/** Resolves in a task of its own, after whatever the browser has queued meanwhile. */
export function nextTask(): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `steps` to the end in slices of about `sliceMs`, each a task of its own (reached through
 * `next`), so that the reader's input and the browser's frames come between them; resolves with
 * what the steps return.
 */
export async function inSlices<T>(
  steps: Iterator<unknown, T>,
  sliceMs = 30,
  now: () => number = () => performance.now(),
  next: () => Promise<void> = nextTask,
): Promise<T> {
  for (;;) {
    const until = now() + sliceMs;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (now() >= until) break;
    }
    await next();
  }
}
