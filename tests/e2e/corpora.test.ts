import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, overlappingNodes, pageErrors, setupBrowser } from './helpers';

const { page, baseUrl } = setupBrowser();
const CORPORA = resolve(new URL('.', import.meta.url).pathname, '../../../shared/corpora');

/** The document's files as the file input takes them: its text, annotations and configuration. */
function filesOf(ann: string) {
  return [ann.replace(/\.ann$/, '.txt'), ann, ...confs(ann)].map((path) => ({
    name: basename(path),
    mimeType: 'text/plain',
    buffer: readFileSync(path),
  }));
}

/** Opens a corpus document and waits until the article shows its first line. */
async function openDocument(ann: string): Promise<void> {
  await page().getByLabel('Open documents').setInputFiles(filesOf(ann));
  const txt = ann.replace(/\.ann$/, '.txt');
  const firstLine = readFileSync(txt, 'utf8').trim().split('\n')[0]!.trim().slice(0, 30);
  await page().waitForFunction(
    (start) => (document.querySelector('article')?.textContent ?? '').includes(start),
    firstLine,
  );
}

function annFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return annFiles(path);
    return name.endsWith('.ann') && existsSync(path.replace(/\.ann$/, '.txt')) ? [path] : [];
  });
}

/** The nearest annotation.conf and visual.conf, walking up from the document's folder. */
function confs(ann: string): string[] {
  const found: string[] = [];
  for (const name of ['annotation.conf', 'visual.conf']) {
    for (let dir = dirname(ann); dir.startsWith(CORPORA); dir = dirname(dir)) {
      if (existsSync(join(dir, name))) {
        found.push(join(dir, name));
        break;
      }
    }
  }
  return found;
}

describe('real brat documents written by others', () => {
  it('finds the shared corpora beside the repository', () => {
    expect(
      existsSync(CORPORA),
      `shared corpora not found at ${CORPORA}: clone with ../shared beside the repo`,
    ).toBe(true);
  });

  it('opens every corpus document in the browser with its highlights and graph', async () => {
    await openApp(page(), baseUrl);
    const docs = existsSync(CORPORA) ? annFiles(CORPORA) : [];
    expect(docs.length).toBeGreaterThan(20);
    for (const ann of docs) {
      const annotated = readFileSync(ann, 'utf8')
        .split('\n')
        .filter((l) => /^T\d/.test(l)).length;
      // The new document is open once the article shows its text.
      await openDocument(ann);
      const mentions = await page().locator('article [data-mention]').count();
      if (annotated > 0) expect(mentions, `${ann}: no highlights`).toBeGreaterThan(0);
      else expect(mentions).toBe(0);
      await page().waitForFunction(() => !!window.cy);
    }
    expect(pageErrors(page())).toEqual([]);
  }, 240_000);

  it('lays out their graphs, small (on the page) or larger (in the worker), with no label on top of another', async () => {
    await openApp(page(), baseUrl);
    // The built-in article's, laid out on the page as every graph of up to 20 actors is.
    const overlaps = (await overlappingNodes(page())).map((o) => `built-in: ${o}`);
    // Past 20 actors the worker lays the graph out without the page's canvas: it measures the
    // labels on its own, and the stress layout packs nodes as close as those measures allow.
    const docs = existsSync(CORPORA) ? annFiles(CORPORA) : [];
    let small = 0;
    let checked = 0;
    let everyActor = 0;
    for (const ann of docs) {
      await openDocument(ann);
      // `data-ready` turns false with the new document's text and true once its graph is drawn.
      await page().locator('[aria-label="Network graph"][data-ready="true"]').waitFor();
      const nodes = await page().evaluate(() => window.cy!.nodes().length);
      if (nodes < 2) continue;
      if (nodes <= 20) small++;
      else checked++;
      overlaps.push(...(await overlappingNodes(page())).map((o) => `${basename(ann)}: ${o}`));
      // Every actor of a document past the overview's 80, laid out by the same stress layout up to
      // 400 (past that a spectral draft, with no such promise).
      // A document opens on its overview, whatever the one before showed.
      expect(await page().getByRole('button', { name: 'Show overview' }).count()).toBe(0);
      const showAll = page().getByRole('button', { name: /^Show all [\d,]+$/ });
      if ((await showAll.count()) === 0) continue;
      const total = Number((await showAll.textContent())!.replace(/\D/g, ''));
      if (total > 400) continue;
      await showAll.click();
      await page().getByRole('button', { name: 'Show overview' }).waitFor();
      await page().locator('[aria-label="Network graph"][data-ready="true"]').waitFor();
      everyActor++;
      overlaps.push(...(await overlappingNodes(page())).map((o) => `${basename(ann)}, all: ${o}`));
    }
    expect(small).toBeGreaterThanOrEqual(15);
    expect(everyActor).toBeGreaterThanOrEqual(2);
    expect(checked).toBeGreaterThanOrEqual(8);
    expect(overlaps).toEqual([]);
    expect(pageErrors(page())).toEqual([]);
  }, 240_000);
});
