import { useState } from 'react';
import type { ReactNode } from 'react';

/**
 * A `<details>` whose content is built only while it is open. Editing forms hold pickers and lists
 * over a whole document: built for every actor or relation in a panel, they would slow each click.
 */
export function LazyDetails({
  className,
  summary,
  children,
}: {
  className: string;
  summary: string;
  /** Called only while open. */
  children: () => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className={className} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}
