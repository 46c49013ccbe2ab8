/**
 * Our own JSON format (`ariadne/1`, described in docs/format.md) to and from the document model.
 *
 * Import never throws. It fails as a whole, with one `error` problem, only when the file cannot be
 * an Ariadne document at all: not JSON, not an object, another format or version, or a top-level
 * field of the wrong shape. Everything else is repaired record by record so that every good record
 * still imports:
 * - a record (type, entity, mention, relation) of the wrong shape is dropped (`error`);
 * - a record whose id is already used is dropped, the first one is kept (`error`);
 * - a mention whose entity is missing or whose spans are reversed, out of order or past the end of
 *   the text is dropped (`error`); one whose text differs from its span's text only in white space
 *   gets the span's text (`warning`), any other difference drops it (`error`);
 * - a relation whose source or target entity is missing is dropped (`error`); an evidence quote that
 *   does not match the text is dropped from its relation (`warning`);
 * - an entity or relation type that is used but not declared is declared (`warning`);
 * - blocks that are out of range or out of order are all ignored, so they are derived from the text's
 *   lines as for any document without blocks (`warning`);
 * - fields this version does not know are ignored (`warning`).
 * Each problem names the record (its id and its place, `mentions[6]`) and, where it can, the line of
 * the file where the record starts.
 *
 * Export is `JSON.stringify` with two-space indentation; importing it gives the same document.
 */
import { z } from 'zod';
import type {
  AriadneDocument,
  Block,
  Entity,
  Mention,
  Quote,
  Relation,
  Span,
  TypeDef,
} from '../model';
import { FORMAT_VERSION, spansText } from '../model';
import { documentSchema } from '../schema';
import { validateDocument } from '../validate';
import { defaultLabel } from './brat-conf';
import type { ImportProblem } from './problems';

export interface AriadneJsonImport {
  /** Absent when the file could not be read as a document at all (see the problems). */
  readonly document?: AriadneDocument;
  readonly problems: ImportProblem[];
}

type ZodIssue = z.ZodError['issues'][number];

/** How many schema issues a whole-file error lists before "and N more". */
const MAX_LISTED = 5;

// ---------------------------------------------------------------------------------------------
// Paths and lines

type PathKey = string | number;
type JsonPath = readonly PathKey[];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `["entities", 3, "name"]` → `entities[3].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(top level)' : out;
}

/** 1-based line and column (in UTF-16 code units) of `offset` in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

// ---------------------------------------------------------------------------------------------
// A small JSON scanner: finds where a file stops being JSON (JSON.parse says so differently in
// every engine, and some not at all), and where the value at a path starts, so a problem can name
// its line. Iterative, so deeply nested input cannot overflow the stack.

interface ScanError {
  readonly offset: number;
  readonly message: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

function scanJson(
  text: string,
  onValue?: (path: JsonPath, offset: number) => void,
): ScanError | undefined {
  let i = 0;
  const n = text.length;
  const frames: { array: boolean; index: number }[] = [];
  const path: PathKey[] = [];
  const skip = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const fail = (message: string, at = i): ScanError => ({ offset: at, message });
  /** Reads a string starting at `i` (a `"`); returns its raw source or an error. */
  const readString = (): string | ScanError => {
    const start = i;
    i++;
    for (;;) {
      if (i >= n) return fail('a string is not closed', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return text.slice(start, i);
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return fail('"\\u" must be followed by four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          return fail(`"\\${e ?? ''}" is not a valid escape in a string`);
        }
        continue;
      }
      if (c < 0x20) {
        return fail(
          'a string contains a raw control character (line break or tab); write it as \\n or \\t',
        );
      }
      i++;
    }
  };
  const readKey = (): string | ScanError => {
    if (text[i] !== '"') return fail('expected a property name in double quotes');
    const raw = readString();
    if (typeof raw !== 'string') return raw;
    skip();
    if (text[i] !== ':') return fail("expected ':' after a property name");
    i++;
    return JSON.parse(raw) as string;
  };

  skip();
  if (i >= n) return fail('the file is empty');
  for (;;) {
    // A value starts here.
    skip();
    onValue?.(path, i);
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      frames.push({ array: false, index: 0 });
      if (text[i] === '}') {
        i++;
        frames.pop();
      } else {
        const key = readKey();
        if (typeof key !== 'string') return key;
        path.push(key);
        continue;
      }
    } else if (c === '[') {
      i++;
      skip();
      frames.push({ array: true, index: 0 });
      if (text[i] === ']') {
        i++;
        frames.pop();
      } else {
        path.push(0);
        continue;
      }
    } else if (c === '"') {
      const s = readString();
      if (typeof s !== 'string') return s;
    } else if (c !== undefined && /[-0-9]/.test(c)) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail('not a valid number');
      i = NUMBER.lastIndex;
    } else if (c !== undefined && /[tfn]/.test(c)) {
      LITERAL.lastIndex = i;
      if (!LITERAL.test(text)) return fail('expected a value');
      i = LITERAL.lastIndex;
    } else if (c === undefined) {
      return fail('the file ends where a value should be');
    } else {
      return fail(`expected a value, found ${JSON.stringify(c)}`);
    }
    // After a value: close containers or move to the next item.
    for (;;) {
      skip();
      const top = frames[frames.length - 1];
      if (!top) {
        if (i < n) return fail('unexpected text after the end of the JSON value');
        return undefined;
      }
      const d = text[i];
      if (d === ',') {
        i++;
        skip();
        if (top.array) {
          top.index++;
          path[path.length - 1] = top.index;
        } else {
          const key = readKey();
          if (typeof key !== 'string') return key;
          path[path.length - 1] = key;
        }
        break;
      }
      if (d === (top.array ? ']' : '}')) {
        i++;
        frames.pop();
        path.pop();
        continue;
      }
      if (d === undefined) return fail(`the file ends inside an ${top.array ? 'array' : 'object'}`);
      return fail(
        top.array
          ? "expected ',' or ']' after an array item"
          : "expected ',' or '}' after a property",
      );
    }
  }
}

/** Offsets of values at paths up to this depth are recorded when a problem needs a line number. */
const LOCATE_DEPTH = 3;

/** Line of the value at `path` (or of its nearest recorded ancestor); scans the text once, lazily. */
function lineLocator(text: string): (path: JsonPath) => number | undefined {
  let offsets: Map<string, number> | undefined;
  let lineStarts: number[] | undefined;
  return (path) => {
    if (!offsets) {
      const found = new Map<string, number>();
      scanJson(text, (p, offset) => {
        if (p.length <= LOCATE_DEPTH) found.set(formatPath(p), offset);
      });
      offsets = found;
    }
    for (let k = Math.min(path.length, LOCATE_DEPTH); k >= 0; k--) {
      const offset = offsets.get(formatPath(path.slice(0, k)));
      if (offset === undefined) continue;
      if (!lineStarts) {
        lineStarts = [0];
        for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
      }
      let lo = 0;
      let hi = lineStarts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((lineStarts[mid] ?? 0) <= offset) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------
// What a JSON file is when it is not ours

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function describeForeign(value: unknown): string {
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    if (isRecord(first) && 'data' in first && ('annotations' in first || 'predictions' in first))
      return 'looks like a Label Studio export, which this app does not read; an Ariadne document is one JSON object with "format": "ariadne/1"';
    return 'is a JSON array, not an Ariadne document (one JSON object with "format": "ariadne/1")';
  }
  if (!isRecord(value))
    return `is a single JSON ${value === null ? 'null' : typeof value}, not an Ariadne document (one JSON object with "format": "ariadne/1")`;
  const has = (k: string) => k in value;
  const arrayOfArrays = (k: string) => {
    const v = value[k];
    return Array.isArray(v) && Array.isArray(v[0]);
  };
  if (
    typeof value.text === 'string' &&
    (['entities', 'relations', 'events', 'triggers', 'attributes', 'comments'].some(
      arrayOfArrays,
    ) ||
      has('source_files') ||
      has('mtime'))
  )
    return "looks like brat's own JSON (document data from the brat server), not an Ariadne document; open the .txt file with its .ann instead";
  if (has('elements'))
    return 'looks like a Cytoscape.js graph, which holds no text to read; an Ariadne document keeps the text with its annotations';
  if (has('nodes') && (has('edges') || has('links')))
    return 'looks like a graph (nodes and edges) without its text; an Ariadne document keeps the text with its annotations';
  if (typeof value.text === 'string' && has('entities') && has('mentions'))
    return 'has no "format" field; if it is an Ariadne document, add "format": "ariadne/1" at the top';
  if (
    typeof value.text === 'string' &&
    ['ents', 'label', 'labels', 'spans', 'annotations'].some(has)
  )
    return 'looks like a spaCy, doccano or similar annotation record, which this app does not read; open an Ariadne document, a brat .txt with its .ann, or a plain .txt';
  return 'has no "format" field, so it is not an Ariadne document; this app reads "format": "ariadne/1"';
}

// ---------------------------------------------------------------------------------------------
// Schema issues

function issueText(issue: ZodIssue, relativeTo = 0): string {
  let message = issue.message.replace(/^Invalid input: /, '');
  if (/received undefined$/.test(message))
    message = `is missing (${message.replace(/, received undefined$/, '')})`;
  const path = issue.path.slice(relativeTo);
  return path.length > 0 ? `${formatPath(path)}: ${message}` : message;
}

const RECORD_ARRAYS = [
  'entityTypes',
  'relationTypes',
  'blocks',
  'entities',
  'mentions',
  'relations',
] as const;
type RecordArray = (typeof RECORD_ARRAYS)[number];
const isRecordArray = (k: PropertyKey | undefined): k is RecordArray =>
  typeof k === 'string' && (RECORD_ARRAYS as readonly string[]).includes(k);

const RECORD_NOUN: Record<RecordArray, string> = {
  entityTypes: 'entity type',
  relationTypes: 'relation type',
  blocks: 'block',
  entities: 'entity',
  mentions: 'mention',
  relations: 'relation',
};

/** Original positions of the records that survived the shape check, per array. */
type IndexMaps = Partial<Record<RecordArray, readonly number[]>>;

// Fields the schema does not know are stripped by zod; this finds them to say so.
let outputSchema: unknown;
function unknownFields(value: unknown): PathKey[][] {
  outputSchema ??= z.toJSONSchema(documentSchema);
  const found: PathKey[][] = [];
  // One path, grown and shrunk as the walk goes: a copy is made only for a field found.
  const path: PathKey[] = [];
  const walk = (v: unknown, schema: unknown) => {
    if (found.length > MAX_LISTED || !isRecord(schema)) return;
    if (isRecord(v) && isRecord(schema.properties)) {
      const props = schema.properties;
      for (const k in v) {
        if (!Object.hasOwn(v, k)) continue;
        if (Object.hasOwn(props, k)) {
          path.push(k);
          walk(v[k], props[k]);
          path.pop();
        } else if (path.length === 0 && k === '$schema')
          continue; // for editors; see docs/format.md
        else found.push([...path, k]);
      }
    } else if (Array.isArray(v) && isRecord(schema.items)) {
      const items = schema.items;
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i], items);
        path.pop();
      }
    }
  };
  walk(value, outputSchema);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Repair

export interface RepairOptions {
  /** Line of the value at a JSON path, when the document came from a file that has lines. */
  readonly lineOf?: (path: JsonPath) => number | undefined;
  /** Original index of each surviving record, when some were dropped before the repair. */
  readonly indexMaps?: IndexMaps;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function spanFault(text: string, span: Span): string | undefined {
  if (span.start > span.end) return `span ${span.start}–${span.end} is reversed`;
  if (span.end > text.length)
    return `span ${span.start}–${span.end} ends past the end of the text (length ${text.length})`;
  return undefined;
}

/**
 * Whether `repairDocument` would leave `doc` as it is: it is valid, and neither of the two things
 * the repair also mends and `validateDocument` allows is there (a type key declared twice, blocks
 * out of order).
 */
function needsNoRepair(doc: AriadneDocument): boolean {
  const distinct = (types: readonly TypeDef[]) =>
    new Set(types.map((t) => t.key)).size === types.length;
  let last = 0;
  for (const b of doc.blocks ?? []) {
    if (b.start < last) return false;
    last = Math.max(last, b.end);
  }
  return (
    distinct(doc.entityTypes) && distinct(doc.relationTypes) && validateDocument(doc).length === 0
  );
}

/**
 * Drops the records of `doc` that `validateDocument` would reject and declares types that are used
 * but missing, reporting each change as a problem of `file`. A valid document comes back unchanged
 * (the same object) with no problems.
 */
export function repairDocument(
  doc: AriadneDocument,
  file: string,
  options: RepairOptions = {},
): { document: AriadneDocument; problems: ImportProblem[] } {
  // Most documents need nothing: one check tells, where the steps below and the check after them
  // took twice as long (at 100,000 words ~50 → ~25 ms the first time, ~20 → ~10 ms warm).
  if (needsNoRepair(doc)) return { document: doc, problems: [] };
  const problems: ImportProblem[] = [];
  // The record's path in the file it came from; its line is looked up only for a problem.
  const place = (array: RecordArray, index: number) => {
    const original = options.indexMaps?.[array]?.[index] ?? index;
    const path: PathKey[] = [array, original];
    return { path: formatPath(path), line: () => options.lineOf?.(path) };
  };
  const report = (
    severity: ImportProblem['severity'],
    array: RecordArray,
    index: number,
    message: string,
  ) => {
    const line = place(array, index).line();
    problems.push({ file, ...(line !== undefined ? { line } : {}), message, severity });
  };
  const name = (array: RecordArray, index: number, id: string) =>
    `${RECORD_NOUN[array]} "${id}" (${place(array, index).path})`;

  // Types: the first declaration of a key wins.
  const dedupeTypes = (array: 'entityTypes' | 'relationTypes', list: readonly TypeDef[]) => {
    const seen = new Set<string>();
    const out: TypeDef[] = [];
    list.forEach((t, i) => {
      if (seen.has(t.key)) {
        report('warning', array, i, `${name(array, i, t.key)} is declared twice; kept the first`);
        return;
      }
      seen.add(t.key);
      out.push(t);
    });
    return out;
  };
  const entityTypes = dedupeTypes('entityTypes', doc.entityTypes);
  const relationTypes = dedupeTypes('relationTypes', doc.relationTypes);

  // Ids are unique across entities, mentions and relations; the first record keeps its id.
  // The owner's path is formatted only for a clash: tens of thousands of records have none.
  const owner = new Map<string, { array: RecordArray; index: number }>();
  function unique<T extends { readonly id: string }>(array: RecordArray, list: readonly T[]) {
    const out: { record: T; index: number }[] = [];
    list.forEach((record, index) => {
      const first = owner.get(record.id);
      if (first !== undefined) {
        report(
          'error',
          array,
          index,
          `${name(array, index, record.id)}: the id is already used by ${place(first.array, first.index).path}; dropped`,
        );
        return;
      }
      owner.set(record.id, { array, index });
      out.push({ record, index });
    });
    return out;
  }
  const entities = unique<Entity>('entities', doc.entities);
  const mentions = unique<Mention>('mentions', doc.mentions);
  const relations = unique<Relation>('relations', doc.relations);

  // Types used but not declared are declared, once each.
  const declare = (
    array: 'entities' | 'relations',
    types: TypeDef[],
    used: readonly { record: { readonly id: string; readonly type: string }; index: number }[],
  ) => {
    const known = new Set(types.map((t) => t.key));
    for (const { record, index } of used) {
      if (known.has(record.type)) continue;
      known.add(record.type);
      const count = used.filter((u) => u.record.type === record.type).length;
      const label = defaultLabel(record.type);
      types.push({ key: record.type, label });
      const noun = RECORD_NOUN[array];
      const users = count === 1 ? `${count} ${noun}` : `${count} ${array}, first`;
      report(
        'warning',
        array,
        index,
        `${noun} type "${record.type}" is used by ${users} ${name(array, index, record.id)}, but not declared in ${noun === 'entity' ? 'entityTypes' : 'relationTypes'}; declared it with the label "${label}"`,
      );
    }
  };
  declare('entities', entityTypes, entities);
  declare('relations', relationTypes, relations);

  const entityIds = new Set(entities.map((e) => e.record.id));
  const text = doc.text;

  const keptMentions: Mention[] = [];
  for (const { record: m, index } of mentions) {
    const faults: string[] = [];
    if (!entityIds.has(m.entityId)) faults.push(`its entity "${m.entityId}" does not exist`);
    let last = -1;
    for (const s of m.spans) {
      const fault = spanFault(text, s);
      if (fault) faults.push(fault);
      else if (s.start < last) faults.push('its spans are not in text order');
      last = s.end;
    }
    if (faults.length > 0) {
      report(
        'error',
        'mentions',
        index,
        `${name('mentions', index, m.id)}: ${faults.join('; ')}; dropped`,
      );
      continue;
    }
    const real = spansText(text, m.spans);
    if (real === m.text) {
      keptMentions.push(m);
    } else if (collapse(real) === collapse(m.text)) {
      report(
        'warning',
        'mentions',
        index,
        `${name('mentions', index, m.id)}: its text differs from its span's text in white space only; using the span's text`,
      );
      keptMentions.push({ ...m, text: real });
    } else {
      report(
        'error',
        'mentions',
        index,
        `${name('mentions', index, m.id)}: its text ${JSON.stringify(m.text)} does not match the text at its span, ${JSON.stringify(real)}; dropped`,
      );
    }
  }

  const keptRelations: Relation[] = [];
  for (const { record: r, index } of relations) {
    const faults: string[] = [];
    if (!entityIds.has(r.source)) faults.push(`its source entity "${r.source}" does not exist`);
    if (!entityIds.has(r.target)) faults.push(`its target entity "${r.target}" does not exist`);
    if (faults.length > 0) {
      report(
        'error',
        'relations',
        index,
        `${name('relations', index, r.id)}: ${faults.join('; ')}; dropped`,
      );
      continue;
    }
    const evidence: Quote[] = [];
    r.evidence.forEach((q, k) => {
      const fault =
        spanFault(text, q) ??
        (text.slice(q.start, q.end) !== q.text
          ? `quote ${JSON.stringify(q.text)} does not match the text at ${q.start}–${q.end}`
          : undefined);
      if (fault) {
        report(
          'warning',
          'relations',
          index,
          `${name('relations', index, r.id)}: evidence[${k}] ${fault}; dropped that evidence, kept the relation`,
        );
      } else {
        evidence.push(q);
      }
    });
    keptRelations.push(evidence.length === r.evidence.length ? r : { ...r, evidence });
  }

  let blocks: readonly Block[] | undefined = doc.blocks;
  if (blocks) {
    let last = 0;
    for (const [i, b] of blocks.entries()) {
      const fault =
        spanFault(text, b) ??
        (b.start < last ? 'it starts before the previous block ends' : undefined);
      last = Math.max(last, b.end);
      if (fault) {
        report(
          'warning',
          'blocks',
          i,
          `${place('blocks', i).path}: ${fault}; ignored all blocks, so they are derived from the text's lines`,
        );
        blocks = undefined;
        break;
      }
    }
  }

  let document: AriadneDocument = doc;
  if (problems.length > 0) {
    const copy: { -readonly [K in keyof AriadneDocument]: AriadneDocument[K] } = {
      ...doc,
      entityTypes,
      relationTypes,
      blocks,
      entities: entities.map((e) => e.record),
      mentions: keptMentions,
      relations: keptRelations,
    };
    if (!blocks) delete copy.blocks;
    document = copy;
  }
  // Belt and braces: anything the steps above missed is reported, not hidden.
  for (const p of validateDocument(document)) {
    problems.push({ file, message: `${p.where}: ${p.message}`, severity: 'error' });
  }
  return { document, problems };
}

// ---------------------------------------------------------------------------------------------
// Import and export

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function importAriadneJson(name: string, text: string): AriadneJsonImport {
  const file = name;
  const fail = (message: string, line?: number): AriadneJsonImport => ({
    problems: [{ file, ...(line !== undefined ? { line } : {}), message, severity: 'error' }],
  });
  const source = stripBom(text);

  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (e) {
    const where = scanJson(source);
    if (where) {
      const { line, column } = lineColumn(source, where.offset);
      return fail(`not valid JSON (line ${line}, column ${column}: ${where.message})`, line);
    }
    return fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }

  if (!isRecord(raw) || !('format' in raw)) return fail(describeForeign(raw));
  if (raw.format !== FORMAT_VERSION) {
    return fail(
      typeof raw.format === 'string'
        ? `format ${JSON.stringify(raw.format)} is not supported (this app reads ${FORMAT_VERSION})`
        : `"format" must be the string "${FORMAT_VERSION}" (this app reads ${FORMAT_VERSION})`,
    );
  }

  const lineOf = lineLocator(source);
  const problems: ImportProblem[] = [];
  const at = (path: JsonPath) => {
    const line = lineOf(path);
    return line !== undefined ? { line } : {};
  };

  let parsed = documentSchema.safeParse(raw);
  const indexMaps: IndexMaps = {};
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const whole = issues.filter(
      (i) => !(isRecordArray(i.path[0]) && typeof i.path[1] === 'number'),
    );
    if (whole.length > 0) {
      const listed = issues.slice(0, MAX_LISTED).map((i) => issueText(i));
      const more = issues.length > MAX_LISTED ? `; and ${issues.length - MAX_LISTED} more` : '';
      return {
        problems: [
          {
            file,
            ...at((whole[0]?.path ?? []) as PathKey[]),
            message: `does not match the ${FORMAT_VERSION} format: ${listed.join('; ')}${more}`,
            severity: 'error',
          },
        ],
      };
    }
    // Only some records are malformed: drop them and keep the rest.
    const bad = new Map<RecordArray, Map<number, ZodIssue[]>>();
    for (const issue of issues) {
      const array = issue.path[0] as RecordArray;
      const index = issue.path[1] as number;
      const byIndex = bad.get(array) ?? new Map<number, ZodIssue[]>();
      byIndex.set(index, [...(byIndex.get(index) ?? []), issue]);
      bad.set(array, byIndex);
    }
    const trimmed: Record<string, unknown> = { ...raw };
    for (const [array, byIndex] of bad) {
      const list = raw[array] as unknown[];
      const keep: unknown[] = [];
      const map: number[] = [];
      list.forEach((item, index) => {
        const found = byIndex.get(index);
        if (!found) {
          keep.push(item);
          map.push(index);
          return;
        }
        const id = isRecord(item) ? (item.id ?? item.key) : undefined;
        const label = `${RECORD_NOUN[array]}${typeof id === 'string' ? ` "${id}"` : ''} (${formatPath([array, index])})`;
        const detail = found.slice(0, MAX_LISTED).map((i) => issueText(i, 2));
        const effect =
          array === 'blocks'
            ? "ignored all blocks, so they are derived from the text's lines"
            : 'dropped';
        problems.push({
          file,
          ...at([array, index]),
          message: `${label}: ${detail.join('; ')}; ${effect}`,
          severity: array === 'blocks' ? 'warning' : 'error',
        });
      });
      if (array === 'blocks') {
        delete trimmed.blocks;
      } else {
        trimmed[array] = keep;
        indexMaps[array] = map;
      }
    }
    parsed = documentSchema.safeParse(trimmed);
    if (!parsed.success) {
      return fail(
        `does not match the ${FORMAT_VERSION} format: ${parsed.error.issues
          .slice(0, MAX_LISTED)
          .map((i) => issueText(i))
          .join('; ')}`,
      );
    }
  }

  const unknown = unknownFields(raw);
  if (unknown.length > 0) {
    const listed = unknown
      .slice(0, MAX_LISTED)
      .map((p) => formatPath(p))
      .join(', ');
    problems.push({
      file,
      ...at(unknown[0] ?? []),
      message: `ignored field${unknown.length > 1 ? 's' : ''} this version does not know: ${listed}${unknown.length > MAX_LISTED ? ', …' : ''}`,
      severity: 'warning',
    });
  }

  const repaired = repairDocument(parsed.data, file, { lineOf, indexMaps });
  problems.push(...repaired.problems);
  return { document: repaired.document, problems };
}

/** The document as pretty JSON (two spaces, final newline); `importAriadneJson` reads it back. */
export function exportAriadneJson(doc: AriadneDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
