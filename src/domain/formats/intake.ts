/**
 * Turns a set of opened files (chosen, dropped, a dropped folder, fetched) into documents.
 *
 * Every file meets one fate, and a bad file never stops the others:
 * - `X.json` is read as our JSON format (`ariadne-json.ts`);
 * - `X.txt` with `X.ann` from the same folder is a brat document (`brat.ts`); `annotation.conf` and
 *   `visual.conf` configure every brat document of the batch, the one in the document's own folder
 *   first, then the nearest one above it, then any other;
 * - `X.txt` alone is a plain text without annotations (`plain-text.ts`);
 * - `X.ann` alone is an error, as is any other kind of file; brat's `tools.conf` and
 *   `kb_shortcuts.conf` and the files operating systems leave in folders (`.DS_Store`, `Thumbs.db`,
 *   `desktop.ini`, `._*`) are skipped without a word.
 * Before parsing, each file must be at most `maxBytes` long, not empty (an empty `.ann` is fine:
 * brat writes one for a text nobody has annotated yet), not binary and valid UTF-8 (a UTF-8 byte
 * order mark is dropped; UTF-16 with a byte order mark is read too).
 *
 * Documents come out in the order of the first file of each; problems in the order found, each
 * naming the file it is about (the name as given, with its folder).
 */
import type { AriadneDocument } from '../model';
import { importAriadneJson, repairDocument } from './ariadne-json';
import { importBrat } from './brat';
import { importPlainText } from './plain-text';
import type { ImportProblem } from './problems';

/** Largest file read by default: 20 MiB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface IntakeFile {
  /** File name, possibly with a relative folder path (`news/001.txt`). */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface IntakeOptions {
  readonly maxBytes?: number;
}

export interface IntakeResult {
  readonly documents: AriadneDocument[];
  readonly problems: ImportProblem[];
}

const IGNORED = new Set([
  'tools.conf',
  'kb_shortcuts.conf',
  '.ds_store',
  'thumbs.db',
  'desktop.ini',
]);

type Kind = 'txt' | 'ann' | 'json' | 'annotation.conf' | 'visual.conf';

interface Entry {
  readonly file: IntakeFile;
  readonly order: number;
  readonly kind: Kind;
  /** Folder path without the trailing slash; '' at the top. */
  readonly dir: string;
  /** File name without folder and extension. */
  readonly base: string;
}

function splitName(name: string): { dir: string; leaf: string } {
  const parts = name.split(/[\\/]/);
  const leaf = parts.pop() ?? name;
  return { dir: parts.filter((p) => p !== '' && p !== '.').join('/'), leaf };
}

function kindOf(leaf: string): Kind | 'ignored' | undefined {
  const lower = leaf.toLowerCase();
  if (IGNORED.has(lower) || leaf.startsWith('._')) return 'ignored';
  if (lower === 'annotation.conf') return 'annotation.conf';
  if (lower === 'visual.conf') return 'visual.conf';
  const dot = leaf.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const ext = lower.slice(dot + 1);
  return ext === 'txt' || ext === 'ann' || ext === 'json' ? ext : undefined;
}

// ---------------------------------------------------------------------------------------------
// Bytes to text

const MIB = 1024 * 1024;

/** `26528563` → `25.3 MB`; `20971520` → `20 MB` (MB counted as 2^20 bytes, as file managers do). */
export function formatSize(bytes: number): string {
  const one = (n: number) => n.toFixed(1).replace(/\.0$/, '');
  if (bytes >= MIB) return `${one(bytes / MIB)} MB`;
  if (bytes >= 1024) return `${one(bytes / 1024)} KB`;
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (WHATWG rules: no
 * overlong forms, no surrogates, nothing past U+10FFFF), or -1 when all of `bytes` is UTF-8.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) [need, lo] = [2, 0xa0];
    else if (b === 0xed) [need, hi] = [2, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) need = 2;
    else if (b === 0xf0) [need, lo] = [3, 0x90];
    else if (b === 0xf4) [need, hi] = [3, 0x8f];
    else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Bytes that never occur in text: C0 controls other than tab, line feed, form feed, carriage return, escape, and DEL. */
function isControl(b: number): boolean {
  return (
    (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f
  );
}

/** How much of the start of a file the binary check looks at. */
const SAMPLE = 64 * 1024;

function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return true;
  const n = Math.min(bytes.length, SAMPLE);
  let controls = 0;
  for (let i = 0; i < n; i++) if (isControl(bytes[i] ?? 0)) controls++;
  return controls > n * 0.1;
}

type Decoded =
  | { readonly ok: true; readonly text: string; readonly bom: boolean }
  | { readonly ok: false; readonly problem: ImportProblem };

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function decode(file: IntakeFile, maxBytes: number, allowEmpty: boolean): Decoded {
  const { name, bytes } = file;
  const error = (message: string, line?: number): Decoded => ({
    ok: false,
    problem: { file: name, ...(line !== undefined ? { line } : {}), message, severity: 'error' },
  });
  if (bytes.length > maxBytes) {
    return error(
      `${formatSize(bytes.length)} is over the ${formatSize(maxBytes)} limit for one file`,
    );
  }
  if (bytes.length === 0)
    return allowEmpty ? { ok: true, text: '', bom: false } : error('the file is empty');

  // UTF-16 announces itself with a byte order mark; without one, its NUL bytes read as binary.
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  if (utf16) {
    try {
      return { ok: true, text: new TextDecoder(utf16, { fatal: true }).decode(bytes), bom: true };
    } catch {
      return error(
        `is not valid ${utf16 === 'utf-16le' ? 'UTF-16' : 'UTF-16 (big-endian)'} text; save it as UTF-8 and open it again`,
      );
    }
  }
  if (looksBinary(bytes)) return error('looks like a binary file, not text');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // The decoder drops a leading byte order mark itself (ignoreBOM is false by default).
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text, bom };
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return error(
      `is not UTF-8 text (invalid byte at offset ${at}: 0x${byte}); it may be in an older encoding such as Windows-1252 — save it as UTF-8 and open it again`,
      lineAtByte(bytes, at),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The batch

const blank = (text: string) => text.trim() === '';

/** Folders from the top: '' → 0, 'a/b' → 2. */
const depth = (dir: string) => (dir === '' ? 0 : dir.split('/').length);

/** The configuration file for a document in `dir`: same folder, else nearest above, else the first. */
function pickConf(confs: readonly Entry[], dir: string): Entry | undefined {
  let best: Entry | undefined;
  let bestScore = Infinity;
  for (const c of confs) {
    const above = c.dir === '' || dir === c.dir || dir.startsWith(`${c.dir}/`);
    const score = above ? depth(dir) - depth(c.dir) : 1000 + c.order;
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

export function importFiles(
  files: readonly IntakeFile[],
  options: IntakeOptions = {},
): IntakeResult {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const problems: ImportProblem[] = [];
  const error = (file: string, message: string) =>
    problems.push({ file, message, severity: 'error' });

  // --- Sort the files into kinds.
  const entries: Entry[] = [];
  files.forEach((file, order) => {
    const { dir, leaf } = splitName(file.name);
    const kind = kindOf(leaf);
    if (kind === 'ignored') return;
    if (kind === undefined) {
      error(file.name, 'unsupported file type (open .json, .txt with .ann, or .txt)');
      return;
    }
    const dot = leaf.lastIndexOf('.');
    entries.push({ file, order, kind, dir, base: dot > 0 ? leaf.slice(0, dot) : leaf });
  });

  // --- Decode the configuration files once; a bad one is reported and left out.
  const confText = new Map<Entry, string>();
  const confs = { annotation: [] as Entry[], visual: [] as Entry[] };
  for (const e of entries) {
    if (e.kind !== 'annotation.conf' && e.kind !== 'visual.conf') continue;
    const d = decode(e.file, maxBytes, true);
    if (!d.ok) {
      problems.push(d.problem);
      continue;
    }
    confText.set(e, d.text);
    (e.kind === 'annotation.conf' ? confs.annotation : confs.visual).push(e);
  }

  // --- Group texts with their annotations by folder and base name.
  interface Group {
    readonly order: number;
    readonly json?: Entry;
    txt?: Entry;
    ann?: Entry;
  }
  const groups: Group[] = [];
  const pairs = new Map<string, Group>();
  for (const e of entries) {
    if (e.kind === 'json') {
      groups.push({ order: e.order, json: e });
      continue;
    }
    if (e.kind !== 'txt' && e.kind !== 'ann') continue;
    const key = `${e.dir}/${e.base}`;
    let g = pairs.get(key);
    if (!g) {
      g = { order: e.order };
      pairs.set(key, g);
      groups.push(g);
    }
    const slot = e.kind;
    const taken = g[slot];
    if (taken) {
      error(e.file.name, `was opened twice; using the first copy (${taken.file.name})`);
      continue;
    }
    g[slot] = e;
  }

  // --- Read each group (groups are in the order of their first file).
  const documents: AriadneDocument[] = [];
  const usedConfs = new Set<Entry>();
  for (const g of groups) {
    if (g.json) {
      const d = decode(g.json.file, maxBytes, false);
      if (!d.ok) {
        problems.push(d.problem);
        continue;
      }
      if (blank(d.text)) {
        error(g.json.file.name, 'the file is empty');
        continue;
      }
      const result = importAriadneJson(g.json.file.name, d.text);
      problems.push(...result.problems);
      if (result.document) documents.push(result.document);
      continue;
    }

    const { txt, ann } = g;
    if (!txt) {
      if (ann) {
        error(ann.file.name, `no matching ${ann.base}.txt was opened with it`);
      }
      continue;
    }
    const t = decode(txt.file, maxBytes, false);
    const textOk = t.ok && !blank(t.text);
    if (!t.ok) problems.push(t.problem);
    else if (!textOk) error(txt.file.name, 'the file is empty');
    if (!ann) {
      if (t.ok && textOk) documents.push(importPlainText(txt.file.name, t.text));
      continue;
    }
    const a = decode(ann.file, maxBytes, true);
    if (!a.ok) problems.push(a.problem);
    if (!t.ok || !textOk) {
      if (a.ok) error(ann.file.name, `not imported, because ${txt.file.name} could not be read`);
      continue;
    }
    if (!a.ok) {
      error(txt.file.name, `not imported, because ${ann.file.name} could not be read`);
      continue;
    }

    const annotationConf = pickConf(confs.annotation, txt.dir);
    const visualConf = pickConf(confs.visual, txt.dir);
    if (annotationConf) usedConfs.add(annotationConf);
    if (visualConf) usedConfs.add(visualConf);
    const run = (text: string) =>
      importBrat({
        name: txt.file.name,
        text,
        ann: a.text,
        ...(annotationConf ? { annotationConf: confText.get(annotationConf) ?? '' } : {}),
        ...(visualConf ? { visualConf: confText.get(visualConf) ?? '' } : {}),
      });
    let result = run(t.text);
    if (t.bom) {
      // brat reads its texts without dropping a byte order mark, so its offsets may count one.
      const withBom = run(`\uFEFF${t.text}`);
      if (withBom.problems.length < result.problems.length) result = withBom;
    }
    // Name the files as they were opened (brat.ts knows only the base names).
    const rename = new Map<string, string>([
      [`${txt.base}.ann`, ann.file.name],
      [`${txt.base}.txt`, txt.file.name],
      ...(annotationConf ? [['annotation.conf', annotationConf.file.name] as const] : []),
      ...(visualConf ? [['visual.conf', visualConf.file.name] as const] : []),
    ]);
    for (const p of result.problems) problems.push({ ...p, file: rename.get(p.file) ?? p.file });
    // brat.ts builds valid documents; should one slip through, drop what is wrong, loudly.
    const repaired = repairDocument(result.document, ann.file.name);
    problems.push(...repaired.problems);
    documents.push(repaired.document);
  }

  // --- Configuration nobody used.
  for (const list of [confs.annotation, confs.visual]) {
    for (const c of list) {
      if (!usedConfs.has(c)) {
        problems.push({
          file: c.file.name,
          message: 'not used: no brat document (a .txt with its .ann) was opened with it',
          severity: 'warning',
        });
      }
    }
  }

  return { documents, problems };
}
