/**
 * brat standoff (https://brat.nlplab.org/standoff.html) to and from our document model.
 *
 * Import reads a `.txt`, its `.ann` and optionally `annotation.conf` / `visual.conf`, and never
 * throws: every line it cannot use is skipped and reported as an `error` problem with its line
 * number, every repair is reported as a `warning`, and all other lines still import.
 *
 * Decisions:
 * - Offsets. brat counts Unicode code points; the model counts UTF-16 code units. `offsets.ts`
 *   converts both ways, so a text with emoji maps to the right slices.
 * - Mentions. Each `T` line is one mention (several spans for `0 5;10 15`, sorted into text order).
 *   The mention's text is always the span's real text. When the `.ann` text field differs, we keep
 *   the annotation with the real text and warn; white-space differences alone (a line break written
 *   as a space, an NBSP, trailing blanks) are not reported. A `T` whose text field contains a raw
 *   line break spills onto the next physical line (chinese-literature 903.ann): a line that is not
 *   a standoff line and continues the previous `T`'s text towards its span is joined to it, with a
 *   warning; any other such line is an error.
 * - Entities. `T` annotations of the same type whose text is the same after trimming and collapsing
 *   white space are one entity (case matters: "Apple" and "apple" stay apart); `*` lines (Equiv,
 *   Alias, Coreference …) merge entities further (union-find), across types too. A type and text
 *   found in two `*` groups does not merge them (the file keeps them apart: the pronoun "its" of
 *   two organisations); its mentions outside any `*` line then form their own entity. The entity id is
 *   `e-` and the smallest `T` id of the group (ids must be unique across entities, mentions and
 *   relations, and mentions keep their `T` ids); its name is its most frequent mention text (then the longest,
 *   then the first); the other texts are aliases. Its type is the most frequent type among the
 *   mentions bearing the name. A mention whose own brat type differs from its entity's (only after a
 *   `*` merge) keeps that type in the attribute `brat:type`, so export writes it back.
 * - Events. Each `E` line becomes its own entity of kind `event` (id `e-` and the `E` id, named by its
 *   trigger text, typed by the event type); its trigger `T` becomes that entity's mention. Each
 *   argument becomes a relation from the event to the argument's entity, typed by the role without
 *   trailing digits (`Theme2` → `Theme`); an argument that is another event points at that event's
 *   entity. A `T` that triggers several events is copied, one mention per event.
 * - Relations. `R` lines relate the entities of Arg1 and Arg2. Evidence is the sentence holding both
 *   argument mentions, or both sentences when they differ. brat has no certainty: it is set only from
 *   an attribute `Certainty` whose value is stated, reported or possible.
 * - `A`/`M` lines set attributes (binary → true, valued → the value) on the mention (`T`), the event
 *   entity (`E`) or the relation (`R`). `N` lines add an ExternalRef to the entity. `#` notes go on
 *   the mention, the event entity or the relation (`note`, one line per note); a note type other than
 *   AnnotatorNotes prefixes the text ("Lemma: Halonen").
 * - Types used but not declared in annotation.conf still get TypeDefs.
 *
 * Export writes brat back so that import → export → import gives the same annotations (not the same
 * ids; ids are reused when they already look like brat ids). Entities whose mentions would not
 * regroup by type and text get an `*\tEquiv` line; event entities get `E` lines with their
 * arguments; other relations `R` lines. What brat cannot hold (an entity description, two entities
 * sharing a type and a mention text, attributes or notes on an actor rather than a mention) is
 * reported as a warning.
 */
import type {
  AriadneDocument,
  AttributeValue,
  Certainty,
  Entity,
  ExternalRef,
  Mention,
  Quote,
  Relation,
  Span,
  TypeDef,
} from '../model';
import { CERTAINTIES, FORMAT_VERSION, quote, spansText } from '../model';
import { createOffsetConverter } from '../offsets';
import { splitSentences } from '../sentences';
import type { Sentence } from '../sentences';
import { buildBratSchema, defaultLabel, typeDefFor } from './brat-conf';
import type { ImportProblem } from './problems';

export type { ImportProblem } from './problems';

/** Mention attribute holding the mention's own brat type when it differs from its entity's type. */
export const BRAT_TYPE_ATTRIBUTE = 'brat:type';
/** Attribute name that carries a relation's certainty through brat. */
export const CERTAINTY_ATTRIBUTE = 'Certainty';

export interface BratInput {
  /** Document name: the base name shared by the .txt and .ann, or either file's name. */
  readonly name: string;
  readonly text: string;
  readonly ann: string;
  readonly annotationConf?: string;
  readonly visualConf?: string;
}

export interface BratImport {
  readonly document: AriadneDocument;
  readonly problems: ImportProblem[];
}

export interface BratExport {
  readonly txt: string;
  readonly ann: string;
  readonly annotationConf: string;
  readonly visualConf: string;
  /** What brat could not hold; the export is still usable. */
  readonly problems: ImportProblem[];
}

// ---------------------------------------------------------------------------------------------
// Small helpers

// JavaScript's \s plus the other characters Python's str.splitlines treats as line breaks, which
// brat may write into a text field. The control characters are meant.
// eslint-disable-next-line no-control-regex
const WHITE = /[\s\x1c-\x1e\x85]+/g;

/** Text compared the way grouping and text checks see it: trimmed, white-space runs as one space. */
function normalise(s: string): string {
  return s.replace(WHITE, ' ').trim();
}

function excerpt(s: string, max = 60): string {
  const cps = Array.from(s);
  return cps.length > max ? `${cps.slice(0, max - 1).join('')}…` : s;
}

/** A quoted, escaped excerpt for messages: shows line breaks and tabs as \n and \t. */
function show(s: string): string {
  return JSON.stringify(excerpt(s));
}

/** Orders ids naturally: T2 before T10; falls back to plain string order. */
function idOrder(a: string, b: string): number {
  const ma = /^(\D*)(\d+)$/.exec(a);
  const mb = /^(\D*)(\d+)$/.exec(b);
  if (ma && mb && ma[1] === mb[1]) {
    const d = Number(ma[2]) - Number(mb[2]);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function spanOrder(a: readonly Span[], b: readonly Span[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y) break;
    if (x.start !== y.start) return x.start - y.start;
    if (x.end !== y.end) return x.end - y.end;
  }
  return a.length - b.length;
}

function baseName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? name;
  const base = last.replace(/\.(ann|txt)$/i, '');
  return base === '' ? 'brat-document' : base;
}

function titleOf(text: string, fallback: string): string {
  const first = text
    .split(/\r\n|\n|\r|\u2028|\u2029/)
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (first === undefined) return fallback;
  const cps = Array.from(first);
  if (cps.length <= 80) return first;
  const cut = cps.slice(0, 80).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

class UnionFind {
  private readonly parent = new Map<string, string>();

  find(x: string): string {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) {
      root = p;
    }
    // Path compression keeps later finds short.
    for (let y = x; y !== root;) {
      const next = this.parent.get(y) ?? root;
      this.parent.set(y, root);
      y = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // The smaller id becomes the root, so group ids do not depend on merge order.
    if (idOrder(ra, rb) <= 0) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }
}

// ---------------------------------------------------------------------------------------------
// Parsed lines

interface Located {
  readonly id: string;
  readonly line: number;
}

interface TextBoundLine extends Located {
  readonly type: string;
  /** UTF-16 spans in text order. */
  readonly spans: readonly Span[];
  /** The spans' real text, joined by single spaces. */
  readonly text: string;
}

interface RelationLine extends Located {
  readonly type: string;
  readonly args: readonly { readonly role: string; readonly ref: string }[];
}

interface EventLine extends Located {
  readonly type: string;
  readonly trigger: string;
  readonly args: readonly { readonly role: string; readonly ref: string }[];
}

interface AttributeLine extends Located {
  readonly name: string;
  readonly target: string;
  readonly value: AttributeValue;
}

interface NormalizationLine extends Located {
  readonly target: string;
  readonly ref: ExternalRef;
}

interface NoteLine extends Located {
  readonly target: string;
  readonly text: string;
}

interface EquivLine {
  readonly line: number;
  readonly type: string;
  readonly members: readonly string[];
}

const KINDS = 'T, R, E, A, M, N, # or *';

/** Entities are named after the brat annotation that founds them; the prefix keeps ids unique. */
function entityId(bratId: string): string {
  return `e-${bratId}`;
}

/** `Role:Id` split at the last colon (a role never contains a colon, a type in E lines might). */
function roleRef(token: string): { role: string; ref: string } | undefined {
  const colon = token.lastIndexOf(':');
  if (colon <= 0 || colon === token.length - 1) return undefined;
  return { role: token.slice(0, colon), ref: token.slice(colon + 1) };
}

// ---------------------------------------------------------------------------------------------
// Import

interface MentionDraft {
  id: string;
  entityId: string;
  readonly spans: readonly Span[];
  readonly text: string;
  readonly type: string;
  readonly attributes: Record<string, AttributeValue>;
  readonly notes: string[];
}

interface EntityDraft {
  readonly id: string;
  name: string;
  type: string;
  aliases: string[];
  readonly kind: 'actor' | 'event';
  readonly refs: ExternalRef[];
  readonly attributes: Record<string, AttributeValue>;
  readonly notes: string[];
  readonly mentions: MentionDraft[];
}

interface RelationDraft {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly target: string;
  readonly evidence: readonly Quote[];
  certainty?: Certainty;
  readonly notes: string[];
  readonly attributes: Record<string, AttributeValue>;
}

export function importBrat(input: BratInput): BratImport {
  const base = baseName(input.name);
  const annFile = `${base}.ann`;
  const text = input.text;
  const problems: ImportProblem[] = [];
  const report = (severity: 'error' | 'warning', line: number | undefined, message: string) =>
    problems.push({
      file: annFile,
      ...(line !== undefined ? { line } : {}),
      message,
      severity,
    });
  const error = (line: number | undefined, message: string) => report('error', line, message);
  const warn = (line: number | undefined, message: string) => report('warning', line, message);

  const schema = buildBratSchema({
    ...(input.annotationConf !== undefined ? { annotationConf: input.annotationConf } : {}),
    ...(input.visualConf !== undefined ? { visualConf: input.visualConf } : {}),
  });
  problems.push(...schema.problems);

  const conv = createOffsetConverter(text);

  // --- Pass 1: read every physical line into typed records.
  const tbs = new Map<string, TextBoundLine>();
  const rels = new Map<string, RelationLine>();
  const events = new Map<string, EventLine>();
  const attrs = new Map<string, AttributeLine>();
  const norms = new Map<string, NormalizationLine>();
  const notes = new Map<string, NoteLine>();
  const equivs: EquivLine[] = [];
  /** Ids whose line was skipped, so references to them can say so. */
  const skipped = new Map<string, number>();
  const claimed = new Map<string, number>();

  /** A T whose text field so far is a strict beginning of its span text: more may follow. */
  let pending: { id: string; line: number; field: string; expected: string } | undefined;
  const mismatch = (id: string, field: string, expected: string) =>
    `${id}: text ${show(field)} does not match the span ${show(expected)}; using the span's text`;
  const flushPending = () => {
    if (pending) warn(pending.line, mismatch(pending.id, pending.field, pending.expected));
    pending = undefined;
  };

  const parseTextBound = (
    id: string,
    fields: string[],
    line: number,
  ): TextBoundLine | undefined => {
    const head = fields[0] ?? '';
    const m = /^(\S+)\s+(\d+\s+\d+(?:\s*;\s*\d+\s+\d+)*)\s*$/.exec(head);
    if (!m) {
      error(
        line,
        `${id}: expected a type and offsets like "Person 0 5" or "Person 0 5;8 12", found ${show(head)}`,
      );
      return undefined;
    }
    const type = m[1] ?? '';
    const written: { start: number; end: number }[] = [];
    for (const fragment of (m[2] ?? '').split(';')) {
      const [s, e] = fragment.trim().split(/\s+/).map(Number);
      // The pattern above guarantees two numbers per fragment; this only satisfies the type checker.
      if (s === undefined || e === undefined) {
        error(line, `${id}: cannot read the offsets ${show(fragment)}`);
        return undefined;
      }
      written.push({ start: s, end: e });
    }
    const length = conv.codePointLength;
    for (const f of written) {
      if (f.start > f.end) {
        error(line, `${id}: offsets ${f.start}–${f.end} are reversed (start after end)`);
        return undefined;
      }
      if (f.end > length) {
        error(
          line,
          `${id}: offsets ${f.start}–${f.end} end past the text (length ${length} characters)`,
        );
        return undefined;
      }
      if (f.start === f.end) {
        error(line, `${id}: offsets ${f.start}–${f.end} cover no text`);
        return undefined;
      }
    }
    const toSpan = (f: { start: number; end: number }): Span => ({
      // Both offsets were checked to lie in 0..codePointLength, so conversion cannot fail.
      start: conv.toUtf16(f.start) ?? 0,
      end: conv.toUtf16(f.end) ?? 0,
    });
    // brat writes the text of a discontinuous annotation in the order the fragments are listed.
    const expected = spansText(text, written.map(toSpan));
    const sorted = [...written].sort((a, b) => a.start - b.start || a.end - b.end);
    if (sorted.some((f, i) => f !== written[i])) {
      warn(line, `${id}: fragments are not in text order; sorted`);
    }
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1];
      const b = sorted[i];
      if (a && b && b.start < a.end) {
        error(line, `${id}: fragments ${a.start}–${a.end} and ${b.start}–${b.end} overlap`);
        return undefined;
      }
    }
    const spans = sorted.map(toSpan);
    const field = fields.length > 1 ? fields.slice(1).join('\t') : undefined;
    if (field === undefined) {
      warn(line, `${id}: no text field after the offsets; using the span's text`);
    } else if (normalise(field) !== normalise(expected)) {
      if (field !== '' && normalise(expected).startsWith(normalise(field))) {
        pending = { id, line, field, expected };
      } else {
        warn(line, mismatch(id, field, expected));
      }
    }
    return { id, line, type, spans, text: spansText(text, spans) };
  };

  const tokensOf = (field: string | undefined) =>
    (field ?? '').split(/\s+/).filter((t) => t !== '');
  const extraFields = (id: string, fields: string[], from: number, line: number) => {
    const extra = fields.slice(from).join('\t').trim();
    if (extra !== '') warn(line, `${id}: unexpected extra field ${show(extra)}; ignored`);
  };

  const lines = input.ann.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const tab = raw.indexOf('\t');
    const id = tab > 0 ? raw.slice(0, tab) : '';
    const standoff = id !== '' && !/\s/.test(id);

    if (!standoff) {
      if (pending) {
        const joined = `${pending.field}\n${raw}`;
        const want = normalise(pending.expected);
        const got = normalise(joined);
        if (want.startsWith(got)) {
          warn(
            line,
            `line ${line}: continues the text of ${pending.id} from the line above (its span ` +
              `contains a line break, written raw into the .ann); joined`,
          );
          pending = got === want ? undefined : { ...pending, field: joined };
          continue;
        }
      }
      flushPending();
      const first = tab >= 0 ? raw.slice(0, tab) : raw;
      if (/^\s*(?:[TREAMN#]\d+|\*)[ \u00a0]+\S/.test(first)) {
        error(
          line,
          `line ${line}: not a standoff line (expected an id, a TAB, then fields; found spaces instead of tabs?): ${show(raw)}`,
        );
      } else {
        error(
          line,
          `line ${line}: not a standoff line (expected an id, a TAB, then fields): ${show(raw)}`,
        );
      }
      continue;
    }
    flushPending();

    const fields = raw.slice(tab + 1).split('\t');
    const kind = id[0] ?? '';
    if (kind !== '*') {
      if (!'TREAMN#'.includes(kind)) {
        error(
          line,
          `${id}: unknown annotation kind "${kind}" (expected an id starting with ${KINDS})`,
        );
        continue;
      }
      const first = claimed.get(id);
      if (first !== undefined) {
        error(line, `duplicate id ${id} (first used on line ${first}); this line is skipped`);
        continue;
      }
    }

    const skip = () => skipped.set(id, line);
    const claim = () => {
      claimed.set(id, line);
      skipped.delete(id);
    };
    switch (kind) {
      case 'T': {
        const t = parseTextBound(id, fields, line);
        if (t) {
          tbs.set(id, t);
          claim();
        } else skip();
        break;
      }
      case 'R': {
        const tokens = tokensOf(fields[0]);
        const args = tokens.slice(1).map(roleRef);
        const type = tokens[0];
        if (type === undefined || args.length !== 2 || args.some((a) => a === undefined)) {
          error(line, `${id}: expected "Type Arg1:<id> Arg2:<id>", found ${show(fields[0] ?? '')}`);
          skip();
          break;
        }
        extraFields(id, fields, 1, line);
        let pair = args.filter((a): a is { role: string; ref: string } => a !== undefined);
        // Arg1 is the source whatever order the arguments are written in.
        if (pair[0]?.role === 'Arg2' && pair[1]?.role === 'Arg1') pair = [pair[1], pair[0]];
        else if (!(pair[0]?.role === 'Arg1' && pair[1]?.role === 'Arg2')) {
          warn(
            line,
            `${id}: arguments are named ${pair.map((a) => a.role).join(' and ')}, not Arg1 and Arg2; ` +
              'reading the first as the source',
          );
        }
        rels.set(id, { id, line, type, args: pair });
        claim();
        break;
      }
      case 'E': {
        const tokens = tokensOf(fields[0]);
        const head = tokens[0] !== undefined ? roleRef(tokens[0]) : undefined;
        if (!head) {
          error(
            line,
            `${id}: expected "Type:<trigger id> Role:<id> …", found ${show(fields[0] ?? '')}`,
          );
          skip();
          break;
        }
        extraFields(id, fields, 1, line);
        const args: { role: string; ref: string }[] = [];
        for (const token of tokens.slice(1)) {
          const arg = roleRef(token);
          if (arg) args.push(arg);
          else error(line, `${id}: argument ${show(token)} is not Role:<id>; skipped`);
        }
        events.set(id, { id, line, type: head.role, trigger: head.ref, args });
        claim();
        break;
      }
      case 'A':
      case 'M': {
        const tokens = tokensOf(fields[0]);
        const [name, target, value] = tokens;
        if (name === undefined || target === undefined) {
          error(
            line,
            `${id}: expected "Name <id>" or "Name <id> Value", found ${show(fields[0] ?? '')}`,
          );
          skip();
          break;
        }
        if (tokens.length > 3) {
          warn(
            line,
            `${id}: extra words after the value ${show(tokens.slice(3).join(' '))}; ignored`,
          );
        }
        extraFields(id, fields, 1, line);
        attrs.set(id, { id, line, name, target, value: value ?? true });
        claim();
        break;
      }
      case 'N': {
        const [, target, dbRef] = tokensOf(fields[0]);
        const colon = dbRef?.indexOf(':') ?? -1;
        if (
          target === undefined ||
          dbRef === undefined ||
          colon <= 0 ||
          colon === dbRef.length - 1
        ) {
          error(
            line,
            `${id}: expected "Reference <id> Source:Id" (e.g. Wikipedia:534366), found ${show(fields[0] ?? '')}`,
          );
          skip();
          break;
        }
        // A tab inside the last field can only be an accident; export writes a space.
        const label = fields.slice(1).join(' ').trim();
        const ref: ExternalRef = {
          source: dbRef.slice(0, colon),
          id: dbRef.slice(colon + 1),
          ...(label !== '' ? { label } : {}),
        };
        norms.set(id, { id, line, target, ref });
        claim();
        break;
      }
      case '#': {
        const [type, target] = tokensOf(fields[0]);
        const body = fields.slice(1).join(' ');
        if (type === undefined || target === undefined) {
          error(line, `${id}: expected "AnnotatorNotes <id>", found ${show(fields[0] ?? '')}`);
          skip();
          break;
        }
        if (body.trim() === '') {
          warn(line, `${id}: note on ${target} has no text; ignored`);
          claim();
          break;
        }
        // The note type is part of what the note says when it is not the default one (TDT: Lemma).
        const noteText = type === 'AnnotatorNotes' ? body : `${type}: ${body.trimStart()}`;
        notes.set(id, { id, line, target, text: noteText });
        claim();
        break;
      }
      case '*': {
        const [type, ...members] = tokensOf(fields[0]);
        if (type === undefined || members.length < 2) {
          warn(
            line,
            `*: expected "Equiv <id> <id> …" with at least two ids, found ${show(fields[0] ?? '')}; ignored`,
          );
          break;
        }
        equivs.push({ line, type, members });
        break;
      }
    }
  }
  flushPending();

  // --- Pass 2: resolve references and build the model.
  const describe = (ref: string): string => {
    const line = skipped.get(ref);
    return line !== undefined
      ? `${ref}, which was skipped (line ${line})`
      : `${ref}, which does not exist`;
  };

  // Events claim their triggers first, so a trigger is never grouped with actors.
  const eventMention = new Map<string, MentionDraft>();
  const triggerOwner = new Map<string, string>();
  const entities = new Map<string, EntityDraft>();
  const mentions: MentionDraft[] = [];
  const eventList = [...events.values()].sort((a, b) => a.line - b.line);
  for (const e of eventList) {
    const t = tbs.get(e.trigger);
    if (!t) {
      const other = rels.has(e.trigger) || events.has(e.trigger) || attrs.has(e.trigger);
      error(
        e.line,
        other
          ? `${e.id}: the trigger must be a text-bound annotation (T), not ${e.trigger}; event skipped`
          : `${e.id}: trigger refers to ${describe(e.trigger)}; event skipped`,
      );
      events.delete(e.id);
      skipped.set(e.id, e.line);
      continue;
    }
    if (t.type !== e.type) {
      warn(
        e.line,
        `${e.id}: event type ${e.type} differs from its trigger ${t.id}'s type ${t.type}`,
      );
    }
    const owner = triggerOwner.get(t.id);
    // A second event on the same trigger gets its own copy of the mention, under a fresh id.
    let copyId = `${t.id}-${e.id}`;
    while (tbs.has(copyId)) copyId = `${copyId}'`;
    const mention: MentionDraft = {
      id: owner === undefined ? t.id : copyId,
      entityId: entityId(e.id),
      spans: t.spans,
      text: t.text,
      type: t.type,
      attributes: t.type !== e.type ? { [BRAT_TYPE_ATTRIBUTE]: t.type } : {},
      notes: [],
    };
    if (owner === undefined) triggerOwner.set(t.id, e.id);
    mentions.push(mention);
    eventMention.set(e.id, mention);
    entities.set(entityId(e.id), {
      id: entityId(e.id),
      name: normalise(t.text) || t.text,
      type: e.type,
      aliases: [],
      kind: 'event',
      refs: [],
      attributes: {},
      notes: [],
      mentions: [mention],
    });
  }

  // Actor mentions: the * lines' groups first, then by type and text. A type and text shared by
  // two * groups (the pronoun "its" of two organisations) does not merge them: the file says they
  // are apart.
  const uf = new UnionFind();
  const actorTs = [...tbs.values()].filter((t) => !triggerOwner.has(t.id));
  for (const eq of equivs) {
    const usable: string[] = [];
    for (const member of eq.members) {
      if (tbs.has(member) && !triggerOwner.has(member)) usable.push(member);
      else if (triggerOwner.has(member)) {
        warn(
          eq.line,
          `*: ${member} is the trigger of event ${triggerOwner.get(member)}, which stays its own node; ` +
            `left out of this ${eq.type}`,
        );
      } else if (events.has(member) || rels.has(member)) {
        warn(
          eq.line,
          `*: ${member} is not a text-bound annotation (T); left out of this ${eq.type}`,
        );
      } else {
        error(eq.line, `*: ${eq.type} refers to ${describe(member)}`);
      }
    }
    for (const member of usable.slice(1)) uf.union(usable[0] ?? member, member);
  }

  const inEquiv = new Set(
    equivs.flatMap((eq) => eq.members.filter((m) => tbs.has(m) && !triggerOwner.has(m))),
  );
  const byKey = new Map<string, TextBoundLine[]>();
  for (const t of actorTs) {
    const key = `${t.type}\u0000${normalise(t.text)}`;
    const same = byKey.get(key);
    if (same) same.push(t);
    else byKey.set(key, [t]);
  }
  for (const same of byKey.values()) {
    const roots = new Set(same.filter((t) => inEquiv.has(t.id)).map((t) => uf.find(t.id)));
    const loose = same.filter((t) => !inEquiv.has(t.id)).map((t) => t.id);
    // One * group takes the loose mentions in; several keep apart, and the loose ones stay together.
    const anchor = roots.size === 1 ? [...roots][0] : loose[0];
    for (const id of roots.size > 1 ? loose : same.map((t) => t.id))
      if (anchor !== undefined) uf.union(anchor, id);
  }

  const groups = new Map<string, TextBoundLine[]>();
  for (const t of actorTs) {
    const root = uf.find(t.id);
    const group = groups.get(root);
    if (group) group.push(t);
    else groups.set(root, [t]);
  }
  for (const [root, group] of groups) {
    group.sort((a, b) => spanOrder(a.spans, b.spans) || idOrder(a.id, b.id));
    // Most frequent text, then the longest, then the first in the text.
    const counts = new Map<string, number>();
    for (const t of group) {
      const k = normalise(t.text);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    let name = '';
    let best = -1;
    for (const [k, n] of counts) {
      if (n > best || (n === best && k.length > name.length)) {
        name = k;
        best = n;
      }
    }
    const typeCounts = new Map<string, number>();
    for (const t of group) {
      if (normalise(t.text) === name) typeCounts.set(t.type, (typeCounts.get(t.type) ?? 0) + 1);
    }
    let type = group[0]?.type ?? '';
    let typeBest = -1;
    for (const [k, n] of typeCounts) {
      if (n > typeBest) {
        type = k;
        typeBest = n;
      }
    }
    const draft: EntityDraft = {
      id: entityId(root),
      // An all-blank span has no trimmed text; its raw text still names it.
      name: name !== '' ? name : (group[0]?.text ?? root),
      type,
      aliases: [...counts.keys()].filter((k) => k !== name && k !== ''),
      kind: 'actor',
      refs: [],
      attributes: {},
      notes: [],
      mentions: [],
    };
    for (const t of group) {
      const mention: MentionDraft = {
        id: t.id,
        entityId: entityId(root),
        spans: t.spans,
        text: t.text,
        type: t.type,
        attributes: t.type !== type ? { [BRAT_TYPE_ATTRIBUTE]: t.type } : {},
        notes: [],
      };
      draft.mentions.push(mention);
      mentions.push(mention);
    }
    entities.set(draft.id, draft);
  }

  const mentionIndex = new Map(mentions.map((m) => [m.id, m]));
  const mentionFor = (ref: string): MentionDraft | undefined => {
    if (tbs.has(ref)) {
      const owner = triggerOwner.get(ref);
      return owner !== undefined ? eventMention.get(owner) : mentionIndex.get(ref);
    }
    return events.has(ref) ? eventMention.get(ref) : undefined;
  };

  // Evidence: the sentence(s) that hold the two mentions.
  let sentences: readonly Sentence[] | undefined;
  const sentenceOf = (m: MentionDraft): Sentence | undefined => {
    sentences ??= splitSentences(text);
    const span = m.spans[0];
    if (!span) return undefined;
    let lo = 0;
    let hi = sentences.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sentences[mid]?.end ?? Infinity) <= span.start) lo = mid + 1;
      else hi = mid;
    }
    const s = sentences[lo];
    return s && s.start < span.end ? s : undefined;
  };
  const evidenceFor = (a: MentionDraft, b: MentionDraft): Quote[] => {
    const found = [sentenceOf(a), sentenceOf(b)].filter((s): s is Sentence => s !== undefined);
    const unique = [...new Map(found.map((s) => [s.index, s])).values()].sort(
      (x, y) => x.start - y.start,
    );
    return unique.map((s) => quote(text, s));
  };

  /** The entity and mention an R or E argument stands for, or an error message. */
  const resolveArg = (
    owner: string,
    what: string,
    ref: string,
  ): { entity: string; mention: MentionDraft } | string => {
    const mention = mentionFor(ref);
    if (mention) return { entity: mention.entityId, mention };
    if (rels.has(ref) || attrs.has(ref) || norms.has(ref) || notes.has(ref)) {
      return `${owner}: ${what} must be a T or E annotation, not ${ref}`;
    }
    return `${owner}: ${what} refers to ${describe(ref)}`;
  };

  const relations = new Map<string, RelationDraft & { line: number; order: number }>();
  for (const r of rels.values()) {
    const [a1, a2] = r.args;
    if (!a1 || !a2) continue;
    const src = resolveArg(r.id, a1.role, a1.ref);
    const tgt = resolveArg(r.id, a2.role, a2.ref);
    if (typeof src === 'string' || typeof tgt === 'string') {
      for (const m of [src, tgt])
        if (typeof m === 'string') error(r.line, `${m}; relation skipped`);
      rels.delete(r.id);
      skipped.set(r.id, r.line);
      continue;
    }
    relations.set(r.id, {
      id: r.id,
      type: r.type,
      source: src.entity,
      target: tgt.entity,
      evidence: evidenceFor(src.mention, tgt.mention),
      notes: [],
      attributes: {},
      line: r.line,
      order: 0,
    });
  }
  for (const e of events.values()) {
    const trigger = eventMention.get(e.id);
    if (!trigger) continue;
    e.args.forEach((arg, order) => {
      const tgt = resolveArg(e.id, arg.role, arg.ref);
      if (typeof tgt === 'string') {
        error(e.line, `${tgt}; argument skipped`);
        return;
      }
      let id = `${e.id}-${arg.role}`;
      for (let n = 2; relations.has(id); n++) id = `${e.id}-${arg.role}-${n}`;
      relations.set(id, {
        id,
        // Theme2, Org-Arg3: brat numbers repeated roles; the role is the same.
        type: arg.role.replace(/\d+$/, '') || arg.role,
        source: entityId(e.id),
        target: tgt.entity,
        evidence: evidenceFor(trigger, tgt.mention),
        notes: [],
        attributes: {},
        line: e.line,
        order: order + 1,
      });
    });
  }

  // Attributes, normalisations and notes attach to what their target became.
  const targetOf = (ref: string) => {
    if (tbs.has(ref)) return { kind: 'mention' as const, mention: mentionFor(ref) };
    if (events.has(ref)) return { kind: 'entity' as const, entity: entities.get(entityId(ref)) };
    if (rels.has(ref)) return { kind: 'relation' as const, relation: relations.get(ref) };
    return undefined;
  };
  const notFound = (owner: string, ref: string) =>
    attrs.has(ref) || norms.has(ref) || notes.has(ref)
      ? `${owner}: cannot attach to ${ref}, which is itself an attribute, reference or note; skipped`
      : `${owner}: refers to ${describe(ref)}; skipped`;

  for (const a of [...attrs.values()].sort((x, y) => x.line - y.line)) {
    const target = targetOf(a.target);
    const set = (bag: Record<string, AttributeValue>, where: string) => {
      if (a.name in bag) {
        warn(a.line, `${a.id}: ${where} already has attribute ${a.name}; the later value wins`);
      }
      bag[a.name] = a.value;
    };
    const declared = schema.attributes.get(a.name);
    if (declared?.values && typeof a.value === 'string' && !declared.values.includes(a.value)) {
      warn(
        a.line,
        `${a.id}: value ${show(a.value)} is not one annotation.conf allows for ${a.name} ` +
          `(${declared.values.join(', ')}); kept`,
      );
    }
    if (target?.kind === 'mention' && target.mention) set(target.mention.attributes, a.target);
    else if (target?.kind === 'entity' && target.entity) set(target.entity.attributes, a.target);
    else if (target?.kind === 'relation' && target.relation) {
      const r = target.relation;
      const certainty = CERTAINTIES.find((c) => c === a.value);
      if (a.name === CERTAINTY_ATTRIBUTE && certainty !== undefined) {
        if (r.certainty !== undefined) {
          warn(a.line, `${a.id}: ${a.target} already has a certainty; the later value wins`);
        }
        r.certainty = certainty;
      } else set(r.attributes, a.target);
    } else error(a.line, notFound(a.id, a.target));
  }

  for (const n of [...norms.values()].sort((x, y) => x.line - y.line)) {
    const target = targetOf(n.target);
    let entity: EntityDraft | undefined;
    if (target?.kind === 'mention' && target.mention)
      entity = entities.get(target.mention.entityId);
    else if (target?.kind === 'entity') entity = target.entity;
    else if (target?.kind === 'relation') {
      error(
        n.line,
        `${n.id}: refers to relation ${n.target}; only T and E annotations can link to a knowledge base; skipped`,
      );
      continue;
    }
    if (!entity) {
      error(n.line, notFound(n.id, n.target));
      continue;
    }
    // Several mentions of one entity usually carry the same link; keep it once.
    const same = entity.refs.findIndex((r) => r.source === n.ref.source && r.id === n.ref.id);
    const existing = entity.refs[same];
    if (!existing) entity.refs.push(n.ref);
    else if (existing.label === undefined && n.ref.label !== undefined) entity.refs[same] = n.ref;
  }

  for (const n of [...notes.values()].sort((x, y) => x.line - y.line)) {
    const target = targetOf(n.target);
    if (target?.kind === 'mention' && target.mention) target.mention.notes.push(n.text);
    else if (target?.kind === 'entity' && target.entity) target.entity.notes.push(n.text);
    else if (target?.kind === 'relation' && target.relation) target.relation.notes.push(n.text);
    else error(n.line, notFound(n.id, n.target));
  }

  // --- Types: declared ones first, then whatever the annotations use.
  const entityTypes: TypeDef[] = [...schema.entityTypes];
  const relationTypes: TypeDef[] = [...schema.relationTypes];
  const knownEntity = new Set(entityTypes.map((t) => t.key));
  const knownRelation = new Set(relationTypes.map((t) => t.key));
  const undeclared: string[] = [];
  const addEntityType = (key: string) => {
    if (knownEntity.has(key)) return;
    knownEntity.add(key);
    undeclared.push(key);
    entityTypes.push(typeDefFor(key, schema.visual, 'span'));
  };
  const addRelationType = (key: string) => {
    if (knownRelation.has(key)) return;
    knownRelation.add(key);
    undeclared.push(key);
    relationTypes.push(typeDefFor(key, schema.visual, 'arc'));
  };

  const entityList = [...entities.values()].sort(
    (a, b) =>
      spanOrder(a.mentions[0]?.spans ?? [], b.mentions[0]?.spans ?? []) || idOrder(a.id, b.id),
  );
  for (const e of entityList) {
    addEntityType(e.type);
    for (const m of e.mentions) addEntityType(m.type);
  }
  const relationList = [...relations.values()].sort((a, b) => a.line - b.line || a.order - b.order);
  for (const r of relationList) addRelationType(r.type);
  if (input.annotationConf !== undefined && undeclared.length > 0) {
    problems.push({
      file: 'annotation.conf',
      message: `types used in ${annFile} but not declared here: ${undeclared.join(', ')}; added with default labels`,
      severity: 'warning',
    });
  }

  const withBag = (bag: Record<string, AttributeValue>) =>
    Object.keys(bag).length > 0 ? { attributes: { ...bag } } : {};
  const withNotes = (list: readonly string[]) => (list.length > 0 ? { notes: [...list] } : {});

  const document: AriadneDocument = {
    format: FORMAT_VERSION,
    id: base,
    title: titleOf(text, base),
    text,
    source: {
      origin: [
        `${base}.txt`,
        annFile,
        ...(input.annotationConf !== undefined ? ['annotation.conf'] : []),
        ...(input.visualConf !== undefined ? ['visual.conf'] : []),
      ].join(', '),
    },
    entityTypes,
    relationTypes,
    entities: entityList.map((e): Entity => ({
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: e.aliases,
      kind: e.kind,
      ...(e.refs.length > 0 ? { refs: [...e.refs] } : {}),
      ...withBag(e.attributes),
      ...withNotes(e.notes),
    })),
    mentions: [...mentions]
      .sort((a, b) => spanOrder(a.spans, b.spans) || idOrder(a.id, b.id))
      .map((m): Mention => ({
        id: m.id,
        entityId: m.entityId,
        spans: m.spans,
        text: m.text,
        ...withBag(m.attributes),
        ...withNotes(m.notes),
      })),
    relations: relationList.map((r): Relation => ({
      id: r.id,
      type: r.type,
      source: r.source,
      target: r.target,
      evidence: r.evidence,
      ...(r.certainty !== undefined ? { certainty: r.certainty } : {}),
      ...(r.notes.length > 0 ? { note: r.notes.join('\n') } : {}),
      ...withBag(r.attributes),
    })),
  };
  return { document, problems };
}

// ---------------------------------------------------------------------------------------------
// Export

// Characters that would end a line for brat (Python's splitlines) or split a field.
// eslint-disable-next-line no-control-regex
const BREAKS = /[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/g;

interface OutMention {
  readonly mention: Mention;
  readonly entity: Entity;
  /** Code point offsets per span. */
  readonly offsets: readonly (readonly [number, number])[];
  readonly type: string;
  tid: string;
}

/** Ids for `candidates`: reuse those already shaped like `<prefix><number>`, number the rest. */
function assignIds(prefix: string, candidates: readonly string[]): string[] {
  const shape = new RegExp(`^${prefix}\\d+$`);
  const used = new Set<string>();
  const out: (string | undefined)[] = candidates.map((c) => {
    if (shape.test(c) && !used.has(c)) {
      used.add(c);
      return c;
    }
    return undefined;
  });
  let n = 1;
  return out.map((id) => {
    if (id !== undefined) return id;
    while (used.has(`${prefix}${n}`)) n++;
    const fresh = `${prefix}${n}`;
    used.add(fresh);
    return fresh;
  });
}

export function exportBrat(doc: AriadneDocument): BratExport {
  const problems: ImportProblem[] = [];
  const annFile = `${doc.id}.ann`;
  const warned = new Set<string>();
  const warn = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    problems.push({ file: annFile, message, severity: 'warning' });
  };
  /** brat splits lines on white space: a type, role or value must be one token. */
  const token = (s: string, what: string): string => {
    const t = s.replace(/\s+/g, '_') || '_';
    if (t !== s) warn(`${what} ${show(s)} contains white space; written as ${show(t)}`);
    return t;
  };
  const oneLine = (s: string) => s.replace(BREAKS, ' ');

  const conv = createOffsetConverter(doc.text);
  const entityById = new Map(doc.entities.map((e) => [e.id, e]));

  // Mentions, in text order, with code point offsets.
  const outs: OutMention[] = [];
  for (const m of doc.mentions) {
    const entity = entityById.get(m.entityId);
    if (!entity) {
      warn(`mention ${m.id} belongs to entity ${m.entityId}, which does not exist; not exported`);
      continue;
    }
    const offsets: [number, number][] = [];
    for (const s of m.spans) {
      const start = conv.toCodePoint(s.start);
      const end = conv.toCodePoint(s.end);
      if (start === undefined || end === undefined || start >= end) {
        offsets.length = 0;
        break;
      }
      offsets.push([start, end]);
    }
    if (offsets.length === 0) {
      warn(
        `mention ${m.id}: a span is empty, reversed, outside the text or splits a character; not exported`,
      );
      continue;
    }
    const own = m.attributes?.[BRAT_TYPE_ATTRIBUTE];
    outs.push({
      mention: m,
      entity,
      offsets,
      type: token(typeof own === 'string' ? own : entity.type, 'type'),
      tid: '',
    });
  }
  outs.sort(
    (a, b) => spanOrder(a.mention.spans, b.mention.spans) || idOrder(a.mention.id, b.mention.id),
  );
  assignIds(
    'T',
    outs.map((o) => o.mention.id),
  ).forEach((tid, i) => {
    const o = outs[i];
    if (o) o.tid = tid;
  });
  const byEntity = new Map<string, OutMention[]>();
  for (const o of outs) {
    const list = byEntity.get(o.entity.id);
    if (list) list.push(o);
    else byEntity.set(o.entity.id, [o]);
  }

  // Events: the first mention is the trigger.
  const eventEntities = doc.entities.filter((e) => e.kind === 'event' && byEntity.has(e.id));
  for (const e of doc.entities) {
    if (e.kind === 'event' && !byEntity.has(e.id)) {
      warn(`event ${e.id} (${e.name}) has no mention to serve as its trigger; not exported`);
    } else if (e.kind === 'event' && (byEntity.get(e.id)?.length ?? 0) > 1) {
      warn(
        `event ${e.id} (${e.name}) has several mentions; brat keeps the first as the trigger, the others become plain annotations`,
      );
    }
  }
  const eid = new Map<string, string>();
  assignIds(
    'E',
    eventEntities.map((e) => e.id.replace(/^e-/, '')),
  ).forEach((id, i) => {
    const e = eventEntities[i];
    if (e) eid.set(e.id, id);
  });
  const triggerOf = (e: Entity) => (eid.has(e.id) ? byEntity.get(e.id)?.[0] : undefined);

  /** Something a relation line can name, placed by its first span. */
  interface Anchor {
    /** An event's E id, else a T id. */
    readonly ref: string;
    readonly start: number;
  }
  const anchorCache = new Map<string, Anchor[]>();
  /** In text order, since `byEntity` lists are. */
  const anchors = (entity: Entity): Anchor[] => {
    let list = anchorCache.get(entity.id);
    if (!list) {
      const e = eid.get(entity.id);
      const trigger = triggerOf(entity);
      const mentions =
        e !== undefined ? (trigger ? [trigger] : []) : (byEntity.get(entity.id) ?? []);
      list = mentions.map((o) => ({ ref: e ?? o.tid, start: o.mention.spans[0]?.start ?? 0 }));
      anchorCache.set(entity.id, list);
    }
    return list;
  };
  const lowerBound = (xs: readonly Anchor[], start: number) => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((xs[mid]?.start ?? Infinity) < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Enough choice for any real sentence, and a bound on the pair search below.
  const MAX_IN_QUOTE = 32;
  const inEvidence = (xs: readonly Anchor[], r: Relation) => {
    const out: { anchor: Anchor; quote: number }[] = [];
    r.evidence.forEach((q, quote) => {
      for (let i = lowerBound(xs, q.start); i < xs.length && out.length < MAX_IN_QUOTE; i++) {
        const anchor = xs[i];
        if (!anchor || anchor.start >= q.end) break;
        out.push({ anchor, quote });
      }
    });
    return out;
  };
  const nearest = (xs: readonly Anchor[], at: number): Anchor | undefined => {
    const i = lowerBound(xs, at);
    const before = xs[i - 1];
    const after = xs[i];
    if (!before) return after;
    if (!after) return before;
    return at - before.start <= after.start - at ? before : after;
  };
  /**
   * The two annotations a relation line should name. Import derives the evidence from them, so
   * prefer a pair inside the evidence that covers all of its sentences, then the closest pair.
   */
  const ends = (src: Entity, tgt: Entity, r: Relation): [Anchor, Anchor] | undefined => {
    const as = anchors(src);
    const bs = anchors(tgt);
    if (as.length === 0 || bs.length === 0) return undefined;
    const ai = inEvidence(as, r);
    const bi = inEvidence(bs, r);
    if (ai.length > 0 && bi.length > 0) {
      let best: [Anchor, Anchor] | undefined;
      let bestCovered = -1;
      let bestDistance = Infinity;
      for (const a of ai) {
        for (const b of bi) {
          const covered = a.quote === b.quote ? 1 : 2;
          const distance = Math.abs(a.anchor.start - b.anchor.start);
          if (covered > bestCovered || (covered === bestCovered && distance < bestDistance)) {
            best = [a.anchor, b.anchor];
            bestCovered = covered;
            bestDistance = distance;
          }
        }
      }
      if (best) return best;
    }
    const a = ai[0]?.anchor ?? as[0];
    const b = a ? nearest(bi.length > 0 ? bi.map((x) => x.anchor) : bs, a.start) : undefined;
    return a && b ? [a, b] : undefined;
  };

  interface EventArg {
    readonly type: string;
    readonly ref: string;
  }
  interface RLine {
    readonly relation: Relation;
    readonly type: string;
    readonly arg1: string;
    readonly arg2: string;
  }
  const eventArgs = new Map<string, EventArg[]>();
  const rLines: RLine[] = [];
  for (const r of doc.relations) {
    const src = entityById.get(r.source);
    const tgt = entityById.get(r.target);
    if (!src || !tgt) {
      warn(`relation ${r.id}: ${!src ? r.source : r.target} does not exist; not exported`);
      continue;
    }
    const plain =
      r.certainty === undefined &&
      r.note === undefined &&
      Object.keys(r.attributes ?? {}).length === 0;
    // brat numbers repeated roles (Theme2), so a role ending in a digit would not come back intact.
    const asArgument = eid.has(src.id) && plain && !/\d$/.test(r.type);
    const pair = ends(src, tgt, r);
    if (!pair) {
      warn(
        `relation ${r.id} (${r.type}): ${src.name} or ${tgt.name} has no mention in the text; not exported`,
      );
      continue;
    }
    const [from, to] = pair;
    const type = token(r.type, 'relation type');
    if (asArgument) {
      const list = eventArgs.get(src.id) ?? [];
      list.push({ type, ref: to.ref });
      eventArgs.set(src.id, list);
    } else rLines.push({ relation: r, type, arg1: from.ref, arg2: to.ref });
  }
  const rids = assignIds(
    'R',
    rLines.map((l) => l.relation.id),
  );

  const ann: string[] = [];
  const tOrder = [...outs].sort((a, b) => idOrder(a.tid, b.tid));
  for (const o of tOrder) {
    const offsets = o.offsets.map(([s, e]) => `${s} ${e}`).join(';');
    ann.push(`${o.tid}\t${o.type} ${offsets}\t${oneLine(spansText(doc.text, o.mention.spans))}`);
  }
  const eOrder = eventEntities
    .map((e) => ({ e, id: eid.get(e.id) ?? '' }))
    .sort((a, b) => idOrder(a.id, b.id));
  for (const { e, id } of eOrder) {
    const trigger = triggerOf(e);
    if (!trigger) continue;
    const seen = new Map<string, number>();
    const args = (eventArgs.get(e.id) ?? []).map((a) => {
      const n = (seen.get(a.type) ?? 0) + 1;
      seen.set(a.type, n);
      return `${a.type}${n > 1 ? n : ''}:${a.ref}`;
    });
    ann.push(`${id}\t${token(e.type, 'type')}:${trigger.tid}${args.map((a) => ` ${a}`).join('')}`);
  }
  const rOrder = rLines
    .map((l, i) => ({ l, id: rids[i] ?? '' }))
    .sort((a, b) => idOrder(a.id, b.id));
  for (const { l, id } of rOrder) ann.push(`${id}\t${l.type} Arg1:${l.arg1} Arg2:${l.arg2}`);

  // Equiv lines for actors whose mentions would not regroup by type and text alone, and for those
  // that share a type and a mention text with another actor: importing keeps * groups apart.
  const keysOf = new Map<string, Set<string>>();
  const holders = new Map<string, Entity[]>();
  for (const e of doc.entities) {
    if (eid.has(e.id)) continue;
    const keys = new Set(
      (byEntity.get(e.id) ?? []).map(
        (o) => `${o.type}\u0000${normalise(spansText(doc.text, o.mention.spans))}`,
      ),
    );
    keysOf.set(e.id, keys);
    for (const k of keys) {
      const list = holders.get(k);
      if (list) list.push(e);
      else holders.set(k, [e]);
    }
  }
  const anchored = (e: Entity): boolean => {
    const keys = keysOf.get(e.id) ?? new Set<string>();
    return (
      (byEntity.get(e.id)?.length ?? 0) > 1 &&
      (keys.size > 1 || [...keys].some((k) => (holders.get(k)?.length ?? 0) > 1))
    );
  };
  for (const sharing of holders.values()) {
    if (sharing.length < 2) continue;
    // What importing does with them (see the import's grouping).
    const apart = sharing.filter(anchored);
    const loose = sharing.filter((e) => !anchored(e));
    const merged =
      apart.length > 1 ? (loose.length > 1 ? loose : []) : loose.length > 0 ? sharing : [];
    if (merged.length < 2) continue;
    const names = merged.map((e) => `${e.id} (${e.name})`);
    warn(
      `entities ${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''} share a type and a ` +
        'mention text; brat cannot keep them apart, so importing this export merges them',
    );
  }
  let wroteEquiv = false;
  for (const e of doc.entities) {
    if (eid.has(e.id)) continue;
    if (anchored(e)) {
      const ids = [...(byEntity.get(e.id) ?? [])].sort((a, b) => idOrder(a.tid, b.tid));
      ann.push(`*\tEquiv ${ids.map((o) => o.tid).join(' ')}`);
      wroteEquiv = true;
    }
    if (e.description !== undefined)
      warn(`entity ${e.id} (${e.name}): brat has no place for a description; not exported`);
  }

  // Attributes: mention, then event, then relation.
  const aLines: string[] = [];
  const attribute = (target: string, name: string, value: AttributeValue) => {
    if (value === false) return;
    const n = token(name, 'attribute');
    aLines.push(
      value === true ? `${n} ${target}` : `${n} ${target} ${token(value, 'attribute value')}`,
    );
  };
  const attributeUse = new Map<string, { targets: Set<string>; values: Set<string> }>();
  const recordUse = (name: string, kind: string, value: AttributeValue) => {
    if (value === false) return;
    const use = attributeUse.get(name) ?? { targets: new Set<string>(), values: new Set<string>() };
    use.targets.add(kind);
    if (typeof value === 'string') use.values.add(value);
    attributeUse.set(name, use);
  };
  for (const o of tOrder) {
    const own = { ...(o.mention.attributes ?? {}) };
    delete own[BRAT_TYPE_ATTRIBUTE];
    // brat attributes sit on annotations; an actor's own attributes go on each of its mentions.
    const inherited = !eid.has(o.entity.id) ? (o.entity.attributes ?? {}) : {};
    if (Object.keys(inherited).length > 0) {
      warn(
        `entity ${o.entity.id} (${o.entity.name}): brat keeps attributes on mentions; written on each mention`,
      );
    }
    for (const [k, v] of Object.entries({ ...inherited, ...own })) {
      attribute(o.tid, k, v);
      recordUse(k, '<ENTITY>', v);
    }
  }
  for (const { e, id } of eOrder) {
    for (const [k, v] of Object.entries(e.attributes ?? {})) {
      attribute(id, k, v);
      recordUse(k, '<EVENT>', v);
    }
  }
  for (const { l, id } of rOrder) {
    const bag: Record<string, AttributeValue> = { ...(l.relation.attributes ?? {}) };
    if (l.relation.certainty !== undefined && !(CERTAINTY_ATTRIBUTE in bag)) {
      bag[CERTAINTY_ATTRIBUTE] = l.relation.certainty;
    }
    for (const [k, v] of Object.entries(bag)) {
      attribute(id, k, v);
      recordUse(k, '<RELATION>', v);
    }
  }
  aLines.forEach((line, i) => ann.push(`A${i + 1}\t${line}`));

  // Normalisations: an event's on its E id, an actor's on its first mention.
  let nCount = 0;
  for (const e of doc.entities) {
    const target = eid.get(e.id) ?? byEntity.get(e.id)?.[0]?.tid;
    if (target === undefined) continue;
    for (const ref of e.refs ?? []) {
      const source = token(ref.source.replace(/:/g, '_'), 'reference source');
      const label = ref.label !== undefined ? `\t${oneLine(ref.label)}` : '';
      ann.push(
        `N${++nCount}\tReference ${target} ${source}:${token(ref.id, 'reference id')}${label}`,
      );
    }
  }

  // Notes.
  let noteCount = 0;
  const note = (target: string, body: string) => {
    if (body.trim() === '') return;
    ann.push(`#${++noteCount}\tAnnotatorNotes ${target}\t${oneLine(body)}`);
  };
  for (const o of tOrder) {
    for (const n of o.mention.notes ?? []) note(o.tid, n);
    if (!eid.has(o.entity.id) && byEntity.get(o.entity.id)?.[0] === o) {
      if ((o.entity.notes ?? []).length > 0) {
        warn(
          `entity ${o.entity.id} (${o.entity.name}): brat keeps notes on annotations; written on its first mention`,
        );
      }
      for (const n of o.entity.notes ?? []) note(o.tid, n);
    }
  }
  for (const { e, id } of eOrder) for (const n of e.notes ?? []) note(id, n);
  for (const { l, id } of rOrder) for (const n of (l.relation.note ?? '').split('\n')) note(id, n);

  // annotation.conf: the types the document declares and uses, so brat opens the export.
  const eventTypes: string[] = [];
  for (const { e } of eOrder) if (!eventTypes.includes(e.type)) eventTypes.push(e.type);
  const spanTypes: string[] = [];
  for (const t of doc.entityTypes) if (!eventTypes.includes(t.key)) spanTypes.push(t.key);
  for (const o of outs) {
    if (!spanTypes.includes(o.type) && !eventTypes.includes(o.type)) spanTypes.push(o.type);
  }
  const roles = new Map<string, string[]>();
  for (const { e } of eOrder) {
    const list = roles.get(e.type) ?? [];
    for (const a of eventArgs.get(e.id) ?? []) if (!list.includes(a.type)) list.push(a.type);
    roles.set(e.type, list);
  }
  const usedAsRole = new Set([...roles.values()].flat());
  const relTypes: string[] = [];
  const touchesEvent = new Set<string>();
  for (const { l } of rOrder) {
    if (!relTypes.includes(l.type)) relTypes.push(l.type);
    if (l.arg1.startsWith('E') || l.arg2.startsWith('E')) touchesEvent.add(l.type);
  }
  for (const t of doc.relationTypes) {
    const k = token(t.key, 'relation type');
    if (!relTypes.includes(k) && !usedAsRole.has(k)) relTypes.push(k);
  }
  const symmetric = new Set(doc.relationTypes.filter((t) => t.symmetric).map((t) => t.key));
  const conf: string[] = [
    '# Written by Ariadne from document ' + oneLine(doc.id),
    '',
    '[entities]',
    ...spanTypes.map((t) => token(t, 'type')),
    '',
    '[relations]',
    ...relTypes.map((t) => {
      const arg = touchesEvent.has(t) ? '<ENTITY>|<EVENT>' : '<ENTITY>';
      return `${t}\tArg1:${arg}, Arg2:${arg}${symmetric.has(t) ? ', <REL-TYPE>:symmetric' : ''}`;
    }),
    ...(wroteEquiv ? ['Equiv\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive'] : []),
    '',
    '[events]',
    ...eventTypes.map((t) => {
      const list = roles.get(t) ?? [];
      const spec = list.map((r) => `${r}*:<ENTITY>|<EVENT>`).join(', ');
      return spec === '' ? token(t, 'type') : `${token(t, 'type')}\t${spec}`;
    }),
    '',
    '[attributes]',
    ...[...attributeUse].map(([name, use]) => {
      const values = [...use.values].map((v) => token(v, 'attribute value'));
      const args = [...use.targets].join('|');
      return `${token(name, 'attribute')}\tArg:${args}${values.length > 0 ? `, Value:${values.join('|')}` : ''}`;
    }),
    '',
  ];

  // visual.conf: labels that differ from the type name, and colours.
  const labels: string[] = [];
  const drawing: string[] = [];
  const decorate = (t: TypeDef, colorKey: 'bgColor' | 'color') => {
    const key = token(t.key, 'type');
    if (t.label !== defaultLabel(key) && !t.label.includes('|'))
      labels.push(`${key} | ${oneLine(t.label)}`);
    if (t.color !== undefined) {
      if (/[,\s]/.test(t.color))
        warn(`type ${t.key}: colour ${show(t.color)} cannot be written to visual.conf; left out`);
      else drawing.push(`${key}\t${colorKey}:${t.color}`);
    }
  };
  for (const t of doc.entityTypes) decorate(t, 'bgColor');
  for (const t of doc.relationTypes) decorate(t, 'color');
  const visualConf = ['[labels]', ...labels, '', '[drawing]', ...drawing, ''].join('\n');

  return {
    txt: doc.text,
    ann: ann.length > 0 ? `${ann.join('\n')}\n` : '',
    annotationConf: conf.join('\n'),
    visualConf,
    problems,
  };
}
