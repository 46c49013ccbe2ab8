/**
 * What a format adapter reports instead of throwing: one entry per thing wrong with the input, each
 * naming the file and line so a reader can find it. `error` means something was skipped; `warning`
 * means something was kept but repaired or guessed (the message says how).
 */
export interface ImportProblem {
  readonly file: string;
  /** 1-based physical line in `file`, when the problem belongs to one line. */
  readonly line?: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}
