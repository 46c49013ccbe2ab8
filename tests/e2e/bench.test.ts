/**
 * The benchmark's own measurements (`npm run bench`, bench/README.md), run a few times each against
 * the app these tests serve, its naive page and its floor: every run gives a time. The benchmark
 * drives the app by its handles and labels; a change to them shows here, not at the next run of
 * the benchmark. No time is checked against a target (that is the benchmark's job).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDocument } from '../../bench/generate';
import {
  PLACEHOLDER_TEXT,
  TIMEOUTS,
  benchDoc,
  measureClickMention,
  measureClickNode,
  measureDeleteMention,
  measureEdit,
  measureFilterToggle,
  measureFloorClick,
  measureNaiveClick,
  measureNaiveOpen,
  measureOpen,
  measurePointerSweep,
  measureQuietPage,
  measureReload,
  measureScroll,
  measureSearchKeystroke,
  measureShowAll,
  measureSuggestions,
  newPage,
} from '../../bench/measurements';
import type { BenchDoc } from '../../bench/measurements';
import { serveNaive } from '../../bench/naive';
import type { Sample, Series } from '../../bench/report';
import { launchChromium } from './chromium';

/** Every sample a time: a positive number of milliseconds, none timed out. */
function expectTimes(samples: readonly Sample[], runs: number, limit = TIMEOUTS.interaction): void {
  expect(samples).toHaveLength(runs);
  for (const s of samples) {
    expect(typeof s).toBe('number');
    expect(s as number).toBeGreaterThan(0);
    expect(s as number).toBeLessThan(limit);
  }
}

/** Each series measured: at least one sample, each a number (a time, a count, a size), none timed out. */
function expectMeasured(series: readonly Series[], metrics: readonly string[]): void {
  expect(series.map((s) => s.metric)).toEqual(expect.arrayContaining([...metrics]));
  for (const s of series) {
    expect(s.samples.length, s.metric).toBeGreaterThan(0);
    for (const x of s.samples) {
      expect(typeof x, s.metric).toBe('number');
      expect(Number.isFinite(x) && (x as number) >= 0, s.metric).toBe(true);
    }
  }
}

function samplesOf(series: readonly Series[], metric: string): Sample[] {
  const found = series.find((s) => s.metric === metric);
  if (!found) throw new Error(`no ${metric} in ${series.map((s) => s.metric).join(', ')}`);
  return found.samples;
}

describe('the benchmark', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let dir: string;
  let d: BenchDoc;
  let placeholder: string;

  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'ariadne-bench-test-'));
    // Past the overview's 80 actors, as the benchmark's own documents are.
    const doc = generateDocument({ words: 3_000, entities: 150, seed: 7 });
    const path = join(dir, 'generated.json');
    writeFileSync(path, JSON.stringify(doc));
    d = benchDoc('generated', doc, path);
    placeholder = join(dir, 'placeholder.txt');
    writeFileSync(placeholder, PLACEHOLDER_TEXT);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('times opening a document, a quiet page, clicks on mentions and nodes, a filter and a keystroke', async () => {
    const errors: string[] = [];
    const run = await measureOpen(browser, baseUrl, d, placeholder, errors);
    try {
      expectTimes([run.text], 1, TIMEOUTS.openText);
      expectTimes([run.graph], 1, TIMEOUTS.openGraph);
      expect(run.dom?.article).toBeGreaterThan(0);
      expectMeasured(
        [await measureQuietPage(run.page, d, 1)],
        ['quiet page: main-thread busy per second'],
      );
      expectTimes((await measureClickMention(run.page, d, 3)).samples, 3);
      const nodes = await measureClickNode(run.page, d, 2);
      expectTimes(
        nodes.flatMap((s) => s.samples),
        2,
      );
      const filter = await measureFilterToggle(run.page, d, 1);
      expectTimes(samplesOf(filter, 'filter off'), 1);
      expectTimes(samplesOf(filter, 'filter on'), 1);
      expectTimes((await measureSearchKeystroke(run.page, d, 2)).samples, 2);
      expect(errors).toEqual([]);
    } finally {
      await run.page.context().close();
    }
  });

  // Its sweeps, zooms and drags run for seconds each: ~40 s here.
  it('times scrolling, the pointer, "Show all", edits, a reload and suggestions', async () => {
    const errors: string[] = [];
    const run = await measureOpen(browser, baseUrl, d, placeholder, errors);
    const { page } = run;
    try {
      expectMeasured(await measureScroll(page, d, 1), ['scroll frame']);
      expectMeasured(await measurePointerSweep(page, d, 'pointer over graph'), [
        'pointer over graph: frame',
      ]);
      expectMeasured(await measureShowAll(page, d, 1), [
        'show every actor → graph usable',
        'click mention (every actor)',
        'click hub node (every actor)',
        'zoom into graph (every actor): frame',
        'drag the graph (every actor): frame',
      ]);
      expectMeasured(await measureEdit(page, d, 1), ['rename an actor', 'undo a rename']);
      expectMeasured([await measureDeleteMention(page, d, 1)], ['delete a mention']);
      const reload = await measureReload(page, d);
      expectTimes([reload.text], 1, TIMEOUTS.openText);
      expectTimes([reload.graph], 1, TIMEOUTS.openGraph);
      const textPath = join(dir, 'generated.txt');
      writeFileSync(textPath, d.doc.text);
      expectMeasured(await measureSuggestions(browser, baseUrl, d, textPath, errors), [
        'suggest annotations',
        'accept every new actor',
      ]);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 180_000);

  it('times the naive page opening the same document and its clicks, and the floor', async () => {
    const naive = await serveNaive();
    const errors: string[] = [];
    const page = await newPage(browser, errors);
    try {
      expectTimes([await measureNaiveOpen(page, naive.url, d)], 1, TIMEOUTS.openGraph);
      expectTimes((await measureNaiveClick(page, d, 2)).samples, 2);
      expectTimes((await measureFloorClick(page, `${naive.url}floor`, 2)).samples, 2);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await naive.close();
    }
  });
});
