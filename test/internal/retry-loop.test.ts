import { describe, expect, it } from 'vitest';
import { KnotAbortError, KnotConnectionError, KnotServerError } from '../../src/core/errors.js';
import type { AttemptOutcome, RetryPolicy } from '../../src/core/retry.js';
import { withRetries } from '../../src/internal/retry-loop.js';
import { sleep } from '../../src/internal/sleep.js';

const policy: RetryPolicy = { maxRetries: 2, maxRetryAfterMs: 60_000, initialDelayMs: 500, maxDelayMs: 8_000, retryRateLimited: true };

describe('sleep', () => {
  it('resolves after the delay', async () => {
    const t = performance.now();
    await sleep(20);
    expect(performance.now() - t).toBeGreaterThanOrEqual(15);
  });

  it('rejects with KnotAbortError when the signal fires, or is already aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toBeInstanceOf(KnotAbortError);
    await expect(sleep(10, AbortSignal.abort())).rejects.toBeInstanceOf(KnotAbortError);
  });
});

describe('withRetries', () => {
  const fast: RetryPolicy = { ...policy, initialDelayMs: 1, maxDelayMs: 2 };
  const server = (status: number) =>
    new KnotServerError({ status, body: { message: 'Server Error' }, headers: new Headers(), method: 'GET', path: '/x' });
  const classify = (error: unknown): AttemptOutcome =>
    error instanceof KnotServerError ? { kind: 'response', status: error.status, retryAfterMs: null } : { kind: 'fatal' };

  it('retries until success and reports each retry', async () => {
    const seen: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async (n) => {
        calls++;
        if (n < 3) throw server(503);
        return 'ok';
      },
      { policy: fast, classify, onRetry: (_d, _e, n) => seen.push(n) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(seen).toEqual([1, 2]);
  });

  it('makes maxRetries + 1 attempts and rethrows the last error as is', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const failure = withRetries(
      async () => {
        calls++;
        const e = server(500 + calls);
        errors.push(e);
        throw e;
      },
      { policy: fast, classify },
    );
    await expect(failure).rejects.toBeInstanceOf(KnotServerError);
    const error = await failure.catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(error).toBe(errors[2]);
  });

  it('does not retry a fatal error', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new Error('bug');
        },
        { policy: fast, classify },
      ),
    ).rejects.toThrow('bug');
    expect(calls).toBe(1);
  });

  it('stops with KnotAbortError when the signal fires during the backoff sleep', async () => {
    const controller = new AbortController();
    let calls = 0;
    const failure = withRetries(
      async () => {
        calls++;
        setTimeout(() => controller.abort(), 10);
        throw server(503);
      },
      { policy: { ...policy, initialDelayMs: 5_000, maxDelayMs: 5_000 }, classify, signal: controller.signal },
    );
    await expect(failure).rejects.toBeInstanceOf(KnotAbortError);
    expect(calls).toBe(1);
  });
});

describe('withRetries: the decision function is the only rule', () => {
  const fast: RetryPolicy = { ...policy, initialDelayMs: 1, maxDelayMs: 2 };

  it('retries a TypeError the policy calls a network failure (no hidden rule about error types)', async () => {
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls === 1) throw new TypeError('other side closed');
        return 'ok';
      },
      { policy: fast, classify: (error) => (error instanceof TypeError ? { kind: 'network' } : { kind: 'fatal' }) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(2);
  });

  it('rethrows a non-Error value as is when the policy says stop', async () => {
    const thrown = { code: 'weird' };
    await expect(
      withRetries(
        async () => {
          throw thrown;
        },
        { policy: fast, classify: () => ({ kind: 'fatal' }) },
      ),
    ).rejects.toBe(thrown);
  });

  it('keeps a KnotConnectionError retried up to maxRetries, then rethrows it', async () => {
    let calls = 0;
    const failure = withRetries(
      async () => {
        calls++;
        throw new KnotConnectionError('reset');
      },
      { policy: fast, classify: () => ({ kind: 'network' }) },
    );
    await expect(failure).rejects.toBeInstanceOf(KnotConnectionError);
    expect(calls).toBe(3);
  });
});
