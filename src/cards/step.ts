/**
 * The main entry's side of Card Switcher and Shopping's card calls: the body step (see BodyStep in
 * internal/http.ts) of every endpoint that carries card data, and `cards.jweKey`. The card module
 * (seal.ts: validation, the key cache, encryption) and jose load with the first card call, so a
 * client that never sends a card never loads them.
 */
import { abortedByCaller } from '../internal/abort.js';
import { KnotApiError, KnotConfigError } from '../core/errors.js';
import { KnotPromise } from '../core/promise.js';
import { checkRequestOptions, type RequestOptions } from '../core/request-options.js';
import { isStaleKeyAnswer } from '../core/stale-key.js';
import type { BodyStep, EndpointSpec, HttpCore } from '../internal/http.js';
import { parseParams } from '../internal/validate.js';
import type { z } from 'zod';
import type { CardPayload, JweKey } from '../schemas/card.js';
import { loadSchemas, type Schemas } from '../schemas/load.js';
import type { CardClient } from './card-client.js';

type SealModule = typeof import('./seal.js');

/** The `GET /jwe/key` row of the endpoint table. */
export type JweKeyRow = EndpointSpec<undefined, z.output<Schemas['JweKeySchema']>>;

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

const clients = new WeakMap<HttpCore, CardClient>();

/** One CardClient per client, so that the card module keeps one key cache per client. */
function cardClient(core: HttpCore, keyRow: JweKeyRow): CardClient {
  let client = clients.get(core);
  if (!client) {
    client = {
      fetchKey: () => core.request(keyRow, undefined).withResponse(),
      validate: async (payload, operation) => parseParams((await loadSchemas()).CardPayloadSchema, payload, operation),
      aborted: (signal, operation) => abortedByCaller(signal, operation),
    };
    clients.set(core, client);
  }
  return client;
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
  keyRow: JweKeyRow,
  build: (params: P, seal: SealCard) => Promise<Record<string, unknown>>,
): BodyStep<P> {
  return {
    build: (params, { core, signal, again }) =>
      build(params, async (payload) => (await loadSeal()).sealCard(cardClient(core, keyRow), payload, { operation, signal, renewKey: again })),
    rebuildAfter: (error) => error instanceof KnotApiError && isStaleKeyAnswer(error),
  };
}

/** `knot.cards.jweKey(options)`: the cached key as a KnotPromise, options checked like any call's. */
export function cachedJweKey(core: HttpCore, keyRow: JweKeyRow, options: RequestOptions = {}): KnotPromise<JweKey> {
  return new KnotPromise(
    Promise.resolve().then(async () => {
      checkRequestOptions(options);
      return (await loadSeal()).cachedKey(cardClient(core, keyRow), options.signal);
    }),
  );
}
