import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, setupBrowser } from './helpers';

const { page, baseUrl } = setupBrowser();

/** The centre of a word inside a sentence, so the mouse can double-click it like a reader. */
async function wordPoint(p: Page, sentence: number, word: string) {
  return p.evaluate(
    ({ sentence, word }) => {
      const el = document.querySelector(`[data-sentence="${sentence}"]`)!;
      el.scrollIntoView({ block: 'center' });
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const at = t.textContent!.indexOf(word);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(t, at);
        range.setEnd(t, at + word.length);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      throw new Error(`${word} not found`);
    },
    { sentence, word },
  );
}

describe('annotating in a real browser', () => {
  it('annotates a double-clicked word as a new actor, and keeps it after a reload', async () => {
    await openApp(page(), baseUrl);
    const point = await wordPoint(page(), 3, 'conference');
    await page().mouse.dblclick(point.x, point.y);
    const form = page().getByRole('form', { name: 'Annotate selection' });
    await form.waitFor();
    await form.getByRole('combobox', { name: 'New actor of type' }).selectOption('Place');
    await form.getByRole('button', { name: 'Create actor' }).click();
    await page().waitForFunction(
      () => window.cy!.$('node:selected').data('label') === 'conference',
    );
    expect(await page().locator('[data-sentence="3"] [data-mention]').allTextContents()).toContain(
      'conference',
    );

    await page().reload();
    await page().getByRole('article').waitFor();
    await page().waitForFunction(() => !!window.cy && window.cy.$id('e-conference').nonempty());
    expect(await page().locator('[data-sentence="3"] [data-mention]').allTextContents()).toContain(
      'conference',
    );
    await expect
      .poll(() =>
        page()
          .getByRole('region', { name: /Documents/ })
          .textContent(),
      )
      .toContain('(edited)');
  });

  it('suggests annotations for a pasted article and accepts them into the graph', async () => {
    await openApp(page(), baseUrl);
    await page().getByRole('button', { name: 'Paste text' }).click();
    await page()
      .getByLabel('Text to paste')
      .fill(
        'Ministers meet in Lisbon\n' +
          'LISBON (Reuters) – Portugal and Spain signed a water treaty on Monday, ' +
          'Prime Minister Ana Costa said. Costa met President Luis Ortega in Lisbon. ' +
          'Ortega praised Portugal for the deal.',
      );
    await page().getByRole('button', { name: 'Add to library' }).click();
    await page()
      .getByRole('article', { name: /Ministers meet in Lisbon/ })
      .waitFor();
    expect(await page().evaluate(() => window.cy!.nodes().length)).toBe(0);

    const panel = page().locator('details.suggestions');
    await panel.locator('summary').click();
    await panel.getByRole('button', { name: 'Suggest annotations' }).click();
    const actors = panel.getByRole('region', { name: 'New actors' });
    await actors.waitFor();
    const text = (await actors.textContent()) ?? '';
    expect(text).toContain('Portugal');
    expect(text).toContain('Ana Costa');
    // Suggestions stay out of the graph until accepted.
    expect(await page().evaluate(() => window.cy!.nodes().length)).toBe(0);
    await actors.getByRole('button', { name: 'Accept all' }).click();
    await page().waitForFunction(() => window.cy!.nodes().length >= 4);
    expect(await page().locator('article [data-mention]').count()).toBeGreaterThanOrEqual(5);

    await panel.getByRole('button', { name: 'Look again' }).click();
    const relations = panel.getByRole('region', { name: 'Relations' });
    await relations.waitFor();
    await relations.getByRole('button', { name: 'Accept all' }).click();
    await page().waitForFunction(() => window.cy!.edges().length >= 1);
  });
});
