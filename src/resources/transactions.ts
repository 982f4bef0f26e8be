import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KnotPromise } from '../core/promise.js';
import type { RefreshParams, SyncPageParams } from '../schemas/params.js';
import type { MessageResponse } from '../schemas/responses.js';
import type { SyncPage, Transaction } from '../schemas/transaction.js';
import type { SyncOptions, SyncParams } from '../sync/options.js';
import { TransactionSync } from '../sync/transaction-sync.js';
import { Resource } from './resource.js';

/** `knot.transactions`: a user's transactions at a linked merchant, SKU-level. */
export class Transactions extends Resource {
  /**
   * `POST /transactions/sync`, one page. `limit` defaults to 100 and is always sent; a missing or
   * `null` cursor means "from the beginning" and is left out of the body. Most callers want
   * {@link Transactions.sync}, which loops over the pages; use this to drive the loop yourself, and
   * store `page.checkpoint` (never a `null` `next_cursor`) to resume.
   *
   * @example
   * ```ts
   * let cursor = await loadCursor();
   * for (;;) {
   *   const page = await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'user-1', cursor });
   *   await upsertMany(page.transactions);
   *   if (page.checkpoint !== null) await saveCursor(page.checkpoint);
   *   if (page.next_cursor === null) break;
   *   cursor = page.next_cursor;
   * }
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `INVALID_CURSOR_FORMAT`, `USER_NOT_FOUND`,
   *   `MERCHANT_ACCOUNT_NOT_FOUND`; any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  syncPage(params: SyncPageParams, options?: RequestOptions): KnotPromise<SyncPage> {
    return this.core.request(ENDPOINTS['transactions.syncPage'], params, options);
  }

  /**
   * Every transaction of the account, across all pages (`POST /transactions/sync` in a loop), with
   * crash-safe checkpoints: `onCheckpoint` gets the cursor to store once every transaction before
   * it has been handed over, so a restart resumes without gaps (but may repeat a few transactions:
   * upsert on `id`). Nothing is sent until iteration starts. See docs/sync.md.
   *
   * @example
   * ```ts
   * const sync = knot.transactions.sync(
   *   { merchant_id: 19, external_user_id: 'user-1', cursor: await loadCursor() },
   *   { onCheckpoint: (cursor) => saveCursor(cursor) },
   * );
   * for await (const txn of sync) await upsert(txn);
   * ```
   *
   * Never throws here: the iteration rejects instead, with the errors of {@link Transactions.syncPage}
   * (bad params reject the first `next()`, nothing sent), with a {@link KnotError} if the
   * `TransactionSync` is iterated twice, and with a {@link KnotResponseValidationError} if Knot
   * repeats a cursor of the run or sends more than 100 empty pages in a row (loops that would never end).
   */
  sync(params: SyncParams, options?: SyncOptions): TransactionSync {
    const { core } = this;
    return new TransactionSync(
      // The sync validates params once per run (at its first next()), so pages skip it.
      { fetchPage: (p, o) => core.requestParsed(ENDPOINTS['transactions.syncPage'], p, o), warn: (message) => core.logger.warn(message) },
      params,
      options,
    );
  }

  /**
   * `GET /transactions/{id}`: the current version of one transaction. Call it for each id of an
   * `UPDATED_TRANSACTIONS_AVAILABLE` webhook and overwrite your copy. The id is percent-encoded as one
   * path segment.
   *
   * @example
   * ```ts
   * const handler = knot.webhooks.handler({
   *   on: {
   *     UPDATED_TRANSACTIONS_AVAILABLE: async (event) => {
   *       for (const { id } of event.updated) await upsert(await knot.transactions.get(id));
   *     },
   *   },
   * });
   * ```
   *
   * @throws {@link KnotValidationError} when `id` is empty, `.` or `..`, or the options are invalid (nothing is sent).
   * @throws {@link KnotBadRequestError} or {@link KnotNotFoundError} (`TRANSACTION_NOT_FOUND`) for an
   *   unknown id; any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  get(id: string, options?: RequestOptions): KnotPromise<Transaction> {
    return this.core.request(ENDPOINTS['transactions.get'], id, options);
  }

  /**
   * `POST /transactions/refresh` (202): asks Knot to fetch the account's latest orders now; the
   * results arrive through the usual webhooks. Knot allows one per hour per account: a 429 is never
   * retried, and until its `Retry-After` passes, a refresh of that account is refused unsent.
   *
   * @example
   * ```ts
   * try {
   *   await knot.transactions.refresh({ merchant_id: 19, external_user_id: 'user-1' });
   * } catch (error) {
   *   if (error instanceof KnotRateLimitError) console.log(`next refresh allowed at ${error.retryAt}`);
   *   else throw error;
   * }
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotRateLimitError} on a 429, or without sending while an earlier 429's `retryAt` has not
   *   passed for this account.
   * @throws {@link KnotBadRequestError} e.g. `MERCHANT_ACCOUNT_DISCONNECTED` or `ONGOING_OPERATION`,
   *   {@link KnotPermissionDeniedError} `NO_ACCESS` (refresh not enabled for your keys); any
   *   {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  refresh(params: RefreshParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(ENDPOINTS['transactions.refresh'], params, options);
  }
}
