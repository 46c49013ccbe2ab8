/**
 * The in-page half of the benchmark, installed in every page before its own scripts run
 * (`context.addInitScript`). It timestamps the real input event with a capturing listener, polls a
 * condition once per animation frame, and once the condition holds waits for that frame to be
 * painted (a `setTimeout(0)` queued from the frame's `requestAnimationFrame` runs after the paint).
 *
 * `installRuntime` is serialised into the page, so it must not use anything from this module's
 * scope: only its own locals and the page's globals.
 */
import type { Core } from 'cytoscape';

/** What "done" means for one measurement; evaluated in the page once per frame. */
export type Check =
  /** The article's first few thousand characters contain `needle` (the document's first sentence). */
  | { kind: 'textShown'; needle: string }
  /** The graph section is ready and `cy` holds the new document's laid-out nodes. */
  | { kind: 'graphUsable'; entityId: string }
  /** The graph section is ready and `cy` holds `count` nodes, laid out (every actor shown). */
  | { kind: 'allShown'; count: number }
  /** `cy` has exactly that node selected and the details panel's first heading is its name. */
  | { kind: 'entitySelected'; entityId: string; name: string }
  /** The text shows no part of that mention. */
  | { kind: 'mentionGone'; mentionId: string }
  /** That node is selected, its label in `cy` is `name` and so is the details panel's heading. */
  | { kind: 'named'; entityId: string; name: string }
  /** That node is selected and a sentence marked `aria-current="true"` is in view. */
  | { kind: 'jumped'; entityId: string }
  /** Every node of the type has `display: none` (or none is left in `cy`). */
  | { kind: 'typeHidden'; type: string }
  /** At least `count` nodes of the type are displayed again. */
  | { kind: 'typeShown'; type: string; count: number }
  /** An element labelled `name` (a region, a button…) is on the page. */
  | { kind: 'labelled'; name: string }
  /** The text shows a mention and the graph section is ready, holding laid-out nodes. */
  | { kind: 'annotated' }
  /** The search box holds `query` and the actor list changed since the input event. */
  | { kind: 'listUpdated'; query: string }
  /** The naive page: its panel heading is the entity's name, the clicked mention is marked and
   * the entity's node selected. */
  | { kind: 'naiveSelected'; entityId: string; name: string }
  /** The naive page: the text holds `needle` and the graph holds all `nodes` nodes. */
  | { kind: 'naiveShown'; needle: string; nodes: number }
  /** The floor page: its panel heading is the entity's name and the clicked mention is marked. */
  | { kind: 'floorSelected'; entityId: string; name: string };

export type Outcome = { ok: true; ms: number } | { ok: false; reason: string };

export interface LongTask {
  readonly start: number;
  readonly duration: number;
}

/** A mention on screen to click, in page coordinates. */
export interface MentionTarget {
  readonly x: number;
  readonly y: number;
  readonly entityId: string;
  readonly mentionId: string;
}

/** A graph node to click, in page coordinates. */
export interface NodeTarget {
  readonly x: number;
  readonly y: number;
  readonly id: string;
  readonly renderedSize: number;
}

export interface BenchRuntime {
  /** When the armed input event arrived (`performance.now()`), null until it does. */
  t0: number | null;
  /** Set by the mutation observer started with `arm(…, observe)`. */
  mutated: boolean;
  longTasks: LongTask[];
  /** Waits for the next `type` event anywhere in the page; optionally watches an element for changes. */
  arm: (type: string, observeRegion?: string) => void;
  /** Times from the page's navigation instead (`performance.now()`'s origin): for a reload. */
  fromNavigation: () => void;
  /**
   * Starts polling for `check` once per frame and returns a handle for `outcome`. Awaited before the input is sent, so that
   * the poller is running when the input comes: a `page.evaluate` still on its way when the input
   * arrives waits behind it (Chromium runs input first), and its first poll can come frames later.
   */
  watch: (check: Check, timeoutMs: number) => number;
  /** The outcome of the wait `watch` started. */
  outcome: (handle: number) => Promise<Outcome>;
  /**
   * Frame-to-frame intervals (ms) of `requestAnimationFrame` over `durationMs`, and how far the
   * text's container scrolled in all (the sum of its per-frame movements, px).
   */
  frames: (durationMs: number) => Promise<{ intervals: number[]; scrolled: number }>;
  /** Resolves after two frames have been painted. */
  settle: () => Promise<void>;
  /** Scrolls the text's container to `fraction` of its height. */
  scrollText: (fraction: number) => void;
  /** The `pick`-th (mod count) mention whose first line box lies inside the visible text. */
  pickMention: (pick: number) => MentionTarget | null;
  /** A node of the graph that a click can hit unambiguously, preferring the `pick`-th. */
  pickNode: (pick: number, minSize: number) => NodeTarget | null;
  /** Where to click that node, if it is drawn at least `minSize` px wide and nothing else is there. */
  nodeTarget: (id: string, minSize: number) => NodeTarget | null;
  /** Element count of the whole page and of the article. */
  domCounts: () => { page: number; article: number };
}

declare global {
  interface Window {
    __bench?: BenchRuntime;
  }
}

export function installRuntime(): void {
  // Our TypeScript runner names functions with a helper that the page does not have.
  const g = globalThis as unknown as { __name?: (f: unknown) => unknown };
  g.__name ??= (f: unknown) => f;

  const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const cyOf = (): Core | undefined => window.cy;

  /** An element whose aria-label, or aria-labelledby text, is `name` (or matches it). */
  const named = (name: string | RegExp): Element | null => {
    for (const el of document.querySelectorAll('[aria-label], [aria-labelledby]')) {
      const label =
        el.getAttribute('aria-label') ??
        (el.getAttribute('aria-labelledby') ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ');
      if (typeof name === 'string' ? label.trim() === name : name.test(label)) return el;
    }
    return null;
  };

  /** Whether the element is inside its scroll container's visible part and the window. */
  const inView = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    let p = el.parentElement;
    while (p && p.scrollHeight <= p.clientHeight) p = p.parentElement;
    const box = p ? p.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    return r.bottom > box.top && r.top < box.bottom && r.bottom > 0 && r.top < window.innerHeight;
  };

  const articleStart = (limit: number): string => {
    const article = document.querySelector('article, [role="article"]');
    if (!article) return '';
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    let text = '';
    while (text.length < limit && walker.nextNode()) text += walker.currentNode.nodeValue ?? '';
    return text.replace(/\s+/g, ' ');
  };

  const selectedIs = (entityId: string): boolean => {
    const selected = cyOf()?.$('node:selected');
    return !!selected && selected.length === 1 && selected[0]?.id() === entityId;
  };

  /**
   * The graph section is ready and its nodes are laid out: elements are added at the origin before
   * the layout moves them apart.
   */
  const laidOut = (): boolean => {
    if (!document.querySelector('[aria-label="Network graph"][data-ready="true"]')) return false;
    const nodes = cyOf()?.nodes();
    if (!nodes) return false;
    const a = nodes[0]?.position();
    const b = nodes[nodes.length - 1]?.position();
    return nodes.length === 1 || !a || !b || a.x !== b.x || a.y !== b.y;
  };

  const test = (check: Check): boolean => {
    switch (check.kind) {
      case 'textShown':
        return articleStart(check.needle.length + 4000).includes(check.needle);
      case 'graphUsable': {
        const cy = cyOf();
        return !!cy && cy.nodes().length > 0 && cy.$id(check.entityId).nonempty() && laidOut();
      }
      case 'allShown':
        return (cyOf()?.nodes().length ?? 0) >= check.count && laidOut();
      case 'entitySelected': {
        if (!selectedIs(check.entityId)) return false;
        const heading = named('Entity details')?.querySelector('h1, h2, h3, h4, h5, h6');
        return heading?.textContent?.trim() === check.name;
      }
      case 'mentionGone':
        return !document.querySelector(`article [data-mention="${CSS.escape(check.mentionId)}"]`);
      case 'named': {
        if (!selectedIs(check.entityId)) return false;
        if (cyOf()?.$id(check.entityId).data('label') !== check.name) return false;
        const heading = named('Entity details')?.querySelector('h1, h2, h3, h4, h5, h6');
        return heading?.textContent?.trim() === check.name;
      }
      case 'jumped': {
        if (!selectedIs(check.entityId)) return false;
        const current = document.querySelectorAll('[aria-current="true"][data-sentence]');
        return current.length === 1 && !!current[0] && inView(current[0]);
      }
      case 'typeHidden': {
        const cy = cyOf();
        if (!cy) return false;
        return cy
          .nodes()
          .filter((n) => n.data('type') === check.type)
          .every((n) => n.style('display') === 'none');
      }
      case 'typeShown':
        return (
          (cyOf()
            ?.nodes()
            .filter((n) => n.data('type') === check.type && n.style('display') !== 'none').length ??
            -1) >= check.count
        );
      case 'labelled':
        return !!named(check.name);
      case 'annotated':
        return (
          !!document.querySelector('article [data-mention]') &&
          !!document.querySelector('[aria-label="Network graph"][data-ready="true"]') &&
          (cyOf()?.nodes().length ?? 0) > 0 &&
          laidOut()
        );
      case 'listUpdated': {
        const box = named('Search entities');
        return box instanceof HTMLInputElement && box.value === check.query && runtime.mutated;
      }
      case 'naiveSelected': {
        const heading = document.querySelector('#panel h2');
        return (
          heading?.textContent === check.name &&
          !!document.querySelector(`[data-entity="${check.entityId}"].sel`) &&
          window.naiveCy?.getElementById(check.entityId).selected() === true
        );
      }
      case 'floorSelected':
        return (
          document.querySelector('#panel h2')?.textContent === check.name &&
          !!document.querySelector(`[data-entity="${check.entityId}"].sel`)
        );
      case 'naiveShown':
        return (
          articleStart(check.needle.length + 4000).includes(check.needle) &&
          window.naiveCy?.nodes().length === check.nodes
        );
    }
  };

  /** Polls `check` once per frame until it holds after the input (or `timeoutMs` passes). */
  function until(check: Check, timeoutMs: number): Promise<Outcome> {
    const started = performance.now();
    return new Promise<Outcome>((resolve) => {
      const tick = () => {
        const t0 = runtime.t0;
        let done = false;
        try {
          done = t0 !== null && test(check);
        } catch {
          done = false;
        }
        if (done && t0 !== null) {
          // This frame shows the change; the timeout runs once it has been painted.
          setTimeout(() => resolve({ ok: true, ms: performance.now() - t0 }), 0);
        } else if (performance.now() - started > timeoutMs) {
          resolve({
            ok: false,
            reason: t0 === null ? 'the input event never came' : 'timed out',
          });
        } else {
          requestAnimationFrame(tick);
        }
      };
      requestAnimationFrame(tick);
    });
  }

  let observer: MutationObserver | null = null;
  const waits = new Map<number, Promise<Outcome>>();
  let nextWait = 0;
  const runtime: BenchRuntime = {
    t0: null,
    mutated: false,
    longTasks: [],
    arm(type, observeRegion) {
      runtime.t0 = null;
      runtime.mutated = false;
      observer?.disconnect();
      if (observeRegion) {
        const region = named(new RegExp(observeRegion));
        const target = region?.closest('section, [role="region"]') ?? region;
        if (target) {
          observer = new MutationObserver(() => {
            if (runtime.t0 !== null) runtime.mutated = true;
          });
          observer.observe(target, { childList: true, subtree: true, characterData: true });
        }
      }
      window.addEventListener(
        type,
        () => {
          runtime.t0 = performance.now();
        },
        { capture: true, once: true },
      );
    },
    fromNavigation() {
      runtime.t0 = 0;
    },
    watch(check, timeoutMs) {
      const handle = nextWait++;
      waits.set(handle, until(check, timeoutMs));
      return handle;
    },
    outcome(handle) {
      const wait = waits.get(handle);
      waits.delete(handle);
      return wait ?? Promise.resolve({ ok: false, reason: 'no such wait' });
    },
    async frames(durationMs) {
      const main = document.querySelector('main');
      const intervals: number[] = [];
      let scrolled = 0;
      let top = main?.scrollTop ?? 0;
      let last = await nextFrame();
      const end = last + durationMs;
      while (last < end) {
        const now = await nextFrame();
        intervals.push(now - last);
        last = now;
        const at = main?.scrollTop ?? 0;
        scrolled += Math.abs(at - top);
        top = at;
      }
      return { intervals, scrolled };
    },
    async settle() {
      await nextFrame();
      await nextFrame();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    scrollText(fraction) {
      const main = document.querySelector('main');
      if (main) main.scrollTop = Math.round(fraction * (main.scrollHeight - main.clientHeight));
    },
    pickMention(pick) {
      const main = document.querySelector('main');
      if (!main) return null;
      const box = main.getBoundingClientRect();
      const visible: MentionTarget[] = [];
      for (const el of document.querySelectorAll('article [data-mention]')) {
        const r = el.getClientRects()[0];
        const entityId = el.getAttribute('data-entity');
        const mentionId = el.getAttribute('data-mention');
        if (!r || !entityId || !mentionId || r.width < 2) continue;
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        if (y < box.top + 4 || y > box.bottom - 4 || x < box.left || x > box.right) continue;
        // Skip mentions covered by something else (a sticky header, a popover).
        if (!el.contains(document.elementFromPoint(x, y))) continue;
        visible.push({ x, y, entityId, mentionId });
      }
      return visible.length ? (visible[pick % visible.length] ?? null) : null;
    },
    pickNode(pick, minSize) {
      const ids =
        cyOf()
          ?.nodes(':visible')
          .map((n) => n.id()) ?? [];
      for (let k = 0; k < ids.length; k++) {
        const id = ids[(pick * 7919 + k) % ids.length];
        const target = id === undefined ? null : runtime.nodeTarget(id, minSize);
        if (target) return target;
      }
      return null;
    },
    nodeTarget(id, minSize) {
      const cy = cyOf();
      const container = cy?.container();
      const node = cy?.$id(id);
      if (!cy || !container || !node || node.empty() || !node.visible()) return null;
      const box = container.getBoundingClientRect();
      const p = node.renderedPosition();
      const size = Math.min(node.renderedWidth(), node.renderedHeight());
      if (size < minSize) return null;
      const x = box.left + p.x;
      const y = box.top + p.y;
      if (x < box.left + 8 || x > box.right - 8 || y < box.top + 8 || y > box.bottom - 8)
        return null;
      // Nothing drawn over the canvas there (toolbar, legend, a message).
      const hit = document.elementFromPoint(x, y);
      if (!hit || !container.contains(hit)) return null;
      // No other node under the point, whichever is drawn on top.
      const overlapped = cy
        .nodes(':visible')
        .not(node)
        .some((n) => {
          const b = n.renderedBoundingBox({});
          return p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;
        });
      return overlapped ? null : { x, y, id, renderedSize: size };
    },
    domCounts() {
      const article = document.querySelector('article, [role="article"]');
      return {
        page: document.getElementsByTagName('*').length,
        article: article ? article.getElementsByTagName('*').length : 0,
      };
    },
  };

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        runtime.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the open measurement reports it as unavailable.
  }
  window.__bench = runtime;
}
