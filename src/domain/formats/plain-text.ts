/**
 * A plain text file as a document with no annotations yet. Sentences and blocks are derived from the
 * text when the document is indexed, so the document is only the text, a title, an id and the
 * default actor types (those of the built-in article), so annotating it later has types to choose
 * from.
 */
import builtin from '../builtin/hts-terror-list.json';
import type { AriadneDocument, TypeDef } from '../model';
import { DEFAULT_ENTITY_TYPE_KEYS, FORMAT_VERSION } from '../model';
import { documentSchema } from '../schema';

/** Longest title taken from the first line, in characters (code points). */
export const MAX_TITLE_LENGTH = 120;

let defaults: readonly TypeDef[] | undefined;

/** The six default actor types with the built-in article's labels, colours and shapes. */
export function defaultEntityTypes(): TypeDef[] {
  defaults ??= (() => {
    const declared = documentSchema.shape.entityTypes.parse(builtin.entityTypes);
    return DEFAULT_ENTITY_TYPE_KEYS.map((key) => {
      const def = declared.find((t) => t.key === key);
      if (!def) throw new Error(`the built-in article no longer declares the type "${key}"`);
      return def;
    });
  })();
  return defaults.map((t) => ({ ...t }));
}

/** File name without folders and extension: `news/Report.v2.txt` → `Report.v2`. */
export function baseName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? name;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}

/** Lower-case ASCII letters, digits and hyphens: `Élections 2024 (draft)` → `elections-2024-draft`. */
export function slugify(s: string, max = 40): string {
  const slug = s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return slug === '' ? 'text' : slug;
}

/** FNV-1a over the UTF-16 code units, as six base-36 digits: short, stable, not cryptographic. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) % 36 ** 6).toString(36).padStart(6, '0');
}

/** The first non-empty line, trimmed, cut to `MAX_TITLE_LENGTH` characters at a word if it can. */
export function titleFromText(text: string, fallback: string): string {
  const first = text
    .split(/\r\n|\n|\r|\u2028|\u2029/)
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (first === undefined) return fallback;
  const chars = Array.from(first);
  if (chars.length <= MAX_TITLE_LENGTH) return first;
  const cut = chars.slice(0, MAX_TITLE_LENGTH - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function importPlainText(name: string, text: string): AriadneDocument {
  const base = baseName(name);
  return {
    format: FORMAT_VERSION,
    id: `${slugify(base)}-${shortHash(text)}`,
    title: titleFromText(text, base || 'Untitled text'),
    text,
    source: { origin: name },
    entityTypes: defaultEntityTypes(),
    relationTypes: [],
    entities: [],
    mentions: [],
    relations: [],
  };
}
