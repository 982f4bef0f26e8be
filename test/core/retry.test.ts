import { describe, expect, it } from 'vitest';
import { type AttemptOutcome, backoffDelay, MAX_RETRY_AFTER_MS, parseRetryAfter, type RetryPolicy, shouldRetry } from '../../src/core/retry.js';

const policy: RetryPolicy = { maxRetries: 2, maxRetryAfterMs: 60_000, initialDelayMs: 500, maxDelayMs: 8_000, retryRateLimited: true };
const noJitter = () => 0;
const fullJitter = () => 1;
const response = (status: number, retryAfterMs: number | null = null): AttemptOutcome => ({ kind: 'response', status, retryAfterMs });

describe('backoffDelay', () => {
  it('doubles from initialDelayMs and caps at maxDelayMs', () => {
    const p = { initialDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p, noJitter))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters down by at most 25%', () => {
    const p = { initialDelayMs: 400, maxDelayMs: 10_000 };
    expect(backoffDelay(1, p, fullJitter)).toBe(300);
    expect(backoffDelay(2, p, () => 0.5)).toBe(700);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(3, p, Math.random);
      expect(d).toBeGreaterThanOrEqual(1_200);
      expect(d).toBeLessThanOrEqual(1_600);
    }
  });

  it('treats retry numbers below 1 as the first retry', () => {
    expect(backoffDelay(0, { initialDelayMs: 100, maxDelayMs: 1_000 }, noJitter)).toBe(100);
  });
});

describe('shouldRetry', () => {
  it('retries network failures and timeouts with backoff', () => {
    expect(shouldRetry(1, { kind: 'network' }, policy, noJitter)).toMatchObject({ retry: true, delayMs: 500 });
    expect(shouldRetry(2, { kind: 'timeout' }, policy, noJitter)).toMatchObject({ retry: true, delayMs: 1_000 });
  });

  it('never retries an abort or a fatal error, even on the first attempt', () => {
    expect(shouldRetry(1, { kind: 'abort' }, policy)).toEqual({ retry: false, delayMs: 0, reason: 'aborted by the caller' });
    expect(shouldRetry(1, { kind: 'fatal' }, policy).retry).toBe(false);
  });

  it('stops once maxRetries retries were made', () => {
    expect(shouldRetry(2, response(503), policy, noJitter).retry).toBe(true);
    const last = shouldRetry(3, response(503), policy, noJitter);
    expect(last.retry).toBe(false);
    expect(last.reason).toMatch(/exhausted/);
    expect(shouldRetry(1, response(503), { ...policy, maxRetries: 0 }).retry).toBe(false);
  });

  it('retries 408 and every 5xx with backoff', () => {
    for (const status of [408, 500, 502, 503, 504, 599]) {
      expect(shouldRetry(1, response(status), policy, noJitter)).toMatchObject({ retry: true, delayMs: 500 });
    }
  });

  it('honours a Retry-After on 5xx when it is within maxRetryAfterMs, else falls back to backoff', () => {
    expect(shouldRetry(1, response(503, 2_000), policy, noJitter)).toMatchObject({ retry: true, delayMs: 2_000 });
    expect(shouldRetry(1, response(503, 120_000), policy, noJitter)).toMatchObject({ retry: true, delayMs: 500 });
  });

  it('never retries other 4xx', () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      const decision = shouldRetry(1, response(status), policy, noJitter);
      expect(decision.retry, String(status)).toBe(false);
    }
  });

  it('waits out a 429 Retry-After up to maxRetryAfterMs, rejects a longer one at once', () => {
    expect(shouldRetry(1, response(429, 1_000), policy)).toMatchObject({ retry: true, delayMs: 1_000 });
    expect(shouldRetry(1, response(429, 60_000), policy)).toMatchObject({ retry: true, delayMs: 60_000 });
    expect(shouldRetry(1, response(429, 60_001), policy)).toMatchObject({ retry: false });
    expect(shouldRetry(1, response(429, 3_600_000), policy)).toMatchObject({ retry: false });
  });

  it('backs off on a 429 without Retry-After', () => {
    expect(shouldRetry(1, response(429), policy, noJitter)).toMatchObject({ retry: true, delayMs: 500 });
  });

  it('never retries a 429 when the endpoint is rate limited per account (refresh)', () => {
    const refresh = { ...policy, retryRateLimited: false };
    expect(shouldRetry(1, response(429, 1), refresh).retry).toBe(false);
    expect(shouldRetry(1, response(429), refresh).retry).toBe(false);
    // other statuses still retry
    expect(shouldRetry(1, response(503), refresh, noJitter).retry).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const h = (init: Record<string, string>) => new Headers(init);

  it('reads delay-seconds, including fractions and surrounding spaces', () => {
    expect(parseRetryAfter(h({ 'retry-after': '3600' }), now)).toBe(3_600_000);
    expect(parseRetryAfter(h({ 'retry-after': '1.5' }), now)).toBe(1_500);
    expect(parseRetryAfter(h({ 'retry-after': ' 2 ' }), now)).toBe(2_000);
    expect(parseRetryAfter(h({ 'retry-after': '0' }), now)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5_000);
    expect(parseRetryAfter(h({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }), now)).toBe(0);
  });

  it('prefers retry-after-ms', () => {
    expect(parseRetryAfter(h({ 'retry-after-ms': '250', 'retry-after': '10' }), now)).toBe(250);
  });

  it('clamps any wait beyond 24 h to 24 h, overflow included: always finite', () => {
    const day = 86_400_000;
    expect(MAX_RETRY_AFTER_MS).toBe(day);
    expect(parseRetryAfter(h({ 'retry-after': '86400' }), now)).toBe(day);
    expect(parseRetryAfter(h({ 'retry-after': '86401' }), now)).toBe(day);
    expect(parseRetryAfter(h({ 'retry-after': '99999999999999999999' }), now)).toBe(day);
    expect(parseRetryAfter(h({ 'retry-after': '1e400' }), now)).toBe(day);
    expect(parseRetryAfter(h({ 'retry-after': '1E3' }), now)).toBe(1_000_000);
    expect(parseRetryAfter(h({ 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }), now)).toBe(day);
    expect(parseRetryAfter(h({ 'retry-after-ms': '1e400' }), now)).toBe(day);
    expect(parseRetryAfter(h({ 'retry-after-ms': '99999999999999999999' }), now)).toBe(day);
  });

  it('returns null when absent or unreadable', () => {
    expect(parseRetryAfter(h({}), now)).toBeNull();
    expect(parseRetryAfter(h({ 'retry-after': '' }), now)).toBeNull();
    expect(parseRetryAfter(h({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(parseRetryAfter(h({ 'retry-after': '-5' }), now)).toBeNull();
  });
});
