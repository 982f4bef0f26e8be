import type { RequestOptions } from '../core/config.js';
import type { KnotPromise } from '../core/promise.js';
import { type MerchantAccount, MerchantAccountListSchema, MerchantAccountSchema } from '../schemas/account.js';
import {
  type AccountGetParams,
  AccountGetParamsSchema,
  type AccountListParams,
  AccountListParamsSchema,
  AccountRefParamsSchema,
  type AccountUnlinkParams,
} from '../schemas/params.js';
import { type MessageResponse, MessageResponseSchema } from '../schemas/responses.js';
import { Resource } from './resource.js';

export class Accounts extends Resource {
  /** `GET /accounts/get`: every merchant account of a user. */
  list(params: AccountListParams, options?: RequestOptions): KnotPromise<MerchantAccount[]> {
    return this.core.request(
      { method: 'GET', operation: 'accounts.list', path: '/accounts/get', paramsSchema: AccountListParamsSchema, response: MerchantAccountListSchema },
      params,
      options,
    );
  }

  /** `GET /accounts/get?merchant_id=`: one merchant account of a user. */
  get(params: AccountGetParams, options?: RequestOptions): KnotPromise<MerchantAccount> {
    return this.core.request(
      { method: 'GET', operation: 'accounts.get', path: '/accounts/get', paramsSchema: AccountGetParamsSchema, response: MerchantAccountSchema },
      params,
      options,
    );
  }

  /** `POST /accounts/unlink`: removes the merchant account from Knot (no card is removed). */
  unlink(params: AccountUnlinkParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(
      { method: 'POST', operation: 'accounts.unlink', path: '/accounts/unlink', paramsSchema: AccountRefParamsSchema, response: MessageResponseSchema },
      params,
      options,
    );
  }
}
