/**
 * knot.subscriptions.list / get / cancel against the fake Knot API over a real 127.0.0.1 server:
 * what goes on the wire, what comes back, the list's walk over pages, and every documented error as
 * its typed error class.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KnotAuthenticationError,
  KnotBadRequestError,
  KnotClient,
  KnotPagePromise,
  KnotPermissionDeniedError,
  KnotValidationError,
  type Subscription,
} from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';

let mock: MockKnot;
let url: string;
let knot: KnotClient;

beforeEach(async () => {
  mock = createMockKnot({ seed: 21 });
  ({ url } = await mock.listen());
  knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, maxRetries: 0 });
});

afterEach(async () => {
  await knot.close();
  await mock.close();
});

const USER = 'subs-user';
const netflix = { external_user_id: USER, merchant_id: 16 };

async function withSubscriptions(count: number): Promise<string[]> {
  await mock.linkAccount(netflix);
  return mock.addSubscriptions({ ...netflix, count });
}

const requestsTo = (path: string) => mock.requests.filter((r) => r.path === path);

describe('knot.subscriptions.list', () => {
  it('awaits to the first page as Knot sent it; POST /subscriptions/list with the user and the default limit', async () => {
    const ids = await withSubscriptions(2);
    // A null cursor means "from the start", and is left out of the body like an absent one.
    const list = knot.subscriptions.list({ external_user_id: USER, cursor: null });
    expect(list).toBeInstanceOf(KnotPagePromise);
    const { data: page, response } = await list.withResponse();
    expect(response.status).toBe(200);
    expect(page.subscriptions.map((s) => s.id)).toEqual(ids);
    expect(page).toMatchObject({ next_cursor: null, limit: 100 });
    // limit always sent (Knot documents no default), 100 when not given
    expect(requestsTo('/subscriptions/list').map((r) => [r.method, r.body])).toEqual([['POST', { external_user_id: USER, limit: 100 }]]);
  });

  it('for await hands over every subscription of every page; limit and cursor are sent as given', async () => {
    const ids = await withSubscriptions(7);
    const seen: Subscription[] = [];
    for await (const sub of knot.subscriptions.list({ external_user_id: USER, limit: 3 })) seen.push(sub);
    expect(seen.map((s) => s.id)).toEqual(ids);
    const bodies = requestsTo('/subscriptions/list').map((r) => r.body as Record<string, unknown>);
    expect(bodies).toHaveLength(3);
    expect(bodies[0]).toEqual({ external_user_id: USER, limit: 3 });
    expect(bodies[1]).toEqual({ external_user_id: USER, limit: 3, cursor: expect.any(String) });
  });

  it('pages() hands over whole pages; a stored cursor resumes there', async () => {
    const ids = await withSubscriptions(5);
    const pages = [];
    for await (const page of knot.subscriptions.list({ external_user_id: USER, limit: 2 }).pages()) pages.push(page);
    expect(pages.map((p) => p.subscriptions.length)).toEqual([2, 2, 1]);
    const resumed = [];
    for await (const sub of knot.subscriptions.list({ external_user_id: USER, limit: 2, cursor: pages[0]!.next_cursor })) resumed.push(sub.id);
    expect(resumed).toEqual(ids.slice(2));
  });

  it('break sends nothing more', async () => {
    await withSubscriptions(5);
    for await (const _ of knot.subscriptions.list({ external_user_id: USER, limit: 2 })) break;
    expect(requestsTo('/subscriptions/list')).toHaveLength(1);
  });

  it.each([
    ['no user', {}],
    ['a limit of 0', { external_user_id: USER, limit: 0 }],
    ['a blank cursor', { external_user_id: USER, cursor: '' }],
    ['a misspelt field', { external_user_id: USER, merchantId: 16 }],
  ])('refuses %s with KnotValidationError and sends nothing', async (_name, params) => {
    await expect(knot.subscriptions.list(params as never)).rejects.toBeInstanceOf(KnotValidationError);
    expect(mock.requests).toHaveLength(0);
  });

  it('a cursor Knot does not know is KnotBadRequestError INVALID_CURSOR_FORMAT', async () => {
    const error = await knot.subscriptions.list({ external_user_id: USER, cursor: 'not-a-cursor' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect((error as KnotBadRequestError).errorCode).toBe('INVALID_CURSOR_FORMAT');
  });
});

describe('knot.subscriptions.get', () => {
  it('GET /subscriptions/{id}; the Subscription with Knot’s date-time strings kept as sent', async () => {
    const [id] = await withSubscriptions(1);
    const sub = await knot.subscriptions.get(id!);
    expect(sub).toMatchObject({ id, merchant: { id: 16, name: 'Netflix' }, status: 'ACTIVE', is_cancellable: true });
    expect(sub.start_date).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+00:00$/);
    expect(mock.requests.at(-1)).toMatchObject({ method: 'GET', path: `/subscriptions/${id}`, status: 200 });
  });

  it('percent-encodes the id as one path segment', async () => {
    const error = await knot.subscriptions.get('a/b c?d').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(mock.requests.at(-1)!.path).toBe('/subscriptions/a%2Fb%20c%3Fd');
  });

  it.each(['', '.', '..'])('refuses the id %j with KnotValidationError and sends nothing', async (id) => {
    const error = await knot.subscriptions.get(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotValidationError);
    expect((error as KnotValidationError).issues[0]!.path).toBe('id');
    expect(mock.requests).toHaveLength(0);
  });

  it('an unknown id is KnotBadRequestError SUBSCRIPTION_NOT_FOUND', async () => {
    const error = await knot.subscriptions.get('unknown').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ status: 400, errorType: 'SUBSCRIPTION_ERROR', errorCode: 'SUBSCRIPTION_NOT_FOUND' });
  });
});

describe('knot.subscriptions.cancel', () => {
  it('POST /subscriptions/{id}/cancel with an empty body when no fields are given; 202 { message }', async () => {
    const [id] = await withSubscriptions(1);
    const { data, response } = await knot.subscriptions.cancel(id!).withResponse();
    expect(data).toEqual({ message: 'Success' });
    expect(response.status).toBe(202);
    expect(mock.requests.at(-1)).toMatchObject({ method: 'POST', path: `/subscriptions/${id}/cancel`, body: {} });
  });

  it('sends exactly the body fields given', async () => {
    const [id] = await withSubscriptions(1);
    await knot.subscriptions.cancel(id!, { external_user_id: USER });
    expect(mock.requests.at(-1)!.body).toEqual({ external_user_id: USER });
    await knot.subscriptions.cancel(id!, { external_user_id: USER, merchant_id: 16 });
    expect(mock.requests.at(-1)!.body).toEqual({ external_user_id: USER, merchant_id: 16 });
  });

  it.each([
    ['an empty id', '', undefined, 'id'],
    ['a merchant_id of 0', 'sub-1', { merchant_id: 0 }, 'body.merchant_id'],
    ['an empty user', 'sub-1', { external_user_id: '' }, 'body.external_user_id'],
    ['a misspelt field', 'sub-1', { merchantId: 16 }, 'body.merchantId'],
  ])('refuses %s with KnotValidationError and sends nothing', async (_name, id, params, path) => {
    const error = await knot.subscriptions.cancel(id, params as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotValidationError);
    expect((error as KnotValidationError).issues[0]!.path).toBe(path);
    expect(mock.requests).toHaveLength(0);
  });

  it('another user’s subscription is KnotBadRequestError SUBSCRIPTION_NOT_FOUND', async () => {
    const [id] = await withSubscriptions(1);
    const error = await knot.subscriptions.cancel(id!, { external_user_id: 'someone-else' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect((error as KnotBadRequestError).errorCode).toBe('SUBSCRIPTION_NOT_FOUND');
  });
});

describe('access', () => {
  it('NO_ACCESS (Subscription Manager off) is KnotPermissionDeniedError on every method, the list loop included', async () => {
    mock.setProductAccess('subscription_manager', false);
    const calls = [
      () => knot.subscriptions.list({ external_user_id: USER }),
      () => knot.subscriptions.get('any'),
      () => knot.subscriptions.cancel('any'),
      async () => {
        for await (const _ of knot.subscriptions.list({ external_user_id: USER }));
      },
    ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KnotPermissionDeniedError);
      expect((error as KnotPermissionDeniedError).errorCode).toBe('NO_ACCESS');
    }
  });

  it('wrong credentials are KnotAuthenticationError', async () => {
    const wrong = new KnotClient({ clientId: mock.clientId, secret: 'wrong', baseUrl: url, maxRetries: 0 });
    try {
      await expect(knot.subscriptions.get('x').catch(() => null)).resolves.toBeNull();
      await expect(wrong.subscriptions.list({ external_user_id: USER })).rejects.toBeInstanceOf(KnotAuthenticationError);
    } finally {
      await wrong.close();
    }
  });
});
