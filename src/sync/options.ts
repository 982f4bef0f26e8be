import { checkRequestOptions, type RequestOptions } from '../core/request-options.js';
import { KnotValidationError, type ValidationIssue } from '../core/errors.js';
import { describeIssues } from '../internal/issues.js';
import { parseParams } from '../internal/validate.js';
import type { SyncPageParams } from '../schemas/params.js';
import { loadSchemas } from '../schemas/load.js';
import type { SyncPage } from '../schemas/transaction.js';

/**
 * Params of `knot.transactions.sync()`: the account to sync and where to start. The same fields as
 * one `transactions.syncPage()` call: `merchant_id`, `external_user_id`, `cursor` (the stored resume
 * point, or `null`/absent for the whole history) and `limit` (page size, 1 to 100, default 100).
 *
 * @example
 * ```ts
 * const params: SyncParams = { merchant_id: 19, external_user_id: 'user-1', cursor: await loadCursor() };
 * const sync = knot.transactions.sync(params);
 * ```
 */
export type SyncParams = SyncPageParams;

/**
 * Options of `knot.transactions.sync()`: the per-request options ({@link RequestOptions}, applied to
 * every page request; `signal` also stops the loop) plus the options of the loop itself.
 * They are checked at the first `next()`: an invalid value rejects it with a
 * {@link KnotValidationError} and nothing is sent.
 *
 * @example
 * ```ts
 * const options: SyncOptions = {
 *   onCheckpoint: (cursor) => saveCursor(cursor), // awaited before the next page is handed over
 *   maxPages: 50,
 *   signal: AbortSignal.timeout(60_000),
 * };
 * for await (const txn of knot.transactions.sync({ merchant_id: 19, external_user_id: 'user-1' }, options)) {
 *   await upsert(txn);
 * }
 * ```
 */
export type SyncOptions = RequestOptions & {
  /**
   * Awaited once after every finished page (when the consumer asks for more) and before the next
   * page is handed over: store `cursor` as the resume point, and flush anything buffered from the
   * page. Called for every page, the final one included, even when `cursor` equals the last value
   * reported. Never called with `null` or a blank cursor: the only page without a call is the final
   * page of a sync that started with no cursor and got none (nothing to store). Called as a method
   * of the options object; if it throws or rejects, iteration stops with that error.
   */
  onCheckpoint?(cursor: string, page: SyncPage): void | Promise<void>;
  /** Stop after this many pages (empty pages count). A positive integer. Default: no limit. */
  maxPages?: number;
  /**
   * Stop after this many transactions. A positive integer. Default: no limit. The item iterator
   * stops exactly there (a page cut short is not checkpointed); `pages()` hands over whole pages and
   * stops after the page that reaches it.
   */
  maxItems?: number;
  /** Request page N+1 while the consumer is on page N (aborted if the consumer stops). Default `true`. */
  prefetch?: boolean;
};

/** Validated, defaulted form of the sync's own options. */
export interface ResolvedSyncOptions {
  params: SyncPageParams & { cursor: string | null; limit: number };
  request: RequestOptions;
  onCheckpoint: ((cursor: string, page: SyncPage) => void | Promise<void>) | undefined;
  maxPages: number;
  maxItems: number;
  prefetch: boolean;
}

function positiveInteger(value: unknown, path: string, issues: ValidationIssue[]): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  issues.push({ path, message: 'must be a positive integer' });
  return Number.POSITIVE_INFINITY;
}

/**
 * Checks params and options before the first request; throws {@link KnotValidationError}. Called
 * from the first `next()`, so `sync()` itself never throws.
 */
export async function resolveSyncOptions(rawParams: unknown, rawOptions: unknown): Promise<ResolvedSyncOptions> {
  const { SyncPageParamsSchema } = await loadSchemas();
  const parsed = parseParams(SyncPageParamsSchema, rawParams, 'transactions.sync');
  const params = { ...parsed, cursor: parsed.cursor ?? null };
  if (rawOptions === undefined) {
    return { params, request: {}, onCheckpoint: undefined, maxPages: Infinity, maxItems: Infinity, prefetch: true };
  }
  if (typeof rawOptions !== 'object' || rawOptions === null) {
    throw new KnotValidationError('Invalid options for transactions.sync: options must be an object. Nothing was sent.', [
      { path: '', message: 'options must be an object' },
    ]);
  }
  const { onCheckpoint, maxPages, maxItems, prefetch, ...request } = rawOptions as SyncOptions;
  // Same checks (and message style) as every other method's request options.
  checkRequestOptions(request);
  const issues: ValidationIssue[] = [];
  if (onCheckpoint !== undefined && typeof onCheckpoint !== 'function') issues.push({ path: 'onCheckpoint', message: 'must be a function' });
  if (prefetch !== undefined && typeof prefetch !== 'boolean') issues.push({ path: 'prefetch', message: 'must be a boolean' });
  const pages = positiveInteger(maxPages, 'maxPages', issues);
  const items = positiveInteger(maxItems, 'maxItems', issues);
  if (issues.length > 0) {
    throw new KnotValidationError(`Invalid options for transactions.sync: ${describeIssues(issues)}. Nothing was sent.`, issues);
  }
  // Called as a method of the options object, so an `onCheckpoint() { this.… }` keeps its `this`.
  const hook = onCheckpoint === undefined ? undefined : (cursor: string, page: SyncPage) => onCheckpoint.call(rawOptions, cursor, page);
  return { params, request, onCheckpoint: hook, maxPages: pages, maxItems: items, prefetch: prefetch ?? true };
}
