import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import builtinJson from '../builtin/hts-terror-list.json';
import type { AriadneDocument } from '../model';
import { documentSchema } from '../schema';
import {
  ENTITY_COLUMNS,
  RELATION_COLUMNS,
  csvField,
  entitiesCsv,
  relationsCsv,
  withByteOrderMark,
} from './csv';

const builtin = documentSchema.parse(builtinJson);

/** Strings rich in what CSV and spreadsheets treat specially. */
const fieldText = fc.string({
  unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", ' ', 'a', 'é', '😀'),
  maxLength: 12,
});

/**
 * A strict RFC 4180 reader: records end with CRLF, a quoted field may hold anything with quotes
 * doubled, an unquoted field may hold no quote, CR or LF. Throws on anything else.
 */
function readCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = csv.length;
  if (n === 0) return rows;
  for (;;) {
    let field = '';
    if (csv[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('unclosed quoted field');
        if (csv[i] === '"') {
          if (csv[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += csv[i];
        i++;
      }
    } else {
      while (i < n && csv[i] !== ',' && csv[i] !== '\r') {
        if (csv[i] === '"' || csv[i] === '\n')
          throw new Error(`bare ${JSON.stringify(csv[i])} at ${i}`);
        field += csv[i];
        i++;
      }
    }
    row.push(field);
    if (csv[i] === ',') {
      i++;
      continue;
    }
    if (csv[i] === '\r' && csv[i + 1] === '\n') {
      rows.push(row);
      row = [];
      i += 2;
      if (i === n) return rows;
      continue;
    }
    throw new Error(`expected a comma or CRLF at ${i}`);
  }
}

const table = (csv: string) => {
  const [header, ...rows] = readCsv(csv);
  return {
    header,
    rows,
    objects: rows.map((r) => Object.fromEntries(header!.map((h, k) => [h, r[k]]))),
  };
};

describe('entitiesCsv', () => {
  it('writes one row per entity with the documented columns', () => {
    const { header, rows, objects } = table(entitiesCsv(builtin));
    expect(header).toEqual([...ENTITY_COLUMNS]);
    expect(rows).toHaveLength(builtin.entities.length);
    for (const r of rows) expect(r).toHaveLength(ENTITY_COLUMNS.length);
    expect(objects[0]).toEqual({
      id: 'e-russia',
      name: 'Russia',
      type: 'state',
      type_label: 'State',
      aliases: '',
      mentions: String(builtin.mentions.filter((m) => m.entityId === 'e-russia').length),
      description: builtin.entities[0]?.description,
      refs: 'wikidata:Q159',
    });
    expect(objects.find((o) => o.id === 'e-hts')?.aliases).toBe('HTS');
  });

  it('takes mention counts from the caller when given', () => {
    const { objects } = table(entitiesCsv(builtin, (id) => (id === 'e-syria' ? 99 : 0)));
    expect(objects[1]).toMatchObject({ id: 'e-syria', mentions: '99' });
    expect(objects[0]).toMatchObject({ mentions: '0' });
  });

  it('ends every record with CRLF and uses no bare line feed outside quotes', () => {
    const csv = entitiesCsv(builtin);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(builtin.entities.length + 2);
  });
});

describe('relationsCsv', () => {
  it('writes both ends by id and name, the type label, certainty, evidence and note', () => {
    const { header, rows, objects } = table(relationsCsv(builtin));
    expect(header).toEqual([...RELATION_COLUMNS]);
    expect(rows).toHaveLength(builtin.relations.length);
    const r1 = builtin.relations[0]!;
    expect(objects[0]).toEqual({
      id: 'r1',
      source_id: 'e-russia',
      source_name: 'Russia',
      type: 'designated-terrorist',
      type_label: 'lists as terrorist',
      target_id: 'e-hts',
      target_name: 'Hayat Tahrir al-Sham',
      certainty: 'stated',
      evidence: r1.evidence.map((q) => q.text).join('\n'),
      note: r1.note,
    });
  });
});

describe('CSV quoting and formula injection', () => {
  const nasty: AriadneDocument = {
    ...builtin,
    entities: [
      {
        id: 'e1',
        name: '=HYPERLINK("http://evil.example","click")',
        type: 'person',
        aliases: ['+1 555', '-minus', '@at', '\ttab', 'plain, with comma'],
        description: 'He said "no".\r\nThen left.',
      },
      { id: 'e2', name: '\rcarriage', type: 'undeclared', aliases: [] },
    ],
    mentions: [],
    relations: [
      {
        id: 'r1',
        type: 'told',
        source: 'e1',
        target: 'e2',
        evidence: [],
        note: '=1+1',
      },
    ],
  };

  it('doubles quotes, quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('')).toBe('');
  });

  it('puts an apostrophe before anything a spreadsheet would run as a formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe('"\'\rx"');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('reads back to the same values, defused', () => {
    const { objects } = table(entitiesCsv(nasty));
    expect(objects[0]?.name).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(objects[0]?.aliases).toBe("'+1 555; -minus; @at; \ttab; plain, with comma");
    expect(objects[0]?.description).toBe('He said "no".\r\nThen left.');
    expect(objects[1]?.name).toBe("'\rcarriage");
    expect(objects[1]?.type_label).toBe('undeclared');
    const rel = table(relationsCsv(nasty)).objects[0];
    expect(rel).toMatchObject({
      note: "'=1+1",
      source_name: expect.stringMatching(/^'=/) as string,
    });
  });

  it('adds a byte order mark only when asked', () => {
    expect(entitiesCsv(builtin).charCodeAt(0)).not.toBe(0xfeff);
    expect(withByteOrderMark('a\r\n')).toBe('\uFEFFa\r\n');
  });

  it('always reads back to the fields it was given', () => {
    fc.assert(
      fc.property(fc.array(fieldText, { minLength: 1, maxLength: 5 }), (names) => {
        const doc: AriadneDocument = {
          ...builtin,
          entities: names.map((name, i) => ({ id: `e${i}`, name, type: 'person', aliases: [] })),
          mentions: [],
          relations: [],
        };
        const { rows } = table(entitiesCsv(doc));
        expect(rows.map((r) => r[1])).toEqual(
          names.map((s) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)),
        );
      }),
    );
  });
});
