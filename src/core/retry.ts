// The retry policy as pure functions: what to do after an attempt, how long to wait, what
// `Retry-After` says. No timers here: the loop that sleeps is src/internal/retry-loop.ts. A little
// over a screen because each rule of shouldRetry carries the reason for it.
/** What one attempt ended with, as far as the retry policy cares. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfterMs: number | null }
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'abort' }
  | { kind: 'fatal' };

export interface RetryPolicy {
  maxRetries: number;
  maxRetryAfterMs: number;
  /** First backoff delay; doubles each retry up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** When false, a 429 is never retried (refresh: its wait is measured in hours). */
  retryRateLimited: boolean;
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  /** Why, for debug logs and tests. */
  reason: string;
}

/**
 * Exponential backoff with jitter: the n-th retry waits between 75% and 100% of
 * `initial * 2^(n-1)`, capped. The jitter spreads clients that failed together.
 */
export function backoffDelay(retryNumber: number, policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(exponential * (1 - 0.25 * random()));
}

/**
 * The whole retry policy in one pure function.
 *
 * `attempt` is the number of the attempt that just failed (1 = the first request).
 * - The caller's abort is final.
 * - Network failures and timeouts are retried: the request may not have reached Knot.
 * - 408 and 5xx are retried: Knot or a proxy failed transiently. A `Retry-After` is honoured if it
 *   is within `maxRetryAfterMs`, else backoff applies.
 * - 429 is retried only if Knot asked for a wait we are willing to sleep through (`Retry-After` ≤
 *   `maxRetryAfterMs`); a longer wait is rejected at once so the caller can schedule it.
 * - Every other status (400, 401, 403, 404, ...) is a property of the request: retrying cannot help.
 */
export function shouldRetry(attempt: number, outcome: AttemptOutcome, policy: RetryPolicy, random: () => number = Math.random): RetryDecision {
  const no = (reason: string): RetryDecision => ({ retry: false, delayMs: 0, reason });
  if (outcome.kind === 'abort') return no('aborted by the caller');
  if (outcome.kind === 'fatal') return no('not retryable');
  if (attempt > policy.maxRetries) return no(`retries exhausted (${policy.maxRetries})`);
  const backoff = (reason: string): RetryDecision => ({ retry: true, delayMs: backoffDelay(attempt, policy, random), reason });

  if (outcome.kind === 'network') return backoff('connection failed');
  if (outcome.kind === 'timeout') return backoff('attempt timed out');

  const { status, retryAfterMs } = outcome;
  if (status === 429) {
    if (!policy.retryRateLimited) return no('rate limited; this endpoint is never retried on 429');
    if (retryAfterMs === null) return backoff('rate limited without Retry-After');
    if (retryAfterMs > policy.maxRetryAfterMs) return no(`Retry-After ${retryAfterMs} ms exceeds maxRetryAfterMs`);
    return { retry: true, delayMs: retryAfterMs, reason: 'rate limited; waiting Retry-After' };
  }
  if (status === 408 || status >= 500) {
    if (retryAfterMs !== null && retryAfterMs <= policy.maxRetryAfterMs) {
      return { retry: true, delayMs: retryAfterMs, reason: `status ${status}; waiting Retry-After` };
    }
    return backoff(`status ${status}`);
  }
  return no(`status ${status} is not retryable`);
}

/**
 * The longest wait a `Retry-After` can ask for: 24 hours. Anything beyond (a date years ahead,
 * `99999999999999999999`, `1e400`) counts as this, so a wait is always finite and `now + wait` is
 * always a valid `Date`.
 */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

// Non-negative decimal, exponent allowed: a server that overflows writes `1e400`, not "soon".
const NUMBER = /^\s*\d+(\.\d+)?(e[+-]?\d+)?\s*$/i;

const clamp = (ms: number) => Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));

/**
 * `Retry-After` as delay-seconds (`"120"`, `"1.5"`) or an HTTP date; `retry-after-ms` wins when
 * present. Returns milliseconds, between 0 and {@link MAX_RETRY_AFTER_MS}, or `null` when absent
 * or unreadable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | null {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && NUMBER.test(ms)) return clamp(Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return null;
  if (NUMBER.test(value)) return clamp(Number(value) * 1000);
  // An HTTP date names its month ("Thu, 01 Jan 2026 00:00:05 GMT"). Without this, Date.parse would
  // read "-5" as the year -5 and turn a malformed header into "retry at once".
  if (!/[a-z]{3}/i.test(value)) return null;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return clamp(date - now);
}
