import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { describe, it, expect } from 'vitest';
import builtinJson from '../builtin/hts-terror-list.json';
import { FORMAT_VERSION } from '../model';
import { importAriadneJson } from './ariadne-json';
import { JSON_SCHEMA_FILE, formatJson, jsonSchema, jsonSchemaText } from './json-schema';

const committed = readFileSync(
  fileURLToPath(new URL(`../../../${JSON_SCHEMA_FILE}`, import.meta.url)),
  'utf8',
);

describe(JSON_SCHEMA_FILE, () => {
  it('is what scripts/write-json-schema.ts generates from the zod schema (run it after a change)', () => {
    expect(committed).toBe(jsonSchemaText());
  });

  it('describes the format version and every top-level field of the built-in document', () => {
    const schema = jsonSchema() as {
      properties: Record<string, { const?: string }>;
      required: string[];
    };
    expect(schema.properties.format?.const).toBe(FORMAT_VERSION);
    for (const key of Object.keys(builtinJson)) expect(schema.properties).toHaveProperty(key);
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'format',
        'id',
        'title',
        'text',
        'entities',
        'mentions',
        'relations',
      ]),
    );
  });
});

describe('formatJson', () => {
  it('prints the same value JSON.parse reads back', () => {
    const value = {
      a: [1, 2, 'three'],
      b: { c: null, d: [] as unknown[], e: {} },
      f: [{ g: true }],
    };
    expect(JSON.parse(formatJson(value))).toEqual(value);
  });

  it('lays out the schema exactly as Prettier does, so `prettier --check` passes', async () => {
    const options = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../.prettierrc.json', import.meta.url)), 'utf8'),
    ) as Record<string, unknown>;
    const pretty = await format(JSON.stringify(jsonSchema(), null, 2), {
      ...options,
      parser: 'json',
    });
    expect(jsonSchemaText()).toBe(pretty);
  });

  it('keeps lists of plain values on one line when they fit in 100 columns', () => {
    expect(formatJson({ enum: ['a', 'b'] })).toBe('{\n  "enum": ["a", "b"]\n}\n');
    const long = Array.from({ length: 20 }, (_, i) => `value-${i}`);
    expect(formatJson({ enum: long }).split('\n')).toHaveLength(long.length + 5);
  });
});

describe('docs/format.md', () => {
  const md = readFileSync(
    fileURLToPath(new URL('../../../docs/format.md', import.meta.url)),
    'utf8',
  );
  const example = /```json\n([\s\S]*?)\n```/.exec(md)?.[1] ?? '';

  it('has an example that imports without a single problem', () => {
    const r = importAriadneJson('example.json', example);
    expect(r.problems).toEqual([]);
    expect(r.document?.entities).toHaveLength(4);
    // The offsets after the flag are UTF-16 code units, as the text says.
    const assad = r.document?.mentions.find((m) => m.text === 'Bashar al-Assad');
    expect(assad?.spans[0]).toEqual({ start: 47, end: 62 });
  });

  it('lets a file name the schema for editors without a warning', () => {
    const doc = { $schema: './ariadne-1.schema.json', ...(JSON.parse(example) as object) };
    expect(importAriadneJson('example.json', JSON.stringify(doc)).problems).toEqual([]);
  });
});
