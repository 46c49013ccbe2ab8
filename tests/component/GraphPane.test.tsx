import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GraphPane } from '../../src/app/GraphPane';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Code = { default: () => React.JSX.Element };
const Graph = () => <section aria-label="Network graph" />;

describe('the graph pane', () => {
  it('says the graph is loading, then shows it as soon as its code arrives', async () => {
    const code = deferred<Code>();
    render(<GraphPane load={() => code.promise} />);
    expect(screen.getByText('Loading the graph…')).toBeInTheDocument();
    await act(async () => code.resolve({ default: Graph }));
    expect(screen.getByRole('region', { name: 'Network graph' })).toBeInTheDocument();
    expect(screen.queryByText('Loading the graph…')).toBeNull();
  });

  it('says so when the code cannot be loaded, and how to try again', async () => {
    const code = deferred<Code>();
    render(<GraphPane load={() => code.promise} />);
    await act(async () => code.reject(new Error('Failed to fetch dynamically imported module')));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The graph could not be loaded (Failed to fetch dynamically imported module). Reload the page to try again.',
    );
  });
});
