/**
 * The built-in article's sentences, split ahead of time (see scripts/write-builtin-sentences.ts):
 * the page shows the article first on every visit, and splitting it there starts the browser's
 * sentence segmenter, ~40 ms before the first paint of a first visit.
 */
import json from './hts-terror-list.json';
import kept from './hts-terror-list.sentences.json';
import { SPLITTER_VERSION, packSentences, splitSentences, unpackSentences } from '../sentences';
import type { Sentence } from '../sentences';

export interface BuiltinSentencesFile {
  readonly version: number;
  readonly sentences: readonly number[];
}

/** What the file holds: the article's sentences as the splitter finds them now. */
export function builtinSentencesFile(): BuiltinSentencesFile {
  return {
    version: SPLITTER_VERSION,
    sentences: [...packSentences(splitSentences(json.text, json.language))],
  };
}

/** The article's sentences from the file, or null if it is of another splitter or text. */
export function keptBuiltinSentences(text: string): Sentence[] | null {
  const file: BuiltinSentencesFile = kept;
  if (file.version !== SPLITTER_VERSION) return null;
  return unpackSentences(new Int32Array(file.sentences), text.length);
}
