/**
 * The body step (see BodyStep in internal/http.ts) of every endpoint that carries card data. The
 * sealing code and jose load with the first card call, so a client that never sends a card never
 * loads them.
 */
import { KnotApiError, KnotConfigError } from '../core/errors.js';
import { isStaleKeyAnswer } from '../core/stale-key.js';
import type { BodyStep } from '../internal/http.js';
import type { CardPayload } from '../schemas/card.js';

type SealModule = typeof import('./seal.js');

let loading: Promise<SealModule> | undefined;

function loadSeal(): Promise<SealModule> {
  loading ??= import('./seal.js').catch((cause: unknown) => {
    loading = undefined; // a later call may try again
    throw new KnotConfigError(
      `knotapi-node could not load its card-encryption module: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  });
  return loading;
}

/** Encrypts one `{ user, card }` for the request being built. */
export type SealCard = (payload: CardPayload) => Promise<string>;

/**
 * A body step that encrypts card data: `build` gets the validated params and a `seal` function, and
 * returns the body with the JWE in place of the card. When Knot answers that the JWE cannot be
 * decrypted (a key rotated since the client cached it), the key is fetched again and the body
 * rebuilt and sent once more.
 */
export function sealedCardBody<P>(
  operation: string,
  build: (params: P, seal: SealCard) => Promise<Record<string, unknown>>,
): BodyStep<P> {
  return {
    build: (params, { core, signal, again }) =>
      build(params, async (payload) => (await loadSeal()).sealCard(core, payload, { operation, signal, renewKey: again })),
    rebuildAfter: (error) => error instanceof KnotApiError && isStaleKeyAnswer(error),
  };
}
