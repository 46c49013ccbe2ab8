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
  it('keeps a worker warmed on the sample for each import, started once the page is idle', async () => {
    const workers = fakeWorkers();
    vi.resetModules();
    const { importIntoLibrary, warmUpImports } = await import('./importClient');
    warmUpImports(sample);
    expect(workers.started).toHaveLength(0);
    workers.idle();
    expect(workers.started).toHaveLength(1);
    expect(workers.started[0]?.sent).toEqual([{ warmUp: sample }]);

    await importIntoLibrary(sample);
    // The warmed worker did the import and is gone with its garbage; a fresh one waits for idle.
    expect(workers.started[0]?.sent).toEqual([{ warmUp: sample }, sample]);
    expect(workers.started[0]?.terminated).toBe(true);
    expect(workers.started).toHaveLength(1);
    workers.idle();
    expect(workers.started).toHaveLength(2);
    expect(workers.started[1]?.sent).toEqual([{ warmUp: sample }]);
    await importIntoLibrary(sample);
    expect(workers.started).toHaveLength(2);
    expect(workers.started[1]?.sent).toEqual([{ warmUp: sample }, sample]);
  });
});
