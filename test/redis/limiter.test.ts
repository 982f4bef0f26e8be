/**
 * A bottleneck limiter clustered over a real redis-server, passed as the client's `limiter`:
 * shared by 3 worker processes it holds maxConcurrent and minTime across all of them; with Redis
 * unreachable (from the start, or gone mid-run) requests fail with a KnotConnectionError within a
 * bound and nothing is sent.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Bottleneck from 'bottleneck';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnotClient, KnotConnectionError, KnotError } from '../../src/index.js';
import { lastJson, type RunningChild, startScript } from '../helpers/child.js';
import { type Observer, startObserver } from '../helpers/observer.js';
import { freePort, type RedisHandle, startOwnRedis, startRedis } from '../helpers/redis.js';

const WORKER = fileURLToPath(new URL('./fixtures/limited-worker.ts', import.meta.url));

describe('clustered limiter over Redis, 3 processes', () => {
  let redis: RedisHandle;
  let observer: Observer | undefined;
  const children: RunningChild[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const c of children) c.kill();
    await observer?.close();
    await redis?.stop();
  });

  /** Starts 3 workers sharing one limiter id, releases them together, checks each finished cleanly. */
  async function runWorkers(holdMs: number, maxConcurrent: number, minTime: number, perWorker: number): Promise<Observer> {
    await observer?.close();
    observer = await startObserver(holdMs);
    const env = {
      BASE_URL: observer.url,
      REDIS_HOST: redis.host,
      REDIS_PORT: String(redis.port),
      LIMITER_ID: `knot-cluster-${randomUUID()}`,
      MAX_CONCURRENT: String(maxConcurrent),
      MIN_TIME: String(minTime),
      REQUESTS: String(perWorker),
    };
    const group = [0, 1, 2].map((w) => startScript(WORKER, { ...env, WORKER: String(w) }, 60_000));
    children.push(...group);
    // All three connected to Redis before any request: they really compete.
    await Promise.all(group.map((c) => c.waitForLine((l) => l.includes('"ready"'), 30_000)));
    for (const c of group) c.child.stdin?.end('go\n');
    const results = await Promise.all(group.map((c) => c.result));
    for (const r of results) {
      expect(r.timedOut, `a worker did not exit by itself: ${r.stderr}`).toBe(false);
      expect(r.code, r.stderr).toBe(0);
      const summary = lastJson<{ ok: number; failed: string[] }>(r.stdout, 'result');
      expect(summary?.failed).toEqual([]);
      expect(summary?.ok).toBe(perWorker);
    }
    expect(observer.arrivals).toHaveLength(3 * perWorker);
    return observer;
  }

  it('never exceeds maxConcurrent across the 3 processes, and reaches it', async () => {
    // Slow answers, no minTime: concurrency is the only limit. Each process alone would send 12 at once.
    const seen = await runWorkers(150, 3, 0, 12);
    expect(seen.peakInFlight).toBeLessThanOrEqual(3);
    expect(seen.peakInFlight).toBe(3);
  }, 90_000);

  it('spaces request starts by minTime across the 3 processes', async () => {
    // Fast answers, generous maxConcurrent: minTime is the only limit.
    const minTime = 50;
    const seen = await runWorkers(5, 10, minTime, 12);
    const sorted = [...seen.arrivals].sort((a, b) => a - b);
    // A start can be delayed by a busy event loop (2 cores shared with the test runner, Redis and
    // other suites), which makes the next gap look short. So: no window of 8 consecutive starts may
    // be shorter than 7 × minTime minus two minTimes of jitter, and the median gap is at least
    // 0.9 × minTime. Three unshared limiters would start 3 requests at once: a window of 8 would
    // span about 2 × minTime and the median gap would be ~0, failing both by far.
    const gaps = sorted.slice(1).map((t, i) => t - sorted[i]!);
    const window = 8;
    let shortest = Number.POSITIVE_INFINITY;
    for (let i = 0; i + window - 1 < sorted.length; i++) shortest = Math.min(shortest, sorted[i + window - 1]! - sorted[i]!);
    expect(shortest, `gaps: ${gaps.map(Math.round).join(',')}`).toBeGreaterThanOrEqual((window - 3) * minTime);
    const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
    expect(median, `gaps: ${gaps.map(Math.round).join(',')}`).toBeGreaterThanOrEqual(0.9 * minTime);
    const span = sorted.at(-1)! - sorted[0]!;
    expect(span).toBeGreaterThanOrEqual((sorted.length - 3) * minTime);
  }, 90_000);
});

describe('clustered limiter with Redis unreachable', () => {
  let observer: Observer;
  beforeAll(async () => {
    observer = await startObserver(0);
  });
  afterAll(async () => {
    await observer?.close();
  });

  it('fails with a KnotConnectionError naming Redis within a bound when Redis is down from the start; nothing sent', async () => {
    const port = await freePort();
    const limiter = new Bottleneck({ id: `down-${randomUUID()}`, datastore: 'ioredis', clientOptions: { host: '127.0.0.1', port }, maxConcurrent: 2 });
    limiter.on('error', () => {});
    const knot = new KnotClient({
      clientId: 'test_id',
      secret: 'test_secret',
      baseUrl: observer.url,
      limiter,
      timeoutMs: 300,
      maxRetries: 1,
      retryBackoff: { initialDelayMs: 5, maxDelayMs: 10 },
      logLevel: 'off',
    });
    const before = observer.arrivals.length;
    const started = Date.now();
    try {
      const error = await knot.sessions.extend({ session_id: 's' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(KnotConnectionError);
      expect((error as Error).message).toMatch(/Redis/);
      // (maxRetries + 1) attempts × the readiness deadline, plus slack.
      expect(elapsed).toBeLessThan(2 * 300 + 1_500);
      expect(observer.arrivals.length).toBe(before);
    } finally {
      await limiter.disconnect(false);
      await knot.close();
    }
  });

  for (const maxRetriesPerRequest of [20, null]) {
    it(`fails with a KnotConnectionError within a bound when Redis dies after the limiter was ready (ioredis maxRetriesPerRequest ${maxRetriesPerRequest})`, async () => {
      const own = await startOwnRedis();
      const limiter = new Bottleneck({
        id: `dies-${randomUUID()}`,
        datastore: 'ioredis',
        clientOptions: { host: own.host, port: own.port, maxRetriesPerRequest },
        maxConcurrent: 2,
      });
      limiter.on('error', () => {});
      const knot = new KnotClient({
        clientId: 'test_id',
        secret: 'test_secret',
        baseUrl: observer.url,
        limiter,
        timeoutMs: 300,
        maxRetries: 1,
        retryBackoff: { initialDelayMs: 5, maxDelayMs: 10 },
        logLevel: 'off',
      });
      try {
        expect(await knot.sessions.extend({ session_id: 's' })).toEqual({ session: 'session-ok' });
        await own.kill();
        const before = observer.arrivals.length;
        const started = Date.now();
        const error = await knot.sessions.extend({ session_id: 's' }).then(
          () => undefined,
          (e: unknown) => e,
        );
        const elapsed = Date.now() - started;
        expect(error).toBeInstanceOf(KnotError);
        expect(error).toBeInstanceOf(KnotConnectionError);
        expect((error as Error).message).toMatch(/Redis/);
        // Each attempt: at most the wait before the probe + the probe's deadline.
        expect(elapsed).toBeLessThan(2 * 2 * 300 + 1_500);
        // Nothing reached the API, not even later: abandoned jobs never send.
        await new Promise((r) => setTimeout(r, 200));
        expect(observer.arrivals.length).toBe(before);
      } finally {
        await limiter.disconnect(false);
        await knot.close();
        await own.stop();
      }
    });
  }

  it('recovers by itself: requests fail while Redis is down, then go through once it is back (also after a restart that lost its state)', async () => {
    const port = await freePort();
    const limiter = new Bottleneck({ id: `recover-${randomUUID()}`, datastore: 'ioredis', clientOptions: { host: '127.0.0.1', port }, maxConcurrent: 2 });
    limiter.on('error', () => {});
    const knot = new KnotClient({
      clientId: 'test_id',
      secret: 'test_secret',
      baseUrl: observer.url,
      limiter,
      timeoutMs: 300,
      maxRetries: 0,
      logLevel: 'off',
    });
    let own: Awaited<ReturnType<typeof startOwnRedis>> | undefined;
    const attempt = () =>
      knot.sessions.extend({ session_id: 's' }).then(
        (value) => value,
        (e: unknown) => e,
      );
    /** Tries every 100 ms for up to 10 s until a call succeeds. */
    const eventually = async () => {
      const deadline = Date.now() + 10_000;
      let last: unknown;
      while (Date.now() < deadline) {
        last = await attempt();
        if (!(last instanceof Error)) return last;
        expect(last).toBeInstanceOf(KnotConnectionError);
        await new Promise((r) => setTimeout(r, 100));
      }
      return last;
    };
    try {
      expect(await attempt()).toBeInstanceOf(KnotConnectionError);
      own = await startOwnRedis(port);
      expect(await eventually()).toEqual({ session: 'session-ok' });
      // Crash and restart on the same port: bottleneck's keys are gone and are re-created.
      await own.kill();
      expect(await attempt()).toBeInstanceOf(KnotConnectionError);
      await own.stop();
      own = await startOwnRedis(port);
      expect(await eventually()).toEqual({ session: 'session-ok' });
    } finally {
      await limiter.disconnect(false);
      await knot.close();
      await own?.stop();
    }
  }, 40_000);

  it("keeps working after idling longer than the limiter's `timeout` (its Redis keys expired)", async () => {
    const own = await startOwnRedis();
    // bottleneck's `timeout`: its keys expire after that much inactivity (heartbeats do not extend it).
    const limiter = new Bottleneck({ id: `idle-${randomUUID()}`, datastore: 'ioredis', clientOptions: { host: own.host, port: own.port }, maxConcurrent: 2, timeout: 500 });
    limiter.on('error', () => {});
    const knot = new KnotClient({ clientId: 'test_id', secret: 'test_secret', baseUrl: observer.url, limiter, timeoutMs: 1_000, maxRetries: 0, logLevel: 'off' });
    try {
      expect(await knot.sessions.extend({ session_id: 's' })).toEqual({ session: 'session-ok' });
      await new Promise((r) => setTimeout(r, 1_200));
      expect(await knot.sessions.extend({ session_id: 's' })).toEqual({ session: 'session-ok' });
    } finally {
      await limiter.disconnect();
      await knot.close();
      await own.stop();
    }
  });

  it('keeps working after this process was silent longer than `clientTimeout` (its client id was dropped)', async () => {
    const own = await startOwnRedis();
    const common = { datastore: 'ioredis' as const, clientOptions: { host: own.host, port: own.port }, maxConcurrent: 2, clientTimeout: 300, heartbeatInterval: 60_000 };
    const id = `stall-${randomUUID()}`;
    const limiter = new Bottleneck({ id, ...common });
    // Another process's limiter on the same id keeps running: its ticks drop our silent client.
    const other = new Bottleneck({ id, ...common });
    limiter.on('error', () => {});
    other.on('error', () => {});
    const knot = new KnotClient({ clientId: 'test_id', secret: 'test_secret', baseUrl: observer.url, limiter, timeoutMs: 1_000, maxRetries: 0, logLevel: 'off' });
    try {
      expect(await knot.sessions.extend({ session_id: 's' })).toEqual({ session: 'session-ok' });
      await new Promise((r) => setTimeout(r, 700));
      await other.schedule(async () => 'tick');
      expect(await knot.sessions.extend({ session_id: 's' })).toEqual({ session: 'session-ok' });
    } finally {
      await limiter.disconnect();
      await other.disconnect();
      await knot.close();
      await own.stop();
    }
  });
});
