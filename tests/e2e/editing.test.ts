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
});
