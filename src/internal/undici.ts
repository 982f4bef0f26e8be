import type * as Undici from 'undici';

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

export function loadUndici(): Promise<typeof Undici> {
  letNodeFetchClaimGlobalDispatcher();
  loading ??= import('undici').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
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
