import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IntakeFile } from './importClient';

const sample: IntakeFile[] = [{ name: 'sample.txt', bytes: new TextEncoder().encode('A text.') }];

/** A stand-in Worker: records what it is sent and answers imports with no documents. */
function fakeWorkers() {
  const started: FakeWorker[] = [];
  class FakeWorker {
    sent: unknown[] = [];
    terminated = false;
    onmessage: ((e: { data: unknown }) => void) | null = null;
    constructor() {
      started.push(this);
    }
    postMessage(m: unknown) {
      this.sent.push(m);
      if (Array.isArray(m)) {
        queueMicrotask(() =>
          this.onmessage?.({
            data: { ok: true, result: { documents: [], problems: [] }, sentences: [] },
          }),
        );
      }
    }
    terminate() {
      this.terminated = true;
    }
  }
  let onIdle: (() => void) | undefined;
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('requestIdleCallback', (fn: () => void) => {
    onIdle = fn;
  });
  return { started, idle: () => onIdle?.() };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('warmUpImports', () => {
  it('starts a worker only once the page is idle, warms it on the sample, and imports with it', async () => {
    const workers = fakeWorkers();
    vi.resetModules();
    const { importIntoLibrary, warmUpImports } = await import('./importClient');
    warmUpImports(sample);
    expect(workers.started).toHaveLength(0);
    workers.idle();
    expect(workers.started).toHaveLength(1);
    expect(workers.started[0]?.sent).toEqual([{ warmUp: sample }]);

    await importIntoLibrary(sample);
    await importIntoLibrary(sample);
    // Both imports ran in the warmed worker, which stays for the next one.
    expect(workers.started).toHaveLength(1);
    expect(workers.started[0]?.sent).toEqual([{ warmUp: sample }, sample, sample]);
    expect(workers.started[0]?.terminated).toBe(false);
  });
});
