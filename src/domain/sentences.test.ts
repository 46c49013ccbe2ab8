import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { packSentences, rememberSentences, splitSentences, unpackSentences } from './sentences';

/** The sentences of `text` as the strings they quote. */
const quoted = (text: string, locale?: string) =>
  splitSentences(text, locale).map((s) => text.slice(s.start, s.end));

const LINE_BREAK = /[\r\n\u2028\u2029]/;

describe('splitSentences: lines', () => {
  it('keeps a headline without a full stop as its own sentence', () => {
    const text = 'Russia: Conditions Must Be Met\nBy Kardo Roj\nHe said so. Then he left.';
    expect(quoted(text)).toEqual([
      'Russia: Conditions Must Be Met',
      'By Kardo Roj',
      'He said so.',
      'Then he left.',
    ]);
  });

  it('treats a line break as a hard boundary even in the middle of a sentence', () => {
    expect(quoted('The talks\ncontinued on Monday.')).toEqual([
      'The talks',
      'continued on Monday.',
    ]);
  });

  it('splits on \\r\\n without leaving the carriage return in a sentence', () => {
    const text = 'One.\r\nTwo\r\nThree';
    const sentences = splitSentences(text);
    expect(sentences).toEqual([
      { index: 0, start: 0, end: 4 },
      { index: 1, start: 6, end: 9 },
      { index: 2, start: 11, end: 16 },
    ]);
  });

  it('splits on a lone \\r and on the Unicode line and paragraph separators', () => {
    expect(quoted('a\rb\u2028c\u2029d')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('skips blank and whitespace-only lines without producing empty sentences', () => {
    expect(quoted('Title\n\n   \n\t\nBody text.')).toEqual(['Title', 'Body text.']);
  });
});

describe('splitSentences: quotes and apostrophes', () => {
  it('keeps a straight closing quote after the full stop with its sentence', () => {
    expect(quoted('She said, "It is over." Then she left.')).toEqual([
      'She said, "It is over."',
      'Then she left.',
    ]);
  });

  it('keeps a curly closing quote after the full stop with its sentence', () => {
    expect(quoted('She said, “It is over.” Then she left.')).toEqual([
      'She said, “It is over.”',
      'Then she left.',
    ]);
  });

  it('keeps a curly closing single quote and a closing parenthesis with their sentence', () => {
    expect(quoted('She said ‘go.’ He went.')).toEqual(['She said ‘go.’', 'He went.']);
    expect(quoted('(He left.) Then they came.')).toEqual(['(He left.)', 'Then they came.']);
  });

  it('does not split at a curly apostrophe', () => {
    expect(quoted('Syria’s war is over. Assad’s regime fell.')).toEqual([
      'Syria’s war is over.',
      'Assad’s regime fell.',
    ]);
  });

  it('does not split at the hyphen in "al-Assad"', () => {
    expect(quoted('Bashar al-Assad fled. He went to Moscow.')).toEqual([
      'Bashar al-Assad fled.',
      'He went to Moscow.',
    ]);
  });
});

describe('splitSentences: abbreviations and initials', () => {
  it('does not end a sentence after a title such as Mr. or Dr.', () => {
    expect(quoted('Mr. Smith met Dr. Jones. They talked.')).toEqual([
      'Mr. Smith met Dr. Jones.',
      'They talked.',
    ]);
  });

  it('does not end a sentence after military ranks and month abbreviations', () => {
    expect(quoted('Gen. Smith and Col. Jones met on Jan. 5. They agreed.')).toEqual([
      'Gen. Smith and Col. Jones met on Jan. 5.',
      'They agreed.',
    ]);
  });

  it('keeps "U.S. Army" inside one sentence', () => {
    expect(quoted('The U.S. Army arrived. It left.')).toEqual([
      'The U.S. Army arrived.',
      'It left.',
    ]);
    expect(quoted('He lived in the U.S. Army base.')).toEqual(['He lived in the U.S. Army base.']);
  });

  it('splits after "U.S." when the next word opens a new sentence', () => {
    expect(quoted('He lived in the U.S. The end.')).toEqual(['He lived in the U.S.', 'The end.']);
  });

  it('keeps initials with the name they belong to', () => {
    expect(quoted('J. R. Tolkien wrote books. They sold.')).toEqual([
      'J. R. Tolkien wrote books.',
      'They sold.',
    ]);
  });

  it('lets a Roman numeral end a sentence when a new one follows, and keeps initials', () => {
    expect(quoted('It began after World War I. The treaty followed.')).toEqual([
      'It began after World War I.',
      'The treaty followed.',
    ]);
    expect(quoted('Written by J. A. Smith and H. G. Wells. It sold.')).toEqual([
      'Written by J. A. Smith and H. G. Wells.',
      'It sold.',
    ]);
  });

  it('lets "et al." and "Ed." end a sentence when a new one follows, and not otherwise', () => {
    expect(quoted('Jones et al. found it. The Army agreed.')).toEqual([
      'Jones et al. found it.',
      'The Army agreed.',
    ]);
    expect(quoted('So wrote Jones et al. The Army agreed.')).toEqual([
      'So wrote Jones et al.',
      'The Army agreed.',
    ]);
    expect(quoted('The essays, Smith, Ed. In print since 1990.')).toEqual([
      'The essays, Smith, Ed.',
      'In print since 1990.',
    ]);
  });

  it('keeps "Syria’s U.N. envoy" together', () => {
    expect(quoted('Syria’s U.N. envoy spoke. It ended.')).toEqual([
      'Syria’s U.N. envoy spoke.',
      'It ended.',
    ]);
  });

  it('lets "Inc." end a sentence when a new one follows, and not otherwise', () => {
    expect(quoted('He works for Apple Inc. The company said so.')).toEqual([
      'He works for Apple Inc.',
      'The company said so.',
    ]);
    expect(quoted('Apple Inc. shares rose.')).toEqual(['Apple Inc. shares rose.']);
  });

  it('does not split inside "e.g."', () => {
    expect(quoted('Some groups, e.g. HTS, were listed. Fine.')).toEqual([
      'Some groups, e.g. HTS, were listed.',
      'Fine.',
    ]);
  });

  it('does not split "No. 10" but lets the word "no" end a sentence', () => {
    expect(quoted('He lives at No. 10 Downing Street. It is old.')).toEqual([
      'He lives at No. 10 Downing Street.',
      'It is old.',
    ]);
    expect(quoted('The answer was no. Officials declined to comment.')).toEqual([
      'The answer was no.',
      'Officials declined to comment.',
    ]);
  });

  it('lets a time in "p.m." end a sentence when a new one follows', () => {
    expect(quoted('The vote closed at 5 p.m. The count began.')).toEqual([
      'The vote closed at 5 p.m.',
      'The count began.',
    ]);
    expect(quoted('It was 5 p.m. and dark.')).toEqual(['It was 5 p.m. and dark.']);
  });
});

describe('splitSentences: ellipsis', () => {
  it('continues a sentence after an ellipsis followed by a lower-case word', () => {
    expect(quoted('Wait... what? Yes!')).toEqual(['Wait... what?', 'Yes!']);
  });

  it('starts a new sentence after three dots followed by a capital', () => {
    expect(quoted('He paused... Then he spoke.')).toEqual(['He paused...', 'Then he spoke.']);
  });

  it('treats the single ellipsis character as a pause, not a sentence end', () => {
    expect(quoted('He paused… and then he spoke.')).toEqual(['He paused… and then he spoke.']);
  });
});

describe('splitSentences: empty text, white space and offsets', () => {
  it('returns no sentences for empty text', () => {
    expect(splitSentences('')).toEqual([]);
  });

  it('returns no sentences for white space only', () => {
    expect(splitSentences('   \n \t \r\n\u00a0 ')).toEqual([]);
  });

  it('trims the offsets to the sentence text', () => {
    const text = '  Hello there.   Bye now.  ';
    expect(splitSentences(text)).toEqual([
      { index: 0, start: 2, end: 14 },
      { index: 1, start: 17, end: 25 },
    ]);
  });

  it('numbers sentences consecutively across lines', () => {
    const sentences = splitSentences('A b.\nC d. E f.\n\nG h.');
    expect(sentences.map((s) => s.index)).toEqual([0, 1, 2, 3]);
  });

  it('accepts a locale', () => {
    expect(quoted('Er kam. Sie ging.', 'de')).toEqual(['Er kam.', 'Sie ging.']);
  });
});

describe('splitSentences: astral characters', () => {
  it('counts an emoji before the sentences as two UTF-16 code units', () => {
    const text = '😀 Hi there. Bye now.';
    expect(splitSentences(text)).toEqual([
      { index: 0, start: 0, end: 12 },
      { index: 1, start: 13, end: 21 },
    ]);
    expect(quoted(text)).toEqual(['😀 Hi there.', 'Bye now.']);
  });

  it('slices exactly around an emoji inside a sentence', () => {
    const text = 'Bye 😀 now. End 🇸🇾 here.';
    expect(quoted(text)).toEqual(['Bye 😀 now.', 'End 🇸🇾 here.']);
    const second = splitSentences(text)[1];
    expect(second).toEqual({ index: 1, start: 12, end: 26 });
  });

  it('starts a sentence at an emoji that follows a full stop directly', () => {
    expect(quoted('Hello.😀 Next one.')).toEqual(['Hello.', '😀 Next one.']);
  });
});

/** Text built from pieces that exercise the splitter: words, abbreviations, quotes, breaks. */
const TOKENS = [
  'The',
  'war',
  'Russia',
  'Syria’s',
  'al-Assad',
  'Mr.',
  'Dr.',
  'U.S.',
  'J.',
  'Inc.',
  'no.',
  'p.m.',
  'e.g.',
  '“',
  '”',
  '"',
  "'",
  '(',
  ')',
  '.',
  '. ',
  '? ',
  '! ',
  '...',
  '…',
  ',',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  '\u2029',
  '\u00a0',
  '😀',
  '🇸🇾',
  'é',
  'e\u0301',
  'word',
  'He',
  'it',
  'A',
  'said',
  '5',
  '10',
];
const articleLike = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 60 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  articleLike,
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

describe('splitSentences: properties', () => {
  it('returns sentences in order, non-overlapping, within bounds and non-empty', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const sentences = splitSentences(text);
        let last = 0;
        for (const [i, s] of sentences.entries()) {
          expect(s.index).toBe(i);
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(text.length);
          last = s.end;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns trimmed sentences that never cross a line break', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const s of splitSentences(text)) {
          const slice = text.slice(s.start, s.end);
          expect(slice.trim()).toBe(slice);
          expect(LINE_BREAK.test(slice)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('puts every non-white-space character of the text inside some sentence', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const sentences = splitSentences(text);
        let k = 0;
        for (let i = 0; i < text.length; i++) {
          while (k < sentences.length && (sentences[k]?.end ?? 0) <= i) k++;
          const s = sentences[k];
          const inside = s !== undefined && s.start <= i && i < s.end;
          if (!/\s/.test(text[i] ?? ''))
            expect(inside, `offset ${i} of ${JSON.stringify(text)}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never cuts a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const isLow = (i: number) => {
          const c = text.charCodeAt(i);
          return c >= 0xdc00 && c <= 0xdfff;
        };
        for (const s of splitSentences(text)) {
          expect(isLow(s.start)).toBe(false);
          if (s.end < text.length) expect(isLow(s.end)).toBe(false);
        }
      }),
    );
  });
});

describe('splitSentences on one very long line', () => {
  it('cuts a 600,000-character line into the same sentences as short lines would', () => {
    const sentences = Array.from({ length: 20_000 }, (_, i) => `Sentence number ${i} is here.`);
    const line = sentences.join(' ');
    const got = splitSentences(line).map((s) => line.slice(s.start, s.end));
    expect(got).toEqual(sentences);
  });
});

describe('splitting the same text again', () => {
  it('returns the sentences already split, or remembered from elsewhere', () => {
    const text = `Remembered text ${Math.random()}. It has two sentences.`;
    const first = splitSentences(text);
    expect(splitSentences(text)).toBe(first);
    const other = `Another text ${Math.random()}. Split in a worker.`;
    const fromWorker = [
      { index: 0, start: 0, end: other.indexOf('.') + 1 },
      { index: 1, start: other.indexOf('Split'), end: other.length },
    ];
    rememberSentences(other, 'en', fromWorker);
    expect(splitSentences(other)).toBe(fromWorker);
    // Another language is another split.
    expect(splitSentences(other, 'de')).not.toBe(fromWorker);
  });
});

describe('packSentences / unpackSentences', () => {
  it('packs sentences as start, end pairs and reads them back', () => {
    const text = 'Stars 🌟 shine. They do!';
    const split = splitSentences(text);
    const packed = packSentences(split);
    expect([...packed]).toEqual(split.flatMap((s) => [s.start, s.end]));
    expect(unpackSentences(packed, text.length)).toEqual(split);
  });

  it('reads back what it packed, for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const split = splitSentences(text);
        expect(unpackSentences(packSentences(split), text.length)).toEqual(split);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back nothing that could not be sentences of the text', () => {
    const read = (pairs: number[]) => unpackSentences(new Int32Array(pairs), 20);
    expect(read([0, 5, 6])).toBeNull(); // not pairs
    expect(read([0, 5, 3, 8])).toBeNull(); // overlapping
    expect(read([6, 9, 0, 5])).toBeNull(); // out of order
    expect(read([4, 4])).toBeNull(); // empty
    expect(read([-1, 4])).toBeNull(); // before the text
    expect(read([0, 21])).toBeNull(); // past its end
    expect(read([])).toEqual([]);
    expect(read([0, 5, 5, 20])).toEqual([
      { index: 0, start: 0, end: 5 },
      { index: 1, start: 5, end: 20 },
    ]);
  });
});
