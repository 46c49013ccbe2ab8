/**
 * Writes docs/ariadne-1.schema.json from the zod schema: `npx tsx scripts/write-json-schema.ts`.
 * Run it after any change to src/domain/schema.ts; a unit test fails until the file is current.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_FILE, jsonSchemaText } from '../src/domain/formats/json-schema';

const target = fileURLToPath(new URL(`../${JSON_SCHEMA_FILE}`, import.meta.url));
writeFileSync(target, jsonSchemaText());
console.log(`wrote ${JSON_SCHEMA_FILE}`);
