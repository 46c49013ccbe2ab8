/**
 * Splits text into sentences with offsets. Lines are hard boundaries (a headline or a subheading has
 * no final full stop but is still its own sentence); within a line the Unicode sentence rules
 * (Intl.Segmenter, ICU) do the work, and we repair the one thing they get wrong for news: a full stop
 * after an abbreviation or an initial ("Mr. Smith", "U.S. Army", "J. Smith") is not a sentence end.
 */
import type { Span } from './model';
import { recentByText } from './recent';

export interface Sentence extends Span {
  readonly index: number;
}

/** Abbreviations after which a full stop rarely ends an English sentence, compared lower-cased. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sen',
  'rep',
  'gov',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'cmdr',
  'sgt',
  'adm',
  'pres',
  'st',
  'mt',
  'ft',
  'jr',
  'sr',
  'rev',
  'hon',
  'amb',
  'no',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'univ',
  'approx',
  'est',
  'fig',
  'vol',
  'ed',
  'eds',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'e.g',
  'i.e',
  'u.s',
  'u.k',
  'u.n',
  'u.s.a',
  'a.m',
  'p.m',
  'al',
]);

// "Inc." or "etc." may well end a sentence; only merge when what follows does not start a new one.
// So may "et al." and "Ed." at the end of a citation.
const SOMETIMES_FINAL = new Set([
  'al',
  'ed',
  'eds',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'u.s',
  'u.k',
  'u.n',
  'u.s.a',
  'a.m',
  'p.m',
]);

// "No." abbreviates "number" only before a numeral ("No. 10"); elsewhere it is the word "no".
const BEFORE_NUMERAL = new Set(['no']);

const segmenterCache = new Map<string, Intl.Segmenter>();
function segmenter(locale: string): Intl.Segmenter {
  let s = segmenterCache.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenterCache.set(locale, s);
  }
  return s;
}

function endsWithAbbreviation(
  piece: string,
): { abbr: string; sometimesFinal: boolean } | undefined {
  const m = /(?:^|[\s(“"'‘])((?:[A-Za-z]\.)+[A-Za-z]?|[A-Za-z]+)\.\s*$/.exec(piece);
  if (!m || m[1] === undefined) return undefined;
  const word = m[1].toLowerCase().replace(/\.$/, '');
  if (ABBREVIATIONS.has(word)) return { abbr: word, sometimesFinal: SOMETIMES_FINAL.has(word) };
  // A single capital letter is an initial ("J. Smith"), or a numeral that may end a sentence
  // ("after World War I. The treaty").
  if (/^[A-Z]$/.test(m[1])) return { abbr: word, sometimesFinal: true };
  return undefined;
}

function startsLikeNewSentence(next: string): boolean {
  // After "U.S." a following "The" or a quote opens a new sentence; a name usually does not. The
  // word must be a whole word: "A. Smith" is an initial.
  return /^[“"‘'(]?(The|A|An|In|On|At|But|And|It|He|She|They|We|I|This|That|These|Those)(?=[\s,])/.test(
    next,
  );
}

/** Splits one line of text (no newlines) into trimmed sentence spans relative to `offset`. */
function splitLine(line: string, offset: number, locale: string, out: Span[]): void {
  const pieces: Span[] = [];
  for (const seg of segmenter(locale).segment(line)) {
    pieces.push({ start: seg.index, end: seg.index + seg.segment.length });
  }
  const merged: Span[] = [];
  for (const p of pieces) {
    const prev = merged[merged.length - 1];
    if (prev) {
      const hit = endsWithAbbreviation(line.slice(prev.start, prev.end));
      const next = line.slice(p.start, p.end);
      if (
        hit &&
        !(hit.sometimesFinal && startsLikeNewSentence(next)) &&
        !(BEFORE_NUMERAL.has(hit.abbr) && !/^\d/.test(next))
      ) {
        merged[merged.length - 1] = { start: prev.start, end: p.end };
        continue;
      }
    }
    merged.push(p);
  }
  for (const s of merged) {
    let { start, end } = s;
    while (start < end && /\s/.test(line[start] ?? '')) start++;
    while (end > start && /\s/.test(line[end - 1] ?? '')) end--;
    if (end > start) out.push({ start: start + offset, end: end + offset });
  }
}

/** ICU's sentence segmenter slows down sharply on very long lines; past this it gets chunks. */
const CHUNK = 10_000;

/** Cuts a long line at sentence-looking boundaries into pieces of at most about CHUNK characters. */
function chunks(line: string): { text: string; offset: number }[] {
  if (line.length <= CHUNK) return [{ text: line, offset: 0 }];
  const out: { text: string; offset: number }[] = [];
  let start = 0;
  while (line.length - start > CHUNK) {
    const window = line.slice(start, start + CHUNK);
    // The last end of sentence in the window: a terminator, closing quotes, then white space.
    let cut = -1;
    for (const m of window.matchAll(/[.!?…]["”’')\]]*\s+(?=\S)/gu)) cut = m.index + m[0].length;
    if (cut <= 0) {
      const space = window.lastIndexOf(' ');
      cut = space > 0 ? space + 1 : CHUNK;
    }
    out.push({ text: line.slice(start, start + cut), offset: start });
    start += cut;
  }
  out.push({ text: line.slice(start), offset: start });
  return out;
}

/**
 * The version of what `splitSentences` answers. Sentences kept with a stored document (see
 * persistence.ts) under another version are split again: bump it with any change to the splitter
 * that moves a boundary.
 */
export const SPLITTER_VERSION = 1;

/** Sentences as start, end pairs: what a worker sends and storage keeps. */
export function packSentences(sentences: readonly Sentence[]): Int32Array<ArrayBuffer> {
  const packed = new Int32Array(sentences.length * 2);
  sentences.forEach((s, i) => {
    packed[i * 2] = s.start;
    packed[i * 2 + 1] = s.end;
  });
  return packed;
}

/**
 * Sentences from `packSentences`, or null unless they could be a text's of `length` code units:
 * each non-empty, inside it, in order and apart.
 */
export function unpackSentences(packed: Int32Array, length: number): Sentence[] | null {
  if (packed.length % 2 !== 0) return null;
  const out: Sentence[] = [];
  let last = 0;
  for (let i = 0; i < packed.length; i += 2) {
    const start = packed[i] ?? -1;
    const end = packed[i + 1] ?? -1;
    if (start < last || end <= start || end > length) return null;
    out.push({ index: i / 2, start, end });
    last = end;
  }
  return out;
}

/** The last few texts split (by locale), with their sentences. */
const recent = recentByText<readonly Sentence[]>(4);

/** Records sentences split elsewhere (in a worker) for `text`, so splitting it here is free. */
export function rememberSentences(text: string, locale: string, sentences: readonly Sentence[]) {
  recent.set(text, sentences, locale);
}

/** The sentences of `text` if they were split or remembered lately, without splitting it. */
export function knownSentences(text: string, locale = 'en'): readonly Sentence[] | undefined {
  return recent.get(text, locale);
}

/**
 * Sentences of `text` in order, trimmed of surrounding white space, never crossing a line break.
 * Offsets are UTF-16 code units. The result is shared between callers: never mutate it.
 */
export function splitSentences(text: string, locale = 'en'): readonly Sentence[] {
  const known = recent.get(text, locale);
  if (known) return known;
  const sentences = split(text, locale);
  rememberSentences(text, locale, sentences);
  return sentences;
}

function split(text: string, locale: string): Sentence[] {
  const spans: Span[] = [];
  const lineBreak = /\r\n|\n|\r|\u2028|\u2029/g;
  let lineStart = 0;
  for (;;) {
    const m = lineBreak.exec(text);
    const lineEnd = m ? m.index : text.length;
    if (lineEnd > lineStart) {
      for (const c of chunks(text.slice(lineStart, lineEnd))) {
        splitLine(c.text, lineStart + c.offset, locale, spans);
      }
    }
    if (!m) break;
    lineStart = m.index + m[0].length;
  }
  return spans.map((s, index) => ({ index, start: s.start, end: s.end }));
}
