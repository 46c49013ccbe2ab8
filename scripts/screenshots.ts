/**
 * Takes the screenshots in docs/ from the built app in headless Chromium:
 * `npm run screenshots`. Look at them after any visible change.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDocument } from '../bench/generate';
import { ensureChromium, launchChromium } from '../tests/e2e/chromium';
import { clearestEdge } from '../tests/e2e/graphPoints';
import { buildAndServe } from '../tests/e2e/server';
import { PASTED_ARTICLE } from '../tests/fixtures/pasted-article';

const out = new URL('../docs/', import.meta.url).pathname;

async function main() {
  ensureChromium();
  const server = await buildAndServe();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const ready = async (query = '') => {
      await page.goto(`${server.url}${query}`);
      await page.waitForFunction(() => !!window.cy && window.cy.nodes().length > 0);
      await page.waitForTimeout(400);
    };
    /** Until the graph is drawn and holds at least `nodes` nodes, then a moment to settle. */
    const drawn = async (nodes: number, settleMs: number) => {
      await page.waitForFunction(
        (n) =>
          document.querySelector('[aria-label="Network graph"][data-ready="true"]') !== null &&
          (window.cy?.nodes().length ?? 0) >= n,
        nodes,
        { timeout: 90_000 },
      );
      await page.waitForTimeout(settleMs);
    };
    await ready();
    await page.screenshot({ path: `${out}overview.png` });

    await page.getByRole('searchbox', { name: 'Search entities' }).fill('Zakharova');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}entity-selected.png` });

    await page
      .getByRole('button', { name: /Show in text/ })
      .first()
      .click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}relation-evidence.png` });

    await page.getByText('Edit this actor').click();
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}editing-panel.png` });

    // Double-click a word to annotate it.
    await ready();
    const point = await page.evaluate(() => {
      const el = document.querySelector('[data-sentence="3"]');
      const walker = document.createTreeWalker(el!, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const at = t.textContent!.indexOf('conference');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(t, at);
        range.setEnd(t, at + 10);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      return { x: 0, y: 0 };
    });
    await page.mouse.dblclick(point.x, point.y);
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}annotate-selection.png` });

    await ready('?hide=armed-group,government,location,media,person,state');
    await page.screenshot({ path: `${out}everything-filtered.png` });

    await page.setViewportSize({ width: 420, height: 900 });
    await ready();
    await page.screenshot({ path: `${out}narrow.png`, fullPage: true });

    // A pasted article and what the suggestion engine finds in it.
    await page.setViewportSize({ width: 1440, height: 900 });
    await ready();
    await page.getByRole('button', { name: 'Paste text' }).click();
    await page.getByLabel('Text to paste').fill(PASTED_ARTICLE);
    await page.getByRole('button', { name: 'Add to library' }).click();
    const suggestions = page.locator('details.suggestions');
    await suggestions.locator('summary').click();
    await suggestions.getByRole('button', { name: 'Suggest annotations' }).click();
    await suggestions.getByRole('region', { name: 'New actors' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}suggestions.png` });

    // A long generated document: the overview graph, then one actor's neighbourhood in it. Last,
    // because the library keeps it as the open document for later page loads. The pasted article,
    // open now, has no actors yet: its graph is empty.
    await page.goto(server.url);
    await page.getByRole('article').first().waitFor();
    const dir = mkdtempSync(join(tmpdir(), 'ariadne-shots-'));
    const file = join(dir, 'generated-report.json');
    const generated = generateDocument({ words: 100_000, entities: 5_000 });
    writeFileSync(file, JSON.stringify(generated));
    await page.getByLabel('Open documents').setInputFiles(file);
    await drawn(80, 600);
    await page.screenshot({ path: `${out}large-document.png` });
    // An actor the overview leaves out: its neighbourhood is drawn beside the overview.
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('article .mention')].findIndex(
        (m) => window.cy?.$id(m.dataset.entity ?? '').empty() ?? false,
      ),
    );
    await page.locator('article .mention').nth(Math.max(outside, 0)).click();
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${out}large-document-selected.png` });
    // Every actor: the related ones laid out, those in no relation in rows under them.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Show all/ }).click();
    await drawn(5_000, 1_000);
    // The pointer on a relation: at this size it is named in a tooltip, not restyled.
    const edge = await clearestEdge(page);
    await page.mouse.move(edge.x, edge.y);
    await page.getByRole('tooltip').waitFor();
    await page.screenshot({ path: `${out}large-document-all.png` });
    // A selection there is drawn above the graph (SelectionLayer): zoomed in on it.
    await page.mouse.move(1100, 820);
    await page.locator('article .mention').first().click();
    await page.waitForFunction(() => (window.cySelection?.nodes().length ?? 0) > 0);
    await page.evaluate(() => {
      const cy = window.cy!;
      const at = cy.$('node:selected').renderedPosition();
      cy.zoom({ level: cy.zoom() * 4, renderedPosition: at });
    });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `${out}large-document-all-selected.png` });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Show overview' }).click();
    // An edit of the long document: a mention deleted from its actor's editor, then undone.
    await page.locator('article .mention').nth(2).click();
    const details = page.getByRole('complementary', { name: 'Entity details' });
    await details.getByText('Edit this actor').click();
    await details.getByRole('button', { name: /^Delete mention/ }).click();
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${out}large-document-edited.png` });
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.keyboard.press('Escape');
    // Suggestions for the annotated 100,000 words take seconds: a bar says how far the engine is.
    const looking = page.locator('details.suggestions');
    await looking.locator('summary').click();
    await looking.getByRole('button', { name: 'Suggest annotations' }).click();
    await looking.getByText(/^Pairing actors: [1-9]\d%$/).waitFor({ timeout: 60_000 });
    await page.mouse.move(1100, 820);
    await page.screenshot({ path: `${out}large-document-suggesting.png` });
    await looking.getByRole('button', { name: 'Look again' }).waitFor({ timeout: 60_000 });
    // The same 100,000 words without their annotations: what the suggestion engine finds there.
    const plainFile = join(dir, 'generated-report.txt');
    writeFileSync(plainFile, generated.text);
    await page.getByLabel('Open documents').setInputFiles(plainFile);
    await page.waitForFunction(() => window.cy?.nodes().length === 0);
    const found = page.locator('details.suggestions');
    if ((await found.getAttribute('open')) === null) await found.locator('summary').click();
    await found.getByRole('button', { name: 'Suggest annotations' }).click();
    await found.getByRole('region', { name: 'New actors' }).waitFor({ timeout: 60_000 });
    await page.mouse.move(1100, 820);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}large-document-suggestions.png` });
    await found.locator('summary').click();
    // Off the graph's toolbar, which would show a button hovered.
    await page.mouse.move(1100, 820);
    // A corpus: 200 short documents at once; the library scrolls in a list of its own.
    const corpus = Array.from({ length: 200 }, (_, i) => {
      const path = join(dir, `field-report-${i + 1}.json`);
      const doc = generateDocument({
        words: 400,
        entities: 20,
        seed: i + 1,
        title: `Field report ${i + 1}`,
      });
      writeFileSync(path, JSON.stringify(doc));
      return path;
    });
    await page.getByLabel('Open documents').setInputFiles(corpus);
    await page.getByRole('article', { name: /Field report 1$/ }).waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () =>
        Number(
          /\((\d+)\)/.exec(document.getElementById('library-heading')?.textContent ?? '')?.[1],
        ) > 200,
    );
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${out}library.png` });
    rmSync(dir, { recursive: true, force: true });
    console.log(`screenshots written to ${out}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
