/**
 * Failures of the limiter itself (not of the request) are KnotErrors, and a job the caller gave up
 * on never sends. The Redis cases are in test/redis/limiter.test.ts.
 */
import Bottleneck from 'bottleneck';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/core/limiter.js';
import { KnotClient, KnotConnectionError, KnotServerError } from '../../src/index.js';
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
});
