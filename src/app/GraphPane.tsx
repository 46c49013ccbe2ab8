import { useEffect, useState } from 'react';
import type { ComponentType } from 'react';

type Loaded = { View: ComponentType } | { error: string } | null;

const loadGraphView = () => import('../features/graph/GraphView');

/**
 * The graph, its code loaded once the page is drawn: Cytoscape is the largest dependency, and the
 * text's first paint does not need it. Not `React.lazy`: a Suspense boundary that has shown its
 * fallback shows what it waited for no sooner than 300 ms after (React's throttle for such reveals),
 * which held the graph back by ~270 ms at every start, its code long arrived. `load` is for tests.
 */
export function GraphPane({
  load = loadGraphView,
}: {
  load?: () => Promise<{ default: ComponentType }>;
}) {
  const [loaded, setLoaded] = useState<Loaded>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (m) => live && setLoaded({ View: m.default }),
      (e: unknown) => live && setLoaded({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [load]);
  if (loaded && 'View' in loaded) return <loaded.View />;
  return loaded ? (
    <div className="graph graph-loading" role="alert">
      The graph could not be loaded ({loaded.error}). Reload the page to try again.
    </div>
  ) : (
    <div className="graph graph-loading">Loading the graph…</div>
  );
}
