/**
 * Remembers, per key, until when Knot told us to wait. Used for refresh (1 per hour per account):
 * a call before that moment can be rejected without spending a request that is sure to fail.
 */
export class RateLimitMemory {
  readonly #until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds left to wait for `key`, or 0. Forgets expired entries. */
  remainingMs(key: string): number {
    const until = this.#until.get(key);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left <= 0) {
      this.#until.delete(key);
      return 0;
    }
    return left;
  }

  remember(key: string, retryAt: number): void {
    if (retryAt > this.now()) this.#until.set(key, retryAt);
  }
}
