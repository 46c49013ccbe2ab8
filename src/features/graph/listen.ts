/**
 * Cytoscape listeners bound as a set and unbound the same way, so that an effect's cleanup cannot
 * miss one of them.
 */
import type { Core, EventHandler } from 'cytoscape';

/** Events, the elements they are for (all, and the core, when null), and the handler. */
export type Binding = readonly [events: string, selector: string | null, handler: EventHandler];

/** Binds every listener to `cy`; the returned function unbinds them all. */
export function listen(cy: Core, bindings: readonly Binding[]): () => void {
  for (const [events, selector, handler] of bindings) {
    if (selector) cy.on(events, selector, handler);
    else cy.on(events, handler);
  }
  return () => {
    for (const [events, selector, handler] of bindings) {
      if (selector) cy.off(events, selector, handler);
      else cy.off(events, handler);
    }
  };
}
