/**
 * Runs `task` once the next frame has been painted: a task queued at once (setTimeout 0) usually
 * runs before the browser paints what the current task changed. Without frames (tests), in a task
 * queued at once.
 * For work a reader's input causes but need not wait for: writing to storage, to the history.
 */
export function afterPaint(task: () => void): void {
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => setTimeout(task, 0));
  } else {
    setTimeout(task, 0);
  }
}
