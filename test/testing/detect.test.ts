/**
 * The fake's Detect flow on the wire (raw HTTP, no SDK): the documented errors, results that appear
 * only when detection finishes, its webhook in both documented variants, determinism per seed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseWebhook, verifyWebhookSignature } from '../../src/index.js';
import { createMockKnot, type MockKnot, type MockKnotOptions } from '../../src/testing.js';
import { type Api, connect, type Receiver, startReceiver } from './helpers.js';

let mock: MockKnot | undefined;
let close: (() => Promise<void>) | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await close?.();
  await mock?.close();
  await receiver?.close();
  mock = undefined;
  close = undefined;
  receiver = undefined;
});

async function fake(options: MockKnotOptions = {}): Promise<{ mock: MockKnot; api: Api }> {
  mock = createMockKnot({ seed: 3, detectDelayMs: 10, ...options });
  const connection = await connect(mock, 'server');
  close = connection.close;
  return { mock, api: connection.api };
}

const start = { external_user_id: 'd-user', email: 'grace@example.com' };

describe('POST /detect', () => {
  it.each([
    ['no user', { email: 'a@b.co' }, 'The external user id field is required.'],
    ['no email', { external_user_id: 'u' }, 'The email field is required.'],
    ['a bad email', { external_user_id: 'u', email: 'nope' }, 'The email must be a valid email address.'],
    ['a bad phone number', { ...start, phone_number: '5551234' }, 'The phone number format is invalid.'],
  ])('answers %s with 400 INVALID_FIELD', async (_name, body, message) => {
    const { api } = await fake();
    const res = await api.post('/detect', body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD', error_message: message });
  });

  it('answers 403 NO_ACCESS on every Detect route when the product is off', async () => {
    const { api, mock } = await fake();
    mock.setProductAccess('detect', false);
    for (const [path, body] of [
      ['/detect', start],
      ['/detected-accounts/search', { external_user_id: 'd-user', names: ['Meta'] }],
      ['/detected-accounts/list', { external_user_id: 'd-user' }],
    ] as const) {
      const res = await api.post(path, body);
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error_code: 'NO_ACCESS' });
    }
  });

  it('answers 202 at once; the results and the webhook come when detection finishes', async () => {
    const { api, mock } = await fake({ detectDelayMs: 200 });
    const res = await api.post('/detect', start);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ message: 'Success' });

    // Still running: the user is known, nothing is detected yet.
    const early = await api.post('/detected-accounts/search', { external_user_id: 'd-user', names: ['Meta'] });
    expect(early.json).toEqual([{ name: 'Meta', detected: false, detected_at: null }]);
    expect(mock.webhooks).toHaveLength(0);

    await mock.webhooksSettled();
    const [delivery] = mock.webhooks;
    expect(delivery!.event).toBe('NEW_DETECTED_ACCOUNTS_AVAILABLE');
    const event = parseWebhook(delivery!.body);
    if (event.event !== 'NEW_DETECTED_ACCOUNTS_AVAILABLE') throw new Error(event.event);
    const names = event.data!.detected_accounts!.map((m) => m.name);
    expect(names.length).toBeGreaterThanOrEqual(2);
    const later = await api.post('/detected-accounts/search', { external_user_id: 'd-user', names });
    expect(later.json.map((r: { detected: boolean }) => r.detected)).toEqual(names.map(() => true));
  });

  it('sends the has_supported_merchants variant when asked to, signed, to the webhook URL', async () => {
    receiver = await startReceiver();
    const { api, mock } = await fake({ webhookUrl: receiver.url, detectWebhookVariant: 'has_supported_merchants' });
    await api.post('/detect', start);
    await mock.webhooksSettled();

    expect(receiver.received).toHaveLength(1);
    const { body, headers } = receiver.received[0]!;
    expect(verifyWebhookSignature({ body, headers, secret: mock.secret })).toBe(true);
    expect(JSON.parse(body)).toEqual({
      event: 'NEW_DETECTED_ACCOUNTS_AVAILABLE',
      external_user_id: 'd-user',
      has_supported_merchants: true,
      timestamp: expect.any(Number),
    });
    expect(parseWebhook(body)).toMatchObject({ has_supported_merchants: true });
  });

  it('sends no webhook when a second run finds nothing new', async () => {
    const { api, mock } = await fake();
    await api.post('/detect', start);
    await mock.webhooksSettled();
    await api.post('/detect', start);
    await mock.webhooksSettled();
    expect(mock.webhooks).toHaveLength(1);
  });

  it('finds the same accounts for the same seed, user and email', async () => {
    const found = async () => {
      const { api, mock } = await fake();
      await api.post('/detect', start);
      await mock.webhooksSettled();
      const payload = mock.webhooks[0]!.payload;
      await close!();
      await mock.close();
      close = undefined;
      return payload;
    };
    const first = await found();
    const second = await found();
    expect({ ...second, timestamp: 0 }).toEqual({ ...first, timestamp: 0 });
  });

  it('refuses an unknown webhook variant and a bad delay with a RangeError', () => {
    expect(() => createMockKnot({ detectWebhookVariant: 'both' as never })).toThrow(RangeError);
    expect(() => createMockKnot({ detectDelayMs: -1 })).toThrow(RangeError);
  });
});

describe('POST /detected-accounts/search', () => {
  it.each([
    ['no names', { external_user_id: 'd-user' }, 'The names field is required.'],
    ['an empty list', { external_user_id: 'd-user', names: [] }, 'The names must be a non-empty array of company names.'],
    ['a blank name', { external_user_id: 'd-user', names: ['Meta', ' '] }, 'The names must be a non-empty array of company names.'],
    ['a string', { external_user_id: 'd-user', names: 'Meta' }, 'The names must be a non-empty array of company names.'],
    ['no user', { names: ['Meta'] }, 'The external user id field is required.'],
  ])('answers %s with 400 INVALID_FIELD', async (_name, body, message) => {
    const { api } = await fake();
    await api.post('/detect', start);
    const res = await api.post('/detected-accounts/search', body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error_code: 'INVALID_FIELD', error_message: message });
  });

  it('also finds companies Knot has no merchant for (search only), matching names case-insensitively', async () => {
    const { api, mock } = await fake();
    await api.post('/detect', start);
    await mock.webhooksSettled();
    const companies = ['META', 'tiktok', 'LinkedIn', 'Airbnb', 'Dropbox', 'Johnson & Johnson', 'Duolingo', 'Peloton'];
    const res = await api.post('/detected-accounts/search', { external_user_id: 'd-user', names: companies });
    expect(res.json.map((r: { name: string }) => r.name)).toEqual(companies);
    expect(res.json.some((r: { detected: boolean }) => r.detected)).toBe(true);
    expect(res.json.some((r: { detected: boolean }) => !r.detected)).toBe(true);
  });

  it('answers 400 USER_NOT_FOUND for a user whose detection was never started, or who was deleted', async () => {
    const { api, mock } = await fake();
    const never = await api.post('/detected-accounts/search', { external_user_id: 'd-user', names: ['Meta'] });
    expect(never.status).toBe(400);
    expect(never.json).toMatchObject({ error_type: 'USER_ERROR', error_code: 'USER_NOT_FOUND' });

    await api.post('/detect', start);
    await mock.webhooksSettled();
    expect((await api.post('/user/delete', { external_user_id: 'd-user' })).status).toBe(200);
    const deleted = await api.post('/detected-accounts/search', { external_user_id: 'd-user', names: ['Meta'] });
    expect(deleted.json).toMatchObject({ error_code: 'USER_NOT_FOUND' });
  });
});

describe('POST /detected-accounts/list', () => {
  it('pages the accounts found with next_cursor; a stored cursor later returns only new ones', async () => {
    const { api, mock } = await fake();
    await api.post('/detect', start);
    await mock.webhooksSettled();
    const event = parseWebhook(mock.webhooks[0]!.body);
    if (event.event !== 'NEW_DETECTED_ACCOUNTS_AVAILABLE') throw new Error(event.event);
    const announced = event.data!.detected_accounts!;

    const seen: { merchant: { id: number; name: string; logo: string }; detected_at: string }[] = [];
    let cursor: string | undefined;
    let last: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await api.post('/detected-accounts/list', { external_user_id: 'd-user', limit: 1, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.json.limit).toBe(1);
      seen.push(...res.json.detected_accounts);
      if (res.json.next_cursor === null) break;
      cursor = last = res.json.next_cursor;
    }
    expect(seen.map((a) => a.merchant)).toEqual(announced);
    for (const account of seen) expect(account.detected_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // Nothing new since the last cursor: an empty page that ends the list.
    const again = await api.post('/detected-accounts/list', { external_user_id: 'd-user', cursor: last });
    expect(again.json).toEqual({ detected_accounts: [], next_cursor: null, limit: 100 });
    // A new email finds more: the stored cursor returns only those.
    await api.post('/detect', { ...start, email: 'grace.hopper@example.org' });
    await mock.webhooksSettled();
    const fresh = (await api.post('/detected-accounts/list', { external_user_id: 'd-user', cursor: last })).json.detected_accounts;
    expect(mock.webhooks).toHaveLength(2); // this seed and email do find new merchants
    const second = parseWebhook(mock.webhooks[1]!.body);
    if (second.event !== 'NEW_DETECTED_ACCOUNTS_AVAILABLE') throw new Error(second.event);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.map((a: { merchant: unknown }) => a.merchant)).toEqual(second.data!.detected_accounts);
  });

  it.each([
    ['a limit of 0', { limit: 0 }, 'INVALID_FIELD'],
    ['a limit of 101', { limit: 101 }, 'INVALID_FIELD'],
    ['a limit that is a string', { limit: '5' }, 'INVALID_FIELD'],
    ['a cursor that is a number', { cursor: 5 }, 'INVALID_FIELD'],
    ['a cursor the fake never made', { cursor: 'not-a-cursor' }, 'INVALID_CURSOR_FORMAT'],
  ])('answers %s with 400 %s', async (_name, extra, code) => {
    const { api, mock } = await fake();
    await api.post('/detect', start);
    await mock.webhooksSettled();
    const res = await api.post('/detected-accounts/list', { external_user_id: 'd-user', ...extra });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error_code: code });
  });

  it('refuses another user’s cursor, and answers USER_NOT_FOUND before any detection', async () => {
    const { api, mock } = await fake();
    const never = await api.post('/detected-accounts/list', { external_user_id: 'd-user' });
    expect(never.json).toMatchObject({ error_code: 'USER_NOT_FOUND' });

    await api.post('/detect', start);
    await api.post('/detect', { external_user_id: 'other', email: 'other@example.com' });
    await mock.webhooksSettled();
    const cursor = (await api.post('/detected-accounts/list', { external_user_id: 'other', limit: 1 })).json.next_cursor;
    const res = await api.post('/detected-accounts/list', { external_user_id: 'd-user', cursor });
    expect(res.json).toMatchObject({ error_code: 'INVALID_CURSOR_FORMAT' });
  });
});
