/**
 * A long document with a large cast, opened the way users open files: every interaction of the
 * explorer must work on it exactly as on the built-in article, with the text virtualised and the
 * graph showing an overview plus the selection's neighbourhood.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SingularElementArgument } from 'cytoscape';
import type { Page } from 'playwright-core';
import { generateDocument } from '../../bench/generate';
import {
  currentSentences,
  dragNode,
  graphSize,
  isScrolledIntoView,
  modelPosition,
  nodePoint,
  nodePositions,
  openApp,
  pageErrors,
  pngSize,
  reloadWhenSaved,
  selectedNodeIds,
  setupBrowser,
  storedRecord,
  waitForSelectedNode,
} from './helpers';
import { clearestEdge, freePoint } from './graphPoints';

const { page, baseUrl } = setupBrowser();

const doc = generateDocument({ words: 30_000, entities: 1_500, seed: 7 });
const dir = mkdtempSync(join(tmpdir(), 'ariadne-large-'));
const file = join(dir, 'large.json');
writeFileSync(file, JSON.stringify(doc));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nameOf = new Map(doc.entities.map((e) => [e.id, e.name]));
const firstLine = doc.text.split('\n')[0]!;

/** The graph is ready and draws at least the overview's 80 actors. */
async function overviewDrawn(p: Page): Promise<void> {
  await p.waitForFunction(
    (count) =>
      document.querySelector('[aria-label="Network graph"][data-ready="true"]') !== null &&
      window.cy!.nodes().length >= count,
    80,
  );
}

async function openLarge(p: Page): Promise<void> {
  await openApp(p, baseUrl);
  await p.getByLabel('Open documents').setInputFiles(file);
  await p.getByRole('article', { name: `Text of ${doc.title}` }).waitFor();
  await overviewDrawn(p);
  expect(await p.getByRole('article').textContent()).toContain(firstLine.slice(0, 40));
}

async function drawnNodeIds(p: Page): Promise<string[]> {
  return p.evaluate(() => window.cy!.nodes().map((n) => n.id()));
}

/** The biggest node in view: the easiest for a person to hit. */
async function biggestNodeInView(p: Page): Promise<string> {
  return p.evaluate(() => {
    const cy = window.cy!;
    const ext = cy.extent();
    return cy
      .nodes()
      .filter((n) => {
        const q = n.position();
        return q.x > ext.x1 && q.x < ext.x2 && q.y > ext.y1 && q.y < ext.y2;
      })
      .sort((a, b) => Number(b.data('size')) - Number(a.data('size')))[0]!
      .id();
  });
}

/** Cytoscape's cached picture of the graph (its layers), as its canvas renderer keeps it. */
async function layeredPicture(p: Page) {
  return p.evaluate(() => {
    type Layer = { reqs: number; invalid?: boolean };
    const cache = (
      window.cy as unknown as {
        renderer: () => {
          data: {
            lyrTxrCache: {
              lastInvalidationTime: number;
              layersByLevel: Record<string, Layer[]>;
            };
          };
        };
      }
    ).renderer().data.lyrTxrCache;
    const made = Object.values(cache.layersByLevel).some(
      (ls) => ls.length > 0 && ls.every((l) => l.reqs === 0 && !l.invalid),
    );
    // What a failure message needs: each level's layers, as drawn or still queued.
    const levels = Object.entries(cache.layersByLevel).map(
      ([level, ls]) =>
        `${level}: ${ls.length} layers, ${ls.filter((l) => l.reqs > 0).length} queued, ${ls.filter((l) => l.invalid).length} invalid`,
    );
    return {
      made,
      dropped: cache.lastInvalidationTime,
      levels,
      elements: window.cy!.elements().length,
    };
  });
}

/**
 * Has the page count, in `oneByOne`, how many elements each frame draws one by one rather than
 * from the layered picture (each call of Cytoscape's drawCachedElements).
 */
async function countOneByOne(p: Page): Promise<void> {
  await p.evaluate(() => {
    type Draw = (...args: unknown[]) => unknown;
    const r = (window.cy as unknown as { renderer: () => { drawCachedElements: Draw } }).renderer();
    const counts: number[] = [];
    (window as unknown as { oneByOne: number[] }).oneByOne = counts;
    const own = r.drawCachedElements;
    r.drawCachedElements = function (this: unknown, ...args: unknown[]) {
      counts.push((args[1] as unknown[]).length);
      return own.apply(this, args);
    };
  });
}

/** Waits until the layered picture is made and has not been dropped for a while. */
async function pictureSettled(p: Page): Promise<void> {
  let lastDropped = NaN;
  await expect
    .poll(
      async () => {
        const now = await layeredPicture(p);
        const kept = now.made && now.dropped === lastDropped;
        lastDropped = now.dropped;
        return kept;
      },
      { timeout: 15_000, interval: 400 },
    )
    .toBe(true);
}

/** The frames, counted since the test began counting, that drew over 1,000 elements one by one. */
async function framesOfEveryElement(p: Page): Promise<number[]> {
  return p.evaluate(() =>
    (window as unknown as { oneByOne: number[] }).oneByOne.filter((n) => n > 1_000),
  );
}

async function showEveryActor(p: Page): Promise<void> {
  await p.getByRole('button', { name: /Show all 1,500/ }).click();
  await everyActorDrawn(p);
}

async function everyActorDrawn(p: Page): Promise<void> {
  await p.waitForFunction(
    () =>
      window.cy!.nodes().length === 1500 &&
      document.querySelector('[aria-label="Network graph"][data-ready="true"]') !== null,
    undefined,
    { timeout: 60_000 },
  );
}

describe('a document of 30,000 words and 1,500 actors', () => {
  it('opens with a virtualised text and an overview graph that says what it leaves out', async () => {
    await openLarge(page());
    const graph = page().getByRole('region', { name: 'Network graph' });
    await expect(graph.getByRole('status').textContent()).resolves.toContain(
      'Showing the 80 most mentioned of 1,500 actors',
    );
    expect(await drawnNodeIds(page())).toHaveLength(80);
    const inArticle = await page().$$eval('article *', (els) => els.length);
    expect(inArticle).toBeLessThanOrEqual(3000);
    // Laid out, not piled at one point.
    const spread = await page().evaluate(() => {
      const b = window.cy!.nodes().boundingBox();
      return Math.min(b.w, b.h);
    });
    expect(spread).toBeGreaterThan(100);
    expect(pageErrors(page())).toEqual([]);
  });

  it('selects an actor clicked deep in the text, drawing it and its neighbours', async () => {
    await openLarge(page());
    await page()
      .locator('main')
      .evaluate((m) => (m.scrollTop = m.scrollHeight * 0.6));
    const drawn = new Set(await drawnNodeIds(page()));
    // A mention of an actor the overview does not show, among those on screen: the blocks rendered
    // before the scroll (the top of the text) are about to be replaced.
    const onScreen = await page().waitForFunction(() => {
      const view = document.querySelector('main')!.getBoundingClientRect();
      const shown = [...document.querySelectorAll<HTMLElement>('article .mention')].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.top >= view.top && r.bottom <= view.bottom;
      });
      return shown.length > 0
        ? shown.map((e) => ({ id: e.dataset.mention!, entity: e.dataset.entity! }))
        : null;
    });
    const candidates = (await onScreen.jsonValue())!;
    const target = candidates.find((c) => !drawn.has(c.entity)) ?? candidates[0]!;
    expect(drawn.has(target.entity)).toBe(false);
    await page().locator(`[data-mention="${target.id}"]`).first().click();
    await waitForSelectedNode(page(), target.entity);
    const details = page().getByRole('complementary', { name: 'Entity details' });
    await expect(details.getByRole('heading').first().textContent()).resolves.toBe(
      nameOf.get(target.entity),
    );
    const neighbours = await page().evaluate(
      (id) => window.cy!.$id(id).neighborhood('node').length,
      target.entity,
    );
    const related = doc.relations.filter(
      (r) => r.source === target.entity || r.target === target.entity,
    ).length;
    expect(neighbours).toBeGreaterThanOrEqual(Math.min(1, related));
    // The selection and the neighbours it brought are drawn in view, clear of the overview.
    const placed = await page().evaluate(
      (before) => {
        const cy = window.cy!;
        const box = cy
          .nodes()
          .filter((n) => before.includes(n.id()))
          .boundingBox({ includeLabels: false });
        return cy
          .nodes()
          .map((n) => n)
          .filter((n) => !before.includes(n.id()))
          .map((n) => {
            const p = n.renderedPosition();
            const m = n.position();
            return {
              inView: p.x >= 0 && p.y >= 0 && p.x <= cy.width() && p.y <= cy.height(),
              inOverview: m.x > box.x1 && m.x < box.x2 && m.y > box.y1 && m.y < box.y2,
            };
          });
      },
      [...drawn],
    );
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.filter((p) => !p.inView)).toEqual([]);
    expect(placed.filter((p) => p.inOverview)).toEqual([]);
    // They fit in the view with the overview at this zoom: the overview stays in view too.
    const overview = await page().evaluate(() => {
      const cy = window.cy!;
      const b = cy.nodes().renderedBoundingBox({ includeLabels: false });
      return {
        fits: b.w <= cy.width() && b.h <= cy.height(),
        inView: cy
          .nodes()
          .map((n) => n.renderedPosition())
          .every((p) => p.x >= 0 && p.x <= cy.width() && p.y >= 0 && p.y <= cy.height()),
      };
    });
    expect(overview).toEqual({ fits: true, inView: true });

    // The next mention is found and scrolled to, wherever it is.
    await page().keyboard.press(']');
    await page().waitForFunction(() => document.querySelector('[aria-current="true"]') !== null);
    const [sentence] = await currentSentences(page());
    expect(await isScrolledIntoView(page(), `[data-sentence="${sentence}"]`)).toBe(true);

    // Clearing the selection takes its neighbours away and brings the whole overview back into view.
    await page().keyboard.press('Escape');
    await page().waitForFunction(() => window.cy!.nodes(':selected').empty());
    const outOfView = await page().evaluate(
      (overview) => {
        const cy = window.cy!;
        return cy
          .nodes()
          .map((n) => ({ id: n.id(), p: n.renderedPosition() }))
          .filter(({ id }) => overview.includes(id))
          .filter(({ p }) => p.x < 0 || p.y < 0 || p.x > cy.width() || p.y > cy.height())
          .map(({ id }) => id);
      },
      [...drawn],
    );
    expect(outOfView).toEqual([]);
    expect(await drawnNodeIds(page())).toHaveLength(drawn.size);
  });

  it("keeps the overview's picture while actors in it and beyond it are selected", async () => {
    await openLarge(page());
    await countOneByOne(page());
    await pictureSettled(page());
    const picture = async () => {
      const { made, dropped, levels } = await layeredPicture(page());
      return { made, dropped, levels };
    };
    const kept = await picture();
    const overview = await drawnNodeIds(page());
    const counted = () =>
      page().evaluate(() => {
        const counts = (window as unknown as { oneByOne: number[] }).oneByOne;
        return counts.splice(0, counts.length);
      });
    const frames = async () => {
      for (let i = 0; i < 3; i++) {
        await page().evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      }
    };
    await counted();
    // Each step draws the picture (the overview's relations) in one copy and, one by one over
    // it, the actors, the neighbours a selection brings and the relations that show it: never the
    // overview's other relations.
    const step = async () => {
      await frames();
      expect(await picture()).toEqual(kept);
      const drawn = await counted();
      const { over, all } = await page().evaluate(() => {
        const cy = window.cy!;
        const shows = (e: SingularElementArgument) =>
          e.isNode() || e.selected() || e.hasClass('revealed') || e.hasClass('near');
        return { over: cy.elements().filter(shows).length, all: cy.elements().length };
      });
      expect(drawn.length).toBeGreaterThan(0);
      expect(drawn.filter((n) => n > over)).toEqual([]);
      // Left in the picture, never drawn one by one: most of the overview's 264 relations.
      expect(all - over, JSON.stringify({ all, over })).toBeGreaterThan(150);
    };

    // An actor of the overview, clicked in the graph: its relations turn dark.
    const inOverview = await biggestNodeInView(page());
    const point = await nodePoint(page(), inOverview);
    await page().mouse.click(point.x, point.y);
    await waitForSelectedNode(page(), inOverview);
    await step();
    const near = await page().evaluate(
      (id) => window.cy!.$id(id).connectedEdges('.near').length,
      inOverview,
    );
    expect(near).toBeGreaterThan(0);

    // An actor beyond it, from a mention deep in the text: it comes with its neighbours.
    await page()
      .locator('main')
      .evaluate((m) => (m.scrollTop = m.scrollHeight * 0.6));
    const beyond = await page().waitForFunction((shown) => {
      const view = document.querySelector('main')!.getBoundingClientRect();
      const mention = [...document.querySelectorAll<HTMLElement>('article .mention')].find((e) => {
        const r = e.getBoundingClientRect();
        return r.top >= view.top && r.bottom <= view.bottom && !shown.includes(e.dataset.entity!);
      });
      return mention ? { id: mention.dataset.mention!, entity: mention.dataset.entity! } : null;
    }, overview);
    const target = (await beyond.jsonValue())!;
    await page().locator(`[data-mention="${target.id}"]`).first().click();
    await waitForSelectedNode(page(), target.entity);
    await step();
    expect((await drawnNodeIds(page())).length).toBeGreaterThan(overview.length);

    // Cleared: the neighbours go, and the overview is as it was.
    await page().keyboard.press('Escape');
    await page().waitForFunction(() => window.cy!.nodes(':selected').empty());
    await step();
    expect(await drawnNodeIds(page())).toHaveLength(overview.length);
    expect(pageErrors(page())).toEqual([]);
  });

  it('measures a selected actor at the size its label is drawn, in bold and wrapped', async () => {
    await openLarge(page());
    const biggest = await page().evaluate(() =>
      window
        .cy!.nodes()
        .sort((a, b) => Number(b.data('size')) - Number(a.data('size')))
        .slice(0, 12)
        .map((n) => n.id()),
    );
    const boxes = (id: string) =>
      page().evaluate(async (nodeId) => {
        // Two frames: the selection is drawn.
        for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
        const node = window.cy!.$id(nodeId);
        const round = (b: { x1: number; y1: number; x2: number; y2: number }) =>
          [b.x1, b.y1, b.x2, b.y2].map(Math.round);
        const kept = round(node.boundingBox());
        // Measured afresh: the box Cytoscape keeps must be this one, or the label is drawn cut.
        (node as unknown as { dirtyBoundingBoxCache: () => void }).dirtyBoundingBoxCache();
        return { kept, fresh: round(node.boundingBox()) };
      }, id);
    const search = page().getByRole('searchbox', { name: /Search/ });
    for (const id of biggest) {
      await search.fill(nameOf.get(id)!);
      await page().keyboard.press('Enter');
      await waitForSelectedNode(page(), id);
      const { kept, fresh } = await boxes(id);
      expect(kept, nameOf.get(id)).toEqual(fresh);
    }
    expect(pageErrors(page())).toEqual([]);
  });

  it('lands on the sentence of a node clicked in the graph', async () => {
    await openLarge(page());
    const id = await biggestNodeInView(page());
    const point = await nodePoint(page(), id);
    await page().mouse.click(point.x, point.y);
    await page().waitForFunction(() => document.querySelector('[aria-current="true"]') !== null);
    expect(await selectedNodeIds(page())).toEqual([id]);
    const [sentence] = await currentSentences(page());
    await page().waitForFunction((s) => {
      const el = document.querySelector(`[data-sentence="${s}"]`)!.getBoundingClientRect();
      return el.top >= 0 && el.bottom <= window.innerHeight;
    }, sentence);
    expect(await isScrolledIntoView(page(), `[data-sentence="${sentence}"]`)).toBe(true);
  });

  it('draws the overview as the reader left it after a reload, the dragged node pinned', async () => {
    await openLarge(page());
    const id = await biggestNodeInView(page());
    const dropped = await dragNode(page(), id, { x: 60, y: 45 });
    const drawn = await nodePositions(page());
    await expect
      .poll(() => storedRecord(page(), `layout:${doc.id}`))
      .toEqual({ positions: drawn, pinned: [id] });

    await reloadWhenSaved(page());
    await overviewDrawn(page());
    const back = await modelPosition(page(), id);
    expect(Math.abs(back.x - dropped.x)).toBeLessThan(1);
    expect(Math.abs(back.y - dropped.y)).toBeLessThan(1);
    // The rest of the overview is where it was too: nothing was laid out again.
    const again = await nodePositions(page());
    expect(Object.keys(again).sort()).toEqual(Object.keys(drawn).sort());
    for (const [node, p] of Object.entries(drawn)) {
      expect(Math.hypot(again[node]!.x - p.x, again[node]!.y - p.y), node).toBeLessThan(1);
    }
    await page().getByRole('button', { name: 'Unpin 1 dragged node' }).waitFor();

    // Every actor: a drag there is not kept, so back in the overview the picture is as it was.
    await showEveryActor(page());
    // Zoomed in on an actor of the overview, big enough to grab.
    await page().evaluate((node) => {
      const cy = window.cy!;
      cy.zoom({ level: 1, position: cy.$id(node).position() });
    }, id);
    const from = await modelPosition(page(), id);
    const to = await dragNode(page(), id, { x: 40, y: 40 });
    expect(Math.hypot(to.x - from.x, to.y - from.y)).toBeGreaterThan(10);
    await page().getByRole('button', { name: 'Show overview' }).click();
    await page().waitForFunction(
      () =>
        window.cy!.nodes().length < 1500 &&
        document.querySelector('[aria-label="Network graph"][data-ready="true"]') !== null,
    );
    const overview = await nodePositions(page());
    for (const [node, p] of Object.entries(drawn)) {
      expect(Math.hypot(overview[node]!.x - p.x, overview[node]!.y - p.y), node).toBeLessThan(1);
    }
    expect(pageErrors(page())).toEqual([]);
  });

  it('draws the overview and every actor again after a reload without laying them out', async () => {
    // Every layout a worker answers, counted across the reload.
    await page()
      .context()
      .addInitScript(() => {
        const w = window as unknown as { layoutsDone: number };
        w.layoutsDone = 0;
        const handler = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage')!;
        Object.defineProperty(Worker.prototype, 'onmessage', {
          configurable: true,
          get(this: Worker) {
            return handler.get!.call(this) as unknown;
          },
          set(this: Worker, listen: ((e: MessageEvent) => unknown) | null) {
            handler.set!.call(
              this,
              listen &&
                function (this: Worker, e: MessageEvent) {
                  // A layout's answer, as layout.worker.ts sends it.
                  const data: unknown = e.data;
                  if (typeof data === 'object' && data !== null && 'positions' in data)
                    w.layoutsDone++;
                  return listen.call(this, e);
                },
            );
          },
        });
      });
    const laidOut = () =>
      page().evaluate(() => (window as unknown as { layoutsDone: number }).layoutsDone);
    const kept = () =>
      page().evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('ariadne-layouts');
            open.onerror = () => resolve(-1);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('layouts')) return resolve(0);
              const request = db.transaction('layouts').objectStore('layouts').count();
              request.onsuccess = () => resolve(request.result);
              db.close();
            };
          }),
      );
    await openLarge(page());
    const overview = await nodePositions(page());
    await showEveryActor(page());
    const every = await nodePositions(page());
    expect(await laidOut()).toBe(2);
    // Two layouts and the list of them.
    await expect.poll(kept, { timeout: 15_000 }).toBe(3);

    await reloadWhenSaved(page());
    await overviewDrawn(page());
    expect(await nodePositions(page())).toEqual(overview);
    await showEveryActor(page());
    expect(await nodePositions(page())).toEqual(every);
    expect(await laidOut()).toBe(0);
    // "Re-run layout" still lays out afresh.
    await page().getByRole('button', { name: 'Re-run layout' }).click();
    await expect.poll(laidOut).toBe(1);
    expect(pageErrors(page())).toEqual([]);
  });

  it('shows the text again when the page is reloaded with the document open', async () => {
    await openLarge(page());
    await reloadWhenSaved(page());
    const article = page().getByRole('article', { name: `Text of ${doc.title}` });
    await article.waitFor();
    // The virtual list renders its first blocks without being scrolled.
    await expect.poll(() => article.textContent()).toContain(firstLine.slice(0, 40));
    await page()
      .locator('main')
      .evaluate((m) => (m.scrollTop = m.scrollHeight / 2));
    await expect.poll(() => article.locator('[data-sentence]').count()).toBeGreaterThan(0);
    expect(pageErrors(page())).toEqual([]);
  });

  it('opens a link to an actor where the text first names it, however far down', async () => {
    await openLarge(page());
    // The actor first named furthest into the text.
    const firstAt = new Map<string, number>();
    for (const m of doc.mentions)
      firstAt.set(m.entityId, Math.min(firstAt.get(m.entityId) ?? Infinity, m.spans[0]!.start));
    const [far] = [...firstAt].sort((a, b) => b[1] - a[1])[0]!;
    await openApp(page(), baseUrl, `?entity=${far}`);
    await waitForSelectedNode(page(), far);
    await page().waitForFunction(() => document.querySelector('[aria-current="true"]') !== null);
    const [sentence] = await currentSentences(page());
    expect(await isScrolledIntoView(page(), `[data-sentence="${sentence}"]`)).toBe(true);
    const text = await page().locator(`[data-sentence="${sentence}"]`).textContent();
    expect(text).toContain(doc.mentions.find((m) => m.spans[0]!.start === firstAt.get(far))!.text);
  });

  it('filters by actor type, finds by name, and shows every actor on request', async () => {
    await openLarge(page());
    const filters = page().getByRole('group', { name: /Actor types/ });
    const person = filters.getByRole('checkbox', { name: /Person/ });
    await person.click();
    await page().waitForFunction(() =>
      window
        .cy!.nodes()
        .filter((n) => n.data('type') === 'person')
        .every((n) => n.style('display') === 'none'),
    );
    await person.click();
    await page().waitForFunction(() => window.cy!.nodes('.filtered').length === 0);

    const rare = doc.entities[doc.entities.length - 1]!;
    await page()
      .getByRole('searchbox', { name: /Search/ })
      .fill(rare.name);
    await page().keyboard.press('Enter');
    await waitForSelectedNode(page(), rare.id);

    // Drawing every actor takes a moment: the graph says so until it is done.
    const graph = page().getByRole('region', { name: 'Network graph' });
    const drawing = graph.getByRole('status').filter({ hasText: 'Drawing 1,500 actors…' });
    await page().evaluate(() => {
      const cy = window.cy!;
      const frames: [number, number][] = [];
      (window as unknown as { frames: typeof frames }).frames = frames;
      // From the first frame without the overview: the view of every actor is being made.
      let emptied = false;
      cy.on('render', () => {
        emptied ||= cy.nodes().length === 0;
        if (emptied) frames.push([cy.nodes().length, cy.edges().length]);
      });
    });
    await page()
      .getByRole('button', { name: /Show all 1,500/ })
      .click();
    await drawing.waitFor();
    await everyActorDrawn(page());
    expect(await drawing.count()).toBe(0);
    // The actors arrive in parts, and the graph is drawn once they are all in, not after each.
    await page().waitForFunction(() =>
      (window as unknown as { frames: [number, number][] }).frames.some(([n]) => n === 1500),
    );
    const { frames, all } = await page().evaluate(() => ({
      frames: (window as unknown as { frames: [number, number][] }).frames,
      all: [window.cy!.nodes().length, window.cy!.edges().length],
    }));
    expect(all[1]).toBeGreaterThan(1500);
    expect(
      frames.filter(([nodes, edges]) => nodes > 0 && (nodes < all[0]! || edges < all[1]!)),
    ).toEqual([]);
    expect(pageErrors(page())).toEqual([]);
  });

  it('draws a selection in the every-actor view above the graph, whose picture is kept', async () => {
    await openLarge(page());
    await showEveryActor(page());
    const picture = () => layeredPicture(page());
    // Made once the graph has settled, and kept since: a late change of the graph drops it.
    await pictureSettled(page());
    const before = await picture();
    const id = await biggestNodeInView(page());
    const point = await nodePoint(page(), id);
    await page().mouse.click(point.x, point.y);
    await page().waitForFunction(() => window.cy!.$('node:selected').length === 1);
    const [selected] = await selectedNodeIds(page());
    // The selection, its relations and their ends are drawn above, with the selection's style.
    const above = () =>
      page().evaluate(() => {
        const top = window.cySelection!;
        return {
          selected: top.$('node:selected').map((n) => n.id()),
          border: top.$('node:selected').nonempty()
            ? top.$('node:selected').numericStyle('border-width')
            : null,
          edges: top
            .edges()
            .map((e) => e.id())
            .sort(),
          nodes: top.nodes().length,
          zoom: top.zoom() === window.cy!.zoom(),
        };
      });
    await expect.poll(async () => (await above()).selected).toEqual([selected]);
    const relations = await page().evaluate(
      (nodeId) =>
        window
          .cy!.$id(nodeId)
          .connectedEdges()
          .map((e) => e.id())
          .sort(),
      selected!,
    );
    const shown = await above();
    expect(shown.edges).toEqual(relations);
    expect(shown.nodes).toBeGreaterThan(relations.length > 0 ? 1 : 0);
    expect(shown.border).toBe(4);
    expect(shown.zoom).toBe(true);
    // The graph below shows nothing of it, so its picture is still the one drawn before the click;
    // nor does it take the marks of the selection's neighbourhood, only the selection itself.
    const after = await picture();
    expect(after, JSON.stringify({ before, after })).toEqual(before);
    expect(await page().evaluate(() => window.cy!.$('.near, .end').length)).toBe(0);
    expect(
      await page().evaluate(() => window.cy!.$('node:selected').numericStyle('border-width')),
    ).toBe(1.5);

    // Zooming moves the drawing above with the graph.
    await page().getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => (await above()).zoom).toBe(true);
    // Cleared with the selection.
    await page().keyboard.press('Escape');
    await expect.poll(async () => (await above()).nodes).toBe(0);

    // Gone with the view of every actor, its canvases too: the overview draws its selection itself.
    await page()
      .getByRole('searchbox', { name: /Search/ })
      .fill(nameOf.get(selected!)!);
    await page().keyboard.press('Enter');
    await expect.poll(async () => (await above()).selected).toEqual([selected]);
    await page().getByRole('button', { name: 'Show overview' }).click();
    await page().waitForFunction(() => window.cySelection === undefined);
    expect(await page().locator('.graph-selection canvas').count()).toBe(0);
    expect(pageErrors(page())).toEqual([]);
  });

  it("makes the every-actor view's picture over frames, keeps it through a held click, remakes it after a drag and a new layout", async () => {
    await openLarge(page());
    await countOneByOne(page());
    await showEveryActor(page());
    await expect
      .poll(async () => (await layeredPicture(page())).made, { timeout: 15_000 })
      .toBe(true);
    expect(await page().evaluate(() => window.cy!.elements().length)).toBeGreaterThan(3_000);
    // The overview's frames drew its few elements; the view of every actor was drawn from its
    // layers alone, as far as they were made, and never all of its elements in one frame.
    expect(await framesOfEveryElement(page())).toEqual([]);

    // A click held as long as a person holds it (frames pass meanwhile) keeps the picture.
    const id = await biggestNodeInView(page());
    const kept = (await layeredPicture(page())).dropped;
    const at = await nodePoint(page(), id);
    await page().mouse.move(at.x, at.y);
    await page().mouse.down();
    await page().waitForTimeout(150);
    await page().mouse.up();
    await page().waitForFunction((nodeId) => window.cy!.$id(nodeId).selected(), id);
    await page().waitForTimeout(300);
    expect((await layeredPicture(page())).dropped).toBe(kept);
    expect(await framesOfEveryElement(page())).toEqual([]);

    // A dragged node drops the picture; it is made again without waiting for a click.
    const dropped = (await layeredPicture(page())).dropped;
    await dragNode(page(), id, { x: 40, y: 30 });
    await expect
      .poll(async () => (await layeredPicture(page())).dropped, { timeout: 5_000 })
      .not.toBe(dropped);
    await expect
      .poll(async () => (await layeredPicture(page())).made, { timeout: 15_000 })
      .toBe(true);

    // A new layout moves every node: the picture is made again over frames, as for a new graph,
    // and no frame draws every element.
    // (The dragged node is pinned and stays: another one is watched.)
    const moving = await page().evaluate((pinnedId) => {
      (window as unknown as { oneByOne: number[] }).oneByOne.length = 0;
      const node = window.cy!.nodes().filter((n) => n.id() !== pinnedId)[0]!;
      return { id: node.id(), ...node.position() };
    }, id);
    await page().getByRole('button', { name: 'Re-run layout' }).click();
    await page().waitForFunction(
      ({ id: nodeId, x, y }) => {
        const q = window.cy!.$id(nodeId).position();
        return q.x !== x || q.y !== y;
      },
      moving,
      { timeout: 30_000 },
    );
    await expect
      .poll(async () => (await layeredPicture(page())).made, { timeout: 15_000 })
      .toBe(true);
    expect(await framesOfEveryElement(page())).toEqual([]);
    expect(pageErrors(page())).toEqual([]);
  });

  it('finds the element under the pointer as Cytoscape did, stopping at the first node it finds', async () => {
    await openLarge(page());
    await showEveryActor(page());
    const found = await page().evaluate(() => {
      type Hit = { id: () => string; isNode: () => boolean };
      // The canvas renderer's hit tests (patches/README.md, Cytoscape patch 12).
      const r = (
        window.cy as unknown as {
          renderer: () => {
            findNearestElement: (x: number, y: number, i: boolean, t: boolean) => Hit | undefined;
            findNearestElements: (
              x: number,
              y: number,
              i: boolean,
              t: boolean,
              firstOnly?: boolean,
            ) => Hit[];
          };
        }
      ).renderer();
      const cy = window.cy!;
      const ext = cy.extent();
      // Every node's centre, and a grid over the view (empty space, relations, labels).
      const points = cy.nodes().map((n) => ({ ...n.position() }));
      for (let i = 0; i < 40; i++)
        for (let j = 0; j < 40; j++)
          points.push({
            x: ext.x1 + (ext.w * (i + 0.5)) / 40,
            y: ext.y1 + (ext.h * (j + 0.5)) / 40,
          });
      const differ: string[] = [];
      let nodes = 0;
      let stopped = 0;
      for (const { x, y } of points) {
        const all = r.findNearestElements(x, y, true, false);
        const firstOnly = r.findNearestElements(x, y, true, false, true);
        const first = r.findNearestElement(x, y, true, false);
        const ids = [all[0]?.id(), firstOnly[0]?.id(), first?.id()];
        if (new Set(ids).size > 1) differ.push(`${x},${y}: ${ids.join(' ')}`);
        if (first?.isNode()) nodes++;
        if (firstOnly.length < all.length) stopped++;
      }
      return { points: points.length, differ, nodes, stopped };
    });
    expect(found.differ).toEqual([]);
    expect(found.nodes).toBeGreaterThan(1_400);
    // Where a node lies over relations, the search stopped at it.
    expect(found.stopped).toBeGreaterThan(500);
    expect(pageErrors(page())).toEqual([]);
  });

  it('draws every relation in the every-actor view, and names the one under the pointer', async () => {
    await openLarge(page());
    await showEveryActor(page());
    // Ready means drawn: the relations too, not only the actors.
    expect(await page().evaluate(() => window.cy!.edges().length)).toBe(doc.relations.length);
    // A crowd's labels show only once they are large enough to read (the overview's from 5 px).
    const minLabel = () =>
      page().evaluate(() => window.cy!.nodes()[0]!.numericStyle('min-zoomed-font-size'));
    expect(await minLabel()).toBe(9);
    await page().evaluate(() => {
      const seen = window as unknown as { restyled: number; hovered: string };
      seen.restyled = 0;
      window.cy!.on('style', () => seen.restyled++);
      window.cy!.on('mouseover', 'edge', (e) => (seen.hovered = e.target.id() as string));
    });
    const { x, y } = await clearestEdge(page());
    await page().mouse.move(x, y);
    const tip = page().getByRole('tooltip');
    await tip.waitFor();
    const hovered = await page().evaluate(() => {
      const { hovered: id } = window as unknown as { hovered: string };
      const e = window.cy!.$id(id);
      return [e.source().data('label'), e.data('label'), e.target().data('label')].join(' ');
    });
    expect(await tip.textContent()).toBe(hovered);
    // Thousands of elements: the edge is named, not restyled (a restyle redraws all of them).
    expect(await page().evaluate(() => (window as unknown as { restyled: number }).restyled)).toBe(
      0,
    );
    expect(await page().evaluate(() => window.cy!.edges('.hover').length)).toBe(0);
    await page().mouse.move(5, 5);
    await tip.waitFor({ state: 'detached' });

    // Thousands of elements: a drag moves a picture of the view, and the graph is drawn once the
    // drag ends. It pans the graph, moving no node.
    const picture = () =>
      page().evaluate(
        () =>
          (window.cy as unknown as { renderer: () => { textureOnViewport: boolean } }).renderer()
            .textureOnViewport,
      );
    expect(await picture()).toBe(true);
    const from = await freePoint(page());
    expect(from).not.toBeNull();
    const before = await page().evaluate(() => ({
      pan: window.cy!.pan(),
      node: window.cy!.nodes()[0]!.position(),
    }));
    await page().mouse.move(from!.x, from!.y);
    await page().mouse.down();
    await page().mouse.move(from!.x + 60, from!.y + 30, { steps: 6 });
    await page().mouse.up();
    const after = await page().evaluate(() => ({
      pan: window.cy!.pan(),
      node: window.cy!.nodes()[0]!.position(),
    }));
    expect(after.pan.x - before.pan.x).toBeCloseTo(60, 0);
    expect(after.pan.y - before.pan.y).toBeCloseTo(30, 0);
    expect(after.node).toEqual(before.node);

    // A picture of every actor: the whole graph, at most 8,000 pixels a side (twice its size
    // would be more than image viewers open).
    const { w, h } = await graphSize(page());
    expect(2 * Math.max(w, h)).toBeGreaterThan(8000);
    await page().evaluate(() => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[role="status"]'))
          said.push(el.textContent ?? '');
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page().getByText('Export', { exact: true }).click();
    const [png] = await Promise.all([
      page().waitForEvent('download'),
      page().getByRole('button', { name: 'Graph picture (PNG)' }).click(),
    ]);
    // Said before the page is busy drawing it, which takes a while for thousands of elements.
    const said = await page().evaluate(() => (window as unknown as { said: string[] }).said);
    expect(said).toContain('Preparing Graph picture (PNG)…');
    const size = pngSize(readFileSync(await png.path()));
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(8000);
    expect(Math.max(size.width, size.height)).toBeGreaterThan(7990);
    expect(size.width / size.height).toBeCloseTo(w / h, 2);

    await page().getByRole('button', { name: 'Show overview' }).click();
    await page().waitForFunction(
      () =>
        document.querySelector('[aria-label="Network graph"][data-ready="true"]') !== null &&
        window.cy!.nodes().length < 200,
    );
    expect(await minLabel()).toBe(5);
    // A few hundred elements are drawn afresh at every step, sharp throughout.
    expect(await picture()).toBe(false);
    // And they show the selection themselves: no layer above them.
    expect(await page().evaluate(() => window.cySelection === undefined)).toBe(true);
    expect(pageErrors(page())).toEqual([]);
  });
});
