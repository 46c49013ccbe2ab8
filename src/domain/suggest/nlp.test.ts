/**
 * The tags the NLP library gives, pinned. `patches/compromise+14.17.0.patch` speeds up how the
 * library picks the patterns to try on each clause; it must not change a single tag. The hashes
 * below were taken from the library unpatched: a change in them means different tags (after a
 * deliberate upgrade of the library, take them again and say so in the patch's notes).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../sentences';
import { tagTerms } from './nlp';

const newsDir = fileURLToPath(new URL('../../../tests/fixtures/brat/news/', import.meta.url));
const builtinPath = fileURLToPath(new URL('../builtin/hts-terror-list.json', import.meta.url));

const texts: Record<string, string> = {
  builtin: (JSON.parse(readFileSync(builtinPath, 'utf8')) as { text: string }).text,
  'brat tutorial': readdirSync(newsDir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => readFileSync(`${newsDir}${n}`, 'utf8'))
    .join('\n'),
};

/** Every sentence's terms, each with its offsets and sorted tags, as one line. */
function tagged(text: string): { terms: number; hash: string } {
  const lines: string[] = [];
  for (const s of splitSentences(text, 'en')) {
    for (const t of tagTerms(text.slice(s.start, s.end), s.start)) {
      lines.push(`${t.start}-${t.end} ${t.text} ${[...t.tags].sort().join(',')}`);
    }
  }
  return { terms: lines.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex') };
}

const pinned: Record<string, { terms: number; hash: string }> = {
  builtin: { terms: 358, hash: '71600a2bf582ba452e3ca1c9cc1d9c7631f2f07f5a49937fa175d2cb3170dae5' },
  'brat tutorial': {
    terms: 2789,
    hash: '6559e81a3671eb98c52d44ae3eaadc7cb6190ad395a1f92bb6a6e4497cba854a',
  },
};

describe('tagTerms', () => {
  it.each(Object.keys(texts))('gives the tags the library gave unpatched (%s)', (name) => {
    expect(tagged(texts[name] ?? '')).toEqual(pinned[name]);
  });
});
