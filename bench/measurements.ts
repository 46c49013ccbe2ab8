/**
 * One function per measurement. Each drives the page with real Playwright mouse and keyboard input
 * and times, in the page, from the input event to the first painted frame that shows the result
 * (see runtime.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { AriadneDocument } from '../src/domain/model';
import type { Sample, Series } from './report';
import { freePoint } from '../tests/e2e/graphPoints';
import { installRuntime } from './runtime';
import type { Check, LongTask, Outcome } from './runtime';

export const TIMEOUTS = {
  openText: 30_000,
  openGraph: 90_000,
  interaction: 10_000,
  /** Extra time the Node side waits for the page to answer before giving up on it. */
  grace: 20_000,
};

/** A document to measure, with what the checks need to know about it. */
export interface BenchDoc {
  readonly label: string;
  readonly path: string;
  readonly doc: AriadneDocument;
  /** The document's first sentence, as the text view must show it. */
  readonly needle: string;
  /** The most mentioned entity: its node must be in any graph of the document. */
  readonly anchorEntity: string;
  readonly names: ReadonlyMap<string, string>;
  /** The actor type whose filter is toggled. */
  readonly filterType: { readonly key: string; readonly label: string };
  /** Entities by mention count, most first (the actor list's own order). */
  readonly byMentions: readonly string[];
  /** The entity in the most relations: selecting it marks the largest part of the graph. */
  readonly hub: string;
}

/** What the checks need to know about a document, written as JSON where the file input finds it. */
export function benchDoc(label: string, doc: AriadneDocument, path: string): BenchDoc {
  const counts = new Map<string, number>();
  for (const m of doc.mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  const byMentions = doc.entities
    .map((e) => e.id)
    .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
  const anchorEntity = byMentions[0];
  if (!anchorEntity) throw new MeasurementError(`${label}: the document has no entities`);
  const related = new Map<string, number>();
  for (const r of doc.relations)
    for (const id of [r.source, r.target]) related.set(id, (related.get(id) ?? 0) + 1);
  const hub = [...related].sort((a, b) => b[1] - a[1])[0]?.[0] ?? anchorEntity;
  const firstLine = doc.text.split('\n').find((l) => l.trim()) ?? '';
  const typeKey = doc.entities.some((e) => e.type === 'person')
    ? 'person'
    : (doc.entities[0]?.type ?? '');
  const typeLabel = doc.entityTypes.find((t) => t.key === typeKey)?.label ?? typeKey;
  return {
    label,
    path,
    doc,
    needle: firstLine.trim().replace(/\s+/g, ' ').slice(0, 80),
    anchorEntity,
    names: new Map(doc.entities.map((e) => [e.id, e.name])),
    filterType: { key: typeKey, label: typeLabel },
    byMentions,
    hub,
  };
}

export interface Budget {
  readonly open: number;
  readonly interactions: number;
  readonly scrollSessions: number;
}

/** Thrown when a measurement cannot be taken at all (as opposed to taking too long). */
export class MeasurementError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The promise's value, or 'deadline' when it does not settle in time. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'deadline'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A fresh browser context (empty storage) with the in-page runtime installed. */
export async function newPage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(60_000);
  await context.addInitScript(installRuntime);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}

export async function settle(page: Page, extraMs = 0): Promise<void> {
  const done = await within(
    page.evaluate(() => window.__bench?.settle()),
    TIMEOUTS.interaction + TIMEOUTS.grace,
  );
  if (done === 'deadline') throw new MeasurementError('the page stopped answering');
  if (extraMs) await sleep(extraMs);
}

function outcomeToSample(outcome: Outcome | 'deadline', what: string): Sample {
  if (outcome === 'deadline') return 'timed out';
  if (outcome.ok) return outcome.ms;
  if (outcome.reason === 'timed out') return 'timed out';
  throw new MeasurementError(`${what}: ${outcome.reason}`);
}

/**
 * Arms the page for the next `event`, starts polling `check`, performs `action` (real input) and
 * returns the time from the event to the painted frame showing the result.
 */
async function timeInput(
  page: Page,
  what: string,
  event: string,
  check: Check,
  action: () => Promise<void>,
  options: { timeoutMs?: number; observeRegion?: string } = {},
): Promise<Sample> {
  const timeoutMs = options.timeoutMs ?? TIMEOUTS.interaction;
  await page.evaluate(([e, region]) => window.__bench?.arm(e, region ?? undefined), [
    event,
    options.observeRegion ?? null,
  ] as const);
  const outcome = await watch(page, check, timeoutMs);
  await action();
  return outcomeToSample(await outcome(), what);
}

// ---------------------------------------------------------------------------------------------
// Open

export interface OpenRun {
  readonly page: Page;
  readonly text: Sample;
  readonly graph: Sample;
  /** These three are null when the page never answered again, so there was nothing to measure. */
  readonly longTasks: readonly LongTask[] | null;
  readonly heapMB: number | null;
  readonly dom: { page: number; article: number } | null;
}

async function waitForBuiltin(page: Page, appUrl: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('article').first().waitFor();
  await page.waitForFunction(() => !!window.cy && window.cy.nodes().length > 0);
  await page.locator('[aria-label="Network graph"][data-ready="true"]').waitFor();
}

const PLACEHOLDER_HEADLINE = 'Bench placeholder';

/**
 * What the file opened before each measured open holds (`measureOpen`'s `placeholderPath`): a text
 * without annotations, so that the measured document replaces a document with an empty graph.
 */
export const PLACEHOLDER_TEXT = `${PLACEHOLDER_HEADLINE}\nNothing is annotated here.\n`;

/** Opens a tiny unannotated text first, so every measured open starts from the same small state. */
async function openPlaceholder(page: Page, placeholderPath: string): Promise<void> {
  await page.getByLabel('Open documents').setInputFiles(placeholderPath);
  await page.waitForFunction(
    (first) =>
      (document.querySelector('article')?.textContent ?? '').includes(first) &&
      window.cy?.nodes().length === 0,
    PLACEHOLDER_HEADLINE,
  );
  await settle(page, 300);
}

async function usedHeapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
  } finally {
    await cdp.detach();
  }
  const bytes = await page.evaluate(() => {
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return memory ? memory.usedJSHeapSize : null;
  });
  if (bytes === null) throw new MeasurementError('performance.memory is missing in this Chromium');
  return bytes / 2 ** 20;
}

async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole('alert');
  return (await alert.count()) > 0 ? ((await alert.first().textContent()) ?? '') : '';
}

/**
 * Starts waiting in the page, frame by frame, until `check` holds (or `timeoutMs` passes), and
 * resolves once the page is polling: an input sent after that is seen by the next poll. Gives the
 * wait's outcome when asked.
 */
async function watch(
  page: Page,
  check: Check,
  timeoutMs: number,
): Promise<() => Promise<Outcome | 'deadline'>> {
  const started = page.evaluate(([c, t]) => window.__bench?.watch(c, t) ?? null, [
    check,
    timeoutMs,
  ] as const);
  started.catch(() => undefined);
  // The arm just before answered; a page that stops answering now is caught the same way.
  const handle = await within(started, TIMEOUTS.grace);
  if (handle === 'deadline') return () => Promise.resolve('deadline');
  return () => {
    const p = page.evaluate(
      (h) =>
        h === null || !window.__bench
          ? { ok: false as const, reason: 'no runtime' }
          : window.__bench.outcome(h),
      handle,
    );
    p.catch(() => undefined);
    return within(p, timeoutMs + TIMEOUTS.grace);
  };
}

/** Waits in the page, frame by frame, until `check` holds (or `timeoutMs` passes). */
async function shown(page: Page, check: Check, timeoutMs: number): Promise<Outcome | 'deadline'> {
  return (await watch(page, check, timeoutMs))();
}

/**
 * A reload with the document open, once the page has been idle (what it keeps in the browser is
 * written by then): the library, the document and its view come back from storage. Timed from the
 * navigation's start, the origin of `performance.now()` in the new page, to the text shown and to
 * the graph usable, as for an open.
 */
export async function measureReload(
  page: Page,
  d: BenchDoc,
): Promise<{ text: Sample; graph: Sample }> {
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 })),
  );
  await sleep(300);
  await page.reload({ waitUntil: 'commit' });
  await page.evaluate(() => window.__bench?.fromNavigation());
  const [text, graph] = await Promise.all([
    shown(page, { kind: 'textShown', needle: d.needle }, TIMEOUTS.openText),
    shown(page, { kind: 'graphUsable', entityId: d.anchorEntity }, TIMEOUTS.openGraph),
  ]);
  return {
    text: outcomeToSample(text, `reload ${d.label}: text`),
    graph: outcomeToSample(graph, `reload ${d.label}: graph`),
  };
}

/**
 * One open: a fresh page on the app, the placeholder, then the document through the file input.
 * Times from the input's `change` event to the text shown and to the graph usable, collects the
 * long tasks since, and after a second's rest the JS heap (after a GC) and the element counts.
 */
export async function measureOpen(
  browser: Browser,
  appUrl: string,
  d: BenchDoc,
  placeholderPath: string,
  errors: string[],
): Promise<OpenRun> {
  const page = await newPage(browser, errors);
  await waitForBuiltin(page, appUrl);
  await openPlaceholder(page, placeholderPath);

  await page.evaluate(() => window.__bench?.arm('change'));
  const text = await watch(page, { kind: 'textShown', needle: d.needle }, TIMEOUTS.openText);
  const graph = await watch(
    page,
    { kind: 'graphUsable', entityId: d.anchorEntity },
    TIMEOUTS.openGraph,
  );
  await page.getByLabel('Open documents').setInputFiles(d.path);
  const [textOutcome, graphOutcome] = await Promise.all([text(), graph()]);
  if (textOutcome === 'deadline' || graphOutcome === 'deadline' || !textOutcome.ok) {
    const problem = await within(alertText(page), 5_000);
    if (typeof problem === 'string' && problem)
      throw new MeasurementError(`opening ${d.label}: the app reported "${problem}"`);
  }
  const textSample = outcomeToSample(textOutcome, `open ${d.label}: text`);
  const graphSample = outcomeToSample(graphOutcome, `open ${d.label}: graph`);
  if (graphOutcome === 'deadline')
    return {
      page,
      text: textSample,
      graph: graphSample,
      longTasks: null,
      heapMB: null,
      dom: null,
    };

  await settle(page, 1_000);
  const longTasks = await page.evaluate(() => {
    const b = window.__bench;
    const t0 = b?.t0 ?? 0;
    return (b?.longTasks ?? []).filter((t) => t.start >= t0);
  });
  const heapMB = await usedHeapMB(page);
  const dom = await page.evaluate(() => window.__bench?.domCounts() ?? { page: 0, article: 0 });
  return { page, text: textSample, graph: graphSample, longTasks, heapMB, dom };
}

// ---------------------------------------------------------------------------------------------
// Interactions on an open document

/** How long the page waits, after what an open sets going (warm-ups, storage), before it listens. */
const QUIET_AFTER_MS = 3_000;

/**
 * A page nobody touches, `seconds` long: the main thread's busy time per second (Chromium's own
 * count of its tasks' durations, over CDP). What keeping the document open costs; until Cytoscape
 * patch 18 its renderer asked for a frame sixty times a second whether or not anything changed.
 */
export async function measureQuietPage(
  page: Page,
  d: Pick<BenchDoc, 'label'>,
  seconds = 3,
): Promise<Series> {
  await settle(page, QUIET_AFTER_MS);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    const busySeconds = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const task = metrics.find((m) => m.name === 'TaskDuration');
      if (!task) throw new MeasurementError('Chromium reports no TaskDuration');
      return task.value;
    };
    const before = await busySeconds();
    const started = Date.now();
    await sleep(seconds * 1000);
    const after = await busySeconds();
    const elapsed = (Date.now() - started) / 1000;
    return {
      metric: 'quiet page: main-thread busy per second',
      document: d.label,
      unit: 'ms',
      samples: [((after - before) * 1000) / elapsed],
    };
  } finally {
    // Left enabled when the session detached, the domain's bookkeeping slowed every later click on
    // the built-in article by ~6 ms (27.9 against 21.9 ms median, three pages of 20 clicks each);
    // disabled first, 24.3 against 25.4.
    await cdp.send('Performance.disable');
    await cdp.detach();
  }
}

/** Focus on the text (not a field, where shortcuts are off), then Escape clears the selection. */
async function clearSelection(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('main')?.focus({ preventScroll: true }));
  await page.keyboard.press('Escape');
  await settle(page);
}

async function scrollTextTo(page: Page, fraction: number): Promise<void> {
  await page.evaluate((f) => window.__bench?.scrollText(f), fraction);
  await settle(page, 150);
}

/** Click on a mention in the text → its node selected and the details panel showing it. */
export async function measureClickMention(
  page: Page,
  d: Pick<BenchDoc, 'label' | 'names'>,
  runs: number,
  check: (entityId: string, name: string) => Check = (entityId, name) => ({
    kind: 'entitySelected',
    entityId,
    name,
  }),
  before: (page: Page) => Promise<void> = clearSelection,
): Promise<Series> {
  const samples: Sample[] = [];
  const clicked: string[] = [];
  for (let i = 0; i < runs; i++) {
    await before(page);
    await scrollTextTo(page, (i * 0.618) % 1);
    let target = await page.evaluate((k) => window.__bench?.pickMention(k) ?? null, i);
    if (!target) {
      await scrollTextTo(page, 0);
      target = await page.evaluate((k) => window.__bench?.pickMention(k) ?? null, i);
    }
    if (!target) throw new MeasurementError(`${d.label}: no mention on screen to click`);
    const { x, y, entityId } = target;
    const name = d.names.get(entityId) ?? entityId;
    const sample = await timeInput(
      page,
      `click mention of ${entityId}`,
      'pointerdown',
      check(entityId, name),
      () => page.mouse.click(x, y),
    );
    samples.push(sample);
    clicked.push(entityId);
    if (sample === 'timed out') break;
  }
  return { metric: 'click mention', document: d.label, unit: 'ms', samples, details: { clicked } };
}

type NodeMethod = 'graph' | 'actor list' | 'search+Enter';

/**
 * Click on a graph node → the text jumps to a sentence of the entity, marked current and in view.
 * When no node can be hit unambiguously (a zoomed-out graph of thousands of nodes), the actor list's
 * button for the entity is clicked instead, and failing that the search box and Enter are used.
 */
export async function measureClickNode(page: Page, d: BenchDoc, runs: number): Promise<Series[]> {
  const byMethod = new Map<NodeMethod, Sample[]>();
  const record = (m: NodeMethod, s: Sample) => byMethod.set(m, [...(byMethod.get(m) ?? []), s]);
  const actors = page.getByRole('region', { name: /^\s*Actors/ });
  for (let i = 0; i < runs; i++) {
    await clearSelection(page);
    const node = await page.evaluate((k) => window.__bench?.pickNode(k, 6) ?? null, i);
    if (node) {
      const sample = await timeInput(
        page,
        `click node ${node.id}`,
        'pointerdown',
        { kind: 'jumped', entityId: node.id },
        () => page.mouse.click(node.x, node.y),
      );
      record('graph', sample);
      if (sample === 'timed out') break;
      continue;
    }
    const id = d.byMentions[(i * 7) % Math.min(d.byMentions.length, 40)] ?? d.anchorEntity;
    const name = d.names.get(id) ?? id;
    const button = actors
      .getByRole('button')
      .filter({ has: page.getByText(name, { exact: true }) })
      .first();
    if ((await actors.count()) > 0 && (await button.count()) > 0) {
      await button.scrollIntoViewIfNeeded();
      await settle(page);
      const sample = await timeInput(
        page,
        `actor list ${id}`,
        'pointerdown',
        { kind: 'jumped', entityId: id },
        () => button.click(),
      );
      record('actor list', sample);
      if (sample === 'timed out') break;
      continue;
    }
    const search = page.getByRole('searchbox', { name: 'Search entities' });
    await search.fill(name);
    await settle(page, 100);
    const sample = await timeInput(
      page,
      `search+Enter ${id}`,
      'keydown',
      { kind: 'jumped', entityId: id },
      () => page.keyboard.press('Enter'),
    );
    record('search+Enter', sample);
    await search.fill('');
    if (sample === 'timed out') break;
  }
  return [...byMethod].map(([method, samples]) => ({
    metric: method === 'graph' ? 'click node' : `click node (${method})`,
    document: d.label,
    unit: 'ms',
    samples,
  }));
}

/** The longest task (over 50 ms; else 0) since `since` (the page's `performance.now()`). */
async function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate(
    (t) =>
      Math.max(
        0,
        ...(window.__bench?.longTasks ?? []).filter((l) => l.start >= t).map((l) => l.duration),
      ),
    since,
  );
}

/**
 * Suggestions for the document's text without its annotations, as a reader pasting a report would
 * ask for them: the text is opened as plain text in a fresh page, "Suggest annotations" is pressed
 * (timed until the new actors are listed; the engine runs in a worker), then "Accept all" new
 * actors (timed until the text shows mentions and the graph holds them, laid out), with the longest
 * task meanwhile. Once per document.
 */
export async function measureSuggestions(
  browser: Browser,
  appUrl: string,
  d: BenchDoc,
  textPath: string,
  errors: string[],
): Promise<Series[]> {
  const page = await newPage(browser, errors);
  try {
    await waitForBuiltin(page, appUrl);
    await page.getByLabel('Open documents').setInputFiles(textPath);
    await page.waitForFunction(
      (needle) =>
        (document.querySelector('article')?.textContent ?? '').includes(needle) &&
        window.cy?.nodes().length === 0 &&
        !!document.querySelector('[aria-label="Network graph"][data-ready="true"]'),
      d.needle.slice(0, 40),
      { timeout: TIMEOUTS.openGraph },
    );
    await settle(page, 500);
    const panel = page.locator('details.suggestions');
    await panel.locator('summary').click();
    await settle(page, 200);
    const found = await timeInput(
      page,
      'suggest annotations',
      'pointerdown',
      { kind: 'labelled', name: 'New actors' },
      () => panel.getByRole('button', { name: 'Suggest annotations' }).click(),
      { timeoutMs: TIMEOUTS.openGraph },
    );
    const out: Series[] = [
      { metric: 'suggest annotations', document: d.label, unit: 'ms', samples: [found] },
    ];
    if (found === 'timed out') return out;
    const group = panel.getByRole('region', { name: 'New actors' });
    const count = (await group.locator('h3').textContent()) ?? '';
    await settle(page, 500);
    const since = await page.evaluate(() => performance.now());
    const accepted = await timeInput(
      page,
      'accept every new actor',
      'pointerdown',
      { kind: 'annotated' },
      () => group.getByRole('button', { name: 'Accept all', exact: true }).click(),
      { timeoutMs: TIMEOUTS.openGraph },
    );
    await settle(page, 500);
    const longest = await longestTaskSince(page, since);
    const actors = { newActors: count.replace(/\D/g, '') };
    out.push(
      {
        metric: 'accept every new actor',
        document: d.label,
        unit: 'ms',
        samples: [accepted],
        details: actors,
      },
      {
        metric: 'accept every new actor: longest task',
        document: d.label,
        unit: 'ms',
        samples: [longest],
      },
    );
    return out;
  } finally {
    await page.context().close();
  }
}

/**
 * "Show all N" on a large document's overview → every actor drawn and laid out; then clicks on
 * mentions in that view (the graph's largest), and "Show overview" to go back (untimed). Once per
 * page: a second time the layout would be remembered. Also the longest task meanwhile.
 */
export async function measureShowAll(page: Page, d: BenchDoc, clicks: number): Promise<Series[]> {
  const button = page
    .getByRole('region', { name: 'Network graph' })
    .getByRole('button', { name: /^Show all/ });
  if ((await button.count()) === 0) return [];
  await clearSelection(page);
  const since = await page.evaluate(() => performance.now());
  const shown = await timeInput(
    page,
    'show every actor',
    'pointerdown',
    { kind: 'allShown', count: d.doc.entities.length },
    () => button.click(),
    { timeoutMs: TIMEOUTS.openGraph },
  );
  await settle(page, 500);
  const longest = await longestTaskSince(page, since);
  const out: Series[] = [
    { metric: 'show every actor → graph usable', document: d.label, unit: 'ms', samples: [shown] },
    { metric: 'show every actor: longest task', document: d.label, unit: 'ms', samples: [longest] },
  ];
  if (shown !== 'timed out' && clicks > 0) {
    const click = await measureClickMention(page, d, clicks);
    out.push({ ...click, metric: 'click mention (every actor)' });
    out.push(...(await measureClickNodeEveryActor(page, d, clicks)));
    out.push(...(await measurePointerSweep(page, d, 'pointer over graph (every actor)')));
    out.push(...(await measureZoom(page, d, 'zoom into graph (every actor)')));
    out.push(...(await measurePan(page, d, 'drag the graph (every actor)')));
  }
  await page.getByRole('button', { name: 'Show overview' }).click();
  await settle(page, 300);
  return out;
}

/**
 * Clicks on nodes where the graph is largest. First the hub's (the most related actor: the largest
 * selection, and at the fitted zoom the one node drawn large enough to hit); then, zoomed in with
 * the wheel to six times the fitted zoom (most nodes ~10 px wide: a reader zooms to pick one),
 * others that a click hits alone. "Fit" afterwards.
 */
async function measureClickNodeEveryActor(
  page: Page,
  d: BenchDoc,
  runs: number,
): Promise<Series[]> {
  const click = async (id: string, target: { x: number; y: number }) => {
    await clearSelection(page);
    return timeInput(
      page,
      `click node ${id}`,
      'pointerdown',
      { kind: 'jumped', entityId: id },
      () => page.mouse.click(target.x, target.y),
    );
  };
  const hub: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const target = await page.evaluate((id) => window.__bench?.nodeTarget(id, 3) ?? null, d.hub);
    if (!target) break;
    hub.push(await click(d.hub, target));
    if (hub.at(-1) === 'timed out') break;
  }
  await clearSelection(page);
  const box = await graphCanvasBox(page, d);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const zoom = () => page.evaluate(() => window.cy?.zoom() ?? 0);
  const fitted = await zoom();
  for (let i = 0; i < 120 && (await zoom()) < fitted * 6; i++) {
    await page.mouse.wheel(0, -100);
    await sleep(30);
  }
  // The graph's picture is made again at the new zoom once it stops changing.
  await settle(page, 1_500);
  const zoomed = await zoom();
  const others: Sample[] = [];
  const clicked: string[] = [];
  for (let i = 0; i < runs; i++) {
    const target = await page.evaluate((k) => window.__bench?.pickNode(k, 6) ?? null, i);
    if (!target) break;
    others.push(await click(target.id, target));
    clicked.push(target.id);
    if (others.at(-1) === 'timed out') break;
  }
  await page.getByRole('button', { name: 'Fit' }).click();
  await settle(page, 300);
  if (others.length === 0)
    throw new MeasurementError(`${d.label}: no node of the every-actor view can be clicked alone`);
  const out: Series[] = [
    {
      metric: 'click node (every actor)',
      document: d.label,
      unit: 'ms',
      samples: others,
      details: { clicked, fittedZoom: fitted, zoom: zoomed },
    },
  ];
  if (hub.length > 0)
    out.push({
      metric: 'click hub node (every actor)',
      document: d.label,
      unit: 'ms',
      samples: hub,
      details: { hub: d.hub },
    });
  return out;
}

/** Unchecking an actor type hides its nodes; checking it again (a separate run) brings them back. */
/**
 * Rename an actor from its details panel, then undo it: from the press on Rename (or Undo) to the
 * frame where the graph's node and the panel's heading both show the new (or old) name. The actor
 * is the most mentioned, whose node every graph of the document shows. Run last: it edits the
 * document (the built-in article's first edit makes an edited copy of it, as for a reader).
 */
export async function measureEdit(page: Page, d: BenchDoc, runs: number): Promise<Series[]> {
  const id = d.anchorEntity;
  const original = d.names.get(id) ?? id;
  const search = page.getByRole('searchbox', { name: 'Search entities' });
  await search.fill(original);
  await search.press('Enter');
  await search.fill('');
  await settle(page, 300);
  const details = page.getByRole('complementary', { name: 'Entity details' });
  await details.getByText('Edit this actor').click();
  const nameBox = details.getByRole('textbox', { name: 'Name' });
  const renameButton = details.getByRole('button', { name: 'Rename', exact: true });
  const undoButton = page.getByRole('button', { name: 'Undo', exact: true });
  const rename: Sample[] = [];
  const undo: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const name = `${original} ${i + 1}`;
    await nameBox.fill(name);
    await settle(page, 100);
    const renamed = await timeInput(
      page,
      `rename ${id} to ${name}`,
      'pointerdown',
      { kind: 'named', entityId: id, name },
      () => renameButton.click(),
    );
    rename.push(renamed);
    if (renamed === 'timed out') break;
    await settle(page, 300);
    const undone = await timeInput(
      page,
      `undo the rename of ${id}`,
      'pointerdown',
      { kind: 'named', entityId: id, name: original },
      () => undoButton.click(),
    );
    undo.push(undone);
    if (undone === 'timed out') break;
    await settle(page, 300);
  }
  return [
    { metric: 'rename an actor', document: d.label, unit: 'ms', samples: rename },
    { metric: 'undo a rename', document: d.label, unit: 'ms', samples: undo },
  ];
}

/**
 * Delete a mention from its actor's editor: a mention on screen is clicked (not timed), then
 * "Delete mention", until the text no longer shows it; "Undo" (not timed) brings it back. A
 * different place in the text each run, so different actors.
 */
export async function measureDeleteMention(page: Page, d: BenchDoc, runs: number): Promise<Series> {
  const details = page.getByRole('complementary', { name: 'Entity details' });
  const deleteButton = details.getByRole('button', { name: /^Delete mention/ });
  const undoButton = page.getByRole('button', { name: 'Undo', exact: true });
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    await clearSelection(page);
    await scrollTextTo(page, (i * 0.618) % 1);
    const target = await page.evaluate((k) => window.__bench?.pickMention(k) ?? null, i);
    if (!target) throw new MeasurementError(`${d.label}: no mention on screen to delete`);
    await page.mouse.click(target.x, target.y);
    await settle(page, 200);
    if (!(await deleteButton.isVisible())) await details.getByText('Edit this actor').click();
    await settle(page, 200);
    const sample = await timeInput(
      page,
      `delete mention ${target.mentionId}`,
      'pointerdown',
      { kind: 'mentionGone', mentionId: target.mentionId },
      () => deleteButton.click(),
    );
    samples.push(sample);
    if (sample === 'timed out') break;
    await settle(page, 300);
    await undoButton.click();
    await settle(page, 300);
  }
  return { metric: 'delete a mention', document: d.label, unit: 'ms', samples };
}

export async function measureFilterToggle(
  page: Page,
  d: BenchDoc,
  runs: number,
): Promise<Series[]> {
  const checkbox = page
    .getByRole('group', { name: 'Actor types' })
    .getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(d.filterType.label)}`) });
  if ((await checkbox.count()) === 0)
    throw new MeasurementError(`${d.label}: no "${d.filterType.label}" checkbox under Actor types`);
  await clearSelection(page);
  const type = d.filterType.key;
  const shown = await page.evaluate(
    (t) =>
      window.cy?.nodes().filter((n) => n.data('type') === t && n.style('display') !== 'none')
        .length ?? 0,
    type,
  );
  const off: Sample[] = [];
  const on: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const hide = await timeInput(
      page,
      `hide ${type}`,
      'pointerdown',
      { kind: 'typeHidden', type },
      () => checkbox.click(),
    );
    off.push(hide);
    await settle(page, 100);
    const show = await timeInput(
      page,
      `show ${type}`,
      'pointerdown',
      { kind: 'typeShown', type, count: shown },
      () => checkbox.click(),
    );
    on.push(show);
    await settle(page, 100);
    if (hide === 'timed out' || show === 'timed out') break;
  }
  const details = { type, nodesOfType: shown };
  return [
    { metric: 'filter off', document: d.label, unit: 'ms', samples: off, details },
    { metric: 'filter on', document: d.label, unit: 'ms', samples: on, details },
  ];
}

/** One character typed in the empty search box → the actor list shows the matches. */
export async function measureSearchKeystroke(
  page: Page,
  d: BenchDoc,
  runs: number,
): Promise<Series> {
  const chars = 'kvzhpbdtmu';
  const box = page.getByRole('searchbox', { name: 'Search entities' });
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    await box.fill('');
    await settle(page, 100);
    const ch = chars[i % chars.length] ?? 'k';
    const sample = await timeInput(
      page,
      `type "${ch}"`,
      'keydown',
      { kind: 'listUpdated', query: ch },
      () => page.keyboard.press(ch),
      {
        observeRegion: '^\\s*Actors',
      },
    );
    samples.push(sample);
    if (sample === 'timed out') break;
  }
  await box.fill('');
  await settle(page, 100);
  return { metric: 'search keystroke', document: d.label, unit: 'ms', samples };
}

/**
 * Wheel-scrolls the text for two seconds per session (down, then back up) while the page records
 * every frame interval and how far the text moved; counts the article's elements after each session.
 */
export async function measureScroll(page: Page, d: BenchDoc, sessions: number): Promise<Series[]> {
  const box = await page.locator('main').boundingBox();
  if (!box) throw new MeasurementError(`${d.label}: the text's scroll container is not on screen`);
  await clearSelection(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const intervals: number[] = [];
  const articleCounts: number[] = [];
  const scrolled: number[] = [];
  const wheels: number[] = [];
  for (let s = 0; s < sessions; s++) {
    await scrollTextTo(page, 0.1 + (0.7 * s) / Math.max(1, sessions));
    const got = await framesDuring(page, d, SCROLL_MS, 'scrolling', async (elapsed) => {
      // Down for the first half, back up for the second, so short texts do not hit the end.
      await page.mouse.wheel(0, elapsed < SCROLL_MS / 2 ? 120 : -120);
      await sleep(16);
    });
    if (got.scrolled === 0)
      throw new MeasurementError(`${d.label}: wheel events did not scroll the text's container`);
    intervals.push(...got.intervals);
    scrolled.push(Math.round(got.scrolled));
    wheels.push(got.inputs);
    await settle(page, 100);
    articleCounts.push(await page.evaluate(() => window.__bench?.domCounts().article ?? 0));
  }
  // Frame intervals come out at 16.6–16.8 ms on a 60 Hz clock: allow 1 ms of timer jitter.
  const within1 = fractionAtMost(intervals, FRAME_MS + 1);
  const within2 = fractionAtMost(intervals, 2 * FRAME_MS + 1);
  return [
    {
      metric: 'scroll frame',
      document: d.label,
      unit: 'ms',
      samples: intervals,
      details: { sessions, wheelEvents: wheels, scrolledPx: scrolled, within1, within2 },
    },
    { metric: 'frames ≤ 16.7 ms (+1 ms)', document: d.label, unit: 'fraction', samples: [within1] },
    { metric: 'frames ≤ 33.3 ms (+1 ms)', document: d.label, unit: 'fraction', samples: [within2] },
    {
      metric: 'article elements after scrolling',
      document: d.label,
      unit: 'count',
      samples: articleCounts,
    },
  ];
}

/** Where the graph's canvas is on the page. */
async function graphCanvasBox(
  page: Page,
  d: BenchDoc,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page
    .getByRole('region', { name: 'Network graph' })
    .locator('canvas')
    .first()
    .boundingBox();
  if (!box) throw new MeasurementError(`${d.label}: the graph is not on screen`);
  return box;
}

/**
 * The pointer moved back and forth across the graph (over nodes and edges, nothing pressed) for
 * `SWEEP_MS`: frame intervals meanwhile, and how many moves the page took in (each move waits for
 * the page to handle it, so a busy page takes fewer). Cytoscape hit-tests every element on each move,
 * and a hover that restyles anything redraws the whole graph.
 */
export async function measurePointerSweep(
  page: Page,
  d: BenchDoc,
  metric: string,
): Promise<Series[]> {
  const box = await graphCanvasBox(page, d);
  await clearSelection(page);
  const got = await framesDuring(page, d, SWEEP_MS, 'the pointer moved', async (_, i) => {
    // A slow diagonal, there and back, through the middle of the graph.
    const t = (i % 120) / 60;
    const f = t <= 1 ? t : 2 - t;
    await page.mouse.move(
      box.x + box.width * (0.15 + 0.7 * f),
      box.y + box.height * (0.25 + 0.5 * f),
    );
  });
  await page.mouse.move(0, 0);
  await settle(page, 100);
  return [
    { metric: `${metric}: frame`, document: d.label, unit: 'ms', samples: got.intervals },
    {
      metric: `${metric}: moves handled per second`,
      document: d.label,
      unit: 'count',
      samples: [Math.round((got.inputs * 1000) / got.elapsed)],
    },
  ];
}

/**
 * Frame intervals recorded in the page for `ms` while `input` runs again and again (each run
 * awaited), how many runs there were and how long they took in all.
 */
async function framesDuring(
  page: Page,
  d: BenchDoc,
  ms: number,
  what: string,
  input: (elapsed: number, run: number) => Promise<void>,
): Promise<{ intervals: number[]; scrolled: number; inputs: number; elapsed: number }> {
  const frames = page.evaluate(
    (t) => window.__bench?.frames(t) ?? { intervals: [], scrolled: 0 },
    ms,
  );
  frames.catch(() => undefined);
  const start = Date.now();
  let inputs = 0;
  while (Date.now() - start < ms) await input(Date.now() - start, inputs++);
  const elapsed = Date.now() - start;
  const got = await within(frames, ms + TIMEOUTS.grace);
  if (got === 'deadline')
    throw new MeasurementError(`${d.label}: the page stopped answering while ${what}`);
  return { ...got, inputs, elapsed };
}

/** "Fit" after a gesture on the graph; its frame intervals, and the longest. */
async function afterGesture(
  page: Page,
  d: BenchDoc,
  metric: string,
  intervals: number[],
): Promise<Series[]> {
  await page.getByRole('button', { name: 'Fit' }).click();
  await settle(page, 300);
  return [
    { metric: `${metric}: frame`, document: d.label, unit: 'ms', samples: intervals },
    {
      metric: `${metric}: longest frame`,
      document: d.label,
      unit: 'ms',
      samples: [Math.max(0, ...intervals)],
    },
  ];
}

/**
 * The wheel turned towards zooming in, over the middle of the graph, every ~30 ms for `ZOOM_MS`:
 * frame intervals meanwhile and until the graph is drawn at rest, and the longest. Each step past
 * a power of two makes Cytoscape draw its elements at a new texture level; with thousands of
 * elements that is where a frame can stall.
 */
export async function measureZoom(page: Page, d: BenchDoc, metric: string): Promise<Series[]> {
  const box = await graphCanvasBox(page, d);
  await clearSelection(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const got = await framesDuring(page, d, ZOOM_MS + AT_REST_MS, 'zooming', async (elapsed) => {
    if (elapsed < ZOOM_MS) await page.mouse.wheel(0, -100);
    await sleep(30);
  });
  return afterGesture(page, d, metric, got.intervals);
}

/**
 * The graph dragged from a point no node covers, a few pixels every ~16 ms for `PAN_MS`, as a hand
 * drags: frame intervals meanwhile and until the graph is drawn at rest, and the longest.
 */
export async function measurePan(page: Page, d: BenchDoc, metric: string): Promise<Series[]> {
  await clearSelection(page);
  const start = await freePoint(page);
  if (!start) throw new MeasurementError(`${d.label}: no free point of the graph to drag from`);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  let down = true;
  const release = async () => {
    if (down) await page.mouse.up();
    down = false;
  };
  const got = await framesDuring(page, d, PAN_MS + AT_REST_MS, 'panning', async (elapsed, run) => {
    if (elapsed >= PAN_MS) {
      await release();
      await sleep(50);
      return;
    }
    // Back and forth, so that the graph stays where it was drawn.
    const phase = run % 60;
    const dx = phase < 30 ? phase * 4 : (60 - phase) * 4;
    await page.mouse.move(start.x + dx, start.y + dx / 2);
    await sleep(16);
  });
  await release();
  return afterGesture(page, d, metric, got.intervals);
}

const FRAME_MS = 1000 / 60;
const PAN_MS = 3_000;
const SCROLL_MS = 2_000;
const SWEEP_MS = 3_000;
const ZOOM_MS = 3_000;
/** How long frames are still timed after a gesture ends: the graph is drawn again at rest. */
const AT_REST_MS = 700;

function fractionAtMost(values: readonly number[], limit: number): number {
  return values.filter((v) => v <= limit).length / Math.max(1, values.length);
}

// ---------------------------------------------------------------------------------------------
// Static

/** What the built index.html loads before the first paint (not the lazy chunks), gzipped. */
export function measureFirstPaintBytes(distDir: string): Series[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs: { href: string; kind: 'js' | 'css' }[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g))
    if (m[1]) refs.push({ href: m[1], kind: 'js' });
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1] ?? '';
    if (!href) continue;
    if (rel === 'modulepreload') refs.push({ href, kind: 'js' });
    if (rel === 'stylesheet') refs.push({ href, kind: 'css' });
  }
  const files = refs.map(({ href, kind }) => {
    const bytes = readFileSync(join(distDir, href.replace(/^\.?\//, '')));
    return { href, kind, raw: bytes.length, gzip: gzipSync(bytes).length };
  });
  const sum = (k: 'js' | 'css' | 'all') =>
    files.filter((f) => k === 'all' || f.kind === k).reduce((a, f) => a + f.gzip, 0);
  return [
    {
      metric: 'JS+CSS before first paint (gzip)',
      document: 'app',
      unit: 'bytes',
      samples: [sum('all')],
      details: { files },
    },
    {
      metric: 'JS before first paint (gzip)',
      document: 'app',
      unit: 'bytes',
      samples: [sum('js')],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The naive baseline (naive.ts), measured the same way

/** Loads the naive page afresh and opens the document through its file input. */
export async function measureNaiveOpen(page: Page, naiveUrl: string, d: BenchDoc): Promise<Sample> {
  await page.goto(naiveUrl);
  return timeInput(
    page,
    `naive open ${d.label}`,
    'change',
    { kind: 'naiveShown', needle: d.needle, nodes: d.doc.entities.length },
    () => page.getByLabel('Open documents').setInputFiles(d.path),
    { timeoutMs: TIMEOUTS.openGraph },
  );
}

/** Clicks on mentions of the naive page, clearing its marks and panel (untimed) before each. */
export async function measureNaiveClick(page: Page, d: BenchDoc, runs: number): Promise<Series> {
  const series = await measureClickMention(
    page,
    d,
    runs,
    (entityId, name) => ({ kind: 'naiveSelected', entityId, name }),
    async (p) => {
      await p.evaluate(() => {
        for (const el of document.querySelectorAll('.sel')) el.classList.remove('sel');
        const panel = document.getElementById('panel');
        if (panel) panel.textContent = '';
        window.naiveCy?.$(':selected').unselect();
      });
      await settle(p);
    },
  );
  return { ...series, metric: 'naive: click mention' };
}

/**
 * The floor of a click here: on a page that only changes one word and one mark (naive.ts), a
 * mention clicked as in `measureClickMention`, until the heading shows the actor's name and the
 * mention is marked.
 */
export async function measureFloorClick(
  page: Page,
  floorUrl: string,
  runs: number,
): Promise<Series> {
  await page.goto(floorUrl);
  const names = await page.evaluate(() =>
    [...document.querySelectorAll('[data-entity]')].map(
      (el) => [el.getAttribute('data-entity')!, el.getAttribute('data-name')!] as const,
    ),
  );
  const series = await measureClickMention(
    page,
    { label: 'floor', names: new Map(names) },
    runs,
    (entityId, name) => ({ kind: 'floorSelected', entityId, name }),
    async (p) => {
      await p.evaluate(() => {
        for (const el of document.querySelectorAll('.sel')) el.classList.remove('sel');
        const heading = document.querySelector('#panel h2');
        if (heading) heading.textContent = '';
      });
      await settle(p);
    },
  );
  return { ...series, metric: 'floor: click on a page that changes one word' };
}
