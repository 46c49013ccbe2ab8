import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  findBratTexts,
  formatReport,
  loadDocuments,
  main,
  nearestAnnotationConf,
} from '../../scripts/eval';
import { evaluateDocument } from '../../src/domain/suggest/evaluate';

const news = 'tests/fixtures/brat/news';
const tmp = mkdtempSync(join(tmpdir(), 'ariadne-eval-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scripts/eval.ts', () => {
  it('finds .txt files with a sibling .ann, recursively, and the nearest annotation.conf', () => {
    mkdirSync(join(tmp, 'a', 'b'), { recursive: true });
    writeFileSync(join(tmp, 'annotation.conf'), '[entities]\nPerson\nGPE\n');
    writeFileSync(join(tmp, 'a', 'b', 'doc.txt'), 'Ana Lopez lives in Peru.\n');
    writeFileSync(
      join(tmp, 'a', 'b', 'doc.ann'),
      'T1\tPerson 0 9\tAna Lopez\nT2\tGPE 19 23\tPeru\n',
    );
    writeFileSync(join(tmp, 'a', 'lonely.txt'), 'No annotations here.\n');
    expect(findBratTexts(tmp)).toEqual([join(tmp, 'a', 'b', 'doc.txt')]);
    expect(nearestAnnotationConf(join(tmp, 'a', 'b'))).toBe(join(tmp, 'annotation.conf'));
    const [d] = loadDocuments(tmp);
    expect(d?.name).toBe(join('a', 'b', 'doc.txt'));
    expect(d?.document.entityTypes.map((t) => t.key)).toEqual(['Person', 'GPE']);
    expect(d?.empty).toBe(false);
    const e = evaluateDocument(d!.document, 'plain', d!.name);
    expect(e.exact).toEqual({ tp: 2, fp: 0, fn: 0 });
    expect(e.typed).toEqual({ tp: 2, fp: 0, fn: 0 });
  });

  it('loads the news fixtures (marking empty .ann files) and the built-in JSON article', () => {
    const docs = loadDocuments(news);
    expect(docs).toHaveLength(13);
    expect(docs.filter((d) => d.empty).map((d) => d.name)).toEqual([
      '010-navigation.txt',
      '020-top_bar.txt',
      '030-login.txt',
      '999-complete.txt',
    ]);
    const [b] = loadDocuments('src/domain/builtin/hts-terror-list.json');
    expect(b?.document.mentions.length).toBeGreaterThan(50);
    expect(() => loadDocuments('package.json')).toThrow(/package.json/);
    expect(() => loadDocuments('README.md')).toThrow(/expected a folder/);
  });

  it('prints a table per mode with micro totals, both with and without empty files, and the mapping', () => {
    const docs = loadDocuments(news);
    const report = formatReport(
      'plain',
      docs,
      docs.map((d) => evaluateDocument(d.document, 'plain', d.name)),
    );
    expect(report).toContain('Mode "plain"');
    expect(report).toContain('micro total, all 13 documents');
    expect(report).toContain('micro total, 9 with annotations');
    expect(report).toContain('4 documents have an empty .ann');
    expect(report).toContain('person       → Person');
    expect(report).toContain('state        → GPE');
    expect(report).toMatch(/060-relation_annotation\.txt\s+10\s+\d+ \| /);
  });

  it('runs from the command line and explains its usage', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(main([])).toBe(2);
    expect(main([news, '--mode', 'nonsense'])).toBe(2);
    expect(main([join(tmp), '--mode=seeded'])).toBe(0);
    const out = log.mock.calls.map((c) => String(c[0])).join('\n');
    expect(out).toContain('Mode "seeded"');
    expect(out).not.toContain('Mode "plain"');
    log.mockRestore();
    error.mockRestore();
  });
});
