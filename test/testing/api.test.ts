import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MerchantAccountListSchema, MerchantAccountSchema } from '../../src/schemas/zod/account.js';
import { MerchantListSchema } from '../../src/schemas/zod/merchant.js';
import { MessageResponseSchema, SessionResponseSchema } from '../../src/schemas/zod/responses.js';
import { TransactionSchema } from '../../src/schemas/zod/transaction.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { type Api, basic, connect, fakeClock, type Transport } from './helpers.js';

const USER = 'user-api';
const ref = { external_user_id: USER, merchant_id: 19 };
const knotError = (type: string, code: string) => ({ error_type: type, error_code: code, error_message: expect.any(String) });

describe.each<Transport>(['server', 'dispatcher'])('fake Knot API over %s', (transport) => {
  let mock: MockKnot;
  let api: Api;
  let close: () => Promise<void>;
  const clock = fakeClock();

  beforeEach(async () => {
    mock = createMockKnot({ now: clock.now, seed: 4 });
    ({ api, close } = await connect(mock, transport));
  });
  afterEach(async () => {
    await close();
    await mock.close();
  });

  it('rejects missing or wrong Basic auth on every endpoint with 401 INVALID_API_KEYS', async () => {
    const calls: Array<['GET' | 'POST', string]> = [
      ['POST', '/session/create'],
      ['POST', '/session/extend'],
      ['POST', '/merchant/list'],
      ['GET', `/accounts/get?external_user_id=${USER}`],
      ['POST', '/accounts/unlink'],
      ['POST', '/transactions/sync'],
      ['GET', '/transactions/abc'],
      ['POST', '/transactions/refresh'],
      ['POST', '/development/accounts/link'],
      ['POST', '/development/accounts/disconnect'],
    ];
    for (const [method, path] of calls) {
      for (const auth of [null, basic(mock.clientId, 'wrong'), basic('other', mock.secret), 'Bearer x']) {
        const res = await api.call(method, path, method === 'POST' ? {} : undefined, { auth });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.json).toEqual({
          error_type: 'INVALID_INPUT',
          error_code: 'INVALID_API_KEYS',
          error_message: 'Invalid client_id or secret provided.',
        });
      }
    }
    expect(mock.requests.every((r) => r.headers.authorization === undefined || r.headers.authorization === '[redacted]')).toBe(true);
    expect(JSON.stringify(mock.requests)).not.toContain(Buffer.from(`${mock.clientId}:wrong`).toString('base64'));
  });

  it('creates and extends sessions, with Knot-like validation errors', async () => {
    const created = await api.post('/session/create', { type: 'transaction_link', external_user_id: USER });
    expect(created.status).toBe(200);
    const { session } = SessionResponseSchema.parse(created.json);
    expect(session).toMatch(/^[0-9a-f-]{36}$/);
    const extended = await api.post('/session/extend', { session_id: session });
    expect(extended.json).toEqual({ session });

    const cases: Array<[unknown, number, string, string]> = [
      [{ external_user_id: USER }, 400, 'INVALID_REQUEST', 'INVALID_FIELD'],
      [{ type: 'transactions_link', external_user_id: USER }, 400, 'INVALID_INPUT', 'PRODUCT_NOT_VALID'],
      [{ type: 'transaction_link' }, 400, 'INVALID_REQUEST', 'INVALID_FIELD'],
      [{ type: 'card_switcher', external_user_id: USER }, 400, 'INVALID_REQUEST', 'INVALID_FIELD'],
      [{ type: 'transaction_link', external_user_id: USER, phone_number: '555' }, 400, 'INVALID_REQUEST', 'INVALID_FIELD'],
      [{ type: 'transaction_link', external_user_id: USER, email: 'nope' }, 400, 'INVALID_REQUEST', 'INVALID_FIELD'],
      [{ type: 'transaction_link', external_user_id: USER, card: { blocked: 'yes' } }, 400, 'INVALID_REQUEST', 'INVALID_FIELD'],
    ];
    for (const [body, status, type, code] of cases) {
      const res = await api.post('/session/create', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.json).toEqual(knotError(type, code));
    }
    expect((await api.post('/session/create', { external_user_id: USER })).json.error_message).toBe('The type field is required.');
    const unknown = await api.post('/session/extend', { session_id: 'nope' });
    expect([unknown.status, unknown.json]).toEqual([400, knotError('SESSION_ERROR', 'SESSION_NOT_FOUND')]);
    clock.advance(31 * 60_000);
    expect((await api.post('/session/extend', { session_id: session })).json.error_code).toBe('SESSION_NOT_FOUND');
  });

  it('lists merchants (POST body, GET query), with min_sdk_version only when platform is sent, and search', async () => {
    const all = await api.post('/merchant/list', { type: 'transaction_link' });
    expect(all.status).toBe(200);
    const merchants = MerchantListSchema.parse(all.json);
    const byId = new Map(merchants.map((m) => [m.id, m]));
    for (const [id, name] of [[19, 'DoorDash'], [45, 'Walmart'], [44, 'Amazon'], [36, 'Uber Eats'], [40, 'Instacart'], [12, 'Target']] as const) {
      expect(byId.get(id)).toMatchObject({ name, category: expect.any(String), logo: expect.stringMatching(/^https:\/\//) });
    }
    expect(merchants.every((m) => !('min_sdk_version' in m))).toBe(true);
    const ios = await api.post('/merchant/list', { type: 'transaction_link', platform: 'ios', search: 'wal' });
    expect(ios.json).toEqual([expect.objectContaining({ id: 45, name: 'Walmart', min_sdk_version: '1.0.0' })]);
    const viaGet = await api.get('/merchant/list?type=transaction_link&search=door');
    expect(viaGet.json.map((m: { id: number }) => m.id)).toEqual([19]);
    expect((await api.post('/merchant/list', { type: 'nope' })).json).toEqual(knotError('INVALID_REQUEST', 'INVALID_FIELD'));
    expect((await api.post('/merchant/list', {})).status).toBe(400);
    expect((await api.post('/merchant/list', { type: 'transaction_link', platform: 'tv' })).status).toBe(400);
  });

  it('links, lists, gets, disconnects, reconnects and unlinks accounts', async () => {
    expect((await api.get(`/accounts/get?external_user_id=${USER}`)).json).toEqual(knotError('USER_ERROR', 'USER_NOT_FOUND'));
    const linked = await api.post('/development/accounts/link', { ...ref, transactions: { new: true } });
    expect([linked.status, linked.json]).toEqual([200, { message: 'Success' }]);
    await api.post('/development/accounts/link', { external_user_id: USER, merchant_id: 45 });

    const list = await api.get(`/accounts/get?external_user_id=${USER}`);
    const accounts = MerchantAccountListSchema.parse(list.json);
    expect(accounts.map((a) => [a.merchant.id, a.connection.status])).toEqual([
      [19, 'connected'],
      [45, 'connected'],
    ]);
    const one = await api.get(`/accounts/get?external_user_id=${USER}&merchant_id=19&type=transaction_link`);
    expect(Array.isArray(one.json)).toBe(false);
    expect(MerchantAccountSchema.parse(one.json).merchant).toMatchObject({ id: 19, name: 'DoorDash' });
    expect((await api.get(`/accounts/get?external_user_id=${USER}&merchant_id=12`)).json).toEqual(
      knotError('MERCHANT_ACCOUNT_ERROR', 'MERCHANT_ACCOUNT_NOT_FOUND'),
    );
    expect((await api.get(`/accounts/get?external_user_id=${USER}&merchant_id=abc`)).json.error_code).toBe('INVALID_FIELD');
    expect((await api.get('/accounts/get')).json.error_message).toBe('The external_user_id field is required.');

    expect((await api.post('/development/accounts/disconnect', ref)).json).toEqual({ message: 'Success' });
    const after = await api.get(`/accounts/get?external_user_id=${USER}&merchant_id=19`);
    expect(after.json.connection).toEqual({ status: 'disconnected', scopes: [] });
    expect((await api.post('/transactions/sync', ref)).json).toEqual(knotError('MERCHANT_ACCOUNT_ERROR', 'MERCHANT_ACCOUNT_DISCONNECTED'));
    await api.post('/development/accounts/link', ref);
    expect((await api.get(`/accounts/get?external_user_id=${USER}&merchant_id=19`)).json.connection.status).toBe('connected');

    const unlinked = await api.post('/accounts/unlink', ref);
    expect(MessageResponseSchema.parse(unlinked.json)).toEqual({ message: 'Success' });
    expect((await api.get(`/accounts/get?external_user_id=${USER}`)).json.map((a: { merchant: { id: number } }) => a.merchant.id)).toEqual([45]);
    expect((await api.post('/accounts/unlink', ref)).json.error_code).toBe('MERCHANT_ACCOUNT_NOT_FOUND');
    expect((await api.post('/accounts/unlink', { ...ref, external_user_id: 'ghost' })).json.error_code).toBe('USER_NOT_FOUND');
    expect((await api.post('/development/accounts/disconnect', { ...ref, merchant_id: 12 })).json.error_code).toBe(
      'MERCHANT_ACCOUNT_NOT_FOUND',
    );
  });

  it('validates development link params like Knot', async () => {
    const bad: unknown[] = [
      { merchant_id: 19 },
      { external_user_id: USER },
      { external_user_id: USER, merchant_id: 'x' },
      { external_user_id: USER, merchant_id: 1.5 },
      { external_user_id: USER, merchant_id: 19, transactions: { updated: true } },
      { external_user_id: USER, merchant_id: 19, transactions: { new: false, updated: true } },
      { external_user_id: USER, merchant_id: 19, transactions: { new: 'yes' } },
      { external_user_id: USER, merchant_id: 19, card_switcher: true },
      { external_user_id: USER, merchant_id: 19, card_switcher: true, card_id: 'c', transactions: { new: true } },
    ];
    for (const body of bad) {
      const res = await api.post('/development/accounts/link', body);
      expect([res.status, res.json], JSON.stringify(body)).toEqual([400, knotError('INVALID_REQUEST', 'INVALID_FIELD')]);
    }
    expect((await api.post('/development/accounts/link', { merchant_id: 19 })).json.error_message).toBe(
      'The external_user_id field is required.',
    );
    const unknownMerchant = await api.post('/development/accounts/link', { external_user_id: USER, merchant_id: 999_999 });
    expect(unknownMerchant.json).toEqual(knotError('MERCHANT_ERROR', 'MERCHANT_UNAVAILABLE'));
    const notJson = await api.call('POST', '/development/accounts/link', '{"external_user_id":');
    expect([notJson.status, notJson.json.error_code]).toEqual([400, 'INVALID_FIELD']);
    const array = await api.call('POST', '/development/accounts/link', '[1]');
    expect([array.status, array.json.error_code]).toEqual([400, 'INVALID_FIELD']);
    expect(mock.webhooks).toHaveLength(0);
  });

  it('gets transactions by id (current version), 400 TRANSACTION_NOT_FOUND otherwise; updates are not re-delivered by sync', async () => {
    await api.post('/development/accounts/link', { ...ref, transactions: { new: true, updated: true } });
    const updatedEvent = mock.webhooks.find((w) => w.event === 'UPDATED_TRANSACTIONS_AVAILABLE')!;
    const updatedIds = (updatedEvent.payload.updated as Array<{ id: string }>).map((u) => u.id);
    expect(updatedIds).toHaveLength(3);

    const all = mock.transactionsOf(ref);
    expect(all).toHaveLength(205);
    for (const id of updatedIds) {
      const res = await api.get(`/transactions/${encodeURIComponent(id)}`);
      expect(res.status).toBe(200);
      const txn = TransactionSchema.parse(res.json);
      expect(txn.id).toBe(id);
      expect(txn.price.adjustments?.at(-1)).toMatchObject({ type: 'DISCOUNT', label: 'Price adjustment' });
      expect(all.find((t) => t.id === id)).toEqual(res.json);
    }
    const plain = all.find((t) => !updatedIds.includes(t.id))!;
    expect((await api.get(`/transactions/${plain.id}`)).json).toEqual(plain);

    // A full sync delivers each transaction once, updated ones in place, never again at the end.
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res = await api.post('/transactions/sync', { ...ref, limit: 100, ...(cursor ? { cursor } : {}) });
      ids.push(...res.json.transactions.map((t: { id: string }) => t.id));
      if (res.json.next_cursor === null) break;
      cursor = res.json.next_cursor;
    }
    expect(ids).toEqual(all.map((t) => t.id));
    mock.updateTransactions({ ...ref, count: 2 });
    const again = await api.post('/transactions/sync', { ...ref, limit: 100, cursor });
    expect(again.json.transactions).toEqual([]);

    for (const id of ['nope', '00000000-0000-4000-8000-000000000000', plain.id.replace(/^./, plain.id[0] === 'a' ? 'b' : 'a')]) {
      const res = await api.get(`/transactions/${id}`);
      expect([res.status, res.json]).toEqual([400, knotError('TRANSACTION_ERROR', 'TRANSACTION_NOT_FOUND')]);
    }
  });

  it('answers 404 for unknown routes and records requests with the injectable clock', async () => {
    const res = await api.get('/nope');
    expect(res.status).toBe(404);
    await api.post('/merchant/list', { type: 'transaction_link' });
    const last = mock.requests.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', path: '/merchant/list', body: { type: 'transaction_link' }, at: clock.now(), status: 200 });
    expect(last.headers.authorization).toBe('[redacted]');
    expect(last.headers['knot-version']).toBe('2.0');
  });
});
