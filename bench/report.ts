/** Samples, summaries, target checks, the printed table and bench/results.json. */
import { writeFileSync } from 'node:fs';

/** One measured value in ms (or bytes, counts…), or a measurement that ran out of time. */
export type Sample = number | 'timed out';

export interface Series {
  readonly metric: string;
  readonly document: string;
  readonly unit: string;
  readonly samples: Sample[];
  /** Anything else worth keeping with the raw samples (method used, per-run details). */
  readonly details?: Record<string, unknown>;
}

export interface Summary {
  readonly n: number;
  readonly timeouts: number;
  readonly median: number | null;
  readonly p95: number | null;
  readonly max: number | null;
}

export type Statistic = 'median' | 'p95' | 'max';

export interface Target {
  readonly name: string;
  readonly metric: string;
  readonly document: string;
  readonly statistic: Statistic;
  /** Met when the statistic is below (or, for `atLeast`, at least) the limit. */
  readonly limit: number;
  readonly comparison: 'below' | 'atMost' | 'atLeast';
  readonly label: string;
  readonly note?: string;
}

export interface TargetResult extends Target {
  readonly value: number | null;
  readonly met: boolean;
  readonly why?: string;
}

export function numbers(samples: readonly Sample[]): number[] {
  return samples.filter((s): s is number => typeof s === 'number');
}

/** Nearest-rank percentile of the values that were measured. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

export function summarise(samples: readonly Sample[]): Summary {
  const values = numbers(samples);
  return {
    n: samples.length,
    timeouts: samples.length - values.length,
    median: percentile(values, 50),
    p95: percentile(values, 95),
    max: values.length ? Math.max(...values) : null,
  };
}

export function checkTarget(target: Target, series: readonly Series[]): TargetResult {
  const s = series.find((x) => x.metric === target.metric && x.document === target.document);
  if (!s) return { ...target, value: null, met: false, why: 'not measured' };
  const summary = summarise(s.samples);
  const value = summary[target.statistic];
  if (summary.timeouts > 0)
    return { ...target, value, met: false, why: `${summary.timeouts} run(s) timed out` };
  if (value === null) return { ...target, value, met: false, why: 'no value' };
  const met =
    target.comparison === 'below'
      ? value < target.limit
      : target.comparison === 'atMost'
        ? value <= target.limit
        : value >= target.limit;
  return { ...target, value, met };
}

function format(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === 'ms')
    return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
  if (unit === 'bytes') return `${(value / 1024).toFixed(1)} KB`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  if (unit === 'ratio') return `${value.toFixed(2)}×`;
  if (unit === 'fraction') return `${(value * 100).toFixed(0)} %`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The table: one row per series, with its targets (if any) and whether they were met. */
export function table(series: readonly Series[], results: readonly TargetResult[]): string {
  const header = ['metric', 'document', 'median', 'p95', 'target', 'met?'];
  const rows: string[][] = [];
  for (const s of series) {
    const summary = summarise(s.samples);
    const ts = results.filter((t) => t.metric === s.metric && t.document === s.document);
    const timedOut = summary.timeouts > 0 ? ` (${summary.timeouts}/${summary.n} timed out)` : '';
    const cells = [
      s.metric,
      s.document,
      format(summary.median, s.unit) + timedOut,
      summary.n > 1 ? format(summary.p95, s.unit) : '',
      ts.map((t) => t.label).join('; ') || '',
      ts.map((t) => (t.met ? 'yes' : t.why ? `NO (${t.why})` : 'NO')).join('; ') || '',
    ];
    rows.push(cells);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export interface Results {
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly quick: boolean;
  readonly runs: { open: number; interactions: number; scrollSessions: number };
  readonly environment: Record<string, unknown>;
  readonly documents: readonly Record<string, unknown>[];
  readonly series: readonly (Series & { summary: Summary })[];
  readonly targets: readonly TargetResult[];
}

export function writeResults(path: string, results: Results): void {
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
}
