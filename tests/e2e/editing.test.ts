import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  dragNode,
  exportBrat,
  exportOne,
  openApp,
  openFiles,
  overlappingNodes,
  pageErrors,
  reloadWhenSaved,
  setupBrowser,
} from './helpers';
import type { AriadneDocument } from '../../src/domain/model';
import { PASTED_ARTICLE } from '../fixtures/pasted-article';

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

/** Renames Hayat Tahrir al-Sham "HTS" from the details panel, as a reader would. */
async function renameHayatToHts(p: Page): Promise<void> {
  await p.getByRole('searchbox', { name: 'Search entities' }).fill('Hayat');
  await p.keyboard.press('Enter');
  const details = p.getByRole('complementary', { name: 'Entity details' });
  await details.locator('details.entity-editor summary').click();
  await details.getByRole('textbox', { name: 'Name' }).fill('HTS');
  await details.getByRole('button', { name: 'Rename', exact: true }).click();
  await p.waitForFunction(() => window.cy!.$('node:selected').data('label') === 'HTS');
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

    await reloadWhenSaved(page());
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

  it('draws an edit and its undo in place: no node of the graph moves', async () => {
    await openApp(page(), baseUrl);
    const where = () =>
      page().evaluate(() =>
        Object.fromEntries(
          window.cy!.nodes().map((n) => [n.id(), `${n.position().x},${n.position().y}`]),
        ),
      );
    const before = await where();
    await renameHayatToHts(page());
    expect(await where()).toEqual(before);

    await page().getByRole('button', { name: 'Undo' }).click();
    await page().waitForFunction(
      () => window.cy!.$('node:selected').data('label') === 'Hayat Tahrir al-Sham',
    );
    expect(await where()).toEqual(before);
  });

  it('exports the document as it is on screen: after an edit, and after its undo', async () => {
    await openApp(page(), baseUrl);
    const hts = async () => {
      const file = await exportOne(page(), 'Document (Ariadne JSON)');
      const doc = JSON.parse(file.buffer.toString()) as AriadneDocument;
      return doc.entities.find((e) => e.id === 'e-hts')?.name;
    };
    expect(await hts()).toBe('Hayat Tahrir al-Sham');
    await renameHayatToHts(page());
    expect(await hts()).toBe('HTS');
    await page().getByRole('button', { name: 'Undo' }).click();
    await page().waitForFunction(
      () => window.cy!.$('node:selected').data('label') === 'Hayat Tahrir al-Sham',
    );
    expect(await hts()).toBe('Hayat Tahrir al-Sham');
    expect(pageErrors(page())).toEqual([]);
  });

  it("keeps the reader's place in the text through annotating, editing and undoing, and starts another text at its top", async () => {
    await openApp(page(), baseUrl);
    const text = page().locator('main');
    const scrolled = () => text.evaluate((m) => m.scrollTop);
    const sentence = await page().evaluate(() =>
      [...document.querySelectorAll('[data-sentence]')]
        .find((el) => el.textContent!.includes('stakeholders'))!
        .getAttribute('data-sentence')!,
    );
    const point = await wordPoint(page(), Number(sentence), 'stakeholders');
    const place = await scrolled();
    // Far enough down that the top of the text is out of view.
    expect(place).toBeGreaterThan(200);

    // The built-in article's first edit makes its edited copy.
    await page().mouse.dblclick(point.x, point.y);
    const form = page().getByRole('form', { name: 'Annotate selection' });
    await form.getByRole('combobox', { name: 'New actor of type' }).selectOption('Person');
    await form.getByRole('button', { name: 'Create actor' }).click();
    await page().waitForFunction(
      () => window.cy!.$('node:selected').data('label') === 'stakeholders',
    );
    await page().waitForTimeout(300);
    expect(Math.abs((await scrolled()) - place)).toBeLessThan(5);

    const details = page().getByRole('complementary', { name: 'Entity details' });
    await details.locator('details.entity-editor summary').click();
    await details.getByRole('textbox', { name: 'Name' }).fill('Stakeholders');
    await details.getByRole('button', { name: 'Rename', exact: true }).click();
    await page().waitForFunction(
      () => window.cy!.$('node:selected').data('label') === 'Stakeholders',
    );
    await page().getByRole('button', { name: 'Undo' }).click();
    await page().waitForFunction(
      () => window.cy!.$('node:selected').data('label') === 'stakeholders',
    );
    await page().waitForTimeout(300);
    expect(Math.abs((await scrolled()) - place)).toBeLessThan(5);

    await openFiles(page(), [
      {
        name: 'another.txt',
        buffer: Buffer.from(
          Array.from({ length: 80 }, (_, i) => `Line ${i + 1} of another report.`).join('\n'),
        ),
      },
    ]);
    await page()
      .getByRole('article', { name: /another/i })
      .waitFor();
    await expect.poll(scrolled).toBe(0);
    expect(pageErrors(page())).toEqual([]);
  });

  it("keeps the reader's arrangement of the graph in the edited copy of the built-in article", async () => {
    await openApp(page(), baseUrl);
    const picture = () =>
      page().evaluate(() =>
        Object.fromEntries(
          window
            .cy!.nodes()
            .map((n) => [n.id(), [Math.round(n.position().x), Math.round(n.position().y)]]),
        ),
      );
    await dragNode(page(), 'e-moscow', { x: -60, y: 50 });
    const arranged = await picture();
    await renameHayatToHts(page());

    await reloadWhenSaved(page());
    await openApp(page(), baseUrl);
    await page().waitForFunction(() => window.cy!.$id('e-hts').data('label') === 'HTS');
    expect(await picture()).toEqual(arranged);
    await page().getByRole('button', { name: 'Unpin 1 dragged node' }).waitFor();
  });

  it('suggests annotations for a pasted article and accepts them into the graph', async () => {
    await openApp(page(), baseUrl);
    await page().getByRole('button', { name: 'Paste text' }).click();
    await page().getByLabel('Text to paste').fill(PASTED_ARTICLE);
    await page().getByRole('button', { name: 'Add to library' }).click();
    await page()
      .getByRole('article', { name: /Ministers meet in Lisbon/ })
      .waitFor();
    // The graph is drawn once the text has painted: it then holds the pasted article's actors, none.
    await page().waitForFunction(() => window.cy!.nodes().length === 0);

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
    // The first actors of an empty graph are laid out and framed, not piled where they were added.
    await page().locator('[aria-label="Network graph"][data-ready="true"]').waitFor();
    await expect.poll(() => overlappingNodes(page())).toEqual([]);

    await panel.getByRole('button', { name: 'Look again' }).click();
    const relations = panel.getByRole('region', { name: 'Relations' });
    await relations.waitFor();
    await relations.getByRole('button', { name: 'Accept all' }).click();
    await page().waitForFunction(() => window.cy!.edges().length >= 1);
  });

  it('shows how far the suggestion engine is on a long text, then what it found', async () => {
    await openApp(page(), baseUrl);
    await page().getByRole('button', { name: 'Paste text' }).click();
    // About 28,000 words: the engine takes most of a second or more in its worker, and reports
    // every 0.1 s.
    const body = PASTED_ARTICLE.split('\n').slice(1).join(' ');
    const text = `Ministers meet again\n${Array.from({ length: 800 }, () => body).join('\n')}`;
    await page().getByLabel('Text to paste').fill(text);
    await page().getByRole('button', { name: 'Add to library' }).click();
    await page()
      .getByRole('article', { name: /Ministers meet again/ })
      .waitFor();
    await page().evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('progress[aria-label="Finding suggestions"]');
        if (bar) seen.push(`${bar.getAttribute('value')} ${bar.nextElementSibling?.textContent}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const panel = page().locator('details.suggestions');
    await panel.locator('summary').click();
    await panel.getByRole('button', { name: 'Suggest annotations' }).click();
    await panel.getByRole('region', { name: 'New actors' }).waitFor({ timeout: 60_000 });
    const seen = await page().evaluate(
      () => (window as unknown as { progressSeen: string[] }).progressSeen,
    );
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen) {
      expect(line).toMatch(/^(0(\.\d+)?|1) (Reading the text for names|Pairing actors): \d+%$/);
    }
    expect(await panel.locator('progress').count()).toBe(0);
  });

  it('fixes a type, merges two actors, adds a relation, keeps it all after a reload, and exports brat that re-imports unchanged', async () => {
    await openApp(page(), baseUrl);
    await page().getByRole('button', { name: 'Paste text' }).click();
    await page()
      .getByLabel('Text to paste')
      .fill(
        'Talks in Vienna\n' +
          'Chancellor Karl Huber met Anna Berg in Vienna on Friday. ' +
          'Berg told Huber that the Alpine Union would fund the project. ' +
          'Huber said the Union was a partner.',
      );
    await page().getByRole('button', { name: 'Add to library' }).click();
    await page()
      .getByRole('article', { name: /Talks in Vienna/ })
      .waitFor();
    const panel = page().locator('details.suggestions');
    await panel.locator('summary').click();
    await panel.getByRole('button', { name: 'Suggest annotations' }).click();
    await panel
      .getByRole('region', { name: 'New actors' })
      .getByRole('button', { name: 'Accept all' })
      .click();
    await page().waitForFunction(() => window.cy!.nodes().length >= 3);
    await panel.getByRole('button', { name: 'Look again' }).click();
    const others = panel.getByRole('region', { name: 'Other mentions of known actors' });
    if (await others.count()) await others.getByRole('button', { name: 'Accept all' }).click();

    const details = page().getByRole('complementary', { name: 'Entity details' });
    const openEditor = async () => {
      const editor = details.locator('details.entity-editor');
      if ((await editor.getAttribute('open')) === null) await editor.locator('summary').click();
    };
    // Fix one actor's type.
    await page().getByRole('searchbox', { name: 'Search entities' }).fill('Vienna');
    await page().keyboard.press('Enter');
    await openEditor();
    await details.getByRole('combobox', { name: 'Type' }).selectOption('Place');
    await page().waitForFunction(() => window.cy!.$('node:selected').data('type') === 'location');

    // Merge two actors: the two names of the Union when the suggestions kept them apart.
    const names = await page().evaluate(() =>
      window.cy!.nodes().map((n) => n.data('label') as string),
    );
    const union = names.filter((n) => /Union/.test(n));
    const [keep, drop] = union.length >= 2 ? union : [names[0]!, names[1]!];
    await page().getByRole('searchbox', { name: 'Search entities' }).fill(keep!);
    await page().keyboard.press('Enter');
    await openEditor();
    await details
      .getByRole('combobox', { name: 'Merge into this actor' })
      .selectOption({ label: drop! });
    await details.getByRole('button', { name: 'Merge' }).click();
    await page().waitForFunction(
      (gone) => !window.cy!.nodes().some((n) => n.data('label') === gone),
      drop,
    );

    // Add a relation from the panel, with the current sentence as evidence.
    await page().getByRole('searchbox', { name: 'Search entities' }).fill('Berg');
    await page().keyboard.press('Enter');
    await openEditor();
    const form = details.getByRole('form', { name: 'Add a relation' });
    await form.getByRole('combobox', { name: 'Other actor' }).selectOption({ label: 'Karl Huber' });
    await form
      .getByRole('combobox', { name: 'Relation' })
      .selectOption({ label: 'New relation type…' });
    await form.getByRole('textbox', { name: 'New type' }).fill('briefed');
    await form.getByRole('button', { name: 'Add relation' }).click();
    await page().waitForFunction(() => window.cy!.edges('[label = "briefed"]').length === 1);
    const before = await page().evaluate(() => ({
      nodes: window.cy!.nodes().length,
      edges: window.cy!.edges().length,
      vienna: window.cy!.nodes('[label = "Vienna"]').data('type') as string,
    }));

    await reloadWhenSaved(page());
    await page()
      .getByRole('article', { name: /Talks in Vienna/ })
      .waitFor();
    await page().waitForFunction(
      (n) => !!window.cy && window.cy.nodes().length === n,
      before.nodes,
    );
    expect(
      await page().evaluate(() => ({
        nodes: window.cy!.nodes().length,
        edges: window.cy!.edges().length,
        vienna: window.cy!.nodes('[label = "Vienna"]').data('type') as string,
      })),
    ).toEqual(before);

    // Export brat and re-import it: the same actors and relations.
    const downloads = await exportBrat(page(), 4);
    await openFiles(page(), downloads);
    await expect
      .poll(() =>
        page()
          .getByRole('region', { name: /Documents/ })
          .getByRole('button', { name: /^Talks in Vienna/ })
          .count(),
      )
      .toBe(2);
    await page().waitForFunction(
      (n) => window.cy!.nodes().length === n && window.cy!.edges().length > 0,
      before.nodes,
    );
    expect(
      await page().evaluate(() => ({
        nodes: window.cy!.nodes().length,
        edges: window.cy!.edges().length,
      })),
    ).toEqual({ nodes: before.nodes, edges: before.edges });
  }, 90_000);
});
