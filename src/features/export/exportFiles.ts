/**
 * The document's exports as files: name, content and type. Plain functions with no DOM, run in the
 * export worker (and in place where workers are missing).
 */
import { exportAriadneJson } from '../../domain/formats/ariadne-json';
import { exportBrat } from '../../domain/formats/brat';
import { entitiesCsv, relationsCsv } from '../../domain/formats/csv';
import { toGraphML } from '../../domain/formats/graphml';
import type { ImportProblem } from '../../domain/formats/problems';
import type { AriadneDocument } from '../../domain/model';

export const DOCUMENT_EXPORTS = {
  'ariadne-json': 'Document (Ariadne JSON)',
  brat: 'Document (brat standoff)',
  'actors-csv': 'Actors (CSV)',
  'relations-csv': 'Relations (CSV)',
  graphml: 'Graph (GraphML)',
} as const;

export type DocumentExport = keyof typeof DOCUMENT_EXPORTS;

export interface ExportFile {
  readonly name: string;
  readonly content: string;
  readonly type: string;
}

/** A file ready to save: Blobs cross from a worker as handles, neither copied nor encoded again. */
export interface FileOut {
  readonly name: string;
  readonly blob: Blob;
}

export interface Exported<F> {
  readonly files: readonly F[];
  /** What the format could not hold, said rather than silently dropped. */
  readonly problems: readonly ImportProblem[];
}

const TEXT = 'text/plain;charset=utf-8';
const CSV = 'text/csv;charset=utf-8';

/** A file name from a title: letters and digits, dashes between, cut at a word near 60. */
export function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  if (s.length <= 60) return s || 'document';
  // Cut at a word boundary so a long headline does not end mid-word.
  const cut = s.slice(0, 61).lastIndexOf('-');
  return s.slice(0, cut > 20 ? cut : 60);
}

/** The files of one export, named after the document. */
export function exportFiles(doc: AriadneDocument, kind: DocumentExport): Exported<ExportFile> {
  const base = slug(doc.title || doc.id);
  switch (kind) {
    case 'ariadne-json':
      return {
        files: [
          {
            name: `${base}.ariadne.json`,
            content: exportAriadneJson(doc),
            type: 'application/json',
          },
        ],
        problems: [],
      };
    case 'brat': {
      const out = exportBrat(doc);
      const files: ExportFile[] = [
        { name: `${base}.txt`, content: out.txt, type: TEXT },
        { name: `${base}.ann`, content: out.ann, type: TEXT },
        { name: 'annotation.conf', content: out.annotationConf, type: TEXT },
      ];
      if (out.visualConf) files.push({ name: 'visual.conf', content: out.visualConf, type: TEXT });
      return { files, problems: out.problems };
    }
    case 'actors-csv':
      return {
        files: [{ name: `${base}-actors.csv`, content: entitiesCsv(doc), type: CSV }],
        problems: [],
      };
    case 'relations-csv':
      return {
        files: [{ name: `${base}-relations.csv`, content: relationsCsv(doc), type: CSV }],
        problems: [],
      };
    case 'graphml':
      return {
        files: [
          { name: `${base}.graphml`, content: toGraphML(doc), type: 'application/graphml+xml' },
        ],
        problems: [],
      };
  }
}

/** `exportFiles`, each file's content in a Blob. */
export function exportBlobs(doc: AriadneDocument, kind: DocumentExport): Exported<FileOut> {
  const { files, problems } = exportFiles(doc, kind);
  return {
    files: files.map((f) => ({ name: f.name, blob: new Blob([f.content], { type: f.type }) })),
    problems,
  };
}
