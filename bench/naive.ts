/**
 * The naive baseline: the same document rendered the obvious way, with no virtualisation, no
 * indexes and no overview. Opening parses the JSON, builds the whole text DOM (every sentence an
 * element, every mention its own element) and the whole graph (every actor a node and every
 * relation an edge, added to Cytoscape one by one, laid out with its default grid layout: a force
 * layout of thousands of nodes would not finish); clicking a mention scans every mention element to
 * mark the entity's, selects its node, and scans every relation (and every entity, for the names)
 * to list the entity's relations. It is served on loopback by a tiny HTTP server, with the same
 * Cytoscape build the app uses, and driven exactly like the app.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Core } from 'cytoscape';

interface NaiveDoc {
  text: string;
  entities: { id: string; name: string }[];
  mentions: { id: string; entityId: string; spans: { start: number; end: number }[] }[];
  relations: { id: string; type: string; source: string; target: string }[];
}

declare global {
  interface Window {
    /** The naive page's graph, for the bench's checks. */
    naiveCy?: Core;
  }
}

declare const cytoscape: (options: object) => Core;

/** Runs in the page (serialised with `toString`), so it uses nothing from this module. */
function naiveApp(): void {
  const input = document.getElementById('open') as HTMLInputElement;
  const article = document.getElementById('text') as HTMLElement;
  const panel = document.getElementById('panel') as HTMLElement;
  const graph = document.getElementById('graph') as HTMLElement;
  let doc: NaiveDoc | null = null;

  const render = (d: NaiveDoc) => {
    article.textContent = '';
    const mentions = d.mentions
      .map((m) => ({
        id: m.id,
        entityId: m.entityId,
        start: m.spans[0]?.start ?? 0,
        end: m.spans[m.spans.length - 1]?.end ?? 0,
      }))
      .sort((a, b) => a.start - b.start);
    let next = 0;
    let sentenceNo = 0;
    let offset = 0;
    for (const line of d.text.split('\n')) {
      const p = document.createElement('p');
      // Sentences: a full stop, question or exclamation mark followed by a space ends one.
      const bounds = [0];
      for (const match of line.matchAll(/[.!?]["”’)]*\s+/g))
        bounds.push(match.index + match[0].length);
      bounds.push(line.length);
      for (let b = 0; b + 1 < bounds.length; b++) {
        const start = offset + (bounds[b] ?? 0);
        const end = offset + (bounds[b + 1] ?? 0);
        if (end <= start) continue;
        const sentence = document.createElement('span');
        sentence.dataset.sentence = String(sentenceNo++);
        let at = start;
        while (next < mentions.length && (mentions[next]?.start ?? end) < end) {
          const m = mentions[next++];
          if (!m || m.start < at) continue; // overlaps the previous mention: left as text
          const stop = Math.min(m.end, end);
          sentence.append(d.text.slice(at, m.start));
          const el = document.createElement('span');
          el.className = 'm';
          el.dataset.mention = m.id;
          el.dataset.entity = m.entityId;
          el.textContent = d.text.slice(m.start, stop);
          sentence.append(el);
          at = stop;
        }
        sentence.append(d.text.slice(at, end));
        p.append(sentence);
      }
      article.append(p);
      offset += line.length + 1;
    }
  };

  const draw = (d: NaiveDoc) => {
    window.naiveCy?.destroy();
    const cy = cytoscape({
      container: graph,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 12 } },
        { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111' } },
      ],
    });
    for (const e of d.entities) cy.add({ data: { id: e.id, label: e.name } });
    for (const r of d.relations)
      cy.add({ data: { id: r.id, source: r.source, target: r.target, label: r.type } });
    cy.layout({ name: 'grid' }).run();
    window.naiveCy = cy;
  };

  const select = (entityId: string) => {
    if (!doc) return;
    for (const el of article.querySelectorAll<HTMLElement>('.m'))
      el.classList.toggle('sel', el.dataset.entity === entityId);
    const cy = window.naiveCy;
    if (cy) {
      cy.$(':selected').unselect();
      cy.getElementById(entityId).select();
    }
    const name = (id: string) => doc?.entities.find((e) => e.id === id)?.name ?? id;
    panel.textContent = '';
    const heading = document.createElement('h2');
    heading.textContent = name(entityId);
    const list = document.createElement('ul');
    for (const r of doc.relations) {
      if (r.source !== entityId && r.target !== entityId) continue;
      const item = document.createElement('li');
      item.textContent = `${name(r.source)} ${r.type} ${name(r.target)}`;
      list.append(item);
    }
    panel.append(heading, list);
  };

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (!file) return;
    void file.text().then((json) => {
      doc = JSON.parse(json) as NaiveDoc;
      render(doc);
      draw(doc);
    });
  });
  article.addEventListener('click', (e) => {
    const mention = (e.target as Element).closest<HTMLElement>('.m');
    if (mention?.dataset.entity) select(mention.dataset.entity);
  });
}

export const NAIVE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Naive baseline</title>
<style>
  body { margin: 0; font: 16px/1.6 system-ui, sans-serif; display: flex; height: 100vh; }
  header { position: absolute; top: 0; left: 0; }
  main { flex: 1; overflow: auto; padding: 2.5rem 1.5rem 1rem; }
  aside { width: 36rem; display: flex; flex-direction: column; border-left: 1px solid #ccc; }
  #graph { height: 55vh; border-bottom: 1px solid #ccc; }
  #panel { flex: 1; overflow: auto; padding: 1rem; }
  .m { background: #e6efff; border-radius: 2px; cursor: pointer; }
  .m.sel { background: #ffd54f; }
</style>
<script>var __name = function (f) { return f; };</script>
</head>
<body>
<header><input id="open" type="file" aria-label="Open documents"></header>
<main><article id="text"></article></main>
<aside><div id="graph"></div><div id="panel" aria-label="Entity details"></div></aside>
<script src="/cytoscape.min.js"></script>
<script>(${naiveApp.toString()})();</script>
</body>
</html>
`;

/**
 * The floor: a page that does nothing but change one word and one mark on a click (the panel's
 * heading becomes the actor's name, the clicked mention is marked). Measured like every click, it
 * is what the measurement itself costs here: the wait for the next frame and that frame.
 */
export const FLOOR_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Floor</title>
<style>
  body { margin: 0; font: 16px/1.6 system-ui, sans-serif; display: flex; height: 100vh; }
  main { flex: 1; overflow: auto; padding: 2.5rem 1.5rem 1rem; }
  aside { width: 36rem; border-left: 1px solid #ccc; padding: 1rem; }
  .m { background: #e6efff; border-radius: 2px; cursor: pointer; }
  .m.sel { background: #ffd54f; }
</style>
</head>
<body>
<main><article id="text">${Array.from(
  { length: 12 },
  (_, i) =>
    `<p><span data-sentence="${i}">In paragraph ${i + 1}, <span class="m" data-mention="m${2 * i}" data-entity="e${i % 3}" data-name="Actor ${i % 3}">Actor ${i % 3}</span> met <span class="m" data-mention="m${2 * i + 1}" data-entity="e${(i + 1) % 3}" data-name="Actor ${(i + 1) % 3}">Actor ${(i + 1) % 3}</span> again.</span></p>`,
).join('')}</article></main>
<aside id="panel" aria-label="Entity details"><h2></h2></aside>
<script>
document.getElementById('text').addEventListener('click', function (e) {
  var m = e.target.closest('.m');
  if (!m) return;
  document.querySelector('#panel h2').textContent = m.dataset.name;
  m.classList.add('sel');
});
</script>
</body>
</html>
`;

/**
 * Serves the naive page (and the floor, at /floor) on 127.0.0.1; returns its address and how to
 * stop the server.
 */
export async function serveNaive(): Promise<{ url: string; close: () => Promise<void> }> {
  const require = createRequire(import.meta.url);
  const library = readFileSync(require.resolve('cytoscape/dist/cytoscape.min.js'));
  const server = createServer((req, res) => {
    if (req.url === '/cytoscape.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(library);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.url === '/floor' ? FLOOR_HTML : NAIVE_HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
