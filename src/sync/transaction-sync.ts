import { CursorGuard } from '../core/cursor-guard.js';
import { type KnotAbortError, KnotError } from '../core/errors.js';
import type { RequestOptions } from '../core/request-options.js';
import { throwIfAborted } from '../internal/abort.js';
import type { SyncPageParams } from '../schemas/params.js';
import type { SyncPage, Transaction } from '../schemas/transaction.js';
import { type ResolvedSyncOptions, resolveSyncOptions, type SyncOptions, type SyncParams } from './options.js';
import { PageRequest } from './prefetch.js';

/** What a sync needs from the client: one page request (params already validated) and a warn log. */
export interface SyncSource {
  fetchPage(params: SyncPageParams & { cursor: string | null; limit: number }, options: RequestOptions): PromiseLike<SyncPage>;
  warn(message: string): void;
}

// Rejects on the first next() (then is done, like a generator that threw): misuse must reach
// `await`/`.catch` like every other SDK error, never throw synchronously.
function failing<T>(error: KnotError): AsyncIterableIterator<T> {
  let thrown = false;
  const done = { done: true, value: undefined } as const;
  return {
    next: async () => {
      if (thrown) return done;
      thrown = true;
      throw error;
    },
    return: async () => done,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Every transaction of one merchant account, page after page, with crash-safe checkpoints.
 * Returned by `knot.transactions.sync()` (see docs/sync.md); nothing is requested until the first
 * `next()`.
 *
 * - `for await (const txn of sync)` hands over every transaction of every page;
 *   `for await (const page of sync.pages())` hands over whole {@link SyncPage}s. Either way, once.
 * - `onCheckpoint(page.checkpoint, page)` is awaited once after every finished page, when the
 *   consumer asks for more (at-least-once: a cursor is reported only after everything before it was
 *   handed over and the consumer came back for more), the final page included, even when its value
 *   repeats the last one. `break` never checkpoints.
 * - The sync ends at a `null` or blank `next_cursor` (a blank one is never a checkpoint); a cursor
 *   repeated within the run, or more than 100 empty pages in a row, rejects instead of looping.
 * - With `prefetch` (default), page N+1 is requested as soon as page N is handed over; it is
 *   aborted if the consumer stops, and its error surfaces only when the consumer reaches it.
 *
 * Errors reject the pending `next()` (so a `for await` loop throws them), never `sync()` itself.
 *
 * @throws Rejects the pending `next()` with:
 * - {@link KnotValidationError} from the first `next()` when params or options are invalid (nothing
 *   is sent);
 * - {@link KnotApiError} (a subclass such as {@link KnotBadRequestError} for
 *   `MERCHANT_ACCOUNT_DISCONNECTED` or `INVALID_CURSOR_FORMAT`), {@link KnotConnectionError},
 *   {@link KnotTimeoutError} or {@link KnotResponseValidationError} when a page request fails after
 *   the client's retries;
 * - {@link KnotResponseValidationError} when Knot answers a `next_cursor` already sent in this run
 *   (any cycle: following it would loop forever), or more than 100 empty pages in a row that each
 *   point on;
 * - {@link KnotAbortError} when the `signal` of the options fires: requests stop and no further
 *   transaction or checkpoint is handed over;
 * - {@link KnotError} when the sync is iterated a second time;
 * - whatever `onCheckpoint` throws or rejects with.
 *
 * @example
 * ```ts
 * const sync = knot.transactions.sync(
 *   { merchant_id: 19, external_user_id: 'user-1', cursor: await loadCursor() },
 *   { onCheckpoint: (cursor) => saveCursor(cursor) },
 * );
 * for await (const txn of sync) await upsert(txn); // a crash resumes from the last saved cursor
 * ```
 */
export class TransactionSync implements AsyncIterable<Transaction> {
  readonly #source: SyncSource;
  readonly #params: SyncParams;
  readonly #options: SyncOptions | undefined;
  #claimed = false;

  /** @internal Use `knot.transactions.sync()`. */
  constructor(source: SyncSource, params: SyncParams, options?: SyncOptions) {
    this.#source = source;
    this.#params = params;
    this.#options = options;
  }

  /**
   * Every transaction of every page, in the order Knot returned them. Called by `for await`; it
   * claims the sync, so `pages()` can no longer be used.
   *
   * @throws {@link KnotError} (rejecting the first `next()`) when this sync was already iterated;
   *   otherwise the errors listed on {@link TransactionSync}.
   *
   * @example
   * ```ts
   * let count = 0;
   * for await (const txn of knot.transactions.sync({ merchant_id: 19, external_user_id: 'user-1' })) {
   *   await upsert(txn);
   *   count++;
   * }
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<Transaction> {
    if (!this.#claim()) return failing<Transaction>(this.#reused());
    return this.#items();
  }

  /**
   * Iterates whole pages instead of single transactions: each {@link SyncPage} carries `merchant`,
   * `transactions`, `next_cursor`, `limit`, `cursor` and `checkpoint`. Use it to write a page in one
   * batch. Claims the sync like `for await (const txn of sync)` does: use one or the other, once.
   *
   * @throws {@link KnotError} (rejecting the first `next()`) when this sync was already iterated;
   *   otherwise the errors listed on {@link TransactionSync}.
   *
   * @example
   * ```ts
   * const sync = knot.transactions.sync(
   *   { merchant_id: 19, external_user_id: 'user-1', cursor: await loadCursor() },
   *   { onCheckpoint: (cursor) => saveCursor(cursor) },
   * );
   * for await (const page of sync.pages()) {
   *   await upsertMany(page.transactions); // checkpointed when the loop asks for the next page
   * }
   * ```
   */
  pages(): AsyncIterable<SyncPage> {
    if (!this.#claim()) return failing<SyncPage>(this.#reused());
    return this.#pagesOnly();
  }

  #claim(): boolean {
    if (this.#claimed) return false;
    this.#claimed = true;
    return true;
  }

  #reused(): KnotError {
    return new KnotError(
      'This TransactionSync has already been iterated. Call knot.transactions.sync() again (from your stored cursor) for another pass.',
    );
  }

  // Generator bodies run at the first next(): that is where bad params or options reject.
  async *#pagesOnly(): AsyncGenerator<SyncPage, void, undefined> {
    yield* this.#pages(await resolveSyncOptions(this.#params, this.#options));
  }

  async *#items(): AsyncGenerator<Transaction, void, undefined> {
    const settings = await resolveSyncOptions(this.#params, this.#options);
    let given = 0;
    // Leaving this loop early (maxItems, break, error) returns the page iterator without asking
    // for its next page: the page being read is not checkpointed and its prefetch is aborted.
    for await (const page of this.#pages(settings)) {
      for (const txn of page.transactions) {
        if (given >= settings.maxItems) return;
        // The caller's signal also stops hand-overs from pages already received, not only requests.
        throwIfAborted(settings.request.signal, 'transactions.sync');
        given++;
        yield txn;
      }
    }
  }

  async *#pages(settings: ResolvedSyncOptions): AsyncGenerator<SyncPage, void, undefined> {
    const { params, request, onCheckpoint, maxPages, maxItems, prefetch } = settings;
    const { fetchPage, warn } = this.#source;
    // Params were validated once, for the whole run (resolveSyncOptions): each page skips it.
    const request$ = (cursor: string | null) => new PageRequest((signal) => fetchPage({ ...params, cursor }, { ...request, signal }), request.signal);

    const guard = new CursorGuard(params.cursor, { method: 'POST', path: '/transactions/sync' });
    let pages = 0;
    let items = 0;
    let inFlight: PageRequest<SyncPage> | undefined = request$(params.cursor);
    try {
      while (inFlight) {
        const page = await inFlight.result();
        inFlight = undefined;
        // Before the page is handed over: a page that would make the run loop is refused whole.
        const step = guard.follow(page.next_cursor, page.transactions.length);
        if (step.next === null && step.blank) {
          warn(`transactions.sync: Knot answered a blank next_cursor (${JSON.stringify(page.next_cursor)}); treated as the end of the sync, like null.`);
        }
        pages++;
        items += page.transactions.length;
        const next = step.next !== null && pages < maxPages && items < maxItems ? step.next : null;
        // Overlap the next round trip with the consumer's work on this page.
        if (next !== null && prefetch) inFlight = request$(next);

        yield page;

        // An abort means "stop now": no checkpoint write, no next page (it may be here already).
        throwIfAborted(request.signal, 'transactions.sync');
        // The consumer asked for more: every transaction of this page has been processed. Reported
        // for every finished page, even when the value repeats (the final page): callers that
        // buffer items flush them here, so a skipped call would be lost data.
        if (page.checkpoint !== null) await onCheckpoint?.(page.checkpoint, page);
        if (next === null) return;
        inFlight ??= request$(next);
      }
    } finally {
      // break / return() / an error: a request nobody will read is aborted at once (its socket
      // closes, its outcome is already captured: no unhandled rejection). See PageRequest.cancel.
      inFlight?.cancel();
    }
  }
}

