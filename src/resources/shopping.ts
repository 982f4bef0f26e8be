import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KnotPromise } from '../core/promise.js';
import type { MessageResponse } from '../schemas/responses.js';
import type { CheckoutParams, SyncCartParams } from '../schemas/shopping.js';
import { Resource } from './resource.js';

/**
 * `knot.shopping`: the user's cart at a merchant, and checkout (knot-api.md §11.6). Both calls
 * answer 202 and report their outcome by webhook; Knot runs one operation at a time per merchant
 * account, so wait for the webhook before the next call.
 */
export class Shopping extends Resource {
  /**
   * `POST /cart` (202): adds products to the user's cart at the merchant, optionally with a delivery
   * location or a product's fulfillment choice. Knot then sends `SYNC_CART_SUCCEEDED` with the cart
   * (products, fulfillment options, delivery location, price) or `SYNC_CART_FAILED`. Call it again
   * to change the delivery location or a product's fulfillment: it patches the cart.
   *
   * @example
   * ```ts
   * await knot.shopping.syncCart({
   *   external_user_id: 'user-1',
   *   merchant_id: 45,
   *   products: [{ external_id: '3324893784' }],
   *   delivery_location: {
   *     address: { line1: '123 Main St', city: 'Los Angeles', region: 'CA', postal_code: '90012', country: 'US' },
   *     first_name: 'Ada',
   *     last_name: 'Lovelace',
   *   },
   * });
   * // then wait for SYNC_CART_SUCCEEDED: event.data.cart.price.total
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid, or `simulate` is given to
   *   a client that points at Knot's production host (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `USER_NOT_FOUND`, `MERCHANT_ACCOUNT_NOT_FOUND`,
   *   `FULFILLMENT_NOT_FOUND`; any {@link KnotApiError} subclass by status
   *   ({@link KnotPermissionDeniedError} `NO_ACCESS` when Shopping is not enabled for your client).
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  syncCart(params: SyncCartParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(ENDPOINTS['shopping.syncCart'], params, options);
  }

  /**
   * `POST /cart/checkout` (202): places the order for the user's synced cart. Knot then sends
   * `CHECKOUT_SUCCEEDED` with the order's transaction ids (fetch each with `knot.transactions.get`)
   * or `CHECKOUT_FAILED`. Without `payment_method` the merchant account's own payment method pays;
   * with one, its `user` and `card` are checked (knot-api.md §11.3.2) and sent only as a JWE made
   * with the client's cached `GET /jwe/key` key, exactly as `cards.switch` sends them: the first
   * card call fetches the key and loads `jose`.
   *
   * @example
   * ```ts
   * await knot.shopping.checkout({
   *   external_user_id: 'user-1',
   *   merchant_id: 45,
   *   payment_method: {
   *     id: 'card-on-file-1',
   *     user: {
   *       name: { first_name: 'Ada', last_name: 'Lovelace' },
   *       address: { street: '100 Main Street', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
   *       phone_number: '+11234567890',
   *     },
   *     card: { number: '4242424242424242', expiration: '08/2030', cvv: '012' },
   *   },
   * });
   * // then wait for CHECKOUT_SUCCEEDED: event.data.transactions
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (card data included: the
   *   issues name the field and the rule, never the value), or `simulate` is given to a client that
   *   points at Knot's production host (nothing is fetched or sent).
   * @throws {@link KnotBadRequestError} e.g. `CART_NOT_FOUND` (no synced cart), `USER_NOT_FOUND`,
   *   `MERCHANT_ACCOUNT_NOT_FOUND`, `INVALID_JWE`; any {@link KnotApiError} subclass by status
   *   ({@link KnotPermissionDeniedError} `NO_ACCESS` when Shopping is not enabled for your client).
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  checkout(params: CheckoutParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(ENDPOINTS['shopping.checkout'], params, options);
  }
}
