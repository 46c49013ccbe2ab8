import { afterEach, describe, expect, it, vi } from 'vitest';

/** requestIdleCallback that runs its callbacks when the test says the page is idle. */
function fakeIdle() {
  const queued: (() => void)[] = [];
  vi.stubGlobal('requestIdleCallback', (fn: () => void) => {
    queued.push(fn);
  });
  return () => {
    for (const fn of queued.splice(0)) fn();
  };
}

// A fresh module each time: the holds are module state.
const load = async () => {
  vi.resetModules();
  return import('./whenIdle');
};

afterEach(() => vi.unstubAllGlobals());

describe('whenIdle', () => {
  it('runs a task at the next idle moment', async () => {
    const idle = fakeIdle();
    const { whenIdle } = await load();
    const task = vi.fn();
    whenIdle(task);
    expect(task).not.toHaveBeenCalled();
    idle();
    expect(task).toHaveBeenCalledOnce();
  });

  it('holds tasks back until every hold is released, then waits for an idle moment', async () => {
    const idle = fakeIdle();
    const { holdIdleTasks, whenIdle } = await load();
    const early = vi.fn();
    whenIdle(early);
    const releaseGraph = holdIdleTasks();
    const releaseOther = holdIdleTasks();
    // Its idle moment came while held: it waits for the release.
    idle();
    const late = vi.fn();
    whenIdle(late);
    idle();
    releaseGraph();
    releaseGraph(); // a second call does not release the other hold
    idle();
    expect(early).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
    releaseOther();
    expect(early).not.toHaveBeenCalled();
    idle();
    expect(early).toHaveBeenCalledOnce();
    expect(late).toHaveBeenCalledOnce();
  });
});
