import type * as Jose from 'jose';
import { KnotConfigError } from '../core/errors.js';

/**
 * jose is loaded by the first card call, not at import: most users never send a card, and it is
 * ESM-only, so a dynamic `import()` (kept as is in the CommonJS build) is also what lets
 * `require('knotapi-node')` work where Node has no `require(esm)`.
 */
export type JoseModule = typeof Jose;

/**
 * A loader that imports jose once and then hands out the same module. A failed import is a
 * {@link KnotConfigError} (install or bundling problem: retrying the request cannot help) and is
 * not remembered, so a later call tries again.
 */
export function createJoseLoader(importJose: () => Promise<JoseModule>): () => Promise<JoseModule> {
  let loading: Promise<JoseModule> | undefined;
  return () => {
    loading ??= importJose().catch((error: unknown) => {
      loading = undefined;
      const code = (error as { code?: unknown } | null)?.code;
      throw new KnotConfigError(
        `Encrypting card data needs the "jose" package, which could not be loaded${typeof code === 'string' ? ` (${code})` : ''}. ` +
          'It is a dependency of knotapi-node: reinstall your dependencies, and if you bundle your app, keep "jose" resolvable (external, or bundled whole).',
        { cause: error },
      );
    });
    return loading;
  };
}

/** The process-wide jose, imported on first use. */
export const loadJose = createJoseLoader(() => import('jose'));
