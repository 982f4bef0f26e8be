import type * as ZodModule from 'zod';
import { KnotConfigError } from '../core/errors.js';
import type { Zod } from '../schemas/zod/builders/zod.js';

/**
 * zod for the code that validates synchronously (`parseWebhook`), never loaded at import: it is
 * most of what importing the SDK used to cost (bench/cold-import.ts). Whatever loads zod first
 * hands it over here: the request schemas (src/schemas/load.ts, a dynamic import that bundlers
 * follow; the webhook handlers await it before their first parse too), or the `knotapi-node/webhooks`
 * entry, which imports zod for runtimes without `require` (Workers, Edge). When `parseWebhook` runs
 * before any of them, zod is required there and then: with the module's `require` in the CommonJS
 * build, with one made for this file in the ESM build. In ESM that is zod's CommonJS copy, and a
 * later first request loads the ESM copy beside it: harmless (each validates its own schemas), and
 * only when a synchronous parse came first.
 */
let zod: Zod | undefined;

/** `true` in the CommonJS build (tsup.config.ts defines it); absent when the source runs as is. */
declare const __KNOT_CJS_BUILD__: boolean | undefined;

/** Hands over a zod that is already loaded; the first one handed over stays. */
export function provideZod(z: Zod): void {
  zod ??= z;
}

/** zod now, for synchronous callers; a {@link KnotConfigError} says what to change when it cannot load. */
export function zodNow(): Zod {
  zod ??= requireZod();
  return zod;
}

function requireZod(): Zod {
  let module: typeof ZodModule | undefined;
  try {
    // A plain `require` in the CommonJS build: bundlers see it and bundle zod.
    if (typeof __KNOT_CJS_BUILD__ !== 'undefined' && __KNOT_CJS_BUILD__) module = require('zod');
    else module = globalThis.process?.getBuiltinModule?.('node:module').createRequire(import.meta.url)('zod');
  } catch (cause) {
    throw zodLoadError(cause);
  }
  if (!module) throw zodLoadError(new Error('this runtime has no require()'));
  return module.z;
}

function zodLoadError(cause: unknown): KnotConfigError {
  const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new KnotConfigError(
    `knotapi-node could not load zod, which it validates requests and webhooks with (${detail}). zod is a dependency of knotapi-node: reinstall (\`npm install\`). ` +
      'In an ESM bundle, keep zod external or bundle as CommonJS; in a runtime without require(), import parseWebhook from knotapi-node/webhooks.',
    { cause },
  );
}
