import type { RequestOptions } from '../core/config.js';
import { encodePathSegment } from '../core/path.js';
import type { KnotPromise } from '../core/promise.js';
import { AccountRefParamsSchema, type RefreshParams, type SyncPageParams, SyncPageParamsSchema, TransactionIdSchema } from '../schemas/params.js';
import { type MessageResponse, MessageResponseSchema } from '../schemas/responses.js';
import { type SyncPage, type SyncResponse, SyncResponseSchema, type Transaction, TransactionSchema } from '../schemas/transaction.js';
import type { SyncOptions, SyncParams } from '../sync/options.js';
import { TransactionSync } from '../sync/transaction-sync.js';
import { Resource } from './resource.js';

/** Adds the cursor sent and the resume point. A null `next_cursor` must never replace a real cursor. */
export function toSyncPage(page: SyncResponse, cursor: string | null): SyncPage {
  return { ...page, cursor, checkpoint: page.next_cursor ?? cursor };
}

// Built once: a zod schema is costly to construct, and syncPage runs once per page of a sync.
const SyncPageRequestSchema = SyncPageParamsSchema.transform((p) => ({ ...p, cursor: p.cursor ?? null }));

export class Transactions extends Resource {
  /**
   * `POST /transactions/sync`, one page. `limit` defaults to 100 and is always sent; a missing or
   * `null` cursor means "from the beginning" and is left out of the body.
   */
  syncPage(params: SyncPageParams, options?: RequestOptions): KnotPromise<SyncPage> {
    return this.core.request(
      {
        method: 'POST',
        operation: 'transactions.syncPage',
        path: '/transactions/sync',
        paramsSchema: SyncPageRequestSchema,
        payload: ({ cursor, ...rest }) => (cursor === null ? rest : { ...rest, cursor }),
        response: SyncResponseSchema,
        result: (page, sent) => toSyncPage(page, sent.cursor),
      },
      params,
      options,
    );
  }

  /**
   * Every transaction of the account, across all pages (`POST /transactions/sync` in a loop), with
   * crash-safe checkpoints: `for await (const txn of knot.transactions.sync(params, { onCheckpoint }))`.
   * Never throws here: bad params reject the first `next()`. See docs/sync.md.
   */
  sync(params: SyncParams, options?: SyncOptions): TransactionSync {
    return new TransactionSync((p, o) => this.syncPage(p, o), params, options);
  }

  /** `GET /transactions/{id}`: the current version of one transaction. */
  get(id: string, options?: RequestOptions): KnotPromise<Transaction> {
    return this.core.request(
      {
        method: 'GET',
        operation: 'transactions.get',
        path: (txnId: string) => `/transactions/${encodePathSegment(txnId, 'id')}`,
        paramsSchema: TransactionIdSchema,
        payload: () => undefined,
        response: TransactionSchema,
      },
      id,
      options,
    );
  }

  /**
   * `POST /transactions/refresh` (202). Knot allows one per hour per account: a 429 is never
   * retried, and until its `Retry-After` passes, a refresh of that account is refused unsent.
   */
  refresh(params: RefreshParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(
      {
        method: 'POST',
        operation: 'transactions.refresh',
        path: '/transactions/refresh',
        paramsSchema: AccountRefParamsSchema,
        response: MessageResponseSchema,
        rateLimitKey: (p) => `${p.merchant_id}:${p.external_user_id}`,
      },
      params,
      options,
    );
  }
}
