/**
 * Builds the production app once and serves it on loopback for the browser tests and scripts: the
 * bundle users get. Vitest sets NODE_ENV to "test", which Vite would pass on to the bundle, and
 * React would then run its development build (with StrictMode's double effects), so the build runs
 * with NODE_ENV "production" whoever calls it.
 */
import { build, preview } from 'vite';
import type { PreviewServer } from 'vite';

export async function buildAndServe(
  port = 0,
): Promise<{ url: string; close: () => Promise<void> }> {
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ logLevel: 'warn' });
  } finally {
    if (env === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = env;
  }
  const server: PreviewServer = await preview({
    preview: { port, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    close: () => server.close(),
  };
}
