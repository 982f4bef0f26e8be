import { pathToFileURL } from 'node:url';

/**
 * Loads the SDK the way users get it: the built `dist/` (npm run bench builds first). Types come
 * from the sources so `tsc --noEmit` works without a build. BENCH_SDK=src measures the sources
 * through tsx instead (handy while iterating on a hot-path change without rebuilding).
 */
export type Sdk = typeof import('../../src/index.js');

export async function loadSdk(root?: string): Promise<Sdk> {
  // `root`: another checkout's built SDK (e.g. a worktree of an older commit), for before/after runs.
  if (root) return (await import(pathToFileURL(`${root}/dist/index.js`).href)) as Sdk;
  const target = process.env.BENCH_SDK === 'src' ? '../../src/index.js' : '../../dist/index.js';
  return (await import(target)) as Sdk;
}

export const CREDENTIALS = { clientId: 'bench_client', secret: 'bench_secret' } as const;
