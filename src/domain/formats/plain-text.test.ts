import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import builtinJson from '../builtin/hts-terror-list.json';
import { documentSchema } from '../schema';
import { validateDocument } from '../validate';
import { DEFAULT_ENTITY_TYPE_KEYS } from '../model';
import {
  MAX_TITLE_LENGTH,
  baseName,
  defaultEntityTypes,
  importPlainText,
  slugify,
  titleFromText,
} from './plain-text';

describe('importPlainText', () => {
  const text = '\n  Russia weighs HTS delisting  \nBy Kardo Roj\nMOSCOW – Russia will assess…\n';

  it('builds a valid document with the text as is, a title and no annotations', () => {
    const doc = importPlainText('news/Russia HTS.txt', text);
    expect(documentSchema.parse(doc)).toEqual(doc);
    expect(validateDocument(doc)).toEqual([]);
    expect(doc.format).toBe('ariadne/1');
    expect(doc.text).toBe(text);
    expect(doc.title).toBe('Russia weighs HTS delisting');
    expect(doc.id).toMatch(/^russia-hts-[0-9a-z]{6}$/);
    expect(doc.source).toEqual({ origin: 'news/Russia HTS.txt' });
    expect(doc.entities).toEqual([]);
    expect(doc.mentions).toEqual([]);
    expect(doc.relations).toEqual([]);
    expect(doc.relationTypes).toEqual([]);
    expect(doc.blocks).toBeUndefined();
  });

  it('gives the six default actor types of the built-in document', () => {
    const doc = importPlainText('a.txt', 'Some text.');
    expect(doc.entityTypes.map((t) => t.key)).toEqual([...DEFAULT_ENTITY_TYPE_KEYS]);
    for (const t of doc.entityTypes) {
      expect(builtinJson.entityTypes).toContainEqual(t);
      expect(t.color).toMatch(/^#[0-9A-F]{6}$/);
      expect(t.shape).toBeDefined();
    }
    // Each document gets its own copies.
    expect(defaultEntityTypes()).not.toBe(defaultEntityTypes());
  });

  it('keeps ids apart for files with the same name and different texts, and stable for the same', () => {
    const a = importPlainText('report.txt', 'One text.');
    const b = importPlainText('other/report.txt', 'Another text.');
    const c = importPlainText('report.txt', 'One text.');
    expect(a.id).not.toBe(b.id);
    expect(a.id).toBe(c.id);
  });

  it('cuts a long first line to the title length, at a word when it can', () => {
    const long = `${'word '.repeat(60)}end`;
    const title = titleFromText(long, 'x');
    expect(Array.from(title).length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(title.endsWith('word…')).toBe(true);
    const emoji = '😀'.repeat(200);
    const cut = titleFromText(emoji, 'x');
    expect(Array.from(cut)).toHaveLength(MAX_TITLE_LENGTH);
    expect(cut).not.toMatch(/[\uD800-\uDBFF]…$/);
  });

  it('falls back to the file name when the text has no line with words', () => {
    expect(importPlainText('dir/Empty Notes.txt', ' \n\t\n').title).toBe('Empty Notes');
  });

  it('makes ASCII slugs', () => {
    expect(slugify('Élections 2024 (draft)')).toBe('elections-2024-draft');
    expect(slugify('Привет')).toBe('text');
    expect(slugify('---')).toBe('text');
    expect(baseName('C:\\docs\\Report.v2.txt')).toBe('Report.v2');
    expect(baseName('.hidden')).toBe('.hidden');
  });

  it('always yields a valid document', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ unit: 'grapheme' }), (name, t) => {
        const doc = importPlainText(name, t);
        expect(documentSchema.safeParse(doc).success).toBe(true);
        expect(validateDocument(doc)).toEqual([]);
        expect(Array.from(doc.title).length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
      }),
    );
  });
});
