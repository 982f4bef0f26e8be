/**
 * The card module the main entry loads on first use (see step.ts): validate `{ user, card }`, get
 * the client's cached key, encrypt. `cards.switch`, `shopping.checkout` and `cards.jweKey` all go
 * through it, with jose behind it. It takes what it needs from the client as a CardClient.
 */
import type { WithResponse } from '../core/promise.js';
import type { CardPayload, JweKey } from '../schemas/card.js';
import type { CardClient } from './card-client.js';
import { encryptCardPayload } from './jwe.js';
import { jweKeyCache } from './key-cache.js';

export interface SealOptions {
  /** The method, for the message of a KnotValidationError, e.g. `cards.switch`. */
  operation: string;
  /** The caller's signal: waiting for the key ends when it fires. */
  signal?: AbortSignal | undefined;
  /** Fetch the key again first (the cached one was refused as stale). */
  renewKey?: boolean;
}

/** The client's key, fetched once and shared (key-cache.ts). */
export function cachedKey(client: CardClient, signal: AbortSignal | undefined): Promise<WithResponse<JweKey>> {
  return jweKeyCache(client).get({ signal });
}

/**
 * `{ user, card }` as one compact JWE to the client's key. Validates first (knot-api.md §11.3.2):
 * bad card data is a KnotValidationError that names fields and rules, never values, and nothing is
 * fetched or sent. Callers validate the same data in their params schema too, so that one error
 * lists every problem; this check makes sure no caller can skip it.
 */
export async function sealCard(client: CardClient, payload: CardPayload, options: SealOptions): Promise<string> {
  const checked = await client.validate(payload, options.operation);
  const { data: key } = await jweKeyCache(client).get({ signal: options.signal, renew: options.renewKey ?? false });
  const jwe = await encryptCardPayload(checked, key);
  if (options.signal?.aborted) throw client.aborted(options.signal, options.operation);
  return jwe;
}
