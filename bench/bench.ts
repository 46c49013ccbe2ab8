/**
 * The browser benchmark: `npm run bench` (or `npm run bench -- --quick`). Builds and serves the app,
 * opens the built-in article and two generated documents through the file input in headless
 * Chromium, times opening, clicking, filtering, searching and scrolling from the real input event to
 * the next painted frame, measures the same document rendered naively for comparison, prints a table
 * and writes bench/results.json. See bench/README.md.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { AriadneDocument } from '../src/domain/model';
import { ensureChromium, launchChromium } from '../tests/e2e/chromium';
import { buildAndServe } from '../tests/e2e/server';
import { generateDocument } from './generate';
import {
  MeasurementError,
  PLACEHOLDER_TEXT,
  TIMEOUTS,
  benchDoc,
  measureClickMention,
  measureClickNode,
  measureDeleteMention,
  measureEdit,
  measureFilterToggle,
  measureFirstPaintBytes,
  measureFloorClick,
  measureNaiveClick,
  measureNaiveOpen,
  measureOpen,
  measureReload,
  measurePointerSweep,
  measureQuietPage,
  measureScroll,
  measureSearchKeystroke,
  measureShowAll,
  measureSuggestions,
  newPage,
  settle,
} from './measurements';
import type { BenchDoc, Budget } from './measurements';
import { serveNaive } from './naive';
import { checkTarget, summarise, table, writeResults } from './report';
import type { Sample, Series, Target } from './report';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILTIN = join(ROOT, 'src/domain/builtin/hts-terror-list.json');
const RESULTS = join(ROOT, 'bench/results.json');

const BUILTIN_LABEL = 'built-in';
const SMALL_LABEL = '10k words';
const LARGE_LABEL = '100k words';

/** The tests' Chromium, plus exact heap numbers. */
function launchBenchChromium(): Promise<Browser> {
  return launchChromium(['--enable-precise-memory-info']);
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

function isDocument(value: unknown): value is AriadneDocument {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.format === 'ariadne/1' &&
    typeof v.text === 'string' &&
    Array.isArray(v.entities) &&
    Array.isArray(v.mentions) &&
    Array.isArray(v.relations)
  );
}

function prepareDocuments(dir: string): BenchDoc[] {
  const builtin: unknown = JSON.parse(readFileSync(BUILTIN, 'utf8'));
  if (!isDocument(builtin)) throw new MeasurementError(`${BUILTIN} is not an ariadne/1 document`);
  const docs = [benchDoc(BUILTIN_LABEL, builtin, BUILTIN)];
  for (const [label, words, entities] of [
    [SMALL_LABEL, 10_000, 1_000],
    [LARGE_LABEL, 100_000, 5_000],
  ] as const) {
    const doc = generateDocument({ words, entities, seed: 42 });
    const path = join(dir, `generated-${words}.json`);
    writeFileSync(path, JSON.stringify(doc));
    docs.push(benchDoc(label, doc, path));
  }
  return docs;
}

function series(metric: string, document: string, unit: string, samples: Sample[]): Series {
  return { metric, document, unit, samples };
}

/** Whether the page still answers within a few seconds (it may be stuck in a long task). */
async function responsive(page: Page): Promise<boolean> {
  const answer = await Promise.race([
    settle(page).then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), 15_000)),
  ]).catch(() => false);
  return answer;
}

const INTERACTION_METRICS = [
  'click mention',
  'click node',
  'filter off',
  'filter on',
  'search keystroke',
  'scroll frame',
];

/** Opens the document `budget.open` times, then runs every interaction on the last opened page. */
async function measureApp(
  browser: Browser,
  appUrl: string,
  d: BenchDoc,
  budget: Budget,
  placeholder: string,
  errors: string[],
): Promise<Series[]> {
  const text: Sample[] = [];
  const graph: Sample[] = [];
  const longCount: Sample[] = [];
  const longest: Sample[] = [];
  const heap: Sample[] = [];
  const domPage: Sample[] = [];
  const domArticle: Sample[] = [];
  const reloadText: Sample[] = [];
  const reloadGraph: Sample[] = [];
  let page: Page | null = null;
  for (let i = 0; i < budget.open; i++) {
    // Every page but the last is reloaded once before it goes: the last one's interactions start
    // from an open, as they always have.
    if (page) {
      const reload = await measureReload(page, d);
      reloadText.push(reload.text);
      reloadGraph.push(reload.graph);
      log(`${d.label}: reload ${i}: text ${fmt(reload.text)}, graph ${fmt(reload.graph)}`);
      await page.context().close();
    }
    const run = await measureOpen(browser, appUrl, d, placeholder, errors);
    page = run.page;
    text.push(run.text);
    graph.push(run.graph);
    const tasks = run.longTasks;
    longCount.push(tasks ? tasks.filter((t) => t.duration > 50).length : 'timed out');
    longest.push(tasks ? Math.max(0, ...tasks.map((t) => t.duration)) : 'timed out');
    heap.push(run.heapMB ?? 'timed out');
    domPage.push(run.dom?.page ?? 'timed out');
    domArticle.push(run.dom?.article ?? 'timed out');
    log(
      `${d.label}: open ${i + 1}/${budget.open}: text ${fmt(run.text)}, graph ${fmt(run.graph)}, ` +
        `longest task ${fmt(longest.at(-1) ?? 0)}, heap ${run.heapMB?.toFixed(0) ?? '?'} MB`,
    );
    if (run.text === 'timed out' || run.graph === 'timed out') break;
  }
  const out: Series[] = [
    series('open → text shown', d.label, 'ms', text),
    series('open → graph usable', d.label, 'ms', graph),
    series('open: long tasks > 50 ms', d.label, 'count', longCount),
    series('open: longest task', d.label, 'ms', longest),
    series('JS heap after load', d.label, 'MB', heap),
    series('DOM elements in page after load', d.label, 'count', domPage),
    series('DOM elements in article after load', d.label, 'count', domArticle),
    series('reload → text shown', d.label, 'ms', reloadText),
    series('reload → graph usable', d.label, 'ms', reloadGraph),
  ];
  if (!page) return out;
  try {
    if (!(await responsive(page))) {
      log(`${d.label}: the page does not answer after opening; interactions timed out`);
      return [...out, ...INTERACTION_METRICS.map((m) => series(m, d.label, 'ms', ['timed out']))];
    }
    const steps: [string, () => Promise<Series | Series[]>][] = [
      // First, before any interaction has left work behind.
      ['quiet page', () => measureQuietPage(page, d)],
      ['click mention', () => measureClickMention(page, d, budget.interactions)],
      ['click node', () => measureClickNode(page, d, budget.interactions)],
      ['filter toggle', () => measureFilterToggle(page, d, budget.interactions)],
      ['search keystroke', () => measureSearchKeystroke(page, d, budget.interactions)],
      ['scroll', () => measureScroll(page, d, budget.scrollSessions)],
      ['pointer', () => measurePointerSweep(page, d, 'pointer over graph')],
      [
        'show every actor',
        () => measureShowAll(page, d, Math.max(3, Math.round(budget.interactions / 4))),
      ],
      // Last: it edits the document.
      ['edit', () => measureEdit(page, d, Math.max(3, Math.round(budget.interactions / 2)))],
      [
        'delete a mention',
        () => measureDeleteMention(page, d, Math.max(3, Math.round(budget.interactions / 2))),
      ],
    ];
    for (const [name, step] of steps) {
      const result = [await step()].flat();
      out.push(...result);
      const summary = result
        .filter((s) => s.unit === 'ms')
        .map((s) => {
          const { median, p95, timeouts } = summarise(s.samples);
          return `${s.metric} median ${fmt(median)} p95 ${fmt(p95)}${timeouts ? ' (timed out)' : ''}`;
        })
        .join('; ');
      log(`${d.label}: ${name}: ${summary}`);
    }
  } finally {
    await page.context().close();
  }
  return out;
}

/** The naive page: opens, its article's element count, then clicks on mentions. */
async function measureNaive(
  browser: Browser,
  naiveUrl: string,
  d: BenchDoc,
  budget: Budget,
  errors: string[],
): Promise<Series[]> {
  const page = await newPage(browser, errors);
  try {
    const opens: Sample[] = [];
    for (let i = 0; i < budget.open; i++) {
      opens.push(await measureNaiveOpen(page, naiveUrl, d));
      if (opens.at(-1) === 'timed out') break;
    }
    const elements = await page.evaluate(() => window.__bench?.domCounts().article ?? 0);
    const click = await measureNaiveClick(page, d, budget.interactions);
    const o = summarise(opens);
    const c = summarise(click.samples);
    log(
      `${d.label}: naive: open median ${fmt(o.median)}, click median ${fmt(c.median)} p95 ${fmt(c.p95)}`,
    );
    return [
      series('naive: open → text and graph shown', d.label, 'ms', opens),
      series('naive: DOM elements in article', d.label, 'count', [elements]),
      click,
    ];
  } finally {
    await page.context().close();
  }
}

/** The floor of a click in this browser on this machine (naive.ts): what measuring one costs. */
async function measureFloor(
  browser: Browser,
  floorUrl: string,
  budget: Budget,
  errors: string[],
): Promise<Series> {
  const page = await newPage(browser, errors);
  try {
    const floor = await measureFloorClick(page, floorUrl, budget.interactions);
    const s = summarise(floor.samples);
    log(`floor: click median ${fmt(s.median)} p95 ${fmt(s.p95)}`);
    return floor;
  } finally {
    await page.context().close();
  }
}

/** Naive median ÷ Ariadne median, per document, for opening (both views shown) and clicking a mention. */
function speedUps(all: readonly Series[], labels: readonly string[]): Series[] {
  const median = (metric: string, doc: string) => {
    const s = all.find((x) => x.metric === metric && x.document === doc);
    if (!s) return null;
    const summary = summarise(s.samples);
    return summary.timeouts > 0 ? 'timed out' : summary.median;
  };
  const out: Series[] = [];
  for (const doc of labels) {
    for (const [name, app, naive] of [
      // Both views: Ariadne shows its text first and its graph when laid out; the naive page shows
      // both at once.
      ['open', 'open → graph usable', 'naive: open → text and graph shown'],
      ['click mention', 'click mention', 'naive: click mention'],
    ] as const) {
      const a = median(app, doc);
      const n = median(naive, doc);
      if (a === null || n === null) continue;
      const sample: Sample =
        a === 'timed out' || n === 'timed out' ? 'timed out' : n / Math.max(a, 0.1);
      out.push({
        metric: `speed-up vs naive: ${name}`,
        document: doc,
        unit: 'ratio',
        samples: [sample],
        details: {
          ariadneMedianMs: a,
          naiveMedianMs: n,
          timeRatio: typeof a === 'number' && typeof n === 'number' ? a / n : null,
        },
      });
    }
  }
  return out;
}

function targets(): Target[] {
  const t: Target[] = [];
  const latency = (metric: string, document: string, limit: number) =>
    t.push({
      name: `${metric} p95 < ${limit} ms`,
      metric,
      document,
      statistic: 'p95',
      limit,
      comparison: 'below',
      label: `p95 < ${limit} ms`,
    });
  for (const m of [
    'click mention',
    'click node',
    'click node (actor list)',
    'click node (search+Enter)',
  ]) {
    latency(m, BUILTIN_LABEL, 50);
    latency(m, LARGE_LABEL, 100);
  }
  for (const m of ['filter off', 'filter on', 'search keystroke']) latency(m, LARGE_LABEL, 100);
  t.push(
    {
      name: 'open: text shown < 2 s',
      metric: 'open → text shown',
      document: LARGE_LABEL,
      statistic: 'p95',
      limit: 2_000,
      comparison: 'below',
      label: '< 2 s (every run)',
    },
    {
      name: 'open: graph usable < 4 s',
      metric: 'open → graph usable',
      document: LARGE_LABEL,
      statistic: 'p95',
      limit: 4_000,
      comparison: 'below',
      label: '< 4 s (every run)',
    },
    {
      name: 'open: no task over 200 ms',
      metric: 'open: longest task',
      document: LARGE_LABEL,
      statistic: 'max',
      limit: 200,
      comparison: 'atMost',
      label: '≤ 200 ms',
    },
    {
      name: 'JS heap < 300 MB',
      metric: 'JS heap after load',
      document: LARGE_LABEL,
      statistic: 'median',
      limit: 300,
      comparison: 'below',
      label: '< 300 MB',
    },
    {
      name: 'first paint < 350 KB gzip',
      metric: 'JS+CSS before first paint (gzip)',
      document: 'app',
      statistic: 'max',
      limit: 350 * 1024,
      comparison: 'below',
      label: '< 350 KB',
    },
    {
      name: '≥ 10× naive on open',
      metric: 'speed-up vs naive: open',
      document: LARGE_LABEL,
      statistic: 'median',
      limit: 10,
      comparison: 'atLeast',
      label: '≥ 10×',
    },
    {
      name: '≥ 10× naive on click',
      metric: 'speed-up vs naive: click mention',
      document: LARGE_LABEL,
      statistic: 'median',
      limit: 10,
      comparison: 'atLeast',
      label: '≥ 10×',
    },
  );
  for (const doc of [BUILTIN_LABEL, SMALL_LABEL, LARGE_LABEL]) {
    t.push({
      name: 'scrolling at 60 fps',
      metric: 'scroll frame',
      document: doc,
      statistic: 'p95',
      limit: 20,
      comparison: 'atMost',
      label: 'p95 ≤ 20 ms',
      note: '60 fps is 16.7 ms a frame; 20 ms allows for headless timer noise',
    });
    for (const metric of ['DOM elements in article after load', 'article elements after scrolling'])
      t.push({
        name: 'at most 3,000 elements in the text view',
        metric,
        document: doc,
        statistic: 'max',
        limit: 3_000,
        comparison: 'atMost',
        label: '≤ 3000',
      });
  }
  return t;
}

/**
 * "Click node" is measured on the graph or, when no node can be hit, through the actor list or the
 * search box: the target applies to whichever was measured (to the graph one if none was).
 */
function applies(t: Target, all: readonly Series[]): boolean {
  if (!t.metric.startsWith('click node')) return true;
  const measured = (metric: string) =>
    all.some((s) => s.metric === metric && s.document === t.document);
  const family = all.some((s) => s.metric.startsWith('click node') && s.document === t.document);
  return measured(t.metric) || (!family && t.metric === 'click node');
}

function fmt(value: Sample | null): string {
  if (value === null) return '—';
  if (value === 'timed out') return value;
  return `${value.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const budget: Budget = quick
    ? { open: 2, interactions: 5, scrollSessions: 1 }
    : { open: 5, interactions: 20, scrollSessions: 3 };
  const started = Date.now();
  const startedAt = new Date().toISOString();
  log(
    `${quick ? 'quick run' : 'full run'}: ${budget.open} opens, ${budget.interactions} runs per interaction`,
  );

  ensureChromium();
  log('building and serving the app…');
  const app = await buildAndServe();
  const naive = await serveNaive();
  const browser = await launchBenchChromium();
  const dir = mkdtempSync(join(tmpdir(), 'ariadne-bench-'));
  const errors: string[] = [];
  try {
    const placeholder = join(dir, 'bench-placeholder.txt');
    writeFileSync(placeholder, PLACEHOLDER_TEXT);
    // `--only 100k` measures the documents whose label contains "100k" (quicker while tuning).
    const onlyAt = process.argv.indexOf('--only');
    const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
    const docs = prepareDocuments(dir).filter((d) => !only || d.label.includes(only));
    for (const d of docs)
      log(
        `${d.label}: ${d.doc.text.length} characters, ${d.doc.entities.length} entities, ${d.doc.mentions.length} mentions, ${d.doc.relations.length} relations`,
      );

    const all: Series[] = [
      ...measureFirstPaintBytes(join(ROOT, 'dist')),
      await measureFloor(browser, `${naive.url}floor`, budget, errors),
    ];
    for (const d of docs) {
      all.push(...(await measureApp(browser, app.url, d, budget, placeholder, errors)));
      // The same text without its annotations, for the suggestion engine.
      const textPath = join(dir, `${d.label.replace(/\W+/g, '-')}.txt`);
      writeFileSync(textPath, d.doc.text);
      const suggested = await measureSuggestions(browser, app.url, d, textPath, errors);
      log(
        `${d.label}: ${suggested.map((s) => `${s.metric} ${fmt(s.samples[0] ?? null)}`).join('; ')}`,
      );
      all.push(...suggested);
      all.push(...(await measureNaive(browser, naive.url, d, budget, errors)));
    }
    all.push(
      ...speedUps(
        all,
        docs.map((d) => d.label),
      ),
    );

    const checked = targets()
      .filter((t) => applies(t, all))
      .map((t) => checkTarget(t, all));
    const durationSeconds = Math.round((Date.now() - started) / 1000);
    console.log('\n' + table(all, checked) + '\n');
    const met = checked.filter((t) => t.met).length;
    log(`${met} of ${checked.length} targets met; took ${durationSeconds} s`);
    if (errors.length) log(`page errors: ${[...new Set(errors)].join(' | ')}`);
    writeResults(RESULTS, {
      startedAt,
      durationSeconds,
      quick,
      runs: budget,
      environment: {
        chromium: browser.version(),
        node: process.version,
        cores: cpus().length,
        timeouts: TIMEOUTS,
        pageErrors: [...new Set(errors)],
      },
      documents: docs.map((d) => ({
        label: d.label,
        file:
          d.path === BUILTIN ? 'src/domain/builtin/hts-terror-list.json' : d.path.split('/').pop(),
        characters: d.doc.text.length,
        words: d.doc.text.split(/\s+/).filter(Boolean).length,
        entities: d.doc.entities.length,
        mentions: d.doc.mentions.length,
        relations: d.doc.relations.length,
      })),
      series: all.map((s) => ({ ...s, summary: summarise(s.samples) })),
      targets: checked,
    });
    log(`wrote ${RESULTS}`);
  } finally {
    await browser.close();
    await naive.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  console.error(
    `[bench] failed${e instanceof MeasurementError ? ': a measurement could not be taken' : ''}: ${message}`,
  );
  if (e instanceof Error && !(e instanceof MeasurementError) && e.stack) console.error(e.stack);
  process.exit(1);
});
