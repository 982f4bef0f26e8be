import type { RequestOptions } from '../core/config.js';
import type { KnotPromise } from '../core/promise.js';
import {
  AccountRefParamsSchema,
  type DisconnectAccountParams,
  type LinkAccountParams,
  LinkAccountParamsSchema,
} from '../schemas/params.js';
import { type MessageResponse, MessageResponseSchema } from '../schemas/responses.js';
import { Resource } from './resource.js';

/** Development-only endpoints: refused, unsent, when the client points at production. */
export class Development extends Resource {
  /** `POST /development/accounts/link`: links an account and simulates transactions. */
  linkAccount(params: LinkAccountParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(
      {
        method: 'POST',
        operation: 'development.linkAccount',
        path: '/development/accounts/link',
        paramsSchema: LinkAccountParamsSchema,
        response: MessageResponseSchema,
        developmentOnly: true,
      },
      params,
      options,
    );
  }

  /** `POST /development/accounts/disconnect`: marks the account disconnected (fires ACCOUNT_LOGIN_REQUIRED). */
  disconnectAccount(params: DisconnectAccountParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(
      {
        method: 'POST',
        operation: 'development.disconnectAccount',
        path: '/development/accounts/disconnect',
        paramsSchema: AccountRefParamsSchema,
        response: MessageResponseSchema,
        developmentOnly: true,
      },
      params,
      options,
    );
  }
}
