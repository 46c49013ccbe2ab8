/**
 * Ways out: the document as our JSON and as brat standoff, actors and relations as CSV, the graph as
 * GraphML (Gephi, Cytoscape desktop), PNG and SVG. Files are named after the document.
 */
import { useRef } from 'react';
import { exportAriadneJson } from '../../domain/formats/ariadne-json';
import { exportBrat } from '../../domain/formats/brat';
import { entitiesCsv, relationsCsv } from '../../domain/formats/csv';
import { toGraphML } from '../../domain/formats/graphml';
import { useAppStore } from '../../store/store';
import { download, slug } from './download';

const TEXT = 'text/plain;charset=utf-8';

function current() {
  const { index } = useAppStore.getState();
  return { doc: index.doc, base: slug(index.doc.title || index.doc.id), index };
}

const exporters: { label: string; run: () => void }[] = [
  {
    label: 'Document (Ariadne JSON)',
    run: () => {
      const { doc, base } = current();
      download(`${base}.ariadne.json`, exportAriadneJson(doc), 'application/json');
    },
  },
  {
    label: 'Document (brat standoff)',
    run: () => {
      const { doc, base } = current();
      const out = exportBrat(doc);
      download(`${base}.txt`, out.txt, TEXT);
      download(`${base}.ann`, out.ann, TEXT);
      download('annotation.conf', out.annotationConf, TEXT);
      if (out.visualConf) download('visual.conf', out.visualConf, TEXT);
      // What brat cannot hold is said, not silently dropped.
      if (out.problems.length > 0) useAppStore.getState().reportProblems(out.problems);
    },
  },
  {
    label: 'Actors (CSV)',
    run: () => {
      const { doc, base, index } = current();
      download(
        `${base}-actors.csv`,
        entitiesCsv(doc, (id) => index.mentionsByEntity.get(id)?.length ?? 0),
        'text/csv;charset=utf-8',
      );
    },
  },
  {
    label: 'Relations (CSV)',
    run: () => {
      const { doc, base } = current();
      download(`${base}-relations.csv`, relationsCsv(doc), 'text/csv;charset=utf-8');
    },
  },
  {
    label: 'Graph (GraphML)',
    run: () => {
      const { doc, base } = current();
      download(`${base}.graphml`, toGraphML(doc), 'application/graphml+xml');
    },
  },
  {
    label: 'Graph picture (PNG)',
    run: () => {
      const cy = window.cy;
      if (!cy) return;
      const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
      download(`${current().base}.png`, blob, 'image/png');
    },
  },
  {
    label: 'Graph picture (SVG)',
    run: () => {
      const cy = window.cy;
      if (!cy?.svg) return;
      download(`${current().base}.svg`, cy.svg({ full: true, bg: '#ffffff' }), 'image/svg+xml');
    },
  },
];

export function ExportMenu() {
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <details
      ref={menu}
      className="export-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && menu.current) menu.current.open = false;
      }}
    >
      <summary>Export</summary>
      <ul>
        {exporters.map((e) => (
          <li key={e.label}>
            <button
              type="button"
              onClick={() => {
                e.run();
                // A chosen export closes the menu, as menus do.
                if (menu.current) menu.current.open = false;
              }}
            >
              {e.label}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
