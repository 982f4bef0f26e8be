/**
 * What the lazily loaded card module (seal.ts, key-cache.ts) needs from the client, handed to it as
 * functions rather than imported: a module loaded by `import()` that statically imports code the
 * main entry also loads makes the bundler cut that code into chunks of its own, and each chunk is
 * one more file every `import 'knotapi-node'` loads (bench/cold-import.ts, `npm run size`).
 */
import type { WithResponse } from '../core/promise.js';
import type { CardPayload, JweKey } from '../schemas/card.js';

export interface CardClient {
  /** `GET /jwe/key` through the client, with its defaults (timeout, retries). */
  fetchKey(): Promise<WithResponse<JweKey>>;
  /** Checks card data against Knot's rules (knot-api.md §11.3.2): a KnotValidationError if not. */
  validate(payload: CardPayload, operation: string): Promise<CardPayload>;
  /** The error for a wait the caller's signal ended. */
  aborted(signal: AbortSignal, operation: string): Error;
}
