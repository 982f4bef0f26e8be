import { getEventListeners } from 'node:events';
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { KnotClientOptions } from '../../src/index.js';
import { stubClients } from '../helpers/stub-client.js';

const { clientFor } = stubClients({ clientId: 'id', secret: 'secret_conc', logLevel: 'off' });

/** The server holds every request until released, so the test sees how many are in flight at once. */
async function withInFlightCounter(options: KnotClientOptions = {}) {
  let inFlight = 0;
  let peak = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const { stub, knot } = await clientFor(
    http.post('*/session/extend', async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await gate;
      inFlight--;
      return HttpResponse.json({ session: 's' });
    }),
    options,
  );
  /** Waits (bounded) until `expected` requests are held, then a little longer to catch any excess. */
  const settle = async (expected: number) => {
    for (let i = 0; i < 500 && inFlight < expected; i++) await delay(10);
    await delay(100);
    return inFlight;
  };
  return { stub, knot, peak: () => peak, settle, release };
}

describe('client-side throttling', () => {
  it('sends at most 10 requests at once by default', async () => {
    const { stub, knot, peak, settle, release } = await withInFlightCounter();
    const all = Promise.all(Array.from({ length: 25 }, (_, i) => knot.sessions.extend({ session_id: `s${i}` })));
    expect(await settle(10)).toBe(10);
    release();
    expect(await all).toHaveLength(25);
    expect(stub.requests).toHaveLength(25);
    expect(peak()).toBe(10);
  });

  it('honours limiter.maxConcurrent', async () => {
    const { knot, peak, settle, release } = await withInFlightCounter({ limiter: { maxConcurrent: 3 } });
    const all = Promise.all(Array.from({ length: 9 }, () => knot.sessions.extend({ session_id: 's' })));
    expect(await settle(3)).toBe(3);
    release();
    await all;
    expect(peak()).toBe(3);
  });

  it('limiter: false does not throttle', async () => {
    const { knot, settle, release } = await withInFlightCounter({ limiter: false });
    const all = Promise.all(Array.from({ length: 15 }, () => knot.sessions.extend({ session_id: 's' })));
    expect(await settle(15)).toBe(15);
    release();
    await all;
  });

  it('a failed request frees its slot', async () => {
    let n = 0;
    const { stub, knot } = await clientFor(
      http.post('*/session/extend', () => (++n % 2 === 0 ? HttpResponse.json({ session: 's' }) : new HttpResponse('no', { status: 400 }))),
      { limiter: { maxConcurrent: 1 } },
    );
    const settled = await Promise.allSettled(Array.from({ length: 6 }, () => knot.sessions.extend({ session_id: 's' })));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(3);
    expect(stub.requests).toHaveLength(6);
  });
});

describe('no listener leaks on a long-lived signal', () => {
  it('leaves no abort listener behind after successes, retries and failures', async () => {
    let n = 0;
    const { knot } = await clientFor(
      http.post('*/session/extend', () => (++n % 3 === 0 ? HttpResponse.json({ message: 'Server Error' }, { status: 503 }) : HttpResponse.json({ session: 's' }))),
      { retryBackoff: { initialDelayMs: 1, maxDelayMs: 2 } },
    );
    const controller = new AbortController();
    for (let i = 0; i < 30; i++) await knot.sessions.extend({ session_id: 's' }, { signal: controller.signal }).catch(() => undefined);
    await knot.sessions.extend({ session_id: '' }, { signal: controller.signal }).catch(() => undefined);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(n).toBeGreaterThanOrEqual(30);
  });
});
