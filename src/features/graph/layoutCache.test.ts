import 'fake-indexeddb/auto';
import { clear, createStore, entries, set } from 'idb-keyval';
import type * as IdbKeyval from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LayoutInput, Point } from './layout';
import { KEPT_LAYOUTS, findLayout, keepLayout } from './layoutCache';

// Storage that hangs or fails, on demand.
const storage = vi.hoisted(() => ({ hangs: false, full: false }));
vi.mock('idb-keyval', async (importOriginal) => {
  const actual = await importOriginal<typeof IdbKeyval>();
  return {
    ...actual,
    get: (...args: Parameters<typeof actual.get>) =>
      storage.hangs ? new Promise(() => {}) : actual.get(...args),
    set: (...args: Parameters<typeof actual.set>) =>
      storage.full
        ? Promise.reject(new DOMException('full', 'QuotaExceededError'))
        : actual.set(...args),
  };
});

const raw = createStore('ariadne-layouts', 'layouts');

function graph(n: number, seed = 1): LayoutInput {
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `actor-${i}`,
    size: 30,
    label: `Secret Name ${i}`,
  }));
  const edges = nodes
    .slice(1)
    .map((_, i) => ({ id: `r${i}`, source: `actor-${i}`, target: `actor-${i + 1}` }));
  return { nodes, edges, fixed: [], seed };
}

const positionsOf = (input: LayoutInput): Record<string, Point> =>
  Object.fromEntries(input.nodes.map((n, i) => [n.id, { x: i * 10.5, y: -i / 3 }]));

/** Keeps `input`'s layout as the app does: looked up first, then kept under the lookup's key. */
async function keep(input: LayoutInput, code = 'build-a'): Promise<string> {
  const found = await findLayout(JSON.stringify(input), input, code);
  expect(found?.positions).toBeNull();
  await keepLayout(found!.digest, input, positionsOf(input));
  return found!.digest;
}

beforeEach(async () => {
  storage.hangs = false;
  storage.full = false;
  await clear(raw);
});

describe('the kept layouts', () => {
  it('give back what was kept for the same input and code, and nothing for any other', async () => {
    const input = graph(5);
    await keep(input);
    const found = await findLayout(JSON.stringify(input), input, 'build-a');
    expect(found?.positions).toEqual(positionsOf(input));
    const other = graph(5, 2);
    expect((await findLayout(JSON.stringify(other), other, 'build-a'))?.positions).toBeNull();
    // Another build's layout code may lay the same graph out differently.
    expect((await findLayout(JSON.stringify(input), input, 'build-b'))?.positions).toBeNull();
  });

  it('store numbers and digests only: no name, id or label of the document', async () => {
    await keep(graph(4));
    const stored = JSON.stringify(
      (await entries(raw)).map(([k, v]) => [k, v instanceof Float64Array ? [...v] : v]),
    );
    expect(stored).not.toMatch(/Secret|actor|r\d/);
    for (const [key, value] of await entries(raw)) {
      expect(String(key)).toMatch(/^([0-9a-f]{64}|recent)$/);
      expect(value instanceof Float64Array || Array.isArray(value)).toBe(true);
    }
  });

  it('read a record that is not a whole layout of the input as none', async () => {
    const input = graph(3);
    const digest = await keep(input);
    const key = JSON.stringify(input);
    for (const bad of [
      new Float64Array(4),
      new Float64Array([1, 2, 3, 4, 5, NaN]),
      [1, 2, 3, 4, 5, 6],
      'x',
      null,
    ]) {
      await set(digest, bad, raw);
      expect((await findLayout(key, input, 'build-a'))?.positions).toBeNull();
    }
  });

  it('forget the least recently used past their limit, a layout found again counting as used', async () => {
    const inputs = Array.from({ length: KEPT_LAYOUTS + 2 }, (_, i) => graph(2 + i));
    const has = async (input: LayoutInput) =>
      (await findLayout(JSON.stringify(input), input, 'build-a'))?.positions != null;
    for (const input of inputs.slice(0, KEPT_LAYOUTS)) await keep(input);
    // The first is used again (found, then marked as the app does), so the second is now the oldest.
    const first = await findLayout(JSON.stringify(inputs[0]), inputs[0]!, 'build-a');
    await keepLayout(first!.digest, inputs[0]!);
    await keep(inputs[KEPT_LAYOUTS]!);
    await keep(inputs[KEPT_LAYOUTS + 1]!);
    expect(await has(inputs[0]!)).toBe(true);
    expect(await has(inputs[1]!)).toBe(false);
    expect(await has(inputs[2]!)).toBe(false);
    expect(await has(inputs[3]!)).toBe(true);
    // Dropped from storage, not only from the list.
    expect(await entries(raw)).toHaveLength(KEPT_LAYOUTS + 1);
  });

  it('do not keep a layout that leaves a node out', async () => {
    const input = graph(3);
    const found = await findLayout(JSON.stringify(input), input, 'build-a');
    const partial = positionsOf(input);
    delete partial['actor-1'];
    await keepLayout(found!.digest, input, partial);
    expect(await entries(raw)).toEqual([]);
  });

  it('answer a lookup storage does not answer in time as a miss, and survive a failing write', async () => {
    const input = graph(3);
    storage.hangs = true;
    // Without the time limit this would wait for ever (and the test time out).
    expect(await findLayout(JSON.stringify(input), input, 'build-a')).toBeNull();
    storage.hangs = false;
    storage.full = true;
    await expect(keepLayout('0'.repeat(64), input, positionsOf(input))).resolves.toBeUndefined();
    expect(await entries(raw)).toEqual([]);
  });

  it('are none where the browser has no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    try {
      vi.resetModules();
      const cache = await import('./layoutCache');
      const input = graph(3);
      expect(await cache.findLayout(JSON.stringify(input), input, 'build-a')).toBeNull();
      await expect(cache.keepLayout('d', input, positionsOf(input))).resolves.toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
