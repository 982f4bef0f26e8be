/**
 * Failures of the limiter itself (not of the request) are KnotErrors, and a job the caller gave up
 * on never sends. The Redis cases are in test/redis/limiter.test.ts.
 */
import Bottleneck from 'bottleneck';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/internal/create-limiter.js';
import { KnotClient, KnotConfigError, KnotConnectionError, KnotServerError } from '../../src/index.js';
import { type Observer, startObserver } from '../helpers/observer.js';

describe('limiter failures', () => {
  let observer: Observer;
  beforeAll(async () => {
    observer = await startObserver(0);
  });
  afterAll(async () => {
    await observer?.close();
  });

  it('a stopped user-supplied limiter rejects with a KnotConnectionError, nothing sent', async () => {
    const limiter = new Bottleneck({ maxConcurrent: 1 });
    await limiter.stop();
    const knot = new KnotClient({ clientId: 'id', secret: 'secret_x', baseUrl: observer.url, limiter, maxRetries: 0, logLevel: 'off' });
    const before = observer.arrivals.length;
    const error = await knot.sessions.extend({ session_id: 's' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KnotConnectionError);
    expect((error as Error).message).toMatch(/limiter/);
    expect((error as Error).cause).toBeInstanceOf(Bottleneck.BottleneckError);
    expect(observer.arrivals.length).toBe(before);
    await knot.close();
  });

  it('a job that fails keeps its own error (not wrapped as a limiter failure)', async () => {
    const limiter = createLimiter({ maxConcurrent: 1 }, 1_000);
    const failure = new KnotServerError({ status: 500, body: { message: 'x' }, headers: new Headers(), method: 'GET', path: '/x' });
    await expect(limiter.schedule(() => Promise.reject(failure))).rejects.toBe(failure);
    const plain = new Error('plain');
    await expect(limiter.schedule(() => Promise.reject(plain))).rejects.toBe(plain);
  });

  /** Looks like a bottleneck clustered over Redis; jobs wait until `release()`; `running()` per `healthy`. */
  function fakeClustered(healthy: () => boolean) {
    const queue: (() => void)[] = [];
    let probes = 0;
    const fake = {
      datastore: 'ioredis',
      ready: () => Promise.resolve(),
      running: () => {
        probes += 1;
        return healthy() ? Promise.resolve(0) : new Promise<number>(() => {});
      },
      schedule: <T>(job: () => Promise<T>) => new Promise<T>((resolve, reject) => queue.push(() => job().then(resolve, reject))),
    };
    return {
      limiter: createLimiter(fake as unknown as Bottleneck, 50),
      release: () => {
        for (const run of queue.splice(0)) run();
      },
      probes: () => probes,
    };
  }

  it('a healthy but busy clustered limiter keeps a long queue waiting (probes answer), one probe per period for all', async () => {
    const fake = fakeClustered(() => true);
    let ran = 0;
    const results = Array.from({ length: 40 }, (_, i) =>
      fake.limiter.schedule(async () => {
        ran += 1;
        return i;
      }),
    );
    const settled = results.map((p) => p.then(() => 'ok', () => 'failed'));
    await new Promise((r) => setTimeout(r, 400)); // 8 probe periods of 50 ms
    expect(ran).toBe(0);
    // 40 waiting requests, about 8 periods: shared probes, not 40 × 8.
    expect(fake.probes()).toBeGreaterThan(0);
    expect(fake.probes()).toBeLessThanOrEqual(16);
    fake.release();
    expect(await Promise.all(settled)).toEqual(Array(40).fill('ok'));
    expect(await Promise.all(results)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('when the datastore stops answering, every waiting request fails within 2 × timeoutMs, and none runs later', async () => {
    const fake = fakeClustered(() => false);
    let ran = 0;
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        fake.limiter
          .schedule(async () => {
            ran += 1;
          })
          .then(
            () => undefined,
            (e: unknown) => e,
          ),
      ),
    );
    expect(Date.now() - started).toBeLessThan(2 * 50 + 400);
    for (const error of outcomes) {
      expect(error).toBeInstanceOf(KnotConnectionError);
      expect((error as Error).message).toMatch(/Nothing was sent/);
    }
    // Redis comes back and bottleneck finally admits the queued jobs: the abandoned ones never send.
    fake.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toBe(0);
  });
});

describe('limiter options', () => {
  it('bottleneck options with a Redis datastore are refused by the constructor (nobody could disconnect them)', () => {
    for (const limiter of [
      { id: 'x', datastore: 'ioredis' as const, clientOptions: { host: '127.0.0.1', port: 1 }, maxConcurrent: 2 },
      { datastore: 'redis' as const, maxConcurrent: 2 },
      { connection: {} as Bottleneck.IORedisConnection, maxConcurrent: 2 },
    ]) {
      let thrown: unknown;
      try {
        new KnotClient({ clientId: 'id', secret: 'secret_x', baseUrl: 'http://127.0.0.1:1', limiter });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(KnotConfigError);
      expect((thrown as Error).message).toMatch(/create the Bottleneck yourself/);
    }
  });

  it('local bottleneck options are still accepted', () => {
    expect(() => new KnotClient({ clientId: 'id', secret: 'secret_x', baseUrl: 'http://127.0.0.1:1', limiter: { maxConcurrent: 2, minTime: 5 } })).not.toThrow();
    expect(() => new KnotClient({ clientId: 'id', secret: 'secret_x', baseUrl: 'http://127.0.0.1:1', limiter: { datastore: 'local', maxConcurrent: 2 } })).not.toThrow();
  });
});
