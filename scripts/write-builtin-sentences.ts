/**
 * Writes the built-in article's sentences (src/domain/builtin/hts-terror-list.sentences.json), so
 * that a first visit does not split its text (the browser's sentence segmenter takes ~40 ms to
 * start): `npx tsx scripts/write-builtin-sentences.ts`. Run it after any change to the splitter or
 * to the article; a unit test fails until the file is current.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtinSentencesFile } from '../src/domain/builtin/sentences';

const target = fileURLToPath(
  new URL('../src/domain/builtin/hts-terror-list.sentences.json', import.meta.url),
);
writeFileSync(target, `${JSON.stringify(builtinSentencesFile())}\n`);
console.log('wrote src/domain/builtin/hts-terror-list.sentences.json');
