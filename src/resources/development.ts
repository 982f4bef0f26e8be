import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KnotPromise } from '../core/promise.js';
import type { DisconnectAccountParams, LinkAccountParams } from '../schemas/params.js';
import type { MessageResponse } from '../schemas/responses.js';
import { Resource } from './resource.js';

/**
 * `knot.development`: test endpoints of Knot's development environment. Refused, unsent, when the
 * client points at production.
 */
export class Development extends Resource {
  /**
   * `POST /development/accounts/link`: links a merchant account without the client SDK, and
   * optionally simulates data: with `transactions: { new: true }` Knot sends `AUTHENTICATED`, then
   * generates about 205 transactions and sends `NEW_TRANSACTIONS_AVAILABLE`; `updated: true` later
   * updates a few of them (`UPDATED_TRANSACTIONS_AVAILABLE`).
   *
   * @example
   * ```ts
   * const knot = new KnotClient({ environment: 'development' });
   * await knot.development.linkAccount({
   *   external_user_id: `test-${Date.now()}`,
   *   merchant_id: 19,
   *   transactions: { new: true, updated: true },
   * });
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotConfigError} when the client points at Knot's production host (nothing is sent).
   * @throws {@link KnotAuthenticationError} with production keys; any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  linkAccount(params: LinkAccountParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(ENDPOINTS['development.linkAccount'], params, options);
  }

  /**
   * `POST /development/accounts/disconnect`: marks the account disconnected, as a password change
   * would, and makes Knot send `ACCOUNT_LOGIN_REQUIRED`: to test how your app handles it.
   *
   * @example
   * ```ts
   * await knot.development.disconnectAccount({ external_user_id: 'user-1', merchant_id: 19 });
   * const account = await knot.accounts.get({ external_user_id: 'user-1', merchant_id: 19 });
   * account.connection.status; // 'disconnected'
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotConfigError} when the client points at Knot's production host (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `MERCHANT_ACCOUNT_NOT_FOUND`; any {@link KnotApiError} subclass by
   *   status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  disconnectAccount(params: DisconnectAccountParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(ENDPOINTS['development.disconnectAccount'], params, options);
  }
}
