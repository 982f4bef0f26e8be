import { KnotConfigError } from '../core/errors.js';
import { provideZod } from '../internal/zod.js';

/**
 * The request schemas, loaded by the first request that needs them: building them is a large part
 * of what importing the SDK used to cost (bench/cold-import.ts), and a process may import the SDK
 * long before its first request, or only to verify webhooks. A load failure (a bundle without zod)
 * is a KnotConfigError, like every other failure of a request.
 */
export type Schemas = typeof import('./zod/index.js');

let loaded: Schemas | undefined;
let loading: Promise<Schemas> | undefined;

export function loadSchemas(): Promise<Schemas> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('./zod/index.js').then(
    (module) => {
      provideZod(module.z); // parseWebhook then uses this zod rather than loading another copy
      loaded = module;
      return module;
    },
    (cause: unknown) => {
      loading = undefined; // a later call may try again
      throw new KnotConfigError(
        `knotapi-node could not load its request schemas (they need the zod package): ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause },
      );
    },
  );
  return loading;
}
