/**
 * The one card-encryption step of the SDK: validate `{ user, card }`, get the client's cached key,
 * encrypt. `cards.switch` and `shopping.checkout` both send card data through it. Loaded with the
 * first card call (see step.ts), with jose behind it.
 */
import { throwIfAborted } from '../internal/abort.js';
import type { HttpCore } from '../internal/http.js';
import { parseParams } from '../internal/validate.js';
import type { CardPayload } from '../schemas/card.js';
import { loadSchemas } from '../schemas/load.js';
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

/**
 * `{ user, card }` as one compact JWE to the client's key. Validates first (knot-api.md §11.3.2):
 * bad card data is a KnotValidationError that names fields and rules, never values, and nothing is
 * fetched or sent. Callers validate the same data in their params schema too, so that one error
 * lists every problem; this check makes sure no caller can skip it.
 */
export async function sealCard(core: HttpCore, payload: CardPayload, options: SealOptions): Promise<string> {
  const schemas = await loadSchemas();
  const checked = parseParams(schemas.CardPayloadSchema, payload, options.operation);
  const { data: key } = await jweKeyCache(core).get({ signal: options.signal, renew: options.renewKey ?? false });
  const jwe = await encryptCardPayload(checked, key);
  throwIfAborted(options.signal, options.operation);
  return jwe;
}
