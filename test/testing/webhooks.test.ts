import { createHmac } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { webhookEventSchema } from '../../src/webhooks/event-schemas.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { connect, fakeClock, type Receiver, startReceiver } from './helpers.js';

const ref = { external_user_id: 'hook-user', merchant_id: 36 };
let mock: MockKnot | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await mock?.close();
  await receiver?.close();
  mock = undefined;
  receiver = undefined;
});

/** The signature recomputed here from the raw request, independently of src/webhooks. */
function expectedSignature(headers: Record<string, string | string[] | undefined>, body: string, secret: string): string {
  const payload = JSON.parse(body) as { event: string; session_id?: string };
  const parts = [
    'Content-Length',
    String(headers['content-length']),
    'Content-Type',
    String(headers['content-type']),
    'Encryption-Type',
    String(headers['encryption-type']),
    'event',
    payload.event,
  ];
  if (payload.session_id) parts.push('session_id', payload.session_id);
  return createHmac('sha256', secret).update(parts.join('|')).digest('base64');
}

it('POSTs signed webhooks for the development flow, in order, to a real receiver', async () => {
  receiver = await startReceiver();
  const clock = fakeClock();
  mock = createMockKnot({ secret: 'whsec', webhookUrl: receiver.url, now: clock.now });
  const { api, close } = await connect(mock, 'server');
  try {
    expect((await api.post('/development/accounts/link', { ...ref, transactions: { new: true, updated: true } })).status).toBe(200);
    await mock.webhooksSettled();
    mock.disconnectAccount(ref);
    mock.addTransactions({ ...ref, count: 2 });
    mock.addTransactions({ ...ref, count: 2, notify: false });
    await mock.webhooksSettled();
  } finally {
    await close();
  }

  const events = receiver.received.map((r) => JSON.parse(r.body));
  expect(events.map((e) => e.event)).toEqual([
    'AUTHENTICATED',
    'NEW_TRANSACTIONS_AVAILABLE',
    'UPDATED_TRANSACTIONS_AVAILABLE',
    'ACCOUNT_LOGIN_REQUIRED',
    'NEW_TRANSACTIONS_AVAILABLE',
  ]);
  for (const { headers, body } of receiver.received) {
    expect(headers['content-type']).toBe('application/json');
    expect(headers['encryption-type']).toBe('HMAC-SHA256');
    expect(Number(headers['content-length'])).toBe(Buffer.byteLength(body));
    expect(headers['knot-signature']).toBe(expectedSignature(headers, body, 'whsec'));
    expect(headers['knot-signature']).not.toBe(expectedSignature(headers, body, 'other'));
    const event = JSON.parse(body);
    expect(() => webhookEventSchema(event.event).parse(event)).not.toThrow();
    expect(event.timestamp).toBe(clock.now());
    expect(event.external_user_id).toBe(ref.external_user_id);
    expect(event.merchant).toMatchObject({ id: 36, name: 'Uber Eats' });
  }
  const [authenticated, , updated, loginRequired] = events;
  expect(authenticated).toMatchObject({ session_id: expect.stringMatching(/^[0-9a-f-]{36}$/), task_id: expect.any(Number), data: { card_id: '' } });
  expect(updated.updated).toHaveLength(3);
  const current = mock.transactionsOf(ref);
  for (const { id } of updated.updated) expect(current.some((t) => t.id === id)).toBe(true);
  expect(loginRequired.merchant.logo).toMatch(/^https:\/\//);
  expect(mock.webhooks.every((w) => w.delivered && w.attempts === 1 && w.status === 200)).toBe(true);
});

it('retries a non-200 answer up to 2 more times, then gives up', async () => {
  receiver = await startReceiver([500, 503, 500, 500, 200]);
  mock = createMockKnot({ webhookUrl: receiver.url, webhookRetryDelayMs: 20 });
  await mock.linkAccount({ external_user_id: 'r', merchant_id: 19 });
  await mock.webhooksSettled();
  expect(receiver.received).toHaveLength(3);
  expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
  expect(mock.webhooks[0]).toMatchObject({ event: 'AUTHENTICATED', attempts: 3, status: 500, delivered: false });

  // The next delivery succeeds on its second attempt (receiver answers 500, then 200).
  mock.disconnectAccount({ external_user_id: 'r', merchant_id: 19 });
  await mock.webhooksSettled();
  expect(mock.webhooks[1]).toMatchObject({ event: 'ACCOUNT_LOGIN_REQUIRED', attempts: 2, status: 200, delivered: true });
  expect(receiver.received).toHaveLength(5);
});

it('retries when the receiver does not answer within the timeout', async () => {
  receiver = await startReceiver(['hang', 200]);
  mock = createMockKnot({ webhookUrl: receiver.url, webhookTimeoutMs: 150, webhookRetryDelayMs: 10 });
  await mock.linkAccount({ external_user_id: 't', merchant_id: 19 });
  await mock.webhooksSettled();
  expect(receiver.received).toHaveLength(2);
  expect(mock.webhooks[0]).toMatchObject({ attempts: 2, status: 200, delivered: true });
});

it('never fails the API request when the webhook URL is unreachable, and records events without a URL', async () => {
  mock = createMockKnot({ webhookUrl: 'http://127.0.0.1:9/unreachable', webhookRetryDelayMs: 5 });
  const { api, close } = await connect(mock, 'dispatcher');
  const res = await api.post('/development/accounts/link', { ...ref, transactions: { new: true } });
  await close();
  expect(res.status).toBe(200);
  await mock.webhooksSettled();
  expect(mock.webhooks.map((w) => [w.event, w.attempts, w.status, w.delivered])).toEqual([
    ['AUTHENTICATED', 3, null, false],
    ['NEW_TRANSACTIONS_AVAILABLE', 3, null, false],
  ]);
  expect(mock.webhooks[0]!.error).toMatch(/ECONNREFUSED/);

  const quiet = createMockKnot();
  await quiet.linkAccount({ ...ref, transactions: { new: true } });
  expect(quiet.webhooks.map((w) => [w.url, w.event, w.attempts])).toEqual([
    [null, 'AUTHENTICATED', 0],
    [null, 'NEW_TRANSACTIONS_AVAILABLE', 0],
  ]);
  await quiet.close();
});

it('setWebhookUrl points later deliveries at a receiver started after the mock', async () => {
  mock = createMockKnot();
  receiver = await startReceiver();
  mock.setWebhookUrl(receiver.url);
  await mock.linkAccount({ ...ref });
  await mock.webhooksSettled();
  expect(receiver.received.map((r) => JSON.parse(r.body).event)).toEqual(['AUTHENTICATED']);
});

it('close() cancels deliveries that are still waiting on a silent receiver', async () => {
  receiver = await startReceiver(['hang', 'hang', 'hang']);
  mock = createMockKnot({ webhookUrl: receiver.url });
  await mock.linkAccount({ external_user_id: 'c', merchant_id: 19 });
  for (let i = 0; i < 100 && receiver.received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  const started = performance.now();
  await mock.close();
  expect(performance.now() - started).toBeLessThan(1_000);
  expect(mock.webhooks[0]).toMatchObject({ attempts: 1, delivered: false });
  mock.disconnectAccount({ external_user_id: 'c', merchant_id: 19 });
  expect(mock.webhooks[1]).toMatchObject({ event: 'ACCOUNT_LOGIN_REQUIRED', attempts: 0 });
});
