import { describe, expect, it } from 'vitest';
import builtinJson from '../../domain/builtin/hts-terror-list.json';
import { exportAriadneJson } from '../../domain/formats/ariadne-json';
import { documentSchema } from '../../domain/schema';
import type { AriadneDocument } from '../../domain/model';
import { DOCUMENT_EXPORTS, exportFiles, slug } from './exportFiles';
import type { DocumentExport } from './exportFiles';

const builtin: AriadneDocument = documentSchema.parse(builtinJson);
const base = 'russia-conditions-must-be-met-to-remove-syria-s-hts-from';

describe('slug', () => {
  it('keeps letters and digits of any script, dashes between, lower case', () => {
    expect(slug('Ça déborde: 3 ministres à Zürich')).toBe('ca-deborde-3-ministres-a-zurich');
    expect(slug('Путин и «Хамас»')).toBe('путин-и-хамас');
    expect(slug('🙂 — !')).toBe('document');
  });

  it('cuts a long title at a word near 60 characters', () => {
    const s = slug('word '.repeat(30));
    expect(s.length).toBeLessThanOrEqual(60);
    expect(s.endsWith('word')).toBe(true);
  });
});

describe('exportFiles', () => {
  it('names every file after the document and gives its type', () => {
    const seen = Object.fromEntries(
      (Object.keys(DOCUMENT_EXPORTS) as DocumentExport[]).map((kind) => [
        kind,
        exportFiles(builtin, kind).files.map((f) => `${f.name} ${f.type}`),
      ]),
    );
    expect(seen).toEqual({
      'ariadne-json': [`${base}.ariadne.json application/json`],
      brat: [
        `${base}.txt text/plain;charset=utf-8`,
        `${base}.ann text/plain;charset=utf-8`,
        'annotation.conf text/plain;charset=utf-8',
        // The built-in article's types have colours: brat's visual.conf carries them.
        'visual.conf text/plain;charset=utf-8',
      ],
      'actors-csv': [`${base}-actors.csv text/csv;charset=utf-8`],
      'relations-csv': [`${base}-relations.csv text/csv;charset=utf-8`],
      graphml: [`${base}.graphml application/graphml+xml`],
    });
  });

  it('writes the document itself, and says what brat cannot hold', () => {
    expect(exportFiles(builtin, 'ariadne-json').files[0]?.content).toBe(exportAriadneJson(builtin));
    const brat = exportFiles(builtin, 'brat');
    expect(brat.files[0]?.content).toBe(builtin.text);
    expect(brat.problems.map((p) => p.message).join('\n')).toMatch(
      /brat has no place for a description/,
    );
  });

  it("counts each actor's mentions in the actors' CSV", () => {
    const csv = exportFiles(builtin, 'actors-csv').files[0]?.content ?? '';
    const zakharova = csv.split('\r\n').find((l) => l.includes('Maria Zakharova')) ?? '';
    const count = builtin.mentions.filter((m) => m.entityId === 'e-zakharova').length;
    expect(count).toBeGreaterThan(1);
    expect(zakharova.split(',')).toContain(String(count));
  });
});
