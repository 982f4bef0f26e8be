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
 */
export class KnotPromise<T> extends Promise<T> {
  readonly #result: Promise<WithResponse<T>>;

  constructor(result: Promise<WithResponse<T>>) {
    let resolveData!: (value: T) => void;
    let rejectData!: (reason: unknown) => void;
    super((resolve, reject) => {
      resolveData = resolve;
      rejectData = reject;
    });
    this.#result = result;
    result.then((r) => resolveData(r.data), rejectData);
  }

  // `then`/`catch`/`finally` return plain Promises: deriving a KnotPromise would call our
  // constructor with an executor it does not take.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The parsed data together with the HTTP status and headers. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }
}
