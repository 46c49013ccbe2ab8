/**
 * Problems from the last import, export or load, each naming its file and line, until dismissed.
 * Errors mean something was skipped; warnings mean it was kept but repaired or could not be
 * carried over.
 */
import { useAppStore } from '../../store/store';
import type { AppState } from '../../store/store';

const selectProblems = (s: AppState) => s.problems;

export function ImportProblems() {
  const problems = useAppStore(selectProblems);
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <div className="problems" role="alert">
      <p className="problems-head">
        <strong>
          {[errors > 0 && plural(errors, 'problem'), warnings > 0 && plural(warnings, 'warning')]
            .filter(Boolean)
            .join(' and ')}
        </strong>{' '}
        — everything else went through.
        <button
          type="button"
          className="link"
          onClick={() => useAppStore.getState().dismissProblems()}
        >
          Dismiss
        </button>
      </p>
      <ul>
        {problems.slice(0, 50).map((p, i) => (
          <li key={i} className={`problem-${p.severity}`}>
            <span className="problem-where">
              {p.file}
              {p.line !== undefined ? `, line ${p.line}` : ''}:
            </span>{' '}
            {p.message}
          </li>
        ))}
      </ul>
      {problems.length > 50 && <p>…and {problems.length - 50} more.</p>}
    </div>
  );
}
