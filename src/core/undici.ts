import type * as Undici from 'undici';

/**
 * undici is the largest part of the SDK's import time (~66 ms of ~110 ms measured here), and a
 * process may import the SDK only to verify webhooks, or long before its first request. It is
 * therefore loaded by the first request (`loadUndici`), once; later requests get it synchronously.
 */
let loaded: typeof Undici | undefined;
let loading: Promise<typeof Undici> | undefined;

export function loadUndici(): Promise<typeof Undici> {
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
