/**
 * Reads brat's two configuration files into our type definitions.
 *
 * - `annotation.conf`: sections `[entities]` (or the older `[spans]`), `[relations]`, `[events]` and
 *   `[attributes]`. Entity and event types nest by indentation; a leading `!` marks a type that only
 *   groups others and cannot be annotated, so it gets no TypeDef. Relation lines carry their arguments
 *   (`Arg1:Person, Arg2:GPE`); `<REL-TYPE>:symmetric` marks a relation whose direction carries no
 *   meaning, and `symmetric-transitive` an equivalence (brat writes those as `*` lines, which the
 *   importer turns into merged entities, so they are not relation types here). Event lines list their
 *   roles (`Theme+:Protein, Site?:Entity`); every role becomes a relation type, because each event
 *   argument becomes a relation from the event. Macros (`<POG>=Person|GPE`), the `<OVERLAP>` rule and
 *   the `----` menu separators are understood and skipped.
 * - `visual.conf`: `[labels]` (`Type | Long label | Short`) gives the label, `[drawing]`
 *   (`Type<TAB>bgColor:#hex, fgColor:white`) the colour: `bgColor` for span types, the arc `color`
 *   for relation types.
 *
 * Both readers are lenient: a line they do not understand is skipped with a warning, never an error,
 * because a configuration only decorates the annotations and the import should go on without it.
 */
import type { TypeDef } from '../model';
import type { ImportProblem } from './problems';

export interface ConfType {
  readonly key: string;
  /** The type this one is indented under, if any. */
  readonly parent?: string;
  /** `!Type`: groups other types in brat's menus, never used on text. */
  readonly abstract: boolean;
}

export interface ConfEvent extends ConfType {
  /** Role names without their cardinality marks (`Theme+` → `Theme`). */
  readonly roles: readonly string[];
}

export interface ConfRelation {
  readonly key: string;
  readonly symmetric: boolean;
  /** symmetric-transitive: an equivalence class, written as `*` lines. */
  readonly transitive: boolean;
}

export interface ConfAttribute {
  readonly name: string;
  /** What it attaches to, as written after `Arg:` (`<EVENT>`, `<ENTITY>`, a type name). */
  readonly targets: readonly string[];
  /** Allowed values; absent for a binary (present/absent) attribute. */
  readonly values?: readonly string[];
}

export interface AnnotationConf {
  readonly entities: readonly ConfType[];
  readonly events: readonly ConfEvent[];
  readonly relations: readonly ConfRelation[];
  readonly attributes: readonly ConfAttribute[];
  readonly problems: readonly ImportProblem[];
}

export interface VisualConf {
  /** Display label per type: the first form after the type name in `[labels]`. */
  readonly labels: ReadonlyMap<string, string>;
  /** Drawing settings per type (`bgColor`, `fgColor`, `color`, …) as written. */
  readonly drawing: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly problems: readonly ImportProblem[];
}

/** Everything the importer needs from the configuration, ready to put in a document. */
export interface BratSchema {
  /** Entity types, then event types (event nodes are entities of an event type). */
  readonly entityTypes: readonly TypeDef[];
  /** Relation types, then event roles. */
  readonly relationTypes: readonly TypeDef[];
  readonly eventTypes: ReadonlySet<string>;
  /** Types declared symmetric-transitive (`Equiv`, `Alias`): written as `*` lines. */
  readonly equivalenceTypes: ReadonlySet<string>;
  readonly attributes: ReadonlyMap<string, ConfAttribute>;
  readonly visual: VisualConf;
  readonly problems: readonly ImportProblem[];
}

/** "Transfer-money" → "Transfer money", "STATE_OR_PROVINCE" → "STATE OR PROVINCE". */
export function defaultLabel(key: string): string {
  const label = key.replace(/[_-]+/g, ' ').trim();
  return label === '' ? key : label;
}

/**
 * A TypeDef for `key` decorated from visual.conf. Span types (entities, events) take `bgColor`, arc
 * types (relations, roles) take `color`, falling back to the other when only that one is given.
 */
export function typeDefFor(
  key: string,
  visual: VisualConf | undefined,
  kind: 'span' | 'arc',
  symmetric = false,
): TypeDef {
  const drawing = visual?.drawing.get(key);
  const color =
    kind === 'span' ? (drawing?.bgColor ?? drawing?.color) : (drawing?.color ?? drawing?.bgColor);
  return {
    key,
    label: visual?.labels.get(key) ?? defaultLabel(key),
    ...(color !== undefined ? { color } : {}),
    ...(symmetric ? { symmetric: true } : {}),
  };
}

interface ConfLine {
  /** 1-based line number. */
  readonly line: number;
  /** Leading white space, measured in characters (tabs and spaces both count one). */
  readonly indent: number;
  /** The line without its indentation and trailing white space. */
  readonly content: string;
}

/** Splits a configuration file into meaningful lines: no blanks, no `#` comments. */
function confLines(text: string): ConfLine[] {
  const out: ConfLine[] = [];
  text.split(/\r?\n|\r/).forEach((raw, i) => {
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    out.push({ line: i + 1, indent: raw.length - raw.trimStart().length, content });
  });
  return out;
}

const SECTION = /^\[\s*([A-Za-z_-]+)\s*\]$/;
// brat restricts type names to ASCII letters, digits, _ and -; we only refuse what would break our
// parsing of the .ann lines (white space) or what is brat's own syntax (macros, pipes, colons).
const TYPE_NAME = /^[^\s|,:=<>!]+$/;
const MACRO = /^<[^>]+>\s*=/;
const SEPARATOR = /^-+$/;

function excerpt(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** First white-space separated token and the rest of the line. */
function headAndRest(content: string): [string, string] {
  const m = /^(\S+)\s*(.*)$/.exec(content);
  return m ? [m[1] ?? '', m[2] ?? ''] : ['', ''];
}

/** `Arg1:Person, Arg2:GPE|Money` → [['Arg1','Person'], ['Arg2','GPE|Money']]. */
function keyValues(rest: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of rest.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const colon = item.indexOf(':');
    if (colon < 0) pairs.push([item, '']);
    else pairs.push([item.slice(0, colon).trim(), item.slice(colon + 1).trim()]);
  }
  return pairs;
}

export function parseAnnotationConf(text: string, file = 'annotation.conf'): AnnotationConf {
  const problems: ImportProblem[] = [];
  const warn = (line: number, message: string) =>
    problems.push({ file, line, message: `line ${line}: ${message}`, severity: 'warning' });

  const entities: ConfType[] = [];
  const events: ConfEvent[] = [];
  const relations = new Map<string, ConfRelation>();
  const attributes = new Map<string, ConfAttribute>();
  let section: string | undefined;
  let unknownSection = false;
  // Indentation stack for the current hierarchical section: the nearest shallower line is the parent.
  let stack: { indent: number; key: string }[] = [];

  const parentFor = (indent: number): string | undefined => {
    while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? -1) >= indent) stack.pop();
    return stack[stack.length - 1]?.key;
  };

  for (const { line, indent, content } of confLines(text)) {
    const header = SECTION.exec(content);
    if (header) {
      section = (header[1] ?? '').toLowerCase();
      if (section === 'spans') section = 'entities';
      unknownSection = !['entities', 'relations', 'events', 'attributes'].includes(section);
      if (unknownSection) warn(line, `unknown section [${header[1]}]; its lines are ignored`);
      stack = [];
      continue;
    }
    if (unknownSection) continue;
    if (MACRO.test(content) || SEPARATOR.test(content)) continue;
    if (section === undefined) {
      warn(line, `"${excerpt(content)}" comes before any [section]; ignored`);
      continue;
    }
    const [head, rest] = headAndRest(content);
    // `<OVERLAP>` and similar rules are about brat's editor, not types.
    if (head.startsWith('<')) continue;
    const abstract = head.startsWith('!');
    const key = abstract ? head.slice(1) : head;
    if (!TYPE_NAME.test(key)) {
      warn(line, `"${excerpt(content)}" is not a type definition; ignored`);
      continue;
    }
    switch (section) {
      case 'entities': {
        // Anything after the name (`<NORM>:Wikidata`) configures brat's editor; not needed here.
        const parent = parentFor(indent);
        entities.push({ key, abstract, ...(parent !== undefined ? { parent } : {}) });
        stack.push({ indent, key });
        break;
      }
      case 'events': {
        const parent = parentFor(indent);
        const roles: string[] = [];
        for (const [role] of keyValues(rest)) {
          // `Person-Arg{2}`, `Theme+`, `Site*`, `Place-Arg?` → the bare role name.
          const name = role.replace(/\{[^}]*\}$/, '').replace(/[?*+]$/, '');
          if (name.startsWith('<')) continue;
          if (!TYPE_NAME.test(name)) warn(line, `event ${key}: role "${role}" is not understood`);
          else if (!roles.includes(name)) roles.push(name);
        }
        events.push({ key, abstract, roles, ...(parent !== undefined ? { parent } : {}) });
        stack.push({ indent, key });
        break;
      }
      case 'relations': {
        let symmetric = false;
        let transitive = false;
        for (const [k, v] of keyValues(rest)) {
          if (k === '<REL-TYPE>') {
            symmetric = v.includes('symmetric');
            transitive = v.includes('transitive');
          }
        }
        // A type may be declared once per argument signature (Equiv for each entity type).
        const previous = relations.get(key);
        relations.set(key, {
          key,
          symmetric: symmetric || (previous?.symmetric ?? false),
          transitive: transitive || (previous?.transitive ?? false),
        });
        break;
      }
      case 'attributes': {
        let targets: string[] = [];
        let values: string[] | undefined;
        for (const [k, v] of keyValues(rest)) {
          if (k === 'Arg') targets = v.split('|').filter((t) => t !== '');
          else if (k === 'Value')
            values = v
              .split('|')
              .map((t) => t.trim())
              .filter((t) => t !== '');
        }
        attributes.set(key, { name: key, targets, ...(values ? { values } : {}) });
        break;
      }
    }
  }
  return {
    entities,
    events,
    relations: [...relations.values()],
    attributes: [...attributes.values()],
    problems,
  };
}

export function parseVisualConf(text: string, file = 'visual.conf'): VisualConf {
  const problems: ImportProblem[] = [];
  const warn = (line: number, message: string) =>
    problems.push({ file, line, message: `line ${line}: ${message}`, severity: 'warning' });
  const labels = new Map<string, string>();
  const drawing = new Map<string, Record<string, string>>();
  let section: string | undefined;

  for (const { line, content } of confLines(text)) {
    const header = SECTION.exec(content);
    if (header) {
      section = (header[1] ?? '').toLowerCase();
      // [options] configures brat's layout; nothing in it maps to our model.
      if (!['labels', 'drawing', 'options'].includes(section)) {
        warn(line, `unknown section [${header[1]}]; its lines are ignored`);
      }
      continue;
    }
    if (section === 'labels') {
      const forms = content.split('|').map((f) => f.trim());
      const key = forms[0] ?? '';
      if (!TYPE_NAME.test(key)) {
        warn(line, `"${excerpt(content)}" is not a label line (Type | Label | Short); ignored`);
        continue;
      }
      const label = forms[1];
      if (label !== undefined && label !== '') labels.set(key, label);
    } else if (section === 'drawing') {
      const [key, rest] = headAndRest(content);
      if (!TYPE_NAME.test(key)) {
        warn(line, `"${excerpt(content)}" is not a drawing line (Type<TAB>key:value, …); ignored`);
        continue;
      }
      const settings: Record<string, string> = { ...drawing.get(key) };
      for (const [k, v] of keyValues(rest)) if (k !== '' && v !== '') settings[k] = v;
      drawing.set(key, settings);
    } else if (section === undefined) {
      warn(line, `"${excerpt(content)}" comes before any [section]; ignored`);
    }
  }
  return { labels, drawing, problems };
}

export function buildBratSchema(input: {
  readonly annotationConf?: string;
  readonly visualConf?: string;
  readonly annotationFile?: string;
  readonly visualFile?: string;
}): BratSchema {
  const conf =
    input.annotationConf !== undefined
      ? parseAnnotationConf(input.annotationConf, input.annotationFile)
      : undefined;
  const visual =
    input.visualConf !== undefined
      ? parseVisualConf(input.visualConf, input.visualFile)
      : undefined;
  const emptyVisual: VisualConf = { labels: new Map(), drawing: new Map(), problems: [] };
  const vis = visual ?? emptyVisual;

  const entityTypes: TypeDef[] = [];
  const relationTypes: TypeDef[] = [];
  const seenEntity = new Set<string>();
  const seenRelation = new Set<string>();
  const addEntity = (key: string) => {
    if (seenEntity.has(key)) return;
    seenEntity.add(key);
    entityTypes.push(typeDefFor(key, vis, 'span'));
  };
  const addRelation = (key: string, symmetric = false) => {
    if (seenRelation.has(key)) return;
    seenRelation.add(key);
    relationTypes.push(typeDefFor(key, vis, 'arc', symmetric));
  };

  for (const t of conf?.entities ?? []) if (!t.abstract) addEntity(t.key);
  for (const t of conf?.events ?? []) if (!t.abstract) addEntity(t.key);
  const equivalenceTypes = new Set<string>();
  for (const r of conf?.relations ?? []) {
    if (r.transitive) equivalenceTypes.add(r.key);
    else addRelation(r.key, r.symmetric);
  }
  for (const e of conf?.events ?? []) for (const role of e.roles) addRelation(role);

  return {
    entityTypes,
    relationTypes,
    eventTypes: new Set((conf?.events ?? []).map((e) => e.key)),
    equivalenceTypes,
    attributes: new Map((conf?.attributes ?? []).map((a) => [a.name, a])),
    visual: vis,
    problems: [...(conf?.problems ?? []), ...(visual?.problems ?? [])],
  };
}
