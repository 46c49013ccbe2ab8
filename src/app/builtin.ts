/**
 * The built-in article (North Press, by Kardo Roj), annotated by hand and stored in our own format.
 * It is validated on load like any imported document, so a broken edit fails loudly.
 */
import raw from '../domain/builtin/hts-terror-list.json';
import type { AriadneDocument } from '../domain/model';
import { documentSchema } from '../domain/schema';
import { validateDocument } from '../domain/validate';

export function loadBuiltinDocument(): AriadneDocument {
  const doc = documentSchema.parse(raw);
  const problems = validateDocument(doc);
  if (problems.length > 0) {
    throw new Error(
      `The built-in article's annotation is invalid: ${problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`,
    );
  }
  return doc;
}

/** The built-in article as a file to import, the sample an import worker warms up on. */
export function builtinAsFile(): { name: string; bytes: Uint8Array } {
  return { name: 'built-in.json', bytes: new TextEncoder().encode(JSON.stringify(raw)) };
}
