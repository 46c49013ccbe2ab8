/**
 * Runs `task` once the page is idle (within five seconds at most), or after a second where the
 * browser cannot tell: for work that readies what a reader will want next, such as warming a
 * worker up, without competing with what they are doing now.
 */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 5000 });
  else setTimeout(task, 1000);
}
