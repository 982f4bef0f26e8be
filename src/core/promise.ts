/** The HTTP details that come with a parsed result. */
export interface KnotResponseInfo {
  status: number;
  headers: Headers;
}

export interface WithResponse<T> {
  data: T;
  response: KnotResponseInfo;
}

/**
 * A Promise of the parsed data that can also hand over the HTTP response:
 * `await knot.merchants.list(p)` or `await knot.merchants.list(p).withResponse()`.
 *
 * The underlying request starts at once (like any promise); `.withResponse()` only picks a
 * different view of the same result.
 *
 * The data view is derived lazily, when `then`/`catch`/`finally` is first called: a caller who
 * only awaits `.withResponse()` must not leave a second, unobserved rejection behind (Node would
 * report it as an unhandled rejection, and may exit). The promise this object itself is never
 * settles; every subscription is forwarded to the derived one.
 */
export class KnotPromise<T> extends Promise<T> {
  readonly #result: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  constructor(result: Promise<WithResponse<T>>) {
    super(() => {});
    this.#result = result;
  }

  // Derived promises are plain Promises: deriving a KnotPromise would call our constructor with an
  // executor it does not take.
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

  /** The parsed data together with the HTTP status and headers. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }
}
