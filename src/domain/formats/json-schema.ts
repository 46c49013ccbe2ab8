/**
 * The JSON Schema of our format, generated from the zod schema (`schema.ts`) so it cannot say
 * anything else. scripts/write-json-schema.ts writes it to docs/ariadne-1.schema.json, and a test
 * checks that the file there is what this function returns.
 *
 * The text is laid out the way Prettier lays out JSON (objects one property per line, a list of
 * plain values on one line when it fits in 100 columns), so the file passes `prettier --check`.
 */
import { z } from 'zod';
import { FORMAT_VERSION } from '../model';
import { documentSchema } from '../schema';

export const JSON_SCHEMA_FILE = 'docs/ariadne-1.schema.json';

const PRINT_WIDTH = 100;

export function jsonSchema(): Record<string, unknown> {
  const { $schema, properties, ...rest } = z.toJSONSchema(documentSchema) as Record<
    string,
    unknown
  >;
  return {
    $schema,
    title: `Ariadne document (${FORMAT_VERSION})`,
    description:
      'One annotated text: its actors (entities), where the text names them (mentions) and what they did to each other (relations, each with its evidence). Offsets are UTF-16 code units, end exclusive. Generated from src/domain/schema.ts; see docs/format.md. The app also checks what a schema cannot: spans inside the text, quotes equal to the text they point at, references that resolve, unique ids.',
    // A file may name this schema for editors; the app accepts and ignores the field.
    type: rest.type,
    properties: {
      $schema: {
        type: 'string',
        description: 'Where editors find this schema; ignored by the app.',
      },
      ...(properties as Record<string, unknown>),
    },
    ...rest,
  };
}

function isPlain(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** JSON with two-space indentation, wrapped as Prettier wraps it. */
export function formatJson(value: unknown): string {
  const print = (v: unknown, indent: string, prefix: string, suffix: string): string => {
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      if (v.length === 0) return `${indent}${prefix}[]${suffix}`;
      if (v.every(isPlain)) {
        const flat = `${indent}${prefix}[${v.map((x) => JSON.stringify(x)).join(', ')}]${suffix}`;
        if (flat.length <= PRINT_WIDTH) return flat;
      }
      const items = v.map((x, i) => print(x, inner, '', i < v.length - 1 ? ',' : ''));
      return `${indent}${prefix}[\n${items.join('\n')}\n${indent}]${suffix}`;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(
        ([, x]) => x !== undefined,
      );
      if (entries.length === 0) return `${indent}${prefix}{}${suffix}`;
      const items = entries.map(([k, x], i) =>
        print(x, inner, `${JSON.stringify(k)}: `, i < entries.length - 1 ? ',' : ''),
      );
      return `${indent}${prefix}{\n${items.join('\n')}\n${indent}}${suffix}`;
    }
    return `${indent}${prefix}${JSON.stringify(v)}${suffix}`;
  };
  return `${print(value, '', '', '')}\n`;
}

/** The schema file's exact text. */
export function jsonSchemaText(): string {
  return formatJson(jsonSchema());
}
