import { describe, expect, it } from 'vitest';
import { recentByText } from './recent';

describe('recentByText', () => {
  it('keeps the newest few, one per text and variant', () => {
    const recent = recentByText<number>(2);
    recent.set('a', 1);
    recent.set('a', 2, 'de');
    expect([recent.get('a'), recent.get('a', 'de'), recent.get('a', 'fr')]).toEqual([
      1,
      2,
      undefined,
    ]);
    recent.set('a', 3); // replaces, and is now the newest
    recent.set('b', 4); // the oldest ('a' in German) goes
    expect([recent.get('a'), recent.get('a', 'de'), recent.get('b')]).toEqual([3, undefined, 4]);
  });
});
