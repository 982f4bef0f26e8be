/**
 * The fake's Subscription Manager on the wire (raw HTTP, no SDK): where subscriptions come from,
 * the paged list, get by id in Knot's two date formats, cancel and its webhooks, the documented
 * errors, determinism per seed. Every webhook it sends must parse with parseWebhook.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encryptCardPayload } from '../../src/cards/jwe.js';
import { parseWebhook } from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { type Api, connect } from './helpers.js';

let mock: MockKnot | undefined;
let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  await mock?.close();
  mock = undefined;
  close = undefined;
});

async function fake(seed = 5): Promise<{ mock: MockKnot; api: Api }> {
  mock = createMockKnot({ seed });
  const connection = await connect(mock, 'server');
  close = connection.close;
  return { mock, api: connection.api };
}

const USER = 'sub-user';
const netflix = { external_user_id: USER, merchant_id: 16 };

/** Every webhook of `event` sent so far, parsed. */
async function events(m: MockKnot, event: string) {
  await m.webhooksSettled();
  return m.webhooks.filter((w) => w.event === event).map((w) => parseWebhook(w.body));
}

/** Every subscription of the user, page after page of `limit`, with the cursors seen. */
async function listAll(api: Api, limit: number) {
  const items: Record<string, any>[] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res = await api.post('/subscriptions/list', { external_user_id: USER, limit, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    expect(res.json.limit).toBe(limit);
    items.push(...res.json.subscriptions);
    cursor = res.json.next_cursor;
    cursors.push(cursor);
    if (cursor === null) break;
  }
  return { items, cursors };
}

describe('where subscriptions come from', () => {
  it('a card-switcher link at a subscription merchant creates them and sends NEW_SUBSCRIPTIONS_AVAILABLE', async () => {
    const { mock, api } = await fake();
    await mock.linkAccount({ ...netflix, card_switcher: true, card_id: 'card-1' });
    const [event] = await events(mock, 'NEW_SUBSCRIPTIONS_AVAILABLE');
    expect(event?.event).toBe('NEW_SUBSCRIPTIONS_AVAILABLE');
    if (event?.event !== 'NEW_SUBSCRIPTIONS_AVAILABLE') return;
    expect(event.merchant).toEqual({ id: 16, name: 'Netflix' });
    const ids = event.data.subscriptions!.map((s) => s.id);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    const res = await api.post('/subscriptions/list', { external_user_id: USER });
    expect(res.json.subscriptions.map((s: { id: string }) => s.id)).toEqual(ids);
    expect(res.json.next_cursor).toBeNull();
  });

  it("a card switch at that merchant names the user's subscriptions in CARD_UPDATED (§11.4.5); one elsewhere names none", async () => {
    const { mock, api } = await fake();
    await mock.linkAccount({ ...netflix, card_switcher: true, card_id: 'card-1' });
    const ids = (await api.post('/subscriptions/list', { external_user_id: USER })).json.subscriptions.map((s: { id: string }) => s.id);
    await mock.linkAccount({ external_user_id: USER, merchant_id: 19, card_switcher: true, card_id: 'card-2' });
    const key = (await api.get('/jwe/key')).json;
    const jwe = await encryptCardPayload(
      {
        user: {
          name: { first_name: 'Ada', last_name: 'Lovelace' },
          address: { street: '100 Main Street', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
          phone_number: '+11234567890',
        },
        card: { number: '4111111111111111', expiration: '08/2030', cvv: '012' },
      },
      key,
    );
    for (const merchant_id of [16, 19]) {
      const res = await api.post('/card', { external_user_id: USER, merchant_id, jwe });
      expect(res.status).toBe(200);
    }
    const updated = await events(mock, 'CARD_UPDATED');
    const data = updated.map((e) => (e.event === 'CARD_UPDATED' ? [e.merchant.id, e.data.subscriptions?.map((s) => s.id)] : e.event));
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(data).toEqual([
      [16, ids],
      [19, undefined],
    ]);
  });

  it('a TransactionLink link creates none, nor does a merchant without subscription_manager', async () => {
    const { mock, api } = await fake();
    await mock.linkAccount(netflix);
    await mock.linkAccount({ external_user_id: USER, merchant_id: 19, card_switcher: true, card_id: 'card-1' });
    expect(await events(mock, 'NEW_SUBSCRIPTIONS_AVAILABLE')).toEqual([]);
    const res = await api.post('/subscriptions/list', { external_user_id: USER });
    expect(res.json).toEqual({ subscriptions: [], next_cursor: null, limit: 100 });
  });

  it('mock.addSubscriptions adds them to any linked account, and refuses an unlinked one', async () => {
    const { mock } = await fake();
    await mock.linkAccount({ external_user_id: USER, merchant_id: 19 });
    const ids = mock.addSubscriptions({ external_user_id: USER, merchant_id: 19, count: 3 });
    expect(new Set(ids).size).toBe(3);
    const [event] = await events(mock, 'NEW_SUBSCRIPTIONS_AVAILABLE');
    expect(event).toMatchObject({ data: { subscriptions: ids.map((id) => ({ id })) } });
    expect(() => mock.addSubscriptions({ external_user_id: USER, merchant_id: 16, count: 1 })).toThrow(/MERCHANT_ACCOUNT_NOT_FOUND/);
    expect(() => mock.addSubscriptions({ external_user_id: USER, merchant_id: 19, count: -1 })).toThrow(RangeError);
  });

  it('is the same for the same seed, user and merchant', async () => {
    const run = async (seed: number) => {
      const { mock, api } = await fake(seed);
      await mock.linkAccount({ ...netflix, card_switcher: true, card_id: 'c' });
      mock.addSubscriptions({ ...netflix, count: 4 });
      const body = (await api.post('/subscriptions/list', { external_user_id: USER })).json;
      await close?.();
      await mock.close();
      return body;
    };
    const first = await run(9);
    expect(await run(9)).toEqual(first);
    expect(await run(10)).not.toEqual(first);
  });
});

describe('POST /subscriptions/list', () => {
  it('pages with next_cursor until null; every item once, in order', async () => {
    const { mock, api } = await fake();
    await mock.linkAccount(netflix);
    const ids = mock.addSubscriptions({ ...netflix, count: 7 });
    const { items, cursors } = await listAll(api, 3);
    expect(items.map((s) => s.id)).toEqual(ids);
    expect(cursors.map((c) => c === null)).toEqual([false, false, true]);
  });

  it('shows list items as Knot does: bare dates, the merchant with category and logo', async () => {
    const { mock, api } = await fake();
    await mock.linkAccount(netflix);
    mock.addSubscriptions({ ...netflix, count: 1 });
    const [sub] = (await api.post('/subscriptions/list', { external_user_id: USER })).json.subscriptions;
    expect(sub.start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sub.next_billing_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sub.merchant).toEqual({ id: 16, name: 'Netflix', category: 'Streaming', logo: expect.stringMatching(/^https:/) });
    expect(sub).toMatchObject({ status: 'ACTIVE', is_cancellable: true, price: { total: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'USD' } });
  });

  it.each([
    ['no user', {}, 'INVALID_FIELD', 'The external user id field is required.'],
    ['a limit of 0', { external_user_id: USER, limit: 0 }, 'INVALID_FIELD', 'The limit must be an integer between 1 and 100.'],
    ['a limit of 101', { external_user_id: USER, limit: 101 }, 'INVALID_FIELD', 'The limit must be an integer between 1 and 100.'],
    ['a cursor that is not a string', { external_user_id: USER, cursor: 5 }, 'INVALID_FIELD', 'The cursor must be a string.'],
    ['a cursor that is not one of ours', { external_user_id: USER, cursor: 'nope' }, 'INVALID_CURSOR_FORMAT', 'The cursor format is invalid.'],
  ])('answers %s with 400 %s', async (_name, body, code, message) => {
    const { api } = await fake();
    const res = await api.post('/subscriptions/list', body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error_code: code, error_message: message });
  });

  it("refuses another user's cursor", async () => {
    const { mock, api } = await fake();
    await mock.linkAccount(netflix);
    mock.addSubscriptions({ ...netflix, count: 3 });
    const { next_cursor } = (await api.post('/subscriptions/list', { external_user_id: USER, limit: 1 })).json;
    const res = await api.post('/subscriptions/list', { external_user_id: 'someone-else', cursor: next_cursor });
    expect(res.json).toMatchObject({ error_code: 'INVALID_CURSOR_FORMAT' });
  });
});

describe('GET /subscriptions/:id', () => {
  it('answers the subscription as get-by-id shows it: timestamps, the merchant as { id, name }', async () => {
    const { mock, api } = await fake();
    await mock.linkAccount(netflix);
    const [id] = mock.addSubscriptions({ ...netflix, count: 1 });
    const listed = (await api.post('/subscriptions/list', { external_user_id: USER })).json.subscriptions[0];
    const res = await api.get(`/subscriptions/${id}`);
    expect(res.status).toBe(200);
    expect(res.json.merchant).toEqual({ id: 16, name: 'Netflix' });
    expect(res.json.start_date).toBe(`${listed.start_date}T00:00:00+00:00`);
    expect(res.json).toMatchObject({ id, name: listed.name, status: listed.status, price: listed.price });
  });

  it('answers an unknown id with 400 SUBSCRIPTION_NOT_FOUND', async () => {
    const { api } = await fake();
    const res = await api.get('/subscriptions/unknown-id');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error_type: 'SUBSCRIPTION_ERROR', error_code: 'SUBSCRIPTION_NOT_FOUND' });
  });
});

describe('POST /subscriptions/:id/cancel', () => {
  async function oneSubscription() {
    const { mock, api } = await fake();
    await mock.linkAccount(netflix);
    const [id] = mock.addSubscriptions({ ...netflix, count: 1 });
    return { mock, api, id: id! };
  }

  it('answers 202, then CANCELLATION_SUCCEEDED and UPDATED_SUBSCRIPTIONS_AVAILABLE; the subscription ends at its next billing date', async () => {
    const { mock, api, id } = await oneSubscription();
    const before = (await api.get(`/subscriptions/${id}`)).json;
    const res = await api.post(`/subscriptions/${id}/cancel`, { external_user_id: USER, merchant_id: 16 });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ message: 'Success' });

    const [succeeded] = await events(mock, 'CANCELLATION_SUCCEEDED');
    expect(succeeded).toMatchObject({ external_user_id: USER, merchant: { id: 16 }, data: { subscription_id: id } });
    expect(succeeded).toHaveProperty('session_id');
    const [updated] = await events(mock, 'UPDATED_SUBSCRIPTIONS_AVAILABLE');
    expect(updated).toMatchObject({ data: { subscriptions: [{ id }] } });
    const names = mock.webhooks.map((w) => w.event);
    expect(names.indexOf('CANCELLATION_SUCCEEDED')).toBeLessThan(names.indexOf('UPDATED_SUBSCRIPTIONS_AVAILABLE'));

    const after = (await api.get(`/subscriptions/${id}`)).json;
    expect(after).toMatchObject({ status: 'ACTIVE_CANCELLATION', next_billing_date: null, expiration_date: before.next_billing_date, is_cancellable: false });
  });

  it('takes no body too', async () => {
    const { api, id } = await oneSubscription();
    expect((await api.post(`/subscriptions/${id}/cancel`)).status).toBe(202);
  });

  it("with setCancellationOutcome('failed'): CANCELLATION_FAILED with a reason, nothing changes", async () => {
    const { mock, api, id } = await oneSubscription();
    mock.setCancellationOutcome('failed');
    expect((await api.post(`/subscriptions/${id}/cancel`)).status).toBe(202);
    const [failed] = await events(mock, 'CANCELLATION_FAILED');
    expect(failed).toMatchObject({ external_user_id: USER, data: { subscription_id: id, reason: expect.any(String) } });
    expect(await events(mock, 'CANCELLATION_SUCCEEDED')).toEqual([]);
    expect((await api.get(`/subscriptions/${id}`)).json).toMatchObject({ status: 'ACTIVE', is_cancellable: true });
    expect(() => mock.setCancellationOutcome('maybe' as 'failed')).toThrow(RangeError);
  });

  it('a second cancel fails: the subscription is no longer cancellable', async () => {
    const { mock, api, id } = await oneSubscription();
    await api.post(`/subscriptions/${id}/cancel`);
    await mock.webhooksSettled();
    await api.post(`/subscriptions/${id}/cancel`);
    expect(await events(mock, 'CANCELLATION_FAILED')).toHaveLength(1);
  });

  it.each([
    ['an unknown id', 'SUBSCRIPTION_NOT_FOUND', 'unknown', {}],
    ['another user', 'SUBSCRIPTION_NOT_FOUND', undefined, { external_user_id: 'someone-else' }],
    ['another merchant', 'SUBSCRIPTION_NOT_FOUND', undefined, { merchant_id: 13 }],
    ['a merchant_id that is not an integer', 'INVALID_FIELD', undefined, { merchant_id: 'x' }],
    ['a user that is not a string', 'INVALID_FIELD', undefined, { external_user_id: 7 }],
  ])('answers %s with 400 %s and sends no webhook', async (_name, code, given, body) => {
    const { mock, api, id } = await oneSubscription();
    const res = await api.post(`/subscriptions/${given ?? id}/cancel`, body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error_code: code });
    await mock.webhooksSettled();
    expect(mock.webhooks.some((w) => w.event.startsWith('CANCELLATION_'))).toBe(false);
  });
});

describe('access and users', () => {
  it('answers 403 NO_ACCESS on every route when Subscription Manager is off, and linking then creates none', async () => {
    const { mock, api } = await fake();
    mock.setProductAccess('subscription_manager', false);
    for (const res of [
      await api.post('/subscriptions/list', { external_user_id: USER }),
      await api.get('/subscriptions/any'),
      await api.post('/subscriptions/any/cancel'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error_code: 'NO_ACCESS' });
    }
    await mock.linkAccount({ ...netflix, card_switcher: true, card_id: 'c' });
    mock.setProductAccess('subscription_manager', true);
    expect((await api.post('/subscriptions/list', { external_user_id: USER })).json.subscriptions).toEqual([]);
  });

  it('/user/delete forgets the user’s subscriptions', async () => {
    const { mock, api } = await fake();
    await mock.linkAccount(netflix);
    const [id] = mock.addSubscriptions({ ...netflix, count: 2 });
    expect((await api.post('/user/delete', { external_user_id: USER })).status).toBe(200);
    expect((await api.get(`/subscriptions/${id}`)).json).toMatchObject({ error_code: 'SUBSCRIPTION_NOT_FOUND' });
    expect((await api.post('/subscriptions/list', { external_user_id: USER })).json.subscriptions).toEqual([]);
  });
});
