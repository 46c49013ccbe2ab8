/**
 * Ways out: the document as our JSON and as brat standoff, actors and relations as CSV, the graph as
 * GraphML (Gephi, Cytoscape desktop), PNG and SVG. Files are named after the document. The document
 * formats are written in a worker; the pictures need the graph on the page and are drawn here, once
 * the page shows that they are being prepared.
 */
import { useRef, useState } from 'react';
import { useAppStore } from '../../store/store';
import { exportDocument } from './exportClient';
import { DOCUMENT_EXPORTS, slug } from './exportFiles';
import type { DocumentExport, FileOut } from './exportFiles';
import { download } from './download';
import { withSelectionDrawn } from '../graph/withSelection';
import { painted } from '../painted';

type Picture = 'png' | 'svg';

const PICTURES: Record<Picture, string> = {
  png: 'Graph picture (PNG)',
  svg: 'Graph picture (SVG)',
};

const EXPORTS: readonly { kind: DocumentExport | Picture; label: string }[] = [
  ...(Object.entries(DOCUMENT_EXPORTS) as [DocumentExport, string][]).map(([kind, label]) => ({
    kind,
    label,
  })),
  ...(Object.entries(PICTURES) as [Picture, string][]).map(([kind, label]) => ({ kind, label })),
];

const isPicture = (kind: string): kind is Picture => kind in PICTURES;

/**
 * The longest side of a PNG, in pixels. At twice its size a graph of 5,000 actors was 17,376 ×
 * 13,160 pixels (229 megapixels, 41 MB), more than image viewers open, and held the page 12–13 s.
 */
const PNG_MAX_SIDE = 8000;

async function picture(kind: Picture, base: string): Promise<FileOut[]> {
  const cy = window.cy;
  if (!cy) throw new Error('the graph is not drawn yet');
  if (cy.elements(':visible').empty()) throw new Error('the graph shows no actor to draw');
  return withSelectionDrawn(cy, async () => {
    if (kind === 'png') {
      // Twice the graph's size, short of the cap. Given as the largest width and height, which
      // Cytoscape meets exactly; a `scale` would also be multiplied by the screen's pixel ratio.
      const bb = cy.elements().boundingBox();
      const scale = Math.min(2, PNG_MAX_SIDE / Math.max(bb.w, bb.h, 1));
      // With 'blob-promise' the browser encodes the PNG in slices between tasks; 'blob' encoded it
      // in one go and then copied it byte by byte in script: 330–470 ms → 120–130 ms for 100,000
      // words' overview, 3.8–4.3 s → 2.2 s for all its actors at 8,000 px.
      const blob = await cy.png({
        output: 'blob-promise',
        full: true,
        maxWidth: Math.ceil(bb.w * scale),
        maxHeight: Math.ceil(bb.h * scale),
        bg: '#ffffff',
      });
      return [{ name: `${base}.png`, blob }];
    }
    if (!cy.svg) throw new Error('SVG export is not available');
    const svg = cy.svg({ full: true, bg: '#ffffff' });
    return [{ name: `${base}.svg`, blob: new Blob([svg], { type: 'image/svg+xml' }) }];
  });
}

async function run(kind: DocumentExport | Picture): Promise<void> {
  const { index, reportProblems } = useAppStore.getState();
  const doc = index.doc;
  const base = slug(doc.title || doc.id);
  try {
    if (isPicture(kind)) {
      await painted();
      for (const f of await picture(kind, base)) download(f.name, f.blob);
      return;
    }
    const { files, problems } = await exportDocument(doc, kind);
    for (const f of files) download(f.name, f.blob);
    // What brat cannot hold is said, not silently dropped.
    if (problems.length > 0) reportProblems([...problems]);
  } catch (e) {
    reportProblems([
      {
        file: base,
        message: `could not be exported: ${e instanceof Error ? e.message : String(e)}`,
        severity: 'error',
      },
    ]);
  }
}

export function ExportMenu() {
  const menu = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState<string[]>([]);
  return (
    <div className="export">
      <details
        ref={menu}
        className="export-menu"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && menu.current) menu.current.open = false;
        }}
      >
        <summary>Export</summary>
        <ul>
          {EXPORTS.map((e) => (
            <li key={e.kind}>
              <button
                type="button"
                onClick={() => {
                  // A chosen export closes the menu, as menus do.
                  if (menu.current) menu.current.open = false;
                  setBusy((b) => [...b, e.label]);
                  void run(e.kind).finally(() =>
                    setBusy((b) => {
                      const i = b.indexOf(e.label);
                      return i < 0 ? b : [...b.slice(0, i), ...b.slice(i + 1)];
                    }),
                  );
                }}
              >
                {e.label}
              </button>
            </li>
          ))}
        </ul>
      </details>
      {busy.length > 0 && (
        <span role="status" className="exporting">
          Preparing {busy.join(', ')}…
        </span>
      )}
    </div>
  );
}
