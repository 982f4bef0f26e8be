/**
 * What every list method returns (`knot.subscriptions.list`, `knot.detectedAccounts.list`): a promise
 * of the first page that also walks every later page. The walk follows the sync's cursor rules
 * through {@link CursorGuard}; only the order of requests is decided here:
 *
 * - The first page is requested once per `list()` call, when it is called (like every KnotPromise).
 *   Awaiting it, iterating items and iterating pages all start from that same first page.
 * - A later page is requested only when the consumer asks for the item (or page) after the last one
 *   received: no prefetch, so a `break` leaves no request behind, and nothing more is sent.
 * - Each iteration is a new walk: it starts again from the first page already received and requests
 *   the later pages anew.
 * - The caller's `signal` stops the walk: between pages, between items, and inside a request.
 *
 * Over a screen because it is public: a third of it is the TSDoc the API reference is built from.
 */
import { abortedByCaller } from '../internal/abort.js';
import { CursorGuard } from './cursor-guard.js';
import { KnotPromise, type WithResponse } from './promise.js';

/** The part of a list page the walk reads: where the next page starts (`null`, absent or blank: none). */
export interface CursorPage {
  next_cursor?: string | null;
}

/**
 * What a {@link KnotPagePromise} needs from the client: the first page's request, already started,
 * and a way to request a later one with the same params and options.
 *
 * @internal
 */
export interface PageSource<Item, Page extends CursorPage> {
  /** The first page's request. */
  first: Promise<WithResponse<Page>>;
  /** The cursor the first page was requested with (`null`: the beginning). Read once `first` resolved. */
  startCursor(): string | null;
  /** Requests the page that starts at `cursor`, with the params and options of the first. */
  fetch(cursor: string): PromiseLike<Page>;
  /** The items of a page, e.g. `page.subscriptions`. */
  items(page: Page): readonly Item[];
  /** The caller's signal, if any. */
  signal(): AbortSignal | undefined;
  /** The method name for messages, e.g. `subscriptions.list`. */
  operation: string;
  method: string;
  path: string;
  warn(message: string): void;
}

/**
 * The promise a list method returns, e.g. `knot.subscriptions.list(params)`. Three ways to read it:
 *
 * - `await` it for the first page exactly as Knot sent it (`{ subscriptions, next_cursor, ... }`),
 *   or `.withResponse()` for the HTTP status and headers too;
 * - `for await (const item of list)` for every item of every page, in Knot's order;
 * - `for await (const page of list.pages())` for every page, whole.
 *
 * The first page is requested once, when the list method is called; awaiting and iterating share
 * it. Each later page is requested when the loop reaches it: `break` sends nothing more. Iterating
 * again walks again from the first page (later pages are requested anew). The walk ends at a
 * `null`, absent or blank `next_cursor`; a cursor seen before in the same walk (any cycle), or more
 * than 100 empty pages in a row, rejects instead of looping. See docs/pagination.md.
 *
 * @example
 * ```ts
 * const list = knot.subscriptions.list({ external_user_id: 'user-1', limit: 50 });
 * const first = await list; // { subscriptions, next_cursor, limit }: requested once
 * for await (const sub of list) console.log(sub.id); // starts from that first page, then fetches on
 * for await (const page of list.pages()) console.log(page.subscriptions.length);
 * ```
 *
 * @throws Rejects (the promise, or the loop's pending `next()`) with the errors of the list method:
 * - {@link KnotValidationError} when params or options are invalid (nothing is sent);
 * - {@link KnotApiError} (by status, e.g. {@link KnotBadRequestError}), {@link KnotConnectionError},
 *   {@link KnotTimeoutError} or {@link KnotResponseValidationError} when a page request fails after
 *   the client's retries;
 * - {@link KnotResponseValidationError} when a page's `next_cursor` was already sent in this walk, or
 *   after more than 100 empty pages in a row that each point on;
 * - {@link KnotAbortError} when the options' `signal` fires.
 */
export class KnotPagePromise<Item, Page extends CursorPage> extends KnotPromise<Page> implements AsyncIterable<Item> {
  readonly #source: PageSource<Item, Page>;

  /**
   * List methods create these.
   *
   * @internal
   */
  constructor(source: PageSource<Item, Page>) {
    super(source.first);
    this.#source = source;
  }

  /**
   * Every item of every page, in the order Knot returned them. Called by `for await`. Later pages
   * are requested as the loop reaches them.
   *
   * @throws The errors listed on {@link KnotPagePromise}, rejecting the pending `next()`.
   */
  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return this.#items();
  }

  /**
   * Every page, whole and as Knot sent it, starting with the first: use it to store a page in one
   * batch. A page is handed over only after its `next_cursor` passed the cycle and empty-page checks.
   *
   * @throws The errors listed on {@link KnotPagePromise}, rejecting the pending `next()`.
   */
  pages(): AsyncIterableIterator<Page> {
    return this.#pages();
  }

  async *#items(): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.#pages()) {
      for (const item of this.#source.items(page)) {
        this.#throwIfAborted();
        yield item;
      }
    }
  }

  async *#pages(): AsyncGenerator<Page, void, undefined> {
    const source = this.#source;
    let page = (await source.first).data;
    const guard = new CursorGuard(source.startCursor(), { method: source.method, path: source.path });
    for (;;) {
      // Checked before the page is handed over: a page that would make the walk loop is refused whole.
      const step = guard.follow(page.next_cursor ?? null, source.items(page).length);
      if (step.next === null && step.blank) {
        source.warn(`${source.operation}: Knot answered a blank next_cursor (${JSON.stringify(page.next_cursor)}); treated as the last page, like null.`);
      }
      this.#throwIfAborted();
      yield page;
      if (step.next === null) return;
      // The consumer came back for more; a signal that fired meanwhile means "stop", not one more request.
      this.#throwIfAborted();
      page = await source.fetch(step.next);
    }
  }

  #throwIfAborted(): void {
    const signal = this.#source.signal();
    if (signal?.aborted) throw abortedByCaller(signal, this.#source.operation);
  }
}

/**
 * What a list method returns, under the name the design uses: `KnotPage<Subscription>` is
 * `knot.subscriptions.list(...)`'s result (a {@link KnotPagePromise}). Name the page type too when
 * you await it: `KnotPage<Subscription, SubscriptionPage>`.
 *
 * @example
 * ```ts
 * const subscriptions: KnotPage<Subscription> = knot.subscriptions.list({ external_user_id: 'user-1' });
 * for await (const sub of subscriptions) console.log(sub.name);
 * ```
 */
export type KnotPage<Item, Page extends CursorPage = CursorPage> = KnotPagePromise<Item, Page>;
