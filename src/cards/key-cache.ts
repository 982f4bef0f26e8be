/**
 * The client's card-encryption key (`GET /jwe/key`), fetched once and shared: every card call of a
 * client needs it, Knot serves one key per client (knot-api.md §11.12 open question 8), and the
 * 15-second window after `AUTHENTICATED` leaves no room for a fetch per card. Part of the lazily
 * loaded card module (see step.ts): it imports nothing the main entry loads.
 */
import type { WithResponse } from '../core/promise.js';
import type { JweKey } from '../schemas/card.js';
import type { CardClient } from './card-client.js';

/** Waits for `promise` until `signal` fires, then rejects with the client's abort error; `promise` runs on. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, client: CardClient): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(client.aborted(signal, 'GET /jwe/key'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(client.aborted(signal, 'GET /jwe/key'));
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
class JweKeyCache {
  #entry: Promise<WithResponse<JweKey>> | undefined;
  #settled = false;

  constructor(private readonly client: CardClient) {}

  /**
   * The cached key, fetching it when there is none. `renew: true` drops a key already fetched (a
   * fetch still under way is shared instead: it is as fresh as a new one).
   */
  get(options: { signal?: AbortSignal | undefined; renew?: boolean } = {}): Promise<WithResponse<JweKey>> {
    if (options.renew && this.#settled) this.#entry = undefined;
    if (!this.#entry) {
      const entry = this.client.fetchKey().then(({ data, response }) => ({ data: frozen(data), response }));
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
    return untilAborted(this.#entry, options.signal, this.client);
  }
}

const caches = new WeakMap<CardClient, JweKeyCache>();

/** The key cache of one client (step.ts hands out one CardClient per client). */
export function jweKeyCache(client: CardClient): JweKeyCache {
  let cache = caches.get(client);
  if (!cache) {
    cache = new JweKeyCache(client);
    caches.set(client, cache);
  }
  return cache;
}
