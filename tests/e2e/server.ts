/** Builds the production app once and serves it on loopback for the browser tests and scripts. */
import { build, preview } from 'vite';
import type { PreviewServer } from 'vite';

export async function buildAndServe(
  port = 0,
): Promise<{ url: string; close: () => Promise<void> }> {
  await build({ logLevel: 'warn' });
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
