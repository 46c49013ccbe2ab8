/**
 * Takes the screenshots in docs/ from the built app in headless Chromium:
 * `npm run screenshots`. Look at them after any visible change.
 */
import { ensureChromium, launchChromium } from '../tests/e2e/chromium';
import { buildAndServe } from '../tests/e2e/server';

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

    await ready('?hide=armed-group,government,location,media,person,state');
    await page.screenshot({ path: `${out}everything-filtered.png` });

    await page.setViewportSize({ width: 420, height: 900 });
    await ready();
    await page.screenshot({ path: `${out}narrow.png`, fullPage: true });
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
