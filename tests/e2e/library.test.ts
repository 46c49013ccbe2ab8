import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import {
  exportBrat,
  exportOne,
  graphSize,
  openApp,
  openFiles,
  pageErrors,
  pngSize,
  reloadWhenSaved,
  setupBrowser,
  storedRecord,
} from './helpers';

const { page, baseUrl } = setupBrowser();
const FIXTURES = new URL('../fixtures/brat/news/', import.meta.url).pathname;

function fixture(name: string): { name: string; mimeType: string; buffer: Buffer } {
  return { name, mimeType: 'text/plain', buffer: readFileSync(FIXTURES + name) };
}

async function waitForDocument(p: Page, title: RegExp): Promise<void> {
  await p.getByRole('article', { name: title }).waitFor();
  await p.waitForFunction(() => !!window.cy);
}

async function graphCounts(p: Page) {
  return p.evaluate(() => ({ nodes: window.cy!.nodes().length, edges: window.cy!.edges().length }));
}

const library = (p: Page) => p.getByRole('region', { name: /Documents/ });

describe('opening, keeping and exporting documents', () => {
  it('opens a brat document chosen with the file input, with highlights and a graph', async () => {
    await openApp(page(), baseUrl);
    await page()
      .getByLabel('Open documents')
      .setInputFiles([
        fixture('000-introduction.txt'),
        fixture('000-introduction.ann'),
        fixture('annotation.conf'),
      ]);
    await waitForDocument(page(), /Welcome to the brat/i);
    expect(await page().locator('article [data-mention]').count()).toBeGreaterThan(3);
    await page().waitForFunction(() => window.cy!.nodes().length > 3);
    expect((await graphCounts(page())).edges).toBeGreaterThan(0);
    await expect(
      library(page())
        .getByRole('button', { name: /^Welcome to the brat/i })
        .count(),
    ).resolves.toBe(1);
    expect(pageErrors(page())).toEqual([]);
  });

  it('opens files dropped on the window', async () => {
    await openApp(page(), baseUrl);
    const files = ['060-relation_annotation.txt', '060-relation_annotation.ann'].map((n) => ({
      name: n,
      text: readFileSync(FIXTURES + n, 'utf8'),
    }));
    await page().evaluate((fs) => {
      const dt = new DataTransfer();
      for (const f of fs) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, files);
    await page().waitForFunction(() =>
      document
        .querySelector('article')
        ?.getAttribute('aria-label')
        ?.includes('Relation annotation'),
    );
    expect(await page().locator('article [data-mention]').count()).toBeGreaterThan(5);
  });

  it('reports a bad file in an alert naming it, and keeps the good ones', async () => {
    await openApp(page(), baseUrl);
    await page()
      .getByLabel('Open documents')
      .setInputFiles([
        {
          name: 'broken.json',
          mimeType: 'application/json',
          buffer: Buffer.from('{"format": "ariadne/9"}'),
        },
        {
          name: 'lonely.ann',
          mimeType: 'text/plain',
          buffer: Buffer.from('T1\tPerson 0 4\tJohn\n'),
        },
        {
          name: 'good.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('Good news\nA plain article.'),
        },
      ]);
    const alert = page().getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('broken.json');
    expect(text).toContain('lonely.ann');
    await waitForDocument(page(), /Good news/);
    await expect(
      library(page())
        .getByRole('button', { name: /^Good news/ })
        .count(),
    ).resolves.toBe(1);
  });

  it('shows text containing markup as text, and never runs it', async () => {
    await openApp(page(), baseUrl);
    const evil =
      'Evil <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=1</script> end.';
    await page()
      .getByLabel('Open documents')
      .setInputFiles([{ name: 'evil.txt', mimeType: 'text/plain', buffer: Buffer.from(evil) }]);
    await page().getByRole('article', { name: /Evil/ }).waitFor();
    expect(await page().getByRole('article').textContent()).toContain(
      '<script>window.__pwned=1</script>',
    );
    expect(
      await page().evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page().locator('article img').count()).toBe(0);
  });

  it('brings back the library and the open document after a reload, and removes with undo', async () => {
    await openApp(page(), baseUrl);
    await page()
      .getByLabel('Open documents')
      .setInputFiles([
        fixture('070-editing_relation_annotations.txt'),
        fixture('070-editing_relation_annotations.ann'),
      ]);
    await waitForDocument(page(), /Editing relation/i);
    // The document is written once it has painted: a reload in that frame would come too soon.
    await expect
      .poll(async () => {
        const meta = (await storedRecord(page(), 'meta')) as { openId?: string } | null;
        return meta?.openId && (await storedRecord(page(), `doc:${meta.openId}`)) !== null;
      })
      .toBe(true);
    await reloadWhenSaved(page());
    await waitForDocument(page(), /Editing relation/i);
    const entry = library(page()).getByRole('button', { name: /^Editing relation/i });
    await expect(entry.count()).resolves.toBe(1);
    await library(page())
      .getByRole('button', { name: /^Remove / })
      .first()
      .click();
    await expect(entry.count()).resolves.toBe(0);
    await library(page()).getByRole('button', { name: 'Undo' }).click();
    await expect(entry.count()).resolves.toBe(1);
  });

  it('asks before the page goes while a document is still being written, and loses nothing', async () => {
    await openApp(page(), baseUrl);
    // Storage kept busy: a write transaction on the library's store is held open, so the app's
    // write of the next document waits behind it, as a slow write of hundreds would.
    await page().evaluate(
      () =>
        new Promise<void>((held) => {
          const open = indexedDB.open('ariadne');
          open.onsuccess = () => {
            const db = open.result;
            const store = db.transaction('library', 'readwrite').objectStore('library');
            const w = window as Window & { holdStorage?: boolean };
            w.holdStorage = true;
            const spin = () => {
              if (w.holdStorage) store.get('meta').onsuccess = spin;
              else db.close();
            };
            spin();
            held();
          };
        }),
    );
    const asked: string[] = [];
    const answer = (d: Dialog) => {
      asked.push(d.type());
      // The reader chooses to stay.
      void d.dismiss();
    };
    page().on('dialog', answer);
    try {
      await page()
        .getByLabel('Open documents')
        .setInputFiles({
          name: 'held.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('Held back for a while.\nAlice met Bob in Paris.\n'),
        });
      await waitForDocument(page(), /Held back/);
      // A browser asks only on a page the reader has used.
      await page().getByRole('article').click();
      await library(page()).getByText('Saving 1 document in this browser…').waitFor();
      await page().evaluate(() => setTimeout(() => location.reload(), 0));
      await expect.poll(() => asked).toEqual(['beforeunload']);
      // Still here, and the document still waits for its write.
      await page()
        .getByRole('article', { name: /Held back/ })
        .waitFor();
      await library(page()).getByText('Saving 1 document in this browser…').waitFor();
      await page().evaluate(() => {
        (window as Window & { holdStorage?: boolean }).holdStorage = false;
      });
      await library(page())
        .getByText(/^Saving/)
        .waitFor({ state: 'hidden' });
      // Written: leaving asks nothing, and the document is there after the reload.
      await page().reload();
      await waitForDocument(page(), /Held back/);
      expect(asked).toEqual(['beforeunload']);
    } finally {
      page().off('dialog', answer);
    }
    expect(pageErrors(page())).toEqual([]);
  });

  it('keeps a library of 150 documents in a list of its own, search and actors still in reach', async () => {
    await openApp(page(), baseUrl);
    const files = Array.from({ length: 150 }, (_, i) => ({
      name: `report-${String(i).padStart(3, '0')}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(`Report number ${i}.\nAlice met Bob in Paris on day ${i}.\n`),
    }));
    await page().getByLabel('Open documents').setInputFiles(files);
    await waitForDocument(page(), /of Report number 0\./);
    await expect(library(page()).getByRole('heading').textContent()).resolves.toMatch(/\(151\)/);
    // Only the entries in view are drawn, and the one just opened is among them, in view.
    const drawn = await library(page()).locator('.library-open').count();
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(40);
    const open = library(page()).locator('[aria-current="page"]');
    await expect(open.textContent()).resolves.toMatch(/^Report number 0\./);
    const list = library(page()).getByRole('list');
    const inList = async (el: typeof open) => {
      const [a, b] = await Promise.all([el.boundingBox(), list.boundingBox()]);
      return !!a && !!b && a.y >= b.y - 1 && a.y + a.height <= b.y + b.height + 1;
    };
    await expect(inList(open)).resolves.toBe(true);
    // The search box below the library is on screen without scrolling the sidebar.
    const search = await page().getByRole('searchbox', { name: 'Search entities' }).boundingBox();
    expect(search && search.y + search.height).toBeLessThanOrEqual(page().viewportSize()!.height);
    // The last document is reached by scrolling the list, and opens.
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = library(page()).getByRole('button', { name: /^Report number 149\./ });
    await last.click();
    await waitForDocument(page(), /of Report number 149\./);
    await expect(inList(library(page()).locator('[aria-current="page"]'))).resolves.toBe(true);
    // After a reload the document open last comes first, then the rest of the library, in order.
    await page().waitForFunction(async () => {
      const meta = await new Promise<{ openId?: string; order?: string[] } | null>((resolve) => {
        const open = indexedDB.open('ariadne');
        open.onsuccess = () => {
          const request = open.result.transaction('library').objectStore('library').get('meta');
          request.onsuccess = () => resolve(request.result ?? null);
          open.result.close();
        };
      });
      return meta?.order?.length === 151 && /149/.test(meta.openId ?? '');
    });
    // Storage has every document before the page goes (each is written once it has painted).
    await page().waitForFunction(
      async () =>
        (
          await new Promise<IDBValidKey[]>((resolve) => {
            const open = indexedDB.open('ariadne');
            open.onsuccess = () => {
              const request = open.result
                .transaction('library')
                .objectStore('library')
                .getAllKeys();
              request.onsuccess = () => resolve(request.result);
              open.result.close();
            };
          })
        ).filter((k) => String(k).startsWith('doc:')).length === 150,
    );
    await reloadWhenSaved(page());
    await waitForDocument(page(), /of Report number 149\./);
    await page().waitForFunction(() =>
      /\(151\)/.test(document.getElementById('library-heading')?.textContent ?? ''),
    );
    // The list followed the open document as the rest of the library arrived above it.
    await expect.poll(() => inList(library(page()).locator('[aria-current="page"]'))).toBe(true);
    // Once the reader scrolls the list it stays where they took it, even as entries above the open
    // one come and go.
    const box = (await list.boundingBox())!;
    await page().mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page().mouse.wheel(0, -1e6);
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0);
    const titles = await library(page()).locator('.library-title').allTextContents();
    expect(titles[0]).toMatch(/^Russia/);
    expect(titles[1]).toMatch(/^Report number 0\./);
    const twoFrames = () =>
      page().evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
    await library(page())
      .getByRole('button', { name: /^Remove Report number 0\./ })
      .click();
    await twoFrames();
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
    await library(page()).getByRole('button', { name: 'Undo' }).click();
    await twoFrames();
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
    await library(page())
      .getByRole('button', { name: /^Report number 0\./ })
      .waitFor();
    // The keyboard reaches every entry, drawn or not: arrows, Home and End move focus between
    // entries, and the entry holding focus stays drawn when the list scrolls away from it.
    const focused = () => page().evaluate(() => document.activeElement?.textContent ?? '');
    await library(page())
      .getByRole('button', { name: /^Report number 0\./ })
      .focus();
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await twoFrames();
    expect(await focused()).toMatch(/^Report number 0\./);
    await page().keyboard.press('ArrowDown');
    await expect.poll(focused).toMatch(/^Report number 1\./);
    const focusedEntry = library(page()).locator('.library-open:focus');
    await expect.poll(() => inList(focusedEntry)).toBe(true);
    await page().keyboard.press('End');
    await expect.poll(focused).toMatch(/^Report number 149\./);
    await expect.poll(() => inList(focusedEntry)).toBe(true);
    await page().keyboard.press('ArrowUp');
    await expect.poll(focused).toMatch(/^Report number 148\./);
    await page().keyboard.press('Home');
    await expect.poll(focused).toMatch(/^Russia/);
    await page().keyboard.press('Enter');
    await page()
      .getByRole('article', { name: /Conditions Must Be Met/ })
      .waitFor();
    expect(pageErrors(page())).toEqual([]);
  });

  it('opens ?doc=<url> for a JSON document and for a .txt with its .ann beside it', async () => {
    await page().route('**/remote/**', (route) => {
      const name = route.request().url().split('/').pop()!;
      if (name === 'missing.ann' || name === 'annotation.conf')
        return route.fulfill({ status: 404 });
      return route.fulfill({ body: readFileSync(FIXTURES + name) });
    });
    await page().goto(`${baseUrl}?doc=${encodeURIComponent('remote/080-event-annotation.txt')}`);
    await waitForDocument(page(), /Event annotation/i);
    expect(await page().locator('article [data-mention]').count()).toBeGreaterThan(10);
    expect(page().url()).toContain('doc=');
  });

  it('exports brat standoff that re-imports to the same annotations', async () => {
    await openApp(page(), baseUrl);
    await page()
      .getByLabel('Open documents')
      .setInputFiles([
        fixture('110-note_annotation.txt'),
        fixture('110-note_annotation.ann'),
        fixture('annotation.conf'),
        fixture('visual.conf'),
      ]);
    await waitForDocument(page(), /Annotation notes/i);
    await page().locator('[aria-label="Network graph"][data-ready="true"]').waitFor();
    const before = await graphCounts(page());
    const mentionsBefore = await page().locator('article [data-mention]').count();
    const downloads = await exportBrat(page(), 4);
    expect(downloads.map((d) => d.name).sort()).toEqual(
      ['annotation.conf', 'annotation-notes.ann', 'annotation-notes.txt', 'visual.conf'].sort(),
    );
    await openFiles(page(), downloads);
    await expect
      .poll(() =>
        library(page())
          .getByRole('button', { name: /^Annotation notes/ })
          .count(),
      )
      .toBe(2);
    await page().waitForFunction((n) => window.cy!.nodes().length === n, before.nodes);
    expect(await graphCounts(page())).toEqual(before);
    expect(await page().locator('article [data-mention]').count()).toBe(mentionsBefore);
  });

  it('exports the graph as PNG, SVG and GraphML, and actors and relations as CSV', async () => {
    await openApp(page(), baseUrl);
    const base = 'russia-conditions-must-be-met-to-remove-syria-s-hts-from';
    const expectations: [string, string, (b: Buffer) => boolean][] = [
      ['Graph picture (PNG)', `${base}.png`, (b) => b.subarray(1, 4).toString() === 'PNG'],
      ['Graph picture (SVG)', `${base}.svg`, (b) => /<svg[\s\S]*<\/svg>\s*$/.test(b.toString())],
      ['Graph (GraphML)', `${base}.graphml`, (b) => b.toString().includes('<graphml')],
      ['Actors (CSV)', `${base}-actors.csv`, (b) => b.toString().includes('Maria Zakharova')],
      ['Relations (CSV)', `${base}-relations.csv`, (b) => b.toString().split('\r\n').length > 20],
      [
        'Document (Ariadne JSON)',
        `${base}.ariadne.json`,
        (b) => JSON.parse(b.toString()).format === 'ariadne/1',
      ],
    ];
    for (const [button, name, check] of expectations) {
      const file = await exportOne(page(), button);
      expect(file.name).toBe(name);
      expect(check(file.buffer), name).toBe(true);
      if (button === 'Graph picture (PNG)') {
        // The whole graph at twice its size.
        const { w, h } = await graphSize(page());
        const { width, height } = pngSize(file.buffer);
        expect(Math.abs(width - 2 * w)).toBeLessThanOrEqual(2);
        expect(Math.abs(height - 2 * h)).toBeLessThanOrEqual(2);
      }
    }
  });

  it('says there is nothing to draw when a picture is asked of a graph with no actor', async () => {
    await openApp(page(), baseUrl);
    await page().getByRole('button', { name: 'Paste text' }).click();
    await page().getByLabel('Text to paste').fill('Ministers met in Lisbon on Monday.');
    await page().getByRole('button', { name: 'Add to library' }).click();
    await page()
      .getByRole('article', { name: /Ministers met in Lisbon/ })
      .waitFor();
    let downloads = 0;
    page().on('download', () => downloads++);
    for (const picture of ['Graph picture (PNG)', 'Graph picture (SVG)']) {
      await page().getByText('Export', { exact: true }).click();
      await page().getByRole('button', { name: picture }).click();
      const alert = page().getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/shows no actor to draw/);
      await alert.getByRole('button', { name: 'Dismiss' }).click();
    }
    expect(downloads).toBe(0);
    expect(pageErrors(page())).toEqual([]);
  });

  it('says what brat cannot hold when exporting the built-in article', async () => {
    await openApp(page(), baseUrl);
    const downloads = await exportBrat(page(), 4);
    expect(downloads.map((d) => d.name)).toContain(
      'russia-conditions-must-be-met-to-remove-syria-s-hts-from.ann',
    );
    const alert = page().getByRole('alert');
    await alert.waitFor();
    const said = await alert.textContent();
    expect(said).toMatch(/brat has no place for a description/);
    // HTS and ISIS share the pronoun "its": Equiv lines keep them apart, so nothing merges.
    expect(said).not.toMatch(/share a type and a mention text/);
  });
});
