import { describe, expect, it } from 'vitest';
import { importPlainText } from '../../domain/formats/plain-text';
import { applySuggestions } from '../../domain/suggest/apply';
import { findSuggestions } from './findSuggestions';
import type { SuggestProgress } from './findSuggestions';

describe('findSuggestions', () => {
  it('tells how far it is: names, then relations, each from 0 to 1 and never back', () => {
    // 300 sentences, so that the passes report on the way and not only at their ends.
    const text = Array.from(
      { length: 300 },
      (_, i) => `Minister Ana Costa met President Luis Ortega in Lisbon on day ${i + 1}.`,
    ).join('\n');
    const plain = importPlainText('days.txt', text);
    // Known actors, so that the relation pass has sentences to pair them in.
    const withActors = findSuggestions(plain);
    const doc = applySuggestions(plain, withActors.mentions);
    const seen: SuggestProgress[] = [];
    const found = findSuggestions(doc, (p) => seen.push(p));
    expect(found.relations.length).toBeGreaterThan(0);

    const names = seen.filter((p) => p.stage === 'names').map((p) => p.fraction);
    const relations = seen.filter((p) => p.stage === 'relations').map((p) => p.fraction);
    expect(seen.findIndex((p) => p.stage === 'relations')).toBe(names.length);
    for (const stage of [names, relations]) {
      expect(stage.length).toBeGreaterThan(3);
      expect(stage.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= (stage[i - 1] ?? 0)))).toBe(
        true,
      );
      expect(stage.at(-1)).toBe(1);
      expect(stage.some((f) => f > 0 && f < 1)).toBe(true);
    }
  });
});
