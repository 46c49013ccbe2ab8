import type { TestProject } from 'vitest/node';
import { ensureChromium } from './chromium';
import { buildAndServe } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  ensureChromium();
  const server = await buildAndServe();
  project.provide('baseUrl', server.url);
  return async () => {
    await server.close();
  };
}
