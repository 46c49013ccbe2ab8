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

  it('starts no worker for a layout cancelled while its kept copy is looked up', () =>
    withBuild(async () => {
      const posted: unknown[] = [];
      vi.stubGlobal(
        'Worker',
        class {
          onmessage: unknown = null;
          postMessage(m: unknown) {
            posted.push(m);
          }
          terminate() {}
        },
      );
      const job = (await reloaded()).layoutOffThread(chain(70));
      job.cancel();
      await expect(job.result).rejects.toThrow(/cancelled/);
      expect(posted).toEqual([]);
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
