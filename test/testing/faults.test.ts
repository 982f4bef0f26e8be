import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnotClient, KnotTimeoutError } from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { type Api, connect, startReceiver, type Transport } from './helpers.js';

const list = { type: 'transaction_link' };

describe.each<Transport>(['server', 'dispatcher'])('fault injection over %s', (transport) => {
  let mock: MockKnot;
  let api: Api;
  let close: () => Promise<void>;

  beforeEach(async () => {
    mock = createMockKnot({ seed: 99 });
    ({ api, close } = await connect(mock, transport));
  });
  afterEach(async () => {
    await close();
    await mock.close();
  });

  it('answers 500/503 {"message":"Server Error"} at the given rate', async () => {
    mock.faults.set({ serverErrorRate: 1 });
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const res = await api.post('/merchant/list', list);
      expect(res.json).toEqual({ message: 'Server Error' });
      statuses.add(res.status);
    }
    expect(statuses).toEqual(new Set([500, 503]));
    expect(mock.requests.every((r) => r.fault === 'server_error')).toBe(true);
    mock.faults.clear();
    expect((await api.post('/merchant/list', list)).status).toBe(200);
  });

  it('answers 429 TOO_MANY_REQUESTS with the given Retry-After', async () => {
    mock.faults.set({ rateLimitRate: 1, retryAfterSeconds: 7 });
    const res = await api.post('/merchant/list', list);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json).toMatchObject({ error_type: 'RATE_LIMIT_ERROR', error_code: 'TOO_MANY_REQUESTS' });
  });

  it('resets the connection without an answer', async () => {
    mock.faults.set({ resetRate: 1 });
    const error = await api.post('/merchant/list', list).then(
      () => undefined,
      (e: unknown) => e as { code?: string },
    );
    expect(error?.code).toMatch(transport === 'server' ? /UND_ERR_SOCKET|ECONNRESET/ : /^ECONNRESET$/);
    expect(mock.requests.at(-1)).toMatchObject({ fault: 'reset', status: 0 });
    mock.faults.clear();
    expect((await api.post('/merchant/list', list)).status).toBe(200);
  });

  it('cuts successful JSON bodies short, but leaves error answers intact', async () => {
    mock.faults.set({ malformedRate: 1 });
    const res = await api.post('/merchant/list', list);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(res.text)).toThrow();
    const unauthorised = await api.call('POST', '/merchant/list', list, { auth: null });
    expect([unauthorised.status, unauthorised.json?.error_code]).toEqual([401, 'INVALID_API_KEYS']);
  });

  it('adds latency (fixed or a range) and counts server-observed concurrency', async () => {
    mock.faults.set({ latencyMs: 120 });
    let started = performance.now();
    await api.post('/merchant/list', list);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);

    mock.faults.set({ latencyMs: [60, 90] });
    mock.resetStats();
    started = performance.now();
    const results = await Promise.all(Array.from({ length: 8 }, () => api.post('/merchant/list', list)));
    const elapsed = performance.now() - started;
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(55);
    expect(mock.stats).toEqual({ requests: 8, inFlight: 0, peakInFlight: 8 });
    mock.resetStats();
    expect(mock.stats).toEqual({ requests: 0, inFlight: 0, peakInFlight: 0 });
  });

  it('applies faults only to matching requests, at seeded rates', async () => {
    mock.faults.set({ serverErrorRate: 1, only: (r) => r.path === '/transactions/sync' });
    expect((await api.post('/merchant/list', list)).status).toBe(200);
    expect((await api.post('/transactions/sync', { merchant_id: 1, external_user_id: 'x' })).status).toBeGreaterThanOrEqual(500);

    const run = async (m: MockKnot, a: Api) => {
      m.faults.set({ serverErrorRate: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await a.post('/merchant/list', list)).status);
      return out;
    };
    const twin = createMockKnot({ seed: 99 });
    const fresh = createMockKnot({ seed: 99 });
    const a = await run(twin, (await connect(twin, 'dispatcher')).api);
    const b = await run(fresh, (await connect(fresh, 'dispatcher')).api);
    expect(a).toEqual(b);
    const errors = a.filter((s) => s >= 500).length;
    expect(errors).toBeGreaterThan(5);
    expect(errors).toBeLessThan(35);
    expect(() => mock.faults.set({ resetRate: 2 })).toThrow(RangeError);
  });
});

it('never applies faults to webhook deliveries', async () => {
  const receiver = await startReceiver();
  const mock = createMockKnot({ webhookUrl: receiver.url });
  try {
    mock.faults.set({ resetRate: 1, serverErrorRate: 1, malformedRate: 1, latencyMs: 1 });
    await mock.linkAccount({ external_user_id: 'f', merchant_id: 19, transactions: { new: true } });
    await mock.webhooksSettled();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.every((r) => JSON.parse(r.body).event)).toBeTruthy();
    expect(mock.webhooks.every((w) => w.delivered && w.attempts === 1)).toBe(true);
  } finally {
    await mock.close();
    await receiver.close();
  }
});

describe.each(['server', 'dispatcher'] as const)('injected latency over %s', (transport) => {
  it('stops counting a request as in flight once the client gives up on it', async () => {
    const mock = createMockKnot({ seed: 7 });
    const server = transport === 'server' ? await mock.listen() : undefined;
    const knot = new KnotClient({
      clientId: mock.clientId,
      secret: mock.secret,
      ...(server ? { baseUrl: server.url } : { baseUrl: 'http://127.0.0.1:9', dispatcher: mock.dispatcher }),
      timeoutMs: 100,
      maxRetries: 0,
      logLevel: 'off',
    });
    try {
      mock.faults.set({ latencyMs: 10_000 });
      await expect(knot.merchants.list({ type: 'transaction_link' })).rejects.toBeInstanceOf(KnotTimeoutError);
      // Bounded wait, well under the 10 s the fake would hold the request without the hang-up signal
      // (5 s: a loaded CI machine can take more than a second to deliver the socket's close).
      for (let i = 0; i < 250 && mock.stats.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(mock.stats.inFlight).toBe(0);
      expect(mock.requests.at(-1)?.status).toBeNull(); // never answered
    } finally {
      await knot.close();
      await mock.close();
    }
  });
});
