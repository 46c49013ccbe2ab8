/**
 * Resolves once the browser has painted what was rendered before the call, or after a moment in a
 * hidden tab, which paints nothing: for work that holds the page a while, so that the reader first
 * sees that it has begun.
 */
export function painted(): Promise<void> {
  return new Promise<void>((resolve) => {
    const fallback = setTimeout(resolve, 200);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(resolve, 0);
    });
  });
}
