import { Readable } from 'node:stream';
import { setupServer } from 'msw/node';
import { fetch as undiciFetch, request } from 'undici';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MerchantListSchema } from '../../src/schemas/zod/merchant.js';
import { SyncResponseSchema } from '../../src/schemas/zod/transaction.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { basic } from './helpers.js';

const ORIGIN = 'https://development.knotapi.com';
let mock: MockKnot;
let auth: string;

beforeEach(async () => {
  mock = createMockKnot({ seed: 5 });
  auth = basic(mock.clientId, mock.secret);
  await mock.linkAccount({ external_user_id: 'd', merchant_id: 19, transactions: { new: true } });
});
afterEach(async () => {
  await mock.close();
});

it('answers undici.request with status, headers and a streamed JSON body, no socket involved', async () => {
  const res = await request(`${ORIGIN}/transactions/sync`, {
    method: 'POST',
    dispatcher: mock.dispatcher,
    headers: ['authorization', auth, 'content-type', 'application/json'],
    body: Buffer.from(JSON.stringify({ merchant_id: 19, external_user_id: 'd', limit: 100 })),
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const body = SyncResponseSchema.parse(await res.body.json());
  expect(body.transactions).toHaveLength(100);
  expect(mock.requests.at(-1)).toMatchObject({ path: '/transactions/sync', body: { limit: 100 } });
});

it('accepts stream and async-iterable request bodies, the query option and dispatcher.request()', async () => {
  const json = JSON.stringify({ type: 'transaction_link', search: 'walmart' });
  for (const body of [Readable.from([Buffer.from(json.slice(0, 5)), Buffer.from(json.slice(5))]), (async function* () {
    yield json;
  })()]) {
    // undici's request() types omit async iterables, but passes them on to dispatch() as documented.
    const res = await request(`${ORIGIN}/merchant/list`, { method: 'POST', dispatcher: mock.dispatcher, headers: { authorization: auth }, body: body as Readable });
    expect(MerchantListSchema.parse(await res.body.json()).map((m) => m.id)).toEqual([45]);
  }
  const res = await mock.dispatcher.request({
    origin: ORIGIN,
    path: '/accounts/get',
    method: 'GET',
    query: { external_user_id: 'd', merchant_id: 19 },
    headers: { authorization: auth },
  });
  expect(res.statusCode).toBe(200);
  expect(((await res.body.json()) as { merchant: { id: number } }).merchant.id).toBe(19);
});

it('works with undici fetch', async () => {
  const res = await undiciFetch(`${ORIGIN}/merchant/list`, {
    method: 'POST',
    dispatcher: mock.dispatcher,
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'transaction_link' }),
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as unknown[]).length).toBeGreaterThan(5);
  const unauthorised = await undiciFetch(`${ORIGIN}/accounts/get?external_user_id=d`, { dispatcher: mock.dispatcher });
  expect(unauthorised.status).toBe(401);
});

it('aborts an in-flight request through the signal', async () => {
  mock.faults.set({ latencyMs: 3_000 });
  const controller = new AbortController();
  const started = performance.now();
  const pending = request(`${ORIGIN}/merchant/list`, {
    method: 'POST',
    dispatcher: mock.dispatcher,
    headers: { authorization: auth },
    body: JSON.stringify({ type: 'transaction_link' }),
    signal: controller.signal,
  });
  setTimeout(() => controller.abort(), 20);
  await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  expect(performance.now() - started).toBeLessThan(2_000);
});

it('fails requests after close(), and reports resets as ECONNRESET', async () => {
  mock.faults.set({ resetRate: 1 });
  await expect(request(`${ORIGIN}/merchant/list`, { method: 'POST', dispatcher: mock.dispatcher, body: '{}' })).rejects.toMatchObject({
    code: 'ECONNRESET',
  });
  mock.faults.clear();
  const dispatcher = createMockKnot().dispatcher;
  await dispatcher.close();
  await expect(request(`${ORIGIN}/merchant/list`, { method: 'POST', dispatcher, body: '{}' })).rejects.toMatchObject({ code: 'UND_ERR_CLOSED' });
});

it('serves the same handlers through msw setupServer for global fetch', async () => {
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const res = await fetch(`${ORIGIN}/transactions/sync`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ merchant_id: 19, external_user_id: 'd', limit: 3 }),
    });
    expect(res.status).toBe(200);
    expect(SyncResponseSchema.parse(await res.json()).transactions).toHaveLength(3);
    mock.faults.set({ resetRate: 1 });
    await expect(fetch(`${ORIGIN}/merchant/list`, { method: 'POST', body: '{}' })).rejects.toThrow(TypeError);
  } finally {
    server.close();
  }
});
