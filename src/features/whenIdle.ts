/**
 * Runs `task` once the page is idle (within five seconds at most), or after a second where the
 * browser cannot tell: for work that readies what a reader will want next, such as warming a
 * worker up, without competing with what they are doing now.
 *
 * A page waiting on a worker looks idle to the browser while the machine is anything but: a new
 * document's graph is laid out in a worker, and a warm-up started then (a fresh worker compiling
 * and running its sample) takes CPU from that layout. Work that must not be competed with holds
 * the idle tasks back (`holdIdleTasks`) until it is done.
 */
let holds = 0;
let waiting: (() => void)[] = [];

/** Runs the task when its idle moment comes, unless a hold began meanwhile: then after it. */
function run(task: () => void): () => void {
  return () => {
    if (holds > 0) waiting.push(task);
    else task();
  };
}

export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run(task), { timeout: 5000 });
  else setTimeout(run(task), 1000);
}

/**
 * Holds back idle tasks until the returned function is called (once; later calls do nothing).
 * Holds nest: the tasks wait for the last one to be released.
 */
export function holdIdleTasks(): () => void {
  holds++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds--;
    if (holds > 0) return;
    const tasks = waiting;
    waiting = [];
    for (const task of tasks) whenIdle(task);
  };
}
