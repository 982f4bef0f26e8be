import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KnotPromise } from '../core/promise.js';
import type { MerchantAccount } from '../schemas/account.js';
import type { AccountGetParams, AccountListParams, AccountUnlinkParams } from '../schemas/params.js';
import type { MessageResponse } from '../schemas/responses.js';
import { Resource } from './resource.js';

/** `knot.accounts`: the merchant accounts a user has linked. */
export class Accounts extends Resource {
  /**
   * `GET /accounts/get`: every merchant account the user has linked (unlinked ones are left out),
   * with its connection status.
   *
   * @example
   * ```ts
   * const accounts = await knot.accounts.list({ external_user_id: 'user-1', type: 'transaction_link' });
   * const broken = accounts.filter((a) => a.connection.status === 'disconnected');
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `USER_NOT_FOUND`; any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  list(params: AccountListParams, options?: RequestOptions): KnotPromise<MerchantAccount[]> {
    return this.core.request(ENDPOINTS['accounts.list'], params, options);
  }

  /**
   * `GET /accounts/get?merchant_id=`: the user's account at one merchant.
   *
   * @example
   * ```ts
   * const account = await knot.accounts.get({ external_user_id: 'user-1', merchant_id: 19 });
   * if (account.connection.status === 'disconnected') await markDisconnected('user-1', account.merchant.id);
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `USER_NOT_FOUND` or `MERCHANT_ACCOUNT_NOT_FOUND`; any
   *   {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  get(params: AccountGetParams, options?: RequestOptions): KnotPromise<MerchantAccount> {
    return this.core.request(ENDPOINTS['accounts.get'], params, options);
  }

  /**
   * `POST /accounts/unlink`: removes the merchant account from Knot, when the user asks to unlink it.
   * Nothing changes at the merchant (no card is removed there).
   *
   * @example
   * ```ts
   * await knot.accounts.unlink({ external_user_id: 'user-1', merchant_id: 19 });
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `MERCHANT_ACCOUNT_NOT_FOUND`; any {@link KnotApiError} subclass by
   *   status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  unlink(params: AccountUnlinkParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(ENDPOINTS['accounts.unlink'], params, options);
  }
}
