import type * as Undici from 'undici';
import { KnotConfigError } from '../core/errors.js';

/**
 * undici is the largest part of the SDK's import time (~66 ms of ~110 ms measured here), and a
 * process may import the SDK only to verify webhooks, or long before its first request. It is
 * therefore loaded by the first request (`loadUndici`), once; later requests get it synchronously.
 */
let loaded: typeof Undici | undefined;
let loading: Promise<typeof Undici> | undefined;

/**
 * undici, when first evaluated, installs its own Agent as the process-wide dispatcher if none is
 * set. Node 20 and 22 run their built-in `fetch` on an older undici that breaks on that Agent (any
 * fetch with a Content-Length header fails: "invalid content-length header"). Reading the global
 * `Headers` (a lazy getter) makes Node load its own fetch first, which installs Node's Agent; undici then leaves
 * it alone. The SDK itself never uses the global dispatcher, so the user's `fetch` stays as it was.
 */
export function letNodeFetchClaimGlobalDispatcher(): void {
  // Through the lazy getter Node defines (and not `void globalThis.Headers`, which bundlers drop).
  Object.getOwnPropertyDescriptor(globalThis, 'Headers')?.get?.call(globalThis);
}

/** esbuild's stand-in for `require` in an ESM bundle that defines none. */
const isDynamicRequireError = (error: unknown) => error instanceof Error && /^Dynamic require of ".*" is not supported/.test(error.message);

/**
 * Pure: a failure to load undici as the SDK reports it, a `KnotConfigError` saying what to change
 * (the first request would otherwise reject with a bare `Error` from deep inside a bundle).
 */
export function undiciLoadError(error: unknown): KnotConfigError {
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const code = (error as { code?: unknown })?.code;
  let fix: string;
  if (isDynamicRequireError(error)) {
    fix =
      'This is an ESM bundle whose bundled CommonJS code has no `require`, and no installed undici was found beside it. ' +
      "Give the bundle one (esbuild: --banner:js=\"import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);\"), " +
      'bundle as CommonJS (--format=cjs), or keep undici external (--external:undici) and ship node_modules with the bundle.';
  } else if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    fix = 'undici is a dependency of knotapi-node: reinstall (`npm install`), and if you bundle, keep undici in the bundle or in node_modules.';
  } else {
    fix = 'undici (^7) is the HTTP client knotapi-node sends every request with; check that it is installed and loads in this runtime.';
  }
  return new KnotConfigError(`knotapi-node could not load undici (${detail}). ${fix}`, { cause: error });
}

/**
 * The installed undici, for an ESM bundle whose own (bundled) copy cannot run: resolved beside the
 * entry script, then from the working directory.
 */
function requireInstalledUndici(): typeof Undici {
  // Not imported: an `import { createRequire }` here would clash, once bundled, with the very
  // banner that esbuild users add (`import { createRequire } from 'node:module'; ...`).
  const { createRequire } = process.getBuiltinModule('node:module');
  const { isAbsolute, join } = process.getBuiltinModule('node:path');
  const script = process.argv[1];
  const bases = [...(script && isAbsolute(script) ? [script] : []), join(process.cwd(), 'index.js')];
  let lastError: unknown;
  for (const base of bases) {
    try {
      return createRequire(base)('undici') as typeof Undici;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function importUndici(): Promise<typeof Undici> {
  try {
    return await import('undici');
  } catch (error) {
    if (!isDynamicRequireError(error)) throw error;
    // esbuild bundled undici's CommonJS into an ESM file without a `require`: its copy is now
    // half-initialised and cannot be retried, but an installed undici runs fine.
    try {
      return requireInstalledUndici();
    } catch {
      throw error;
    }
  }
}

/** Loads undici once; rejects with a {@link undiciLoadError} (a fresh one per call) when it cannot. */
export function loadUndici(): Promise<typeof Undici> {
  letNodeFetchClaimGlobalDispatcher();
  loading ??= importUndici().then((module) => {
    loaded = module;
    return module;
  });
  return loading.catch((error: unknown) => {
    throw undiciLoadError(error);
  });
}

/** The module, once `loadUndici()` has resolved (the transport awaits it before anything else). */
export function undici(): typeof Undici {
  if (!loaded) throw new Error('knotapi-node: undici used before it was loaded (internal error)');
  return loaded;
}

/** True once loaded: lets the hot path skip an await. */
export function undiciLoaded(): boolean {
  return loaded !== undefined;
}
