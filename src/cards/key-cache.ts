/**
 * The client's card-encryption key (`GET /jwe/key`), fetched once and shared: every card call of a
 * client needs it, Knot serves one key per client (knot-api.md §11.12 open question 8), and the
 * 15-second window after `AUTHENTICATED` leaves no room for a fetch per card.
 */
import { checkRequestOptions, type RequestOptions } from '../core/request-options.js';
import { KnotPromise, type WithResponse } from '../core/promise.js';
import { ENDPOINTS } from '../endpoints.js';
import { abortedByCaller } from '../internal/abort.js';
import type { HttpCore } from '../internal/http.js';
import type { JweKey } from '../schemas/card.js';

/** Waits for `promise` until `signal` fires, then rejects with a KnotAbortError; `promise` runs on. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedByCaller(signal, 'GET /jwe/key'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedByCaller(signal, 'GET /jwe/key'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function frozen(key: JweKey): JweKey {
  if (key.key_ops) Object.freeze(key.key_ops);
  return Object.freeze(key);
}

/**
 * One client's key. One fetch serves every caller, concurrent ones included; a failed fetch is not
 * kept, so the next call tries again. The fetch runs with the client's defaults (`timeoutMs`,
 * `maxRetries`): a caller's `signal` ends its own wait, never the fetch others share.
 */
export class JweKeyCache {
  #entry: Promise<WithResponse<JweKey>> | undefined;
  #settled = false;

  constructor(private readonly fetchKey: () => Promise<WithResponse<JweKey>>) {}

  /**
   * The cached key, fetching it when there is none. `renew: true` drops a key already fetched (a
   * fetch still under way is shared instead: it is as fresh as a new one).
   */
  get(options: { signal?: AbortSignal | undefined; renew?: boolean } = {}): Promise<WithResponse<JweKey>> {
    if (options.renew && this.#settled) this.#entry = undefined;
    if (!this.#entry) {
      const entry = this.fetchKey().then(({ data, response }) => ({ data: frozen(data), response }));
      this.#entry = entry;
      this.#settled = false;
      entry.then(
        () => {
          if (this.#entry === entry) this.#settled = true;
        },
        () => {
          if (this.#entry === entry) this.#entry = undefined;
        },
      );
    }
    return untilAborted(this.#entry, options.signal);
  }
}

const caches = new WeakMap<HttpCore, JweKeyCache>();

/** The key cache of the client `core` belongs to. */
export function jweKeyCache(core: HttpCore): JweKeyCache {
  let cache = caches.get(core);
  if (!cache) {
    cache = new JweKeyCache(() => core.request(ENDPOINTS['cards.jweKey'], undefined).withResponse());
    caches.set(core, cache);
  }
  return cache;
}

/** `knot.cards.jweKey(options)`: the cached key as a KnotPromise, options checked like any call's. */
export function cachedJweKey(core: HttpCore, options: RequestOptions = {}): KnotPromise<JweKey> {
  return new KnotPromise(
    Promise.resolve().then(() => {
      checkRequestOptions(options);
      return jweKeyCache(core).get({ signal: options.signal });
    }),
  );
}
