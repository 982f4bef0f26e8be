/**
 * The retry decision (`shouldRetry`) and `Retry-After` parsing, on every input: a 4xx other than
 * 408/429 is never retried, a server-requested wait above `maxRetryAfterMs` is never slept
 * through, no delay is negative, infinite or above the configured bounds, and retries stop at
 * `maxRetries`. Then end to end: whatever sequence of statuses a server answers, the client sends
 * exactly the attempts the policy allows.
 */
import { createServer } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttemptOutcome, parseRetryAfter, type RetryPolicy, shouldRetry } from '../../src/core/retry.js';
import { KnotApiError, KnotClient, KnotError } from '../../src/index.js';
import { type Loopback, listenOnLoopback } from '../helpers/loopback.js';
import { runs } from './support.js';

const policyArb: fc.Arbitrary<RetryPolicy> = fc.record({
  maxRetries: fc.integer({ min: 0, max: 10 }),
  maxRetryAfterMs: fc.integer({ min: 0, max: 3_600_000 }),
  initialDelayMs: fc.integer({ min: 0, max: 10_000 }),
  maxDelayMs: fc.integer({ min: 0, max: 60_000 }),
  retryRateLimited: fc.boolean(),
});

const retryAfterArb = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 10 * 3_600_000 }));

const outcomeArb: fc.Arbitrary<AttemptOutcome> = fc.oneof(
  fc.record({ kind: fc.constant('response' as const), status: fc.integer({ min: 100, max: 599 }), retryAfterMs: retryAfterArb }),
  fc.constantFrom<AttemptOutcome>({ kind: 'network' }, { kind: 'timeout' }, { kind: 'abort' }, { kind: 'fatal' }),
);

const attemptArb = fc.integer({ min: 1, max: 12 });
const randomArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((r) => () => r);

describe('shouldRetry', () => {
  it('never retries a 4xx other than 408 and 429', () => {
    const status = fc.integer({ min: 400, max: 499 }).filter((s) => s !== 408 && s !== 429);
    fc.assert(
      fc.property(attemptArb, status, retryAfterArb, policyArb, randomArb, (attempt, s, retryAfterMs, policy, random) => {
        expect(shouldRetry(attempt, { kind: 'response', status: s, retryAfterMs }, policy, random).retry).toBe(false);
      }),
      runs(5_000),
    );
  });

  it('never sleeps through a Retry-After above maxRetryAfterMs; a 429 asking for more is not retried', () => {
    fc.assert(
      fc.property(attemptArb, outcomeArb, policyArb, randomArb, (attempt, outcome, policy, random) => {
        const decision = shouldRetry(attempt, outcome, policy, random);
        if (!decision.retry) {
          expect(decision.delayMs).toBe(0);
          return;
        }
        expect(Number.isFinite(decision.delayMs)).toBe(true);
        expect(decision.delayMs).toBeGreaterThanOrEqual(0);
        // A wait either comes from the server (bounded by maxRetryAfterMs) or is backoff (bounded by maxDelayMs).
        expect(decision.delayMs).toBeLessThanOrEqual(Math.max(policy.maxRetryAfterMs, policy.maxDelayMs));
        if (policy.maxDelayMs <= policy.maxRetryAfterMs) expect(decision.delayMs).toBeLessThanOrEqual(policy.maxRetryAfterMs);
        if (outcome.kind === 'response' && outcome.retryAfterMs !== null && outcome.retryAfterMs > policy.maxRetryAfterMs) {
          expect(outcome.status).not.toBe(429);
          expect(decision.delayMs).toBeLessThanOrEqual(policy.maxDelayMs);
        }
      }),
      runs(10_000),
    );
  });

  it('stops after maxRetries, never retries an abort or a fatal error, and never a 429 when rate limits are not retried', () => {
    fc.assert(
      fc.property(attemptArb, outcomeArb, policyArb, randomArb, (attempt, outcome, policy, random) => {
        const decision = shouldRetry(attempt, outcome, policy, random);
        if (attempt > policy.maxRetries) expect(decision.retry).toBe(false);
        if (outcome.kind === 'abort' || outcome.kind === 'fatal') expect(decision.retry).toBe(false);
        if (outcome.kind === 'response' && outcome.status === 429 && !policy.retryRateLimited) expect(decision.retry).toBe(false);
        if (outcome.kind === 'response' && outcome.status < 400) expect(decision.retry).toBe(false);
      }),
      runs(10_000),
    );
  });

  it('always retries network failures, timeouts, 408 and 5xx while attempts remain', () => {
    const transient = fc.oneof(
      fc.constantFrom<AttemptOutcome>({ kind: 'network' }, { kind: 'timeout' }),
      fc.record({ kind: fc.constant('response' as const), status: fc.oneof(fc.constant(408), fc.integer({ min: 500, max: 599 })), retryAfterMs: retryAfterArb }),
    );
    fc.assert(
      fc.property(policyArb, transient, randomArb, (policy, outcome, random) => {
        fc.pre(policy.maxRetries >= 1);
        for (let attempt = 1; attempt <= policy.maxRetries; attempt++) expect(shouldRetry(attempt, outcome, policy, random).retry).toBe(true);
      }),
      runs(3_000),
    );
  });
});

describe('parseRetryAfter', () => {
  it('is null or a finite, non-negative number of ms for any header text', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      fc.double({ noNaN: false }).map(String),
      fc.integer().map(String),
      fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toUTCString())),
    );
    fc.assert(
      fc.property(fc.option(text, { nil: undefined }), fc.option(text, { nil: undefined }), fc.integer({ min: 0, max: 2 ** 42 }), (retryAfter, retryAfterMs, now) => {
        const headers = new Headers();
        try {
          if (retryAfter !== undefined) headers.set('retry-after', retryAfter);
          if (retryAfterMs !== undefined) headers.set('retry-after-ms', retryAfterMs);
        } catch {
          fc.pre(false); // not a value a Headers object can hold, so not one a response can carry
        }
        const ms = parseRetryAfter(headers, now);
        if (ms !== null) {
          expect(Number.isFinite(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual(0);
        }
      }),
      runs(5_000),
    );
  });
});

describe('the client sends exactly the attempts the policy allows (real socket)', () => {
  let queue: { status: number; retryAfter?: string }[] = [];
  let seen = 0;
  const server = createServer((req, res) => {
    seen += 1;
    req.resume();
    const next = queue.shift() ?? { status: 200 };
    res.statusCode = next.status;
    res.setHeader('content-type', 'application/json');
    if (next.retryAfter !== undefined) res.setHeader('retry-after', next.retryAfter);
    res.end(next.status < 300 ? JSON.stringify({ session: 'ok' }) : JSON.stringify({ error_type: 'X', error_code: 'Y', error_message: 'z' }));
  });
  let listening: Loopback;
  let knot: KnotClient;
  beforeAll(async () => {
    listening = await listenOnLoopback(server);
    knot = new KnotClient({
      clientId: 'id',
      secret: 'secret_value',
      baseUrl: listening.url,
      maxRetries: 3,
      maxRetryAfterMs: 20,
      retryBackoff: { initialDelayMs: 0, maxDelayMs: 1 },
      logLevel: 'off',
    });
  });
  afterAll(async () => {
    await knot?.close();
    await listening?.close();
  });

  it('stops at the first non-retryable answer or after maxRetries', async () => {
    const answer = fc.record({
      status: fc.oneof(fc.constantFrom(200, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503), fc.integer({ min: 400, max: 599 })),
      retryAfter: fc.option(fc.constantFrom('0', '0.01', '1', '3600'), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 5 }), async (answers) => {
        queue = [...answers];
        seen = 0;
        const outcome = await knot.sessions.extend({ session_id: 's' }).then(
          () => 'ok' as const,
          (e: unknown) => e,
        );
        // The model: attempts continue while the answer is retryable and retries remain.
        let expected = 0;
        for (let i = 0; i < 4; i++) {
          expected += 1;
          const a: { status: number; retryAfter?: string } = answers[i] ?? { status: 200 };
          if (a.status < 300) break;
          const retryAfterMs = a.retryAfter === undefined ? null : Math.round(Number(a.retryAfter) * 1000);
          const retryable =
            a.status === 408 || a.status >= 500 || (a.status === 429 && (retryAfterMs === null || retryAfterMs <= 20));
          if (!retryable) break;
        }
        expect(seen).toBe(expected);
        if (outcome !== 'ok') {
          expect(outcome).toBeInstanceOf(KnotError);
          expect(outcome).toBeInstanceOf(KnotApiError);
        }
      }),
      runs(300),
    );
  }, 60_000);
});
