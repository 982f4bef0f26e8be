// KnotPromise: the promise every resource method returns. Over a screen only through its TSDoc;
// the logic is the lazily derived data view (~20 lines).
/** The HTTP details that come with a parsed result. */
export interface KnotResponseInfo {
  /** The HTTP status of the final attempt, e.g. 200, or 202 for `transactions.refresh`. */
  status: number;
  /** Its response headers (e.g. a request id for Knot's support). */
  headers: Headers;
}

/** What `.withResponse()` resolves to: the parsed data and the HTTP response it came from. */
export interface WithResponse<T> {
  /** The same value awaiting the call itself gives. */
  data: T;
  /** The HTTP status and headers. */
  response: KnotResponseInfo;
}

/**
 * A Promise of the parsed data that can also hand over the HTTP response:
 * `await knot.merchants.list(p)` or `await knot.merchants.list(p).withResponse()`. Every resource
 * method returns one. The request starts at once, like any promise's work; it rejects (never
 * throws synchronously) with the errors its method lists.
 *
 * @example
 * ```ts
 * const merchants = await knot.merchants.list({ type: 'transaction_link' });
 * const { data, response } = await knot.merchants.list({ type: 'transaction_link' }).withResponse();
 * ```
 */
export class KnotPromise<T> extends Promise<T> {
  // `.withResponse()` only picks a different view of the same result. The data view is derived
  // lazily, when `then`/`catch`/`finally` is first called: a caller who only awaits
  // `.withResponse()` must not leave a second, unobserved rejection behind (Node would report it as
  // an unhandled rejection, and may exit). The promise this object itself is never settles; every
  // subscription is forwarded to the derived one.
  readonly #result: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  /**
   * Resource methods create these.
   *
   * @internal
   */
  constructor(result: Promise<WithResponse<T>>) {
    super(() => {});
    this.#result = result;
  }

  // Derived promises are plain Promises: deriving a KnotPromise would call our constructor with an
  // executor it does not take.
  /**
   * Makes `then`/`catch`/`finally` return plain Promises.
   *
   * @internal
   */
  static override get [Symbol.species]() {
    return Promise;
  }

  #view(): Promise<T> {
    this.#data ??= this.#result.then((r) => r.data);
    return this.#data;
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass forwarding its subscriptions
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#view().then(onFulfilled, onRejected);
  }

  override catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#view().catch(onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#view().finally(onFinally);
  }

  /**
   * The parsed data together with the HTTP status and headers. No second request is made: it is a
   * view of the same result, rejecting with the same error.
   *
   * @example
   * ```ts
   * const { data, response } = await knot.transactions
   *   .refresh({ merchant_id: 19, external_user_id: 'user-1' })
   *   .withResponse();
   * console.log(response.status, data.message); // 202 Success
   * ```
   */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }
}
