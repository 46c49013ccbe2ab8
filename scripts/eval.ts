/**
 * Measures the annotation suggestion engine against annotated documents.
 *
 *   npm run eval -- <folder or file> [more …] [--mode plain|seeded|both]
 *
 * A folder is searched recursively for `.txt` files with a sibling `.ann` (brat standoff); each uses
 * the nearest `annotation.conf` in its folder or above. A `.json` file is read as our own format (the
 * built-in article: `npm run eval -- src/domain/builtin/hts-terror-list.json`).
 *
 * Two modes, both printed by default (see src/domain/suggest/evaluate.ts):
 * - plain: annotations removed, gold entity types kept for the type mapping; discovery only.
 * - seeded: the first mention of each gold actor kept; propagation + discovery recover the rest.
 *
 * For each mode: a row per document (precision, recall and F1 of exact spans, overlapping spans and
 * typed exact spans; recall of relation pairs and of event co-argument pairs), then micro-averaged
 * totals over all documents and over the documents whose `.ann` is not empty (an empty `.ann` in a
 * tutorial or sample usually means "not annotated", not "nothing to annotate"; both are shown), and
 * the type mapping each set of entity types got.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importAriadneJson } from '../src/domain/formats/ariadne-json';
import { importBrat } from '../src/domain/formats/brat';
import type { AriadneDocument } from '../src/domain/model';
import { evaluateDocument, scores, total } from '../src/domain/suggest/evaluate';
import type {
  Counts,
  DocEvaluation,
  EvalMode,
  Recall,
  Totals,
} from '../src/domain/suggest/evaluate';
import { describeMapping } from '../src/domain/suggest/type-map';

export interface LoadedDocument {
  /** Path shown in the report, relative to the argument it was found under. */
  readonly name: string;
  readonly document: AriadneDocument;
  /** True when the gold file holds no annotation at all (an empty `.ann`). */
  readonly empty: boolean;
}

/** `.txt` files under `root` (recursively, sorted) that have a sibling `.ann`. */
export function findBratTexts(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && p.endsWith('.txt') && existsSync(p.replace(/\.txt$/, '.ann')))
        out.push(p);
    }
  };
  walk(root);
  return out;
}

/** The nearest `annotation.conf` in `dir` or a folder above it, or undefined. */
export function nearestAnnotationConf(dir: string): string | undefined {
  let d = resolve(dir);
  for (;;) {
    const p = join(d, 'annotation.conf');
    if (existsSync(p)) return p;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

export function loadDocuments(path: string): LoadedDocument[] {
  if (statSync(path).isDirectory()) {
    return findBratTexts(path).map((txt) => {
      const ann = readFileSync(txt.replace(/\.txt$/, '.ann'), 'utf8');
      const conf = nearestAnnotationConf(dirname(txt));
      const { document } = importBrat({
        name: basename(txt),
        text: readFileSync(txt, 'utf8'),
        ann,
        ...(conf ? { annotationConf: readFileSync(conf, 'utf8') } : {}),
      });
      return { name: relative(path, txt) || basename(txt), document, empty: ann.trim() === '' };
    });
  }
  if (path.endsWith('.json')) {
    const { document, problems } = importAriadneJson(basename(path), readFileSync(path, 'utf8'));
    if (!document) throw new Error(`${path}: ${problems.map((p) => p.message).join('; ')}`);
    return [{ name: basename(path), document, empty: document.mentions.length === 0 }];
  }
  if (path.endsWith('.txt') && existsSync(path.replace(/\.txt$/, '.ann'))) {
    const ann = readFileSync(path.replace(/\.txt$/, '.ann'), 'utf8');
    const conf = nearestAnnotationConf(dirname(path));
    const { document } = importBrat({
      name: basename(path),
      text: readFileSync(path, 'utf8'),
      ann,
      ...(conf ? { annotationConf: readFileSync(conf, 'utf8') } : {}),
    });
    return [{ name: basename(path), document, empty: ann.trim() === '' }];
  }
  throw new Error(`${path}: expected a folder, a .json file or a .txt with a sibling .ann`);
}

const f2 = (x: number) => x.toFixed(2);
const prf = (c: Counts) => {
  const s = scores(c);
  return `${f2(s.precision)} ${f2(s.recall)} ${f2(s.f1)}`;
};
const rec = (r: Recall) =>
  r.total === 0 ? '    –   ' : `${r.hit}/${r.total} ${f2(r.hit / r.total)}`;

const MODE_TITLE: Record<EvalMode, string> = {
  plain:
    'Mode "plain": annotations removed (gold entity types kept for the type mapping); discovery only',
  seeded:
    'Mode "seeded": first mention of each gold actor kept; propagation + discovery recover the rest',
};

function row(
  name: string,
  gold: number,
  pred: number,
  t: Omit<Totals, 'files' | 'gold' | 'predicted'>,
) {
  return [
    (name.length > 44 ? `…${name.slice(-43)}` : name).padEnd(44),
    String(gold).padStart(5),
    String(pred).padStart(5),
    ` | ${prf(t.exact)}`,
    ` | ${prf(t.overlap)}`,
    ` | ${prf(t.typed)}`,
    ` | ${rec(t.relations).padStart(10)}`,
    ` | ${rec(t.eventPairs).padStart(10)}`,
  ].join('');
}

/** The report for one mode: a table, totals and the type mappings used. */
export function formatReport(
  mode: EvalMode,
  docs: readonly LoadedDocument[],
  evals: readonly DocEvaluation[],
): string {
  const lines: string[] = [MODE_TITLE[mode], ''];
  lines.push(
    `${'document'.padEnd(44)} gold  sugg |  exact P R F1  | overlap P R F1 |  typed P R F1  |  rel pairs |  evt pairs`,
  );
  for (const e of evals) lines.push(row(e.name, e.gold, e.predicted, e));
  const all = total(evals);
  lines.push('-'.repeat(128));
  lines.push(row(`micro total, all ${all.files} documents`, all.gold, all.predicted, all));
  const emptyNames = new Set(docs.filter((d) => d.empty).map((d) => d.name));
  if (emptyNames.size > 0) {
    const annotated = total(evals.filter((e) => !emptyNames.has(e.name)));
    lines.push(
      row(
        `micro total, ${annotated.files} with annotations`,
        annotated.gold,
        annotated.predicted,
        annotated,
      ),
    );
    lines.push(`(${emptyNames.size} documents have an empty .ann: ${[...emptyNames].join(', ')})`);
  }
  const events = evals.reduce((n, e) => n + e.eventMentions, 0);
  if (events > 0)
    lines.push(
      `(${events} event-trigger mentions are not counted as gold: they are verbs, not actors)`,
    );
  const relSugg = evals.reduce((n, e) => n + e.relationSuggestions, 0);
  lines.push(`(${relSugg} relation suggestions in all)`);

  const byMapping = new Map<string, { mapping: DocEvaluation['mapping']; names: string[] }>();
  for (const e of evals) {
    const k = JSON.stringify(e.mapping);
    const entry = byMapping.get(k) ?? { mapping: e.mapping, names: [] };
    entry.names.push(e.name);
    byMapping.set(k, entry);
  }
  for (const { mapping, names } of byMapping.values()) {
    lines.push(
      '',
      `type mapping (guess → document type) for ${names.length === evals.length ? 'all documents' : names.join(', ')}:`,
    );
    for (const r of describeMapping(mapping)) lines.push(`  ${r}`);
  }
  return lines.join('\n');
}

export function main(argv: readonly string[]): number {
  const modeArg = argv.find((a) => a.startsWith('--mode='))?.slice('--mode='.length);
  const modeIdx = argv.indexOf('--mode');
  const mode = modeArg ?? (modeIdx >= 0 ? argv[modeIdx + 1] : undefined) ?? 'both';
  const paths = argv.filter((a, i) => !a.startsWith('--') && !(modeIdx >= 0 && i === modeIdx + 1));
  if (paths.length === 0 || !['plain', 'seeded', 'both'].includes(mode)) {
    console.error(
      'usage: npm run eval -- <folder of .txt + .ann | file.json> … [--mode plain|seeded|both]',
    );
    return 2;
  }
  const modes: EvalMode[] = mode === 'both' ? ['plain', 'seeded'] : [mode as EvalMode];
  for (const path of paths) {
    const docs = loadDocuments(path);
    console.log(`\n=== ${path} (${docs.length} documents)\n`);
    for (const m of modes) {
      const evals = docs.map((d) => evaluateDocument(d.document, m, d.name));
      console.log(formatReport(m, docs, evals));
      console.log('');
    }
  }
  return 0;
}

const invoked = process.argv[1];
if (invoked && import.meta.url === pathToFileURL(resolve(invoked)).href) {
  process.exitCode = main(process.argv.slice(2));
}
