/**
 * Long domain work written as generators that pause (`yield`) between steps, so that the store can
 * run it in slices of its own tasks (`inSlices` in store/tasks.ts) and anyone else all at once.
 */

/** Runs `steps` to the end in one go and returns what they return. */
export function finish<T>(steps: Iterator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
