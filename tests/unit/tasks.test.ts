import { describe, expect, it } from 'vitest';
import { inSlices } from '../../src/store/tasks';

describe('inSlices', () => {
  it('runs every step, in slices of about the time given, with other tasks between slices', async () => {
    let clock = 0;
    const seen: string[] = [];
    function* steps(): Generator<number, string, void> {
      for (let i = 1; i <= 7; i++) {
        clock += 10;
        seen.push(`step ${i}`);
        if (i === 2) setTimeout(() => seen.push('other task'), 0);
        yield i;
      }
      return 'done';
    }
    expect(await inSlices(steps(), 25, () => clock)).toBe('done');
    expect(seen).toEqual([
      'step 1',
      'step 2',
      'step 3',
      'other task',
      'step 4',
      'step 5',
      'step 6',
      'step 7',
    ]);
  });

  it('returns at once what steps that are already done return', async () => {
    const none: Iterator<number, string> = { next: () => ({ done: true, value: 'nothing to do' }) };
    expect(await inSlices(none)).toBe('nothing to do');
  });
});
