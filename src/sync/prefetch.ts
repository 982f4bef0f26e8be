/**
 * One page request that may run ahead of the consumer.
 *
 * A prefetched request can fail, or be abandoned, long before (or without) anyone awaiting it. So
 * the outcome is captured at once as a value (never a dangling rejected promise), and the request
 * has its own AbortController: aborting it cancels only this request, while the caller's signal,
 * linked in, still cancels everything.
 */

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class PageRequest<T> {
  readonly #controller = new AbortController();
  readonly #settled: Promise<Outcome<T>>;
  #unlink: () => void = () => {};

  /** Starts `send(signal)` now. */
  constructor(send: (signal: AbortSignal) => PromiseLike<T>, callerSignal: AbortSignal | undefined) {
    if (callerSignal) {
      if (callerSignal.aborted) this.#controller.abort(callerSignal.reason);
      else {
        const onAbort = () => this.#controller.abort(callerSignal.reason);
        callerSignal.addEventListener('abort', onAbort, { once: true });
        // Long-lived caller signals (one per worker, say) must not collect a listener per page.
        this.#unlink = () => callerSignal.removeEventListener('abort', onAbort);
      }
    }
    let started: PromiseLike<T>;
    try {
      started = send(this.#controller.signal);
    } catch (error) {
      started = Promise.reject(error);
    }
    this.#settled = Promise.resolve(started).then(
      (value): Outcome<T> => ({ ok: true, value }),
      (error: unknown): Outcome<T> => ({ ok: false, error }),
    );
    void this.#settled.then(() => this.#unlink());
  }

  /** The page, or its error: thrown here, where the consumer reaches the page. */
  async result(): Promise<T> {
    const outcome = await this.#settled;
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /**
   * Aborts the request (a no-op once it has settled), wherever it is: waiting in the client's
   * limiter (the limiter watches the signal and drops it from the queue), in a retry's backoff, or
   * on the wire (undici tears the socket down). Not awaited: the outcome is already captured, so
   * nothing rejects unhandled, and `break` returns at once.
   */
  cancel(): void {
    this.#controller.abort(new Error('transactions.sync stopped before this page was needed'));
  }
}
