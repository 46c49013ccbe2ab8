import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import json from './hts-terror-list.json';
import type { AriadneDocument, Span } from '../model';
import { documentSchema } from '../schema';
import { validateDocument } from '../validate';
import { splitSentences } from '../sentences';

const articlePath = fileURLToPath(
  new URL('../../../../shared/articles/hts-terror-list.txt', import.meta.url),
);
const article = readFileSync(articlePath, 'utf8');
const doc: AriadneDocument = documentSchema.parse(json);
const sentences = splitSentences(doc.text);

const entityByName = (name: string) => {
  const e = doc.entities.find((x) => x.name === name);
  if (!e) throw new Error(`no entity named "${name}"`);
  return e;
};
const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;
/** Mentions of the entity that lie wholly inside `span`. */
const mentionsIn = (entityId: string, span: Span) =>
  doc.mentions.filter((m) => m.entityId === entityId && m.spans.every((s) => within(s, span)));

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);
/** Whole-word, case-sensitive occurrences of `needle` in the text. */
function occurrences(needle: string): Span[] {
  const out: Span[] = [];
  for (let i = doc.text.indexOf(needle); i >= 0; i = doc.text.indexOf(needle, i + 1)) {
    const end = i + needle.length;
    if (!isWordChar(doc.text[i - 1]) && !isWordChar(doc.text[end])) out.push({ start: i, end });
  }
  return out;
}

describe('built-in article: HTS terror list', () => {
  it('matches the schema and passes validation', () => {
    expect(() => documentSchema.parse(json)).not.toThrow();
    // Nothing is silently dropped by the schema (unknown keys would be stripped).
    expect(doc).toEqual(json);
    expect(validateDocument(doc)).toEqual([]);
    expect(doc.format).toBe('ariadne/1');
    expect(doc.id).toBe('hts-terror-list');
  });

  it('carries the article text byte for byte', () => {
    expect(doc.text).toBe(article);
    expect(doc.title).toBe(article.split('\n')[0]);
    expect(doc.source).toMatchObject({ name: 'North Press', author: 'Kardo Roj' });
  });

  it('declares the contract entity types', () => {
    const labels = Object.fromEntries(doc.entityTypes.map((t) => [t.key, t.label]));
    expect(labels).toMatchObject({
      person: 'Person',
      state: 'State',
      government: 'Government body',
      'armed-group': 'Armed group',
      media: 'Media outlet',
      location: 'Place',
    });
    const colors = doc.entityTypes.map((t) => t.color?.toLowerCase());
    expect(colors.every(Boolean)).toBe(true);
    expect(new Set(colors).size).toBe(colors.length);
  });

  it('has one block per non-empty line, with title, byline and four headings', () => {
    const lines: Span[] = [];
    let pos = 0;
    for (const line of doc.text.split('\n')) {
      if (line.trim()) lines.push({ start: pos, end: pos + line.length });
      pos += line.length + 1;
    }
    const blocks = doc.blocks ?? [];
    expect(blocks.map((b) => ({ start: b.start, end: b.end }))).toEqual(lines);
    expect(blocks[0]?.kind).toBe('title');
    expect(blocks[1]?.kind).toBe('byline');
    const headings = blocks
      .filter((b) => b.kind === 'heading')
      .map((b) => doc.text.slice(b.start, b.end));
    expect(headings).toEqual([
      'Maintaining Communication With Syrian Forces',
      'Concerns Over Resurgence of ISIS',
      'Asylum Granted to Assad in Moscow',
      'Regional Uncertainty',
    ]);
    expect(blocks.slice(2).every((b) => b.kind === 'heading' || b.kind === 'paragraph')).toBe(true);
  });

  it('has the required entities with the contract types', () => {
    const required: Record<string, string> = {
      Russia: 'state',
      Syria: 'state',
      'Hayat Tahrir al-Sham': 'armed-group',
      'Maria Zakharova': 'person',
      'Russian Foreign Ministry': 'government',
      Kremlin: 'government',
      'Bashar al-Assad': 'person',
      ISIS: 'armed-group',
      TASS: 'media',
      'North Press': 'media',
      'Kardo Roj': 'person',
      Moscow: 'location',
      Damascus: 'location',
    };
    for (const [name, type] of Object.entries(required)) {
      expect(entityByName(name).type, name).toBe(type);
    }
    expect(entityByName('Hayat Tahrir al-Sham').aliases).toContain('HTS');
    for (const e of doc.entities) {
      expect(mentionsIn(e.id, { start: 0, end: doc.text.length }).length, e.name).toBeGreaterThan(
        0,
      );
      for (const r of e.refs ?? []) {
        if (r.source === 'wikidata') expect(r.id).toMatch(/^Q\d+$/);
      }
    }
  });

  it('quotes every mention exactly from its spans', () => {
    for (const m of doc.mentions) {
      expect(m.spans.length).toBeGreaterThan(0);
      const joined = m.spans.map((s) => doc.text.slice(s.start, s.end)).join(' ');
      expect(joined, m.id).toBe(m.text);
      expect(m.text.trim(), m.id).toBe(m.text);
      expect(m.text.length, m.id).toBeGreaterThan(0);
    }
  });

  it('has no overlapping mentions', () => {
    const spans = doc.mentions
      .flatMap((m) => m.spans.map((s) => ({ ...s, id: m.id })))
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) {
      const prev = spans[i - 1]!;
      const cur = spans[i]!;
      expect(cur.start, `${prev.id} overlaps ${cur.id}`).toBeGreaterThanOrEqual(prev.end);
    }
  });

  it('covers every occurrence of every name and alias with a mention of that entity', () => {
    const missed: string[] = [];
    for (const e of doc.entities) {
      for (const name of [e.name, ...e.aliases]) {
        for (const occ of occurrences(name)) {
          const covered = doc.mentions.some(
            (m) => m.entityId === e.id && m.spans.some((s) => within(occ, s)),
          );
          if (!covered) missed.push(`${e.id}: "${name}" at ${occ.start}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it('tags the headline, dateline and byline', () => {
    const headline = { start: 0, end: doc.text.indexOf('\n') };
    for (const name of ['Russia', 'Syria', 'Hayat Tahrir al-Sham']) {
      expect(mentionsIn(entityByName(name).id, headline).length, name).toBeGreaterThan(0);
    }
    const datelineAt = doc.text.indexOf('MOSCOW, Russia (North Press)');
    expect(datelineAt).toBeGreaterThan(0);
    const dateline = { start: datelineAt, end: datelineAt + 'MOSCOW, Russia (North Press)'.length };
    for (const name of ['Moscow', 'Russia', 'North Press']) {
      expect(mentionsIn(entityByName(name).id, dateline).length, name).toBeGreaterThan(0);
    }
    const bylineAt = doc.text.indexOf('By Kardo Roj');
    const byline = { start: bylineAt, end: bylineAt + 'By Kardo Roj'.length };
    expect(mentionsIn(entityByName('Kardo Roj').id, byline).length).toBe(1);
  });

  it('has at least 15 relations between existing entities, with sentence evidence', () => {
    expect(doc.relations.length).toBeGreaterThanOrEqual(15);
    const ids = new Set(doc.entities.map((e) => e.id));
    const types = new Set(doc.relationTypes.map((t) => t.key));
    for (const r of doc.relations) {
      expect(ids.has(r.source), `${r.id} source`).toBe(true);
      expect(ids.has(r.target), `${r.id} target`).toBe(true);
      expect(r.source, r.id).not.toBe(r.target);
      expect(types.has(r.type), `${r.id} type`).toBe(true);
      expect(r.evidence.length, r.id).toBeGreaterThan(0);
      for (const q of r.evidence) {
        const s = sentences.find((x) => x.start === q.start && x.end === q.end);
        expect(s, `${r.id} evidence ${q.start}–${q.end} is not a sentence`).toBeDefined();
        expect(q.text, r.id).toBe(doc.text.slice(q.start, q.end));
      }
    }
  });

  it('mentions both ends in each evidence sentence, or explains why not', () => {
    for (const r of doc.relations) {
      for (const q of r.evidence) {
        const hasSource = mentionsIn(r.source, q).length > 0;
        const hasTarget = mentionsIn(r.target, q).length > 0;
        if (r.note === undefined) {
          expect(hasSource && hasTarget, `${r.id}: evidence at ${q.start} lacks an end`).toBe(true);
        } else {
          expect(r.note.trim().length, r.id).toBeGreaterThan(0);
          expect(hasSource || hasTarget, `${r.id}: evidence at ${q.start} names neither end`).toBe(
            true,
          );
        }
      }
    }
  });

  it('grades certainty, including possible and reported relations', () => {
    const certainties = new Set(doc.relations.map((r) => r.certainty));
    expect(certainties.has('possible')).toBe(true);
    expect(certainties.has('reported')).toBe(true);
    const russia = entityByName('Russia').id;
    const hts = entityByName('Hayat Tahrir al-Sham').id;
    const assad = entityByName('Bashar al-Assad').id;
    expect(
      doc.relations.find((r) => r.source === russia && r.target === hts && r.type === 'may-delist')
        ?.certainty,
    ).toBe('possible');
    expect(
      doc.relations.find(
        (r) => r.source === russia && r.target === assad && r.type === 'granted-asylum-to',
      )?.certainty,
    ).toBe('reported');
  });
});
