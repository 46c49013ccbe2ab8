import { describe, expect, it } from 'vitest';
import builtin from './builtin/hts-terror-list.json';
import { documentSchema, parsingDocument } from './schema';
import type { DocumentParse } from './schema';

/** Runs `steps` to the end; answers the result and how many times they paused. */
function run(steps: Generator<void, DocumentParse, void>) {
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { result: step.value, pauses };
    pauses++;
  }
}

const doc = builtin as unknown as Record<string, unknown[]>;

describe('parsingDocument', () => {
  it('gives what documentSchema gives, pausing before each batch of each list', () => {
    const { result, pauses } = run(parsingDocument(builtin, 10));
    expect(result).toEqual({ success: true, data: documentSchema.parse(builtin) });
    const batches = (n: number) => Math.ceil(n / 10);
    expect(pauses).toBe(
      batches(doc.entities!.length) +
        batches(doc.mentions!.length) +
        batches(doc.relations!.length),
    );
    // An unknown key is dropped, as documentSchema drops it.
    const extra = { ...builtin, mentions: doc.mentions!.map((m) => ({ ...(m as object), x: 1 })) };
    expect(run(parsingDocument(extra, 10)).result).toEqual({
      success: true,
      data: documentSchema.parse(extra),
    });
  });

  it('gives the first issue documentSchema gives, for a record in a later batch or for the document', () => {
    const mentions = doc.mentions!.slice();
    mentions[23] = { ...(mentions[23] as object), spans: [] };
    const bad = { ...builtin, mentions };
    const whole = documentSchema.safeParse(bad);
    const { result } = run(parsingDocument(bad, 10));
    expect(result.success).toBe(false);
    if (result.success || whole.success) throw new Error('both should fail');
    expect(result.issues[0]).toEqual(whole.error.issues[0]);
    expect(result.issues[0]?.path).toEqual(['mentions', 23, 'spans']);

    const untitled = { ...builtin, title: 3 };
    const { result: early, pauses } = run(parsingDocument(untitled, 10));
    const wholeEarly = documentSchema.safeParse(untitled);
    if (early.success || wholeEarly.success) throw new Error('both should fail');
    expect(early.issues[0]).toEqual(wholeEarly.error.issues[0]);
    // Nothing more is looked at.
    expect(pauses).toBe(0);
  });
});
