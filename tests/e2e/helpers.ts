/** Helpers that read like what a person does in the app. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import type { Browser, Dialog, Page } from 'playwright-core';
import { launchChromium } from './chromium';

/** A fresh page per test in one browser per file; `page()` gives the current one. */
export function setupBrowser(): { page: () => Page; baseUrl: string } {
  const baseUrl = inject('baseUrl');
  let browser: Browser | undefined;
  let current: Page | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await current?.context().close();
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
    current = await context.newPage();
    // A slower machine, to bring out races that CI's busier machines meet now and then.
    const slowdown = Number(process.env.E2E_CPU_SLOWDOWN ?? 1);
    if (slowdown > 1) {
      const cdp = await context.newCDPSession(current);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    }
    const errors: string[] = [];
    current.on('pageerror', (e) => errors.push(String(e)));
    (current as Page & { errors?: string[] }).errors = errors;
  });
  return {
    page: () => {
      if (!current) throw new Error('no page: use page() inside a test');
      return current;
    },
    baseUrl,
  };
}

export async function openApp(page: Page, baseUrl: string, query = ''): Promise<void> {
  await page.goto(`${baseUrl}${query}`);
  await page.getByRole('article').waitFor();
  await page.waitForFunction(() => !!window.cy && window.cy.nodes().length > 0);
  await page.locator('[aria-label="Network graph"][data-ready="true"]').waitFor();
}

/**
 * Reloads the page as a reader would who is asked by the browser whether to leave while something
 * is still being written (see leaveWarning): they stay, and reload again a moment later. Playwright
 * itself would leave at once, and what was being written would be lost.
 */
export async function reloadWhenSaved(page: Page, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const asked = new Promise<boolean>((resolve) => {
      const stay = (d: Dialog) => {
        if (d.type() !== 'beforeunload') return;
        stop();
        void d.dismiss().then(() => resolve(true));
      };
      const left = () => {
        stop();
        resolve(false);
      };
      const stop = () => {
        page.off('dialog', stay);
        page.off('load', left);
      };
      page.on('dialog', stay);
      page.on('load', left);
    });
    // Not page.reload(), which waits for a load that never comes when the reader stays.
    await page.evaluate(() => void setTimeout(() => location.reload(), 0));
    if (!(await asked)) return;
    if (Date.now() > until) {
      throw new Error(
        `the page still asked before leaving after ${timeoutMs} ms: a write never ended`,
      );
    }
    await page.waitForTimeout(50);
  }
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

/** A record of the app's browser storage (IndexedDB `ariadne`, store `library`), or null. */
export async function storedRecord(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (k) =>
      new Promise((resolve) => {
        const open = indexedDB.open('ariadne');
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('library').objectStore('library').get(k);
          request.onsuccess = () => resolve(request.result ?? null);
          request.onerror = () => resolve(null);
          db.close();
        };
      }),
    key,
  );
}

/** Where a node is drawn, in page coordinates, so the mouse can click it like a person. */
export async function nodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((nodeId) => {
    const cy = window.cy!;
    const pos = cy.$id(nodeId).renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + pos.x, y: box.top + pos.y };
  }, id);
}

/** Drags a node by the mouse, as a person would, and returns where it ended up (graph coordinates). */
export async function dragNode(
  page: Page,
  id: string,
  by: { x: number; y: number },
): Promise<{ x: number; y: number }> {
  const from = await nodePoint(page, id);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 5 });
  await page.mouse.up();
  return modelPosition(page, id);
}

export async function modelPosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((nodeId) => ({ ...window.cy!.$id(nodeId).position() }), id);
}

/** Every drawn node's position (graph coordinates), by id. */
export async function nodePositions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() =>
    Object.fromEntries(window.cy!.nodes().map((n) => [n.id(), { ...n.position() }])),
  );
}

/** Pairs of drawn nodes whose boxes, labels included, overlap ("a/b"). */
export async function overlappingNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = window.cy!.nodes().map((n) => ({
      id: n.id(),
      b: n.boundingBox({ includeLabels: true, includeOverlays: false }),
    }));
    const hits: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.b;
        const c = boxes[j]!.b;
        if (a.x1 < c.x2 && c.x1 < a.x2 && a.y1 < c.y2 && c.y1 < a.y2)
          hits.push(`${boxes[i]!.id}/${boxes[j]!.id}`);
      }
    return hits;
  });
}

export async function selectedNodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.cy!.$('node:selected').map((n) => n.id()));
}

/** Waits until exactly that node, and no other, is selected in the graph. */
export async function waitForSelectedNode(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (nodeId) =>
      window
        .cy!.$('node:selected')
        .map((n) => n.id())
        .join() === nodeId,
    id,
  );
}

export async function currentSentences(page: Page): Promise<string[]> {
  return page.$$eval('[aria-current="true"]', (els) =>
    els.map((e) => e.getAttribute('data-sentence') ?? ''),
  );
}

/** Whether the element is inside the visible part of its scroll container and of the window. */
export async function isScrolledIntoView(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    let p = el.parentElement;
    while (p && p.scrollHeight <= p.clientHeight) p = p.parentElement;
    const box = p ? p.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    return r.bottom > box.top && r.top < box.bottom && r.top >= 0 && r.bottom <= window.innerHeight;
  });
}

/** Exports the open document as brat standoff and collects the `files` files it downloads. */
export async function exportBrat(
  p: Page,
  files: number,
): Promise<{ name: string; buffer: Buffer }[]> {
  await p.getByText('Export', { exact: true }).click();
  const downloads: { name: string; buffer: Buffer }[] = [];
  const collected = new Promise<void>((resolve) => {
    p.on('download', (d) => {
      void d.path().then((path) => {
        downloads.push({ name: d.suggestedFilename(), buffer: readFileSync(path) });
        if (downloads.length === files) resolve();
      });
    });
  });
  await p.getByRole('button', { name: 'Document (brat standoff)' }).click();
  await collected;
  return downloads;
}

/** Chooses one export of a single file from the Export menu; returns the file as downloaded. */
export async function exportOne(p: Page, label: string): Promise<{ name: string; buffer: Buffer }> {
  await p.getByText('Export', { exact: true }).click();
  const [download] = await Promise.all([
    p.waitForEvent('download'),
    p.getByRole('button', { name: label }).click(),
  ]);
  return { name: download.suggestedFilename(), buffer: readFileSync(await download.path()) };
}

/** A PNG's width and height, from its header. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The graph's size at zoom 1: a PNG export is twice that, short of its cap. */
export async function graphSize(p: Page): Promise<{ w: number; h: number }> {
  return p.evaluate(() => {
    const bb = window.cy!.elements().boundingBox();
    return { w: bb.w, h: bb.h };
  });
}

/** Opens files (as downloaded) through the file input, as a person re-importing them would. */
export async function openFiles(p: Page, files: { name: string; buffer: Buffer }[]): Promise<void> {
  await p
    .getByLabel('Open documents')
    .setInputFiles(files.map((d) => ({ name: d.name, mimeType: 'text/plain', buffer: d.buffer })));
}
