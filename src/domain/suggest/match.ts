/**
 * Finds every whole-word occurrence of a name ("form") in a text, with the case rules of
 * propagation: the exact case first; an ALL-CAPS occurrence of a name that is not in capitals (a
 * dateline "LIMA" for "Lima"); and, for a name written in lower case, an occurrence with its first
 * letter capitalised (a sentence that starts with it). Apostrophes, hyphens and white space may
 * differ ("Chile's" and "Chile’s", a line break inside a name). A possessive after the name is left
 * out of the span by the whole-word rule: "Chile’s" yields "Chile".
 */
import type { Span } from '../model';
import { capitaliseFirst, formPattern, hasLower, isAllCaps, isWholeWord } from './text';

export type CaseClass = 'exact' | 'caps' | 'capitalised';

export interface FormMatch extends Span {
  readonly caseClass: CaseClass;
}

const canon = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[’ʼ‘′]/g, "'")
    .replace(/[‐‑]/g, '-')
    .replace(/\s+/g, ' ');

const PIECE = /[\p{L}\p{M}\p{N}]+/gu;

export class FormFinder {
  /** Start offsets of every run of letters and digits, by its lower-case text. */
  private readonly pieces = new Map<string, number[]>();

  constructor(private readonly text: string) {
    for (const m of text.matchAll(PIECE)) {
      const key = m[0].toLowerCase();
      const list = this.pieces.get(key);
      if (list) list.push(m.index);
      else this.pieces.set(key, [m.index]);
    }
  }

  /** Occurrences of `form` in text order. Forms shorter than two characters find nothing. */
  find(form: string): FormMatch[] {
    const f = form.trim();
    if (f.length < 2) return [];
    const first = /[\p{L}\p{M}\p{N}]+/u.exec(f);
    if (!first || first.index !== 0) return [];
    const starts = this.pieces.get(first[0].toLowerCase());
    if (!starts) return [];
    let re: RegExp;
    try {
      re = new RegExp(formPattern(f), 'iuy');
    } catch {
      return [];
    }
    const want = canon(f);
    const wantCaps = want.toUpperCase();
    const wantCapitalised = capitaliseFirst(want);
    const formHasLower = hasLower(f);
    const out: FormMatch[] = [];
    for (const start of starts) {
      re.lastIndex = start;
      const m = re.exec(this.text);
      if (!m) continue;
      const end = start + m[0].length;
      if (!isWholeWord(this.text, start, end)) continue;
      const got = canon(m[0]);
      let caseClass: CaseClass | undefined;
      if (got === want) caseClass = 'exact';
      else if (formHasLower && got === wantCaps && isAllCaps(got)) caseClass = 'caps';
      else if (got === wantCapitalised && want !== wantCapitalised) caseClass = 'capitalised';
      if (caseClass) out.push({ start, end, caseClass });
    }
    return out;
  }
}
