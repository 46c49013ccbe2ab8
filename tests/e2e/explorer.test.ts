import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  currentSentences,
  dragNode,
  isScrolledIntoView,
  modelPosition,
  nodePoint,
  nodePositions,
  openApp,
  overlappingNodes,
  pageErrors,
  reloadWhenSaved,
  selectedNodeIds,
  setupBrowser,
  storedRecord,
} from './helpers';
import { clearestEdge } from './graphPoints';

const { page, baseUrl } = setupBrowser();

type Point = { x: number; y: number };

async function visibleNodeTypes(p: Page): Promise<string[]> {
  return p.evaluate(() => [
    ...new Set(
      window
        .cy!.nodes()
        .filter((n) => n.style('display') !== 'none')
        .map((n) => n.data('type') as string),
    ),
  ]);
}

describe('the explorer in a real browser', () => {
  it('opens on the built-in article with its graph and no errors', async () => {
    // Not even a warning in the console, where power users script the graph.
    const messages: string[] = [];
    page().on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') messages.push(m.text());
    });
    await openApp(page(), baseUrl);
    await expect(page().getByRole('article').textContent()).resolves.toContain(
      'Russia will assess the actions and activities of Hayat Tahrir al-Sham (HTS)',
    );
    const counts = await page().evaluate(() => ({
      nodes: window.cy!.nodes().length,
      edges: window.cy!.edges().length,
    }));
    expect(counts.nodes).toBeGreaterThanOrEqual(13);
    expect(counts.edges).toBeGreaterThanOrEqual(15);
    const data = await page().evaluate(() => window.cy!.$id('e-russia').data());
    expect(data).toMatchObject({ id: 'e-russia', label: 'Russia', type: 'state' });
    expect(pageErrors(page())).toEqual([]);
    expect(messages).toEqual([]);
  });

  it('draws the graph without restyling what it draws', async () => {
    await openApp(page(), baseUrl);
    await page().evaluate(() => {
      const w = window as unknown as { drawn: { frames: number; restyled: number } };
      w.drawn = { frames: 0, restyled: 0 };
      window.cy!.on('render', () => w.drawn.frames++);
      window.cy!.on('style', () => w.drawn.restyled++);
    });
    // Drawn again, at a new scale: every node is drawn anew.
    await page().getByRole('button', { name: 'Zoom in' }).click();
    await page().waitForTimeout(500);
    const drawn = await page().evaluate(
      () => (window as unknown as { drawn: { frames: number; restyled: number } }).drawn,
    );
    expect(drawn.frames).toBeGreaterThan(0);
    // Unpatched, Cytoscape restyled every node it drew, twice (patches/: its state for background
    // images flipped although the node has none), and measured it all again on the next frame.
    expect(drawn.restyled).toBe(0);
  });

  it('asks for no frame while nothing changes, and for frames again for a change or an animation', async () => {
    await page()
      .context()
      .addInitScript(() => {
        const w = window as unknown as { frameRequests: number };
        w.frameRequests = 0;
        const request = window.requestAnimationFrame.bind(window);
        window.requestAnimationFrame = (callback) => {
          w.frameRequests++;
          return request(callback);
        };
      });
    await openApp(page(), baseUrl);
    const requests = () =>
      page().evaluate(() => (window as unknown as { frameRequests: number }).frameRequests);
    // Opening settles (layout, pictures, the text's measuring): then half a second without a
    // request, and none in the second after it. Unpatched, Cytoscape asked for every frame.
    const quietBy = Date.now() + 10_000;
    for (let last = -1; ;) {
      const now = await requests();
      if (now === last) break;
      if (Date.now() > quietBy) throw new Error(`still asking for frames: ${now} requests`);
      last = now;
      await page().waitForTimeout(500);
    }
    const before = await requests();
    await page().waitForTimeout(1_000);
    expect(await requests()).toBe(before);

    // An animation started while the loop sleeps is stepped to its end (it asks for no redraw).
    const target = await page().evaluate(() => {
      const cy = window.cy!;
      const pan = { x: cy.pan().x + 40, y: cy.pan().y + 25 };
      cy.animate({ pan }, { duration: 200 });
      return pan;
    });
    await page().waitForFunction(() => !window.cy!.animated(), undefined, { timeout: 5_000 });
    const pan = await page().evaluate(() => window.cy!.pan());
    expect(pan.x).toBeCloseTo(target.x, 5);
    expect(pan.y).toBeCloseTo(target.y, 5);

    // A change is drawn.
    const drawn = await page().evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const cy = window.cy!;
          cy.one('render', () => resolve(true));
          setTimeout(() => resolve(false), 2_000);
          cy.nodes()[0]!.select();
        }),
    );
    expect(drawn).toBe(true);
  });

  it('measures a text in a font once, and gives the width a canvas measures for it', async () => {
    await openApp(page(), baseUrl);
    const found = await page().evaluate(() => {
      type Dims = { width: number; height: number };
      const cy = window.cy!;
      // The canvas renderer's label measure (patches/README.md, Cytoscape patch 13).
      const r = (
        cy as unknown as {
          renderer: () => { calculateLabelDimensions: (ele: unknown, text: string) => Dims };
        }
      ).renderer();
      const [a, b] = cy.nodes().toArray();
      let calls = 0;
      const measure = CanvasRenderingContext2D.prototype.measureText;
      CanvasRenderingContext2D.prototype.measureText = function (text: string) {
        calls++;
        return measure.call(this, text);
      };
      const text = 'A label measured only once \u{1F30D}';
      try {
        const first = r.calculateLabelDimensions(a, text);
        const again = r.calculateLabelDimensions(a, text);
        // Another node in the same font: the same measure.
        const other = r.calculateLabelDimensions(b, text);
        const afterThree = calls;
        first.width = -1;
        const kept = r.calculateLabelDimensions(a, text);
        const c2d = document.createElement('canvas').getContext('2d')!;
        const node = a!;
        c2d.font = `${node.style('font-style')} ${node.style('font-weight')} ${node.numericStyle('font-size')}px ${node.style('font-family')}`;
        return {
          afterThree,
          widths: [again.width, other.width, kept.width],
          canvas: Math.ceil(measure.call(c2d, text).width),
          height: kept.height,
          size: node.numericStyle('font-size'),
        };
      } finally {
        CanvasRenderingContext2D.prototype.measureText = measure;
      }
    });
    expect(found.afterThree).toBe(1);
    // The same width each time, a caller's change to what it was given notwithstanding.
    expect(found.widths).toEqual([found.canvas, found.canvas, found.canvas]);
    expect(found.canvas).toBeGreaterThan(100);
    expect(found.height).toBe(found.size);
  });

  it('selects the node of an entity clicked in the text', async () => {
    await openApp(page(), baseUrl);
    await page().locator('[data-entity="e-zakharova"]').nth(1).click();
    expect(await selectedNodeIds(page())).toEqual(['e-zakharova']);
    const panel = page().getByRole('complementary', { name: 'Entity details' });
    await expect(panel.getByRole('heading').first().textContent()).resolves.toBe('Maria Zakharova');
    // The neighbourhood stays bright, the rest fades.
    const faded = await page().evaluate(() => ({
      neighbour: window.cy!.$id('e-foreign-ministry').hasClass('faded'),
      stranger: window.cy!.$id('e-tass').hasClass('faded'),
    }));
    expect(faded).toEqual({ neighbour: false, stranger: true });
  });

  it('selects the entity when clicking on any character of a mention, even its edge', async () => {
    await openApp(page(), baseUrl);
    const mention = page().locator('[data-entity="e-kremlin"]').first();
    await mention.scrollIntoViewIfNeeded();
    const box = (await mention.boundingBox())!;
    await page().mouse.click(box.x + box.width - 1, box.y + box.height / 2);
    expect(await selectedNodeIds(page())).toEqual(['e-kremlin']);
  });

  it('hides the nodes of an actor type, and every edge touching them, when its box is unchecked', async () => {
    await openApp(page(), baseUrl);
    const group = page().getByRole('group', { name: 'Actor types' });
    await group.getByRole('checkbox', { name: /^Person/ }).uncheck();
    expect(await visibleNodeTypes(page())).not.toContain('person');
    const dangling = await page().evaluate(
      () =>
        window
          .cy!.edges()
          .filter(
            (e) =>
              e.style('display') !== 'none' &&
              (e.source().data('type') === 'person' || e.target().data('type') === 'person'),
          ).length,
    );
    expect(dangling).toBe(0);
    await expect(
      page()
        .getByRole('region', { name: /Actors/ })
        .getByText('Maria Zakharova')
        .count(),
    ).resolves.toBe(0);
    await group.getByRole('checkbox', { name: /^Person/ }).check();
    expect(await visibleNodeTypes(page())).toContain('person');
  });

  it('hides the edges of a relation type when its box is unchecked', async () => {
    await openApp(page(), baseUrl);
    const group = page().getByRole('group', { name: 'Relation types' });
    await group.getByRole('checkbox', { name: /^speaks for/ }).uncheck();
    const shown = await page().evaluate(
      () => window.cy!.edges('[type = "spokesperson-of"]').filter((e) => e.visible()).length,
    );
    expect(shown).toBe(0);
  });

  it('brings an actor selected out of view into it in one step when the reader asks for less motion', async () => {
    await page().emulateMedia({ reducedMotion: 'reduce' });
    await openApp(page(), baseUrl);
    await page().locator('[aria-label="Network graph"][data-ready="true"]').waitFor();
    // Zoomed in on one actor, most of the others are out of view.
    const away = await page().evaluate(() => {
      const cy = window.cy!;
      const first = cy.nodes()[0]!;
      cy.zoom({ level: 4, position: first.position() });
      cy.center(first);
      const e = cy.extent();
      const out = cy.nodes().filter((n) => {
        const p = n.position();
        return p.x < e.x1 || p.x > e.x2 || p.y < e.y1 || p.y > e.y2;
      });
      return out[0]!.id();
    });
    await page().locator(`article [data-entity="${away}"]`).first().click();
    // At the first frame that shows it selected, it is already in view and nothing is moving.
    const seen = await page().waitForFunction((id) => {
      const cy = window.cy!;
      const n = cy.$id(id);
      if (!n.selected()) return null;
      const e = cy.extent();
      const p = n.position();
      const inView = p.x >= e.x1 && p.x <= e.x2 && p.y >= e.y1 && p.y <= e.y2;
      return { inView, moving: cy.animated() };
    }, away);
    expect(await seen.jsonValue()).toEqual({ inView: true, moving: false });
  });

  it('lands on the sentence of the first mention when a node is clicked', async () => {
    await page().setViewportSize({ width: 1280, height: 600 });
    await openApp(page(), baseUrl);
    const id = 'e-tass';
    const point = await nodePoint(page(), id);
    await page().mouse.click(point.x, point.y);
    expect(await selectedNodeIds(page())).toEqual([id]);
    const first = await page()
      .locator(`[data-entity="${id}"]`)
      .first()
      .evaluate((el) => el.closest('[data-sentence]')!.getAttribute('data-sentence'));
    expect(await currentSentences(page())).toEqual([first]);
    expect(await isScrolledIntoView(page(), `[data-sentence="${first}"]`)).toBe(true);
  });

  it('lands on the evidence sentence when an edge is clicked', async () => {
    await openApp(page(), baseUrl);
    // The edge whose midpoint is farthest from every node, so the click cannot land on a node.
    const { id: edge, ...point } = await clearestEdge(page());
    await page().mouse.click(point.x, point.y);
    await page().waitForFunction(
      (id) =>
        window
          .cy!.$('edge:selected')
          .map((e) => e.id())
          .join() === id,
      edge,
    );
    const current = await currentSentences(page());
    expect(current).toHaveLength(1);
    expect(await isScrolledIntoView(page(), `[data-sentence="${current[0]}"]`)).toBe(true);
  });

  it('names the relation of an edge under the pointer on the edge itself', async () => {
    await openApp(page(), baseUrl);
    const { id, ...point } = await clearestEdge(page());
    await page().mouse.move(point.x, point.y);
    await page().waitForFunction(
      (edgeId) => window.cy!.$id(edgeId).style('text-opacity') === '1',
      id,
    );
    expect(await page().evaluate(() => window.cy!.edges('.hover').map((e) => e.id()))).toEqual([
      id,
    ]);
    // A graph this small is cheap to restyle: no tooltip over it.
    expect(await page().getByRole('tooltip').count()).toBe(0);
    await page().mouse.move(5, 5);
    await page().waitForFunction(
      (edgeId) => window.cy!.$id(edgeId).style('text-opacity') === '0',
      id,
    );
  });

  it('steps to the next mention with the key and with the button', async () => {
    await openApp(page(), baseUrl);
    await page().getByRole('searchbox', { name: 'Search entities' }).fill('Assad');
    await page().keyboard.press('Enter');
    expect(await selectedNodeIds(page())).toEqual(['e-assad']);
    const first = await currentSentences(page());
    await page()
      .getByRole('button', { name: /Next mention/ })
      .click();
    const second = await currentSentences(page());
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);
    await page()
      .locator('body')
      .click({ position: { x: 5, y: 5 } });
    await page().keyboard.press(']');
    const third = await currentSentences(page());
    expect(third).not.toEqual(second);
    expect(await isScrolledIntoView(page(), `[data-sentence="${third[0]}"]`)).toBe(true);
  });

  it('keeps the selection and filters across a reload and walks them back with Back', async () => {
    await openApp(page(), baseUrl);
    await page().locator('[data-entity="e-hts"]').first().click();
    await page()
      .getByRole('group', { name: 'Actor types' })
      .getByRole('checkbox', { name: /^Place/ })
      .uncheck();
    // The URL is written once the change is painted.
    await expect.poll(() => page().url()).toContain('hide=location');
    expect(page().url()).toContain('entity=e-hts');
    await reloadWhenSaved(page());
    await page().waitForFunction(() => !!window.cy && window.cy.nodes().length > 0);
    expect(await selectedNodeIds(page())).toEqual(['e-hts']);
    expect(await visibleNodeTypes(page())).not.toContain('location');
    await page().goBack();
    await page().waitForFunction(
      () => window.cy!.nodes('[type = "location"]').filter((n) => !n.visible()).length === 0,
    );
    expect(await selectedNodeIds(page())).toEqual(['e-hts']);
    // Back again reaches the view before the click; Forward twice returns (Back added no entry).
    await page().goBack();
    await page().waitForFunction(() => window.cy!.$(':selected').length === 0);
    await page().goForward();
    await page().waitForFunction(() => window.cy!.$id('e-hts').selected());
    await page().goForward();
    await page().waitForFunction(
      () => window.cy!.nodes('[type = "location"]').filter((n) => n.visible()).length === 0,
    );
    expect(page().url()).toContain('hide=location');
  });

  it('keeps a dragged node where the user put it when the layout is re-run', async () => {
    await openApp(page(), baseUrl);
    // Elements Cytoscape holds as grabbed, in its drag layer or as the grab target (its freeing
    // of them after a press is patched to look at the marked ones alone).
    const held = () =>
      page().evaluate(
        () =>
          window.cy!.elements().filter((e) => {
            const p = (
              e as unknown as {
                _private: { grabbed: boolean; rscratch: Record<string, unknown> };
              }
            )._private;
            return p.grabbed || p.rscratch.inDragLayer === true || p.rscratch.isGrabTarget === true;
          }).length,
      );
    const from = await nodePoint(page(), 'e-moscow');
    await page().mouse.move(from.x, from.y);
    await page().mouse.down();
    await page().mouse.move(from.x + 40, from.y + 30, { steps: 5 });
    // The node, its relations and the grab target.
    expect(await held()).toBeGreaterThan(1);
    await page().mouse.up();
    expect(await held()).toBe(0);
    const tap = await nodePoint(page(), 'e-hts');
    await page().mouse.click(tap.x, tap.y);
    expect(await held()).toBe(0);
    const dropped = await page().evaluate(() => ({ ...window.cy!.$id('e-moscow').position() }));
    await page().getByRole('button', { name: 'Re-run layout' }).click();
    const after = await page().evaluate(() => ({ ...window.cy!.$id('e-moscow').position() }));
    expect(Math.abs(after.x - dropped.x)).toBeLessThan(1);
    expect(Math.abs(after.y - dropped.y)).toBeLessThan(1);
  });

  it('draws the graph as the reader left it after a reload: dragged, re-laid out, unpinned, reset', async () => {
    const picture = () => nodePositions(page());
    const expectSame = (a: Record<string, Point>, b: Record<string, Point>) => {
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
      for (const [id, p] of Object.entries(a)) {
        expect(Math.abs(b[id]!.x - p.x), id).toBeLessThan(1);
        expect(Math.abs(b[id]!.y - p.y), id).toBeLessThan(1);
      }
    };
    // How far the nodes of `b` are from where they are in `a`, at most.
    const furthest = (a: Record<string, Point>, b: Record<string, Point>) =>
      Math.max(
        ...Object.entries(a).map(([id, p]) =>
          b[id] ? Math.max(Math.abs(b[id].x - p.x), Math.abs(b[id].y - p.y)) : Infinity,
        ),
        Object.keys(b).length === Object.keys(a).length ? 0 : Infinity,
      );
    await openApp(page(), baseUrl);
    const original = await picture();
    expect(await page().getByRole('button', { name: 'Reset layout' }).count()).toBe(0);
    const dropped = await dragNode(page(), 'e-moscow', { x: 70, y: 50 });
    const arranged = await picture();
    expect(arranged['e-moscow']).toEqual(dropped);
    await page().getByRole('button', { name: 'Unpin 1 dragged node' }).waitFor();
    await expect
      .poll(() => storedRecord(page(), 'layout:hts-terror-list'))
      .toEqual({ positions: arranged, pinned: ['e-moscow'] });

    await reloadWhenSaved(page());
    await openApp(page(), baseUrl);
    expectSame(arranged, await picture());

    // Re-run layout keeps the pinned node, and a reload shows the new picture.
    await page().getByRole('button', { name: 'Re-run layout' }).click();
    const relaid = await picture();
    expectSame({ 'e-moscow': dropped }, { 'e-moscow': relaid['e-moscow']! });
    await expect
      .poll(async () => (await storedRecord(page(), 'layout:hts-terror-list')) as object)
      .toMatchObject({ positions: relaid });
    await reloadWhenSaved(page());
    await openApp(page(), baseUrl);
    expectSame(relaid, await picture());

    // Unpinned, it moves with the others on the next layout.
    const unpin = page().getByRole('button', { name: 'Unpin 1 dragged node' });
    await unpin.click();
    await expect.poll(() => unpin.count()).toBe(0);
    await page().getByRole('button', { name: 'Re-run layout' }).click();
    const moved = await modelPosition(page(), 'e-moscow');
    expect(Math.hypot(moved.x - dropped.x, moved.y - dropped.y)).toBeGreaterThan(1);

    // Reset: the first picture again, now and after a reload.
    const reset = page().getByRole('button', { name: 'Reset layout' });
    await reset.click();
    await expect.poll(() => reset.count()).toBe(0);
    // The graph is drawn afresh once the page has painted without the button.
    await expect.poll(async () => furthest(original, await picture())).toBeLessThan(1);
    await expect.poll(() => storedRecord(page(), 'layout:hts-terror-list')).toBeNull();
    await reloadWhenSaved(page());
    await openApp(page(), baseUrl);
    expectSame(original, await picture());
    expect(pageErrors(page())).toEqual([]);
  });

  it('draws the same graph on every load, and a fresh one on "Re-run layout"', async () => {
    const positions = () =>
      page().evaluate(() =>
        window
          .cy!.nodes()
          .map((n) => `${n.id()}@${Math.round(n.position('x'))},${Math.round(n.position('y'))}`),
      );
    await openApp(page(), baseUrl);
    const first = await positions();
    await reloadWhenSaved(page());
    await openApp(page(), baseUrl);
    expect(await positions()).toEqual(first);
    await page().getByRole('button', { name: 'Re-run layout' }).click();
    expect(await positions()).not.toEqual(first);
  });

  it('draws no two node labels on top of each other on first sight', async () => {
    await openApp(page(), baseUrl);
    const overlaps = await overlappingNodes(page());
    expect(overlaps).toEqual([]);
  });

  it('has no serious or critical accessibility violations', async () => {
    await openApp(page(), baseUrl);
    await page().locator('[data-entity="e-russia"]').first().click();
    const require = createRequire(import.meta.url);
    await page().addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page().evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              c: unknown,
            ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(document);
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
  });

  it('says so when the filters hide every actor, and brings them back', async () => {
    await openApp(page(), baseUrl, '?hide=armed-group,government,location,media,person,state');
    const graph = page().getByRole('region', { name: 'Network graph' });
    await graph.getByText('Every actor is hidden by the type filters.').waitFor();
    expect(await visibleNodeTypes(page())).toEqual([]);
    await graph.getByRole('button', { name: 'Show all types' }).click();
    expect((await visibleNodeTypes(page())).length).toBe(6);
  });

  it('stays usable in a narrow window', async () => {
    await page().setViewportSize({ width: 420, height: 800 });
    await openApp(page(), baseUrl);
    const width = await page().evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(420);
    await page().locator('[data-entity="e-russia"]').first().click();
    expect(await selectedNodeIds(page())).toEqual(['e-russia']);
  });
});
