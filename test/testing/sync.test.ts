import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncResponseSchema } from '../../src/schemas/zod/transaction.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { decodeCursor, encodeCursor } from '../../src/testing/cursor.js';
import { type Api, connect, type Transport } from './helpers.js';

const ref = { external_user_id: 'sync-user', merchant_id: 45 };

/** Runs a whole sync; returns the ids in order, the page sizes and the cursor to resume from. */
async function syncAll(api: Api, limit: number | undefined, cursor: string | null = null) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let resume = cursor;
  for (let page = 0; page < 1000; page++) {
    const res = await api.post('/transactions/sync', { ...ref, ...(limit === undefined ? {} : { limit }), ...(resume ? { cursor: resume } : {}) });
    expect(res.status).toBe(200);
    const body = SyncResponseSchema.parse(res.json);
    expect(body.merchant).toEqual({ id: 45, name: 'Walmart' });
    expect(body.limit).toBe(limit ?? 5);
    ids.push(...body.transactions.map((t) => t.id));
    sizes.push(body.transactions.length);
    if (body.transactions.length > 0) expect(body.next_cursor).not.toBeNull();
    else expect(body.next_cursor).toBeNull();
    if (body.next_cursor === null) return { ids, sizes, resume };
    resume = body.next_cursor;
  }
  throw new Error('sync did not end');
}

describe.each<Transport>(['server', 'dispatcher'])('transactions/sync over %s', (transport) => {
  let mock: MockKnot;
  let api: Api;
  let close: () => Promise<void>;

  beforeEach(async () => {
    mock = createMockKnot({ seed: 21 });
    ({ api, close } = await connect(mock, transport));
    await mock.linkAccount({ ...ref, transactions: { new: true } });
  });
  afterEach(async () => {
    await close();
    await mock.close();
  });

  it.each([1, 7, 100])('limit %i delivers each of the 205 transactions exactly once, in order, ending with an empty page', async (limit) => {
    const expected = mock.transactionsOf(ref).map((t) => t.id);
    const { ids, sizes } = await syncAll(api, limit);
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(205);
    expect(sizes.at(-1)).toBe(0);
    expect(sizes.slice(0, -1).every((n, i, all) => n === limit || i === all.length - 1)).toBe(true);
    expect(sizes).toHaveLength(Math.ceil(205 / limit) + 1);
  });

  it('uses Knot’s default page size of 5 when limit is not sent', async () => {
    const { sizes } = await syncAll(api, undefined);
    expect(sizes[0]).toBe(5);
    expect(sizes).toHaveLength(42);
  });

  it('resumes from the final cursor with only the transactions added since', async () => {
    const first = await syncAll(api, 100);
    expect(first.resume).not.toBeNull();
    expect((await syncAll(api, 100, first.resume)).ids).toEqual([]);

    mock.addTransactions({ ...ref, count: 12 });
    const all = mock.transactionsOf(ref);
    const second = await syncAll(api, 5, first.resume);
    expect(second.ids).toEqual(all.slice(205).map((t) => t.id));
    expect(second.sizes).toEqual([5, 5, 2, 0]);

    // A cursor saved mid-way resumes mid-way.
    const page = await api.post('/transactions/sync', { ...ref, limit: 3 });
    const rest = await syncAll(api, 100, page.json.next_cursor);
    expect(rest.ids).toEqual(all.slice(3).map((t) => t.id));
  });

  it('rejects cursors that are malformed, of another account or beyond the end with 400 INVALID_CURSOR_FORMAT', async () => {
    await mock.linkAccount({ external_user_id: 'other', merchant_id: 45, transactions: { new: true } });
    const other = await api.post('/transactions/sync', { external_user_id: 'other', merchant_id: 45, limit: 1 });
    const own = decodeCursor(other.json.next_cursor)!;
    expect(own.sequence).toBe(1);
    const bad = [
      'not a cursor',
      'eyJpZCI6MjI3ODEsIl9wb2ludHNUb05leHRJdGVtcyI6dHJ1ZX0',
      Buffer.from('{"t":"zz","s":1}').toString('base64url'),
      other.json.next_cursor,
      encodeCursor({ tag: own.tag, sequence: 1 }).slice(0, -2),
    ];
    for (const cursor of bad) {
      const res = await api.post('/transactions/sync', { ...ref, cursor });
      expect([res.status, res.json], cursor).toEqual([
        400,
        { error_type: 'INVALID_REQUEST', error_code: 'INVALID_CURSOR_FORMAT', error_message: 'The cursor format is invalid.' },
      ]);
    }
    const first = await api.post('/transactions/sync', { ...ref, limit: 1 });
    const tag = decodeCursor(first.json.next_cursor)!.tag;
    const beyond = await api.post('/transactions/sync', { ...ref, cursor: encodeCursor({ tag, sequence: 206 }) });
    expect(beyond.json.error_code).toBe('INVALID_CURSOR_FORMAT');
    // A null cursor means "from the beginning".
    expect((await api.post('/transactions/sync', { ...ref, cursor: null, limit: 2 })).json.transactions).toHaveLength(2);
  });

  it('validates params and names unknown users and accounts', async () => {
    const field = { error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD', error_message: expect.any(String) };
    for (const body of [
      { ...ref, limit: 0 },
      { ...ref, limit: 101 },
      { ...ref, limit: 2.5 },
      { ...ref, limit: 'ten' },
      { ...ref, cursor: 5 },
      { merchant_id: 45 },
      { external_user_id: 'sync-user' },
    ]) {
      const res = await api.post('/transactions/sync', body);
      expect([res.status, res.json], JSON.stringify(body)).toEqual([400, field]);
    }
    expect((await api.post('/transactions/sync', { merchant_id: 45 })).json.error_message).toBe('The external_user_id field is required.');
    expect((await api.post('/transactions/sync', { ...ref, external_user_id: 'ghost' })).json.error_code).toBe('USER_NOT_FOUND');
    expect((await api.post('/transactions/sync', { ...ref, merchant_id: 19 })).json.error_code).toBe('MERCHANT_ACCOUNT_NOT_FOUND');
    expect((await api.post('/transactions/sync', { ...ref, limit: 100 })).status).toBe(200);
  });
});

it('pages through a million-transaction account without materialising it', async () => {
  const mock = createMockKnot({ seed: 3, transactionsPerLink: 0 });
  await mock.linkAccount({ ...ref, transactions: { new: true } });
  mock.addTransactions({ ...ref, count: 1_000_000, notify: false });
  const { api } = await connect(mock, 'dispatcher');
  const first = await api.post('/transactions/sync', { ...ref, limit: 100 });
  expect(first.json.transactions).toHaveLength(100);
  const late = await api.post('/transactions/sync', { ...ref, limit: 100, cursor: encodeCursor({ tag: decodeCursor(first.json.next_cursor)!.tag, sequence: 999_950 }) });
  expect(late.json.transactions).toHaveLength(50);
  const lastId = late.json.transactions.at(-1).id;
  expect((await api.get(`/transactions/${lastId}`)).json.id).toBe(lastId);
});
