import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { deriveBlocks, packBlocks, rememberBlocks, unpackBlocks } from './blocks';

/** Each block as [kind, quoted text]. */
const described = (text: string) =>
  deriveBlocks(text).map((b) => [b.kind, text.slice(b.start, b.end)] as const);

describe('deriveBlocks', () => {
  it('guesses title, byline, heading and paragraphs of a news article', () => {
    const text = [
      'Russia: Conditions Must Be Met to Remove Syria’s HTS From Terror List',
      'By Kardo Roj',
      'MOSCOW (North Press) – Russia will assess the actions of HTS, the ministry said.',
      'Concerns Over Resurgence of ISIS',
      'Zakharova warned that ISIS could return.',
    ].join('\n');
    expect(described(text)).toEqual([
      ['title', 'Russia: Conditions Must Be Met to Remove Syria’s HTS From Terror List'],
      ['byline', 'By Kardo Roj'],
      [
        'paragraph',
        'MOSCOW (North Press) – Russia will assess the actions of HTS, the ministry said.',
      ],
      ['heading', 'Concerns Over Resurgence of ISIS'],
      ['paragraph', 'Zakharova warned that ISIS could return.'],
    ]);
  });

  it('gives exact offsets for each line', () => {
    expect(deriveBlocks('Headline\nBody one.\nBody two.')).toEqual([
      { kind: 'title', start: 0, end: 8 },
      { kind: 'paragraph', start: 9, end: 18 },
      { kind: 'paragraph', start: 19, end: 28 },
    ]);
  });

  it('calls only the first non-empty line a title', () => {
    expect(described('\n\n  \nHeadline\nSubheading')).toEqual([
      ['title', 'Headline'],
      ['heading', 'Subheading'],
    ]);
  });

  it('calls a first line that ends like a sentence a paragraph', () => {
    for (const line of [
      'It ended.',
      'Why?',
      'Stop!',
      'He said:',
      'Wait…',
      'He said “no”',
      '(aside)',
    ]) {
      expect(described(line), line).toEqual([['paragraph', line]]);
    }
  });

  it('calls a long line without final punctuation a paragraph', () => {
    const fifteenWords = Array.from({ length: 15 }, (_, i) => `word${i}`).join(' ');
    const fourteenWords = Array.from({ length: 14 }, (_, i) => `word${i}`).join(' ');
    expect(described(fifteenWords)).toEqual([['paragraph', fifteenWords]]);
    expect(described(fourteenWords)).toEqual([['title', fourteenWords]]);
    const longWords = Array.from({ length: 5 }, () => 'x'.repeat(30)).join(' ');
    expect(longWords.length).toBeGreaterThan(120);
    expect(described(longWords)).toEqual([['paragraph', longWords]]);
  });

  it('recognises a byline only when it is short and names someone with a capital', () => {
    expect(described('Title\nBy Jane Doe and John Roe')[1]).toEqual([
      'byline',
      'By Jane Doe and John Roe',
    ]);
    expect(described('By Jane Doe')).toEqual([['byline', 'By Jane Doe']]);
    expect(described('Title\nBy the river they stood')[1]).toEqual([
      'heading',
      'By the river they stood',
    ]);
    const long = 'By Jane Doe, Senior Correspondent for the Middle East Desk';
    expect(described(`Title\n${long}`)[1]).toEqual(['heading', long]);
    expect(
      described('Title\nBy Jane Doe, who reported this story from the capital for years.')[1]?.[0],
    ).toBe('paragraph');
    // A byline is known by its words, whatever its length.
    const longNames = `By ${Array.from({ length: 4 }, () => `A${'a'.repeat(35)}`).join(' ')}`;
    expect(longNames.length).toBeGreaterThan(120);
    expect(described(`Title\n${longNames}`)[1]).toEqual(['byline', longNames]);
  });

  it('skips blank and whitespace-only lines', () => {
    expect(described('Title\n\n\t \n\nBody.\n\n')).toEqual([
      ['title', 'Title'],
      ['paragraph', 'Body.'],
    ]);
  });

  it('trims leading and trailing white space from each block', () => {
    expect(deriveBlocks('  Title \t\n   Body.  ')).toEqual([
      { kind: 'title', start: 2, end: 7 },
      { kind: 'paragraph', start: 13, end: 18 },
    ]);
  });

  it('keeps carriage returns out of blocks with CRLF line ends', () => {
    const text = 'Title\r\nBy Jane Doe\r\n\r\nBody text.\r\n';
    expect(deriveBlocks(text)).toEqual([
      { kind: 'title', start: 0, end: 5 },
      { kind: 'byline', start: 7, end: 18 },
      { kind: 'paragraph', start: 22, end: 32 },
    ]);
  });

  it('splits on a lone \\r and on the Unicode line and paragraph separators', () => {
    expect(described('A\rB\u2028C.\u2029D')).toEqual([
      ['title', 'A'],
      ['heading', 'B'],
      ['paragraph', 'C.'],
      ['heading', 'D'],
    ]);
  });

  it('returns no blocks for empty or blank text', () => {
    expect(deriveBlocks('')).toEqual([]);
    expect(deriveBlocks(' \n\r\n\t')).toEqual([]);
  });

  it('returns trimmed, ordered, line-bound blocks for any text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            'a',
            'B',
            '.',
            ' ',
            '\t',
            '\n',
            '\r\n',
            '\r',
            '\u2028',
            'By ',
            '😀',
          ),
          maxLength: 80,
        }),
        (text) => {
          let last = 0;
          for (const b of deriveBlocks(text)) {
            const slice = text.slice(b.start, b.end);
            expect(b.start).toBeGreaterThanOrEqual(last);
            expect(b.end).toBeGreaterThan(b.start);
            expect(slice.trim()).toBe(slice);
            expect(/[\r\n\u2028\u2029]/.test(slice)).toBe(false);
            last = b.end;
          }
          const nonBlank = text.split(/\r\n|\n|\r|\u2028|\u2029/).filter((l) => l.trim()).length;
          expect(deriveBlocks(text)).toHaveLength(nonBlank);
        },
      ),
    );
  });
});

describe('blocks derived elsewhere', () => {
  it('pack into numbers and back unchanged, every kind', () => {
    const text = 'A Title\nBy Someone Here\nA Heading\nA paragraph that ends.';
    const blocks = deriveBlocks(text);
    expect(new Set(blocks.map((b) => b.kind))).toEqual(
      new Set(['title', 'byline', 'heading', 'paragraph']),
    );
    expect(unpackBlocks(packBlocks(blocks))).toEqual(blocks);
  });

  it('are used for the same text instead of guessing again', () => {
    const text = 'One line 🦊.\nAnother line.';
    const sent = [{ kind: 'heading' as const, start: 0, end: 12 }];
    rememberBlocks(text, sent);
    expect(deriveBlocks(text)).toBe(sent);
    // Another text is still guessed.
    expect(deriveBlocks(`${text} `)).toHaveLength(2);
  });
});
