import 'fake-indexeddb/auto';
import { clear, createStore, keys } from 'idb-keyval';
import { describe, expect, it, vi } from 'vitest';
import type * as Layout from './layout';
import type { LayoutInput } from './layout';

const computed = vi.hoisted(() => ({ count: 0 }));
vi.mock('./layout', async (importOriginal) => {
  const actual = await importOriginal<typeof Layout>();
  return {
    ...actual,
    computeLayout: (input: LayoutInput) => {
      computed.count++;
      return actual.computeLayout(input);
    },
  };
});

const { RECENT_LAYOUTS, layoutOffThread } = await import('./layoutClient');
const { WARM_UP } = await import('./layout');

function chain(n: number, seed = 1): LayoutInput {
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, size: 30, label: `N${i}` }));
  const edges = nodes
    .slice(1)
    .map((_, i) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}` }));
  return { nodes, edges, fixed: [], seed };
}

describe('layoutOffThread', () => {
  it('lays a graph it has laid out recently out at once, with the same positions', async () => {
    const before = computed.count;
    const first = await layoutOffThread(chain(12)).result;
    const again = await layoutOffThread(chain(12)).result;
    expect(computed.count - before).toBe(1);
    expect(again).toEqual(first);
    // A copy: changing what it gave does not change what it keeps.
    again.n0!.x += 1000;
    expect(await layoutOffThread(chain(12)).result).toEqual(first);
  });

  it('lays out anew what differs in anything, and forgets the oldest past its limit', async () => {
    const before = computed.count;
    await layoutOffThread(chain(13)).result;
    await layoutOffThread(chain(13, 2)).result;
    expect(computed.count - before).toBe(2);
    for (let n = 20; n < 20 + RECENT_LAYOUTS; n++) await layoutOffThread(chain(n)).result;
    const now = computed.count;
    await layoutOffThread(chain(13)).result;
    expect(computed.count).toBe(now + 1);
  });
});

describe('layoutOffThread across visits (a production build)', () => {
  const kept = createStore('ariadne-layouts', 'layouts');

  /** The client as a fresh page load has it: nothing in memory, storage as it is. */
  async function reloaded() {
    vi.resetModules();
    return import('./layoutClient');
  }

  async function withBuild(run: () => Promise<void>) {
    vi.stubEnv('DEV', false);
    // Idle tasks (the writes to storage) run at once.
    vi.stubGlobal('requestIdleCallback', (task: () => void) => task());
    await clear(kept);
    try {
      await run();
    } finally {
      vi.unstubAllEnvs();
      vi.unstubAllGlobals();
    }
  }

  it('lays a graph out once: after a reload its first layout comes from the browser', () =>
    withBuild(async () => {
      const before = computed.count;
      const first = await (await reloaded()).layoutOffThread(chain(30)).result;
      await vi.waitFor(async () => expect(await keys(kept)).toHaveLength(2));
      const again = await (await reloaded()).layoutOffThread(chain(30)).result;
      expect(computed.count - before).toBe(1);
      expect(again).toEqual(first);
    }));

  it('keeps no re-run (another seed): the arrangement keeps that', () =>
    withBuild(async () => {
      const before = computed.count;
      await (await reloaded()).layoutOffThread(chain(30, 2)).result;
      await (await reloaded()).layoutOffThread(chain(30, 2)).result;
      expect(computed.count - before).toBe(2);
      expect(await keys(kept)).toEqual([]);
    }));

  /** Workers that never answer, as Worker: what they were sent and which were stopped. */
  function fakeWorkers() {
    const made: { posted: unknown[]; stopped: boolean }[] = [];
    vi.stubGlobal(
      'Worker',
      class {
        onmessage: unknown = null;
        private readonly log = { posted: [] as unknown[], stopped: false };
        constructor() {
          made.push(this.log);
        }
        postMessage(m: unknown) {
          this.log.posted.push(m);
        }
        terminate() {
          this.log.stopped = true;
        }
      },
    );
    return made;
  }

  it('asks a worker at once, without waiting for the lookup of a kept copy', () =>
    withBuild(async () => {
      const made = fakeWorkers();
      const job = (await reloaded()).layoutOffThread(chain(70));
      expect(made.flatMap((w) => w.posted)).toEqual([chain(70)]);
      job.cancel();
      expect(made[0]!.stopped).toBe(true);
      await expect(job.result).rejects.toThrow(/cancelled/);
    }));

  it('stops that worker when the kept layout comes first, and readies another', () =>
    withBuild(async () => {
      const first = await (await reloaded()).layoutOffThread(chain(30)).result;
      await vi.waitFor(async () => expect(await keys(kept)).toHaveLength(2));
      const made = fakeWorkers();
      const again = await (await reloaded()).layoutOffThread(chain(30)).result;
      expect(again).toEqual(first);
      expect(made).toHaveLength(2);
      expect(made[0]).toEqual({ posted: [chain(30)], stopped: true });
      // Warmed up once the page is idle (here, at once), as a page's first worker is.
      expect(made[1]).toEqual({ posted: [WARM_UP], stopped: false });
    }));
});

describe('prepareLayoutWorker', () => {
  it('starts one worker and, once the page is idle, has it warm up once', async () => {
    const posted: unknown[] = [];
    class FakeWorker {
      onmessage: unknown = null;
      postMessage(m: unknown) {
        posted.push(m);
      }
      terminate() {}
    }
    let onIdle: (() => void) | undefined;
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => {
      onIdle = fn;
    });
    try {
      vi.resetModules();
      const client = await import('./layoutClient');
      const { WARM_UP } = await import('./layout');
      client.prepareLayoutWorker();
      client.prepareLayoutWorker();
      expect(posted).toEqual([]);
      onIdle?.();
      expect(posted).toEqual([WARM_UP]);
      // The warm worker takes the first real layout.
      client.layoutOffThread(chain(70)).cancel();
      expect(posted).toHaveLength(2);
      expect(posted[1]).toMatchObject({ seed: 1 });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
