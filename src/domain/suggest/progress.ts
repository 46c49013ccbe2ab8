/** How often a pass over the sentences reports how far it is (every this many sentences). */
const REPORT_EVERY = 64;

/**
 * For a pass over `count` sentences: call the result with each sentence's index, and `progress`
 * hears the fraction done every few sentences.
 */
export function sentenceProgress(
  count: number,
  progress: (fraction: number) => void,
): (sentence: number) => void {
  return (sentence) => {
    if (sentence % REPORT_EVERY === 0) progress(sentence / count);
  };
}
