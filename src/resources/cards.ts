import { cachedJweKey } from '../cards/step.js';
import type { KnotPromise } from '../core/promise.js';
import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { CardSwitchParams, JweKey } from '../schemas/card.js';
import type { MessageResponse } from '../schemas/responses.js';
import { Resource } from './resource.js';

/** `knot.cards`: Card Switcher, sending a user's card to the merchants they log in to. */
export class Cards extends Resource {
  /**
   * `GET /jwe/key`: the RSA public key (a JWK) card data is encrypted to. `cards.switch` uses it
   * by itself; call this only to check access or to warm the cache at startup. Fetched once per
   * client and shared by concurrent callers; a failed fetch is not kept. The cached key is fetched
   * again only when Knot refuses a JWE as undecryptable (`INVALID_JWE` "The jwe is invalid.", a
   * rotated key). The same frozen object is returned each time.
   *
   * @example
   * ```ts
   * const key = await knot.cards.jweKey();
   * console.log(`card data will be encrypted to key ${key.kid} (${key.alg})`);
   * ```
   *
   * @throws {@link KnotValidationError} when options are invalid (nothing is sent).
   * @throws {@link KnotPermissionDeniedError} `NO_ACCESS` when Card Switcher is not enabled for your client.
   * @throws {@link KnotAuthenticationError} `INVALID_API_KEYS`; any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires (a fetch other callers share runs on).
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JWK Knot documents.
   */
  jweKey(options?: RequestOptions): KnotPromise<JweKey> {
    return cachedJweKey(this.core, ENDPOINTS['cards.jweKey'], options);
  }

  /**
   * `POST /card`: sends the user's card to a merchant. Give the plain `user` and `card`: the SDK
   * checks them against Knot's rules (lengths, Luhn, expiry), then encrypts `{ user, card }` as one
   * JWE to the client's key (RSA-OAEP-256 / A256GCM); the card number and CVV never leave the
   * process any other way, nor appear in an error or log line. Two shapes:
   * - `{ task_id, user, card }` after the `AUTHENTICATED` webhook (send within 15 seconds of it);
   *   `task_id` may be the webhook's number, it is sent as a string;
   * - `{ external_user_id, merchant_id, user, card, card_name?, customer_name? }` for an account the
   *   user has already linked.
   *
   * `{ message: 'Success' }` means Knot accepted the card; the switch's outcome arrives as
   * `CARD_UPDATED` or `CARD_FAILED`. A JWE Knot cannot decrypt (a rotated key) is rebuilt with a
   * freshly fetched key and sent once more.
   *
   * @example
   * ```ts
   * await knot.cards.switch({
   *   task_id: 25605, // from the AUTHENTICATED webhook
   *   user: {
   *     name: { first_name: 'Ada', last_name: 'Lovelace' },
   *     address: { street: '100 Main Street', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
   *     phone_number: '+11234567890',
   *   },
   *   card: { number: '4242424242424242', expiration: '08/2030', cvv: '012' },
   * });
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid, the card included (nothing is sent).
   * @throws {@link KnotBadRequestError} `INVALID_JWE` when Knot refuses the card data; any
   *   {@link KnotApiError} subclass by status.
   * @throws {@link KnotPermissionDeniedError} `NO_ACCESS` when Card Switcher is not enabled for your client.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   * @throws {@link KnotConfigError} when the `jose` package cannot be loaded.
   */
  switch(params: CardSwitchParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(ENDPOINTS['cards.switch'], params, options);
  }
}
