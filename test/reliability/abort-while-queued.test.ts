/**
 * The caller's AbortSignal ends a request that is still waiting for the client's limiter at once
 * (KnotAbortError), with every kind of limiter: the default in-process cap, a local Bottleneck and
 * a Bottleneck clustered over Redis. The aborted request is never sent, later requests still run,
 * and the queue does not lose a slot.
 */
import { randomUUID } from 'node:crypto';
import Bottleneck from 'bottleneck';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LimiterSetting } from '../../src/core/limiter.js';
import { KnotAbortError, KnotClient } from '../../src/index.js';
import { type Observer, startObserver } from '../helpers/observer.js';
import { type RedisHandle, startRedis } from '../helpers/redis.js';

describe('abort while queued in the limiter', () => {
  let observer: Observer;
  let redis: RedisHandle;
  const limiters: Bottleneck[] = [];
  beforeAll(async () => {
    observer = await startObserver(300);
    redis = await startRedis();
  });
  afterAll(async () => {
    // flush=false: flushing would send commands on a connection that Redis' shutdown below may close.
    for (const l of limiters) await l.disconnect(false);
    await observer?.close();
    await redis?.stop();
  });

  const kinds: [string, () => LimiterSetting][] = [
    ['the default in-process cap', () => ({ maxConcurrent: 1 })],
    ['a local Bottleneck', () => new Bottleneck({ maxConcurrent: 1 })],
    [
      'a Bottleneck clustered over Redis',
      () => {
        const limiter = new Bottleneck({ id: `abort-${randomUUID()}`, datastore: 'ioredis', clientOptions: { host: redis.host, port: redis.port }, maxConcurrent: 1 });
        limiter.on('error', () => {}); // connection errors at teardown are not what this test checks
        limiters.push(limiter);
        return limiter;
      },
    ],
  ];

  for (const [name, make] of kinds) {
    it(`${name}: rejects at once with KnotAbortError, sends nothing, keeps the queue going`, async () => {
      const knot = new KnotClient({ clientId: 'id', secret: 'secret_value', baseUrl: observer.url, limiter: make(), logLevel: 'off' });
      try {
        const before = observer.arrivals.length;
        const first = knot.sessions.extend({ session_id: 'first' }); // holds the only slot for 300 ms
        await new Promise((r) => setTimeout(r, 50));
        const controller = new AbortController();
        const aborted = knot.sessions.extend({ session_id: 'aborted' }, { signal: controller.signal }).then(
          () => undefined,
          (e: unknown) => e,
        );
        const third = knot.sessions.extend({ session_id: 'third' });
        await new Promise((r) => setTimeout(r, 20));
        const abortedAt = Date.now();
        controller.abort();
        const error = await aborted;
        expect(error).toBeInstanceOf(KnotAbortError);
        expect(Date.now() - abortedAt).toBeLessThan(100); // not after the first request's 300 ms
        await expect(first).resolves.toEqual({ session: 'session-ok' });
        await expect(third).resolves.toEqual({ session: 'session-ok' });
        // first and third were sent; the aborted one never.
        expect(observer.arrivals.length - before).toBe(2);
      } finally {
        await knot.close();
      }
    });
  }

  it('an already-aborted signal rejects without waiting or sending', async () => {
    const knot = new KnotClient({ clientId: 'id', secret: 'secret_value', baseUrl: observer.url, limiter: { maxConcurrent: 1 }, logLevel: 'off' });
    const before = observer.arrivals.length;
    await expect(knot.sessions.extend({ session_id: 's' }, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(KnotAbortError);
    expect(observer.arrivals.length).toBe(before);
    await knot.close();
  });
});
