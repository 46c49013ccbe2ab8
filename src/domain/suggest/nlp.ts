/**
 * The only module that imports the NLP library (compromise, its `two` build: tokenizer, lexicon and
 * part-of-speech tagger, about 120 kB gzipped, with its model bundled, nothing loaded at run time).
 * Everything else in the suggestion engine sees plain data: terms with offsets and tags, and lexicon
 * look-ups. The UI is expected to load `src/domain/suggest` with a dynamic `import()`, which keeps
 * this library out of the main bundle.
 *
 * Nothing here throws: a text the tagger chokes on yields no terms, and the engine falls back to
 * what capitalisation and the gazetteer alone can tell.
 */
import nlp from 'compromise/two';

/** One term as the tagger sees it: its word without punctuation, and its part-of-speech tags. */
export interface Term {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tags: ReadonlySet<string>;
}

interface Model {
  readonly one: { readonly lexicon: Readonly<Record<string, string | readonly string[]>> };
  readonly two: {
    readonly orgWords?: Readonly<Record<string, boolean>>;
    readonly placeWords?: Readonly<Record<string, boolean>>;
  };
}

let model: Model | undefined;
function getModel(): Model {
  model ??= nlp.model() as unknown as Model;
  return model;
}

interface JsonTerm {
  readonly text?: unknown;
  readonly tags?: unknown;
  readonly offset?: { readonly start?: unknown; readonly length?: unknown };
}

/**
 * Tags `text` and returns its terms with offsets into `text` plus `offset`. A term whose reported
 * offset does not quote its own text is dropped rather than trusted.
 */
export function tagTerms(text: string, offset = 0): Term[] {
  if (text.trim() === '') return [];
  let json: unknown;
  try {
    json = nlp(text).json({ offset: true, terms: { offset: true } });
  } catch {
    return [];
  }
  const out: Term[] = [];
  if (!Array.isArray(json)) return out;
  for (const sentence of json as { terms?: unknown }[]) {
    const terms = sentence?.terms;
    if (!Array.isArray(terms)) continue;
    for (const t of terms as JsonTerm[]) {
      const word = typeof t.text === 'string' ? t.text : '';
      const start = t.offset?.start;
      const length = t.offset?.length;
      if (word === '' || typeof start !== 'number' || typeof length !== 'number') continue;
      if (text.slice(start, start + length) !== word) continue;
      const tags = Array.isArray(t.tags)
        ? t.tags.filter((x): x is string => typeof x === 'string')
        : [];
      out.push({
        start: start + offset,
        end: start + length + offset,
        text: word,
        tags: new Set(tags),
      });
    }
  }
  return out;
}

let cachedText: string | undefined;
let cachedSpans = new Map<string, Term[]>();

/**
 * Terms of one part of a document (a sentence), with offsets into the whole text. Tagging is the
 * costly step, so it is done only for the sentences that need it, and remembered for the last text
 * asked about: discovery and relation suggestions on the same document tag each sentence once.
 */
export function termsIn(text: string, start: number, end: number): readonly Term[] {
  if (text !== cachedText) {
    cachedText = text;
    cachedSpans = new Map();
  }
  const key = `${start}:${end}`;
  let terms = cachedSpans.get(key);
  if (!terms) {
    terms = tagTerms(text.slice(start, end), start);
    cachedSpans.set(key, terms);
  }
  return terms;
}

/** The tags the lexicon gives a lower-case word or phrase ("maria" → FemaleName), or none. */
export function lexiconTags(word: string): readonly string[] {
  const hit = getModel().one.lexicon[word];
  if (hit === undefined) return [];
  return typeof hit === 'string' ? [hit] : hit;
}

/** Words that end organisation names in the library's model ("bank", "university", "times"). */
export function isOrgWord(word: string): boolean {
  return getModel().two.orgWords?.[word] === true;
}

/** Words that end place names in the library's model ("river", "province", "city"). */
export function isPlaceWord(word: string): boolean {
  return getModel().two.placeWords?.[word] === true;
}

/** Every lexicon entry carrying `tag` ("City", "Region", "Country"), lower-case. */
export function lexiconEntries(tag: string): string[] {
  const out: string[] = [];
  for (const [word, tags] of Object.entries(getModel().one.lexicon)) {
    if (tags === tag || (Array.isArray(tags) && tags.includes(tag))) out.push(word);
  }
  return out;
}
