import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { KnotClient, KnotValidationError, VERSION } from '../../src/index.js';
import { stubClients } from '../helpers/stub-client.js';
import { serveStubs, type StubServer } from '../helpers/stub-server.js';

const CLIENT_ID = 'client_abc';
const SECRET = 'secret_xyz_123';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`;

const transaction = {
  id: '13da3c28-a068-4642-9ce2-b730cfda5f5f',
  external_id: 'ORD-1',
  datetime: '2024-11-10T00:00:00+00:00',
  url: 'https://www.doordash.com/orders/1',
  order_status: 'DELIVERED',
  shipping: {
    location: {
      address: { line1: '123 Main St', line2: null, city: 'Los Angeles', region: 'CA', postal_code: '94105', country: 'US' },
      first_name: 'Ada',
      last_name: 'Lovelace',
    },
  },
  payment_methods: [
    { external_id: 'pm_1', type: 'CARD', brand: 'VISA', last_four: '4242', name: '', transaction_amount: '43.20' },
  ],
  price: {
    sub_total: '40.00',
    adjustments: [
      { type: 'TAX', label: 'NYC local sales tax', amount: '3.57' },
      { type: 'DISCOUNT', label: null, amount: '-0.37' },
    ],
    total: '43.20',
    currency: 'USD',
  },
  products: [
    {
      external_id: 'SKU-1',
      name: 'Burrito',
      description: '',
      url: null,
      image_url: null,
      quantity: 2,
      price: { sub_total: '20.00', total: '20.00', unit_price: '10.00' },
      seller: null,
      eligibility: ['FSA/HSA'],
    },
  ],
  loyalty: null,
};

const account = {
  merchant: { id: 19, name: 'DoorDash', logo: 'https://knot.imgix.net/merchants/dd.png' },
  connection: { status: 'connected', scopes: [{ type: 'update_card' }] },
  lifecycle: { status: null },
  last_user_action: { attempted_at: null, status: null },
};

const { clientFor, closeAfterTest } = stubClients({ clientId: CLIENT_ID, secret: SECRET, userAgent: 'my-app/1.0', logLevel: 'off' });

/** Method, path, query and body, each exactly. */
function expectRequest(req: StubServer['requests'][number] | undefined, method: string, path: string, query: Record<string, string>, body: unknown) {
  expect(req).toBeDefined();
  expect(req!.method).toBe(method);
  expect(req!.path).toBe(path);
  expect(req!.query).toEqual(query);
  expect(req!.body).toEqual(body);
}

function expectCommonHeaders(headers: Record<string, string>, method: 'GET' | 'POST') {
  expect(headers.authorization).toBe(BASIC);
  expect(headers['knot-version']).toBe('2.0');
  expect(headers['user-agent']).toBe(`knotapi-node/${VERSION} node/${process.version} my-app/1.0`);
  expect(headers.accept).toBe('application/json');
  if (method === 'POST') expect(headers['content-type']).toBe('application/json');
  else expect(headers['content-type']).toBeUndefined();
}

describe('sessions', () => {
  it('create: POST /session/create with the body as given → { session }', async () => {
    const { stub, knot } = await clientFor(http.post('*/session/create', () => HttpResponse.json({ session: 'sess-1' })));
    const params = {
      type: 'transaction_link' as const,
      external_user_id: 'user-1',
      phone_number: '+11234567890',
      email: 'ada@example.com',
      processor_token: null,
      card: { blocked: false, has_funds: true },
      metadata: { reference_token: 'abc123' },
    };
    expect(await knot.sessions.create(params)).toEqual({ session: 'sess-1' });
    expect(stub.requests).toHaveLength(1);
    const [req] = stub.requests;
    expectRequest(req, 'POST', '/session/create', {}, params);
    expectCommonHeaders(req!.headers, 'POST');
  });

  it('extend: POST /session/extend { session_id } → { session }', async () => {
    const { stub, knot } = await clientFor(http.post('*/session/extend', () => HttpResponse.json({ session: 'sess-2', expires: 'later' })));
    expect(await knot.sessions.extend({ session_id: 'sess-1' })).toEqual({ session: 'sess-2', expires: 'later' });
    expectRequest(stub.requests[0], 'POST', '/session/extend', {}, { session_id: 'sess-1' });
    expectCommonHeaders(stub.requests[0]!.headers, 'POST');
  });
});

describe('merchants', () => {
  it('list: POST /merchant/list { type, platform, search } → Merchant[]', async () => {
    const merchants = [
      { id: 19, name: 'DoorDash', category: 'Food', logo: 'https://x/dd.png', min_sdk_version: '1.0.0' },
      { id: 45, name: 'Walmart', category: 'Online shopping', logo: 'https://x/w.png', min_sdk_version: '2.0.0', brand_new: { x: 1 } },
    ];
    const { stub, knot } = await clientFor(http.post('*/merchant/list', () => HttpResponse.json(merchants)));
    const result = await knot.merchants.list({ type: 'transaction_link', platform: 'web', search: 'door' });
    expect(result).toEqual(merchants);
    expectRequest(stub.requests[0], 'POST', '/merchant/list', {}, { type: 'transaction_link', platform: 'web', search: 'door' });
    expectCommonHeaders(stub.requests[0]!.headers, 'POST');
  });

  it('list sends only the fields given', async () => {
    const { stub, knot } = await clientFor(http.post('*/merchant/list', () => HttpResponse.json([])));
    expect(await knot.merchants.list({ type: 'transaction_link' })).toEqual([]);
    expect(stub.requests[0]!.body).toEqual({ type: 'transaction_link' });
  });

  it('list sends the deprecated external_user_id when given (non-empty), and hands over each merchant\'s legacy status', async () => {
    const merchants = [{ id: 19, name: 'DoorDash', status: 'enrolled' }];
    const { stub, knot } = await clientFor(http.post('*/merchant/list', () => HttpResponse.json(merchants)));
    const result = await knot.merchants.list({ type: 'card_switcher', external_user_id: 'user-1' });
    expect(result[0]!.status).toBe('enrolled');
    expectRequest(stub.requests[0], 'POST', '/merchant/list', {}, { type: 'card_switcher', external_user_id: 'user-1' });

    const error = await knot.merchants.list({ type: 'transaction_link', external_user_id: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotValidationError);
    expect((error as KnotValidationError).issues).toEqual([{ path: 'external_user_id', message: 'must be a non-empty string' }]);
    expect(stub.requests).toHaveLength(1);
  });
});

describe('accounts', () => {
  it('list: GET /accounts/get?external_user_id=&type= with no body → MerchantAccount[]', async () => {
    const second = { ...account, merchant: { id: 12, name: 'Target' }, connection: { status: 'disconnected', scopes: [] } };
    const { stub, knot } = await clientFor(http.get('*/accounts/get', () => HttpResponse.json([account, second])));
    expect(await knot.accounts.list({ external_user_id: 'user 1/&', type: 'transaction_link' })).toEqual([account, second]);
    const [req] = stub.requests;
    expectRequest(req, 'GET', '/accounts/get', { external_user_id: 'user 1/&', type: 'transaction_link' }, undefined);
    expect(req!.headers['content-length']).toBeUndefined();
    expectCommonHeaders(req!.headers, 'GET');
  });

  it('get: GET /accounts/get?external_user_id=&merchant_id= → one MerchantAccount', async () => {
    const { stub, knot } = await clientFor(http.get('*/accounts/get', () => HttpResponse.json(account)));
    expect(await knot.accounts.get({ external_user_id: 'user-1', merchant_id: 19 })).toEqual(account);
    expectRequest(stub.requests[0], 'GET', '/accounts/get', { external_user_id: 'user-1', merchant_id: '19' }, undefined);
    expectCommonHeaders(stub.requests[0]!.headers, 'GET');
  });

  it('get: an array where one account was expected is a KnotResponseValidationError', async () => {
    const { knot } = await clientFor(http.get('*/accounts/get', () => HttpResponse.json([account])));
    await expect(knot.accounts.get({ external_user_id: 'user-1', merchant_id: 19 })).rejects.toMatchObject({
      name: 'KnotResponseValidationError',
    });
  });

  it('unlink: POST /accounts/unlink { external_user_id, merchant_id } → { message }', async () => {
    const { stub, knot } = await clientFor(http.post('*/accounts/unlink', () => HttpResponse.json({ message: 'Success' })));
    expect(await knot.accounts.unlink({ external_user_id: 'user-1', merchant_id: 19 })).toEqual({ message: 'Success' });
    expectRequest(stub.requests[0], 'POST', '/accounts/unlink', {}, { external_user_id: 'user-1', merchant_id: 19 });
    expectCommonHeaders(stub.requests[0]!.headers, 'POST');
  });
});

describe('transactions', () => {
  const page = { merchant: { id: 19, name: 'DoorDash' }, transactions: [transaction], next_cursor: 'c2', limit: 100 };

  it('syncPage: sends limit 100 by default and no cursor; returns the page with cursor and checkpoint', async () => {
    const { stub, knot } = await clientFor(http.post('*/transactions/sync', () => HttpResponse.json(page)));
    const result = await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'user-1' });
    expect(result).toEqual({ ...page, cursor: null, checkpoint: 'c2' });
    expectRequest(stub.requests[0], 'POST', '/transactions/sync', {}, { merchant_id: 19, external_user_id: 'user-1', limit: 100 });
    expectCommonHeaders(stub.requests[0]!.headers, 'POST');
  });

  it('syncPage: omits a null or undefined cursor, sends a real one and the limit given', async () => {
    const { stub, knot } = await clientFor(
      http.post('*/transactions/sync', () => HttpResponse.json({ ...page, next_cursor: null, transactions: [], limit: 5 })),
    );
    await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'u', cursor: null });
    await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'u', cursor: undefined, limit: 5 });
    const last = await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'u', cursor: 'c1', limit: 1 });
    expect(stub.requests.map((r) => r.body)).toEqual([
      { merchant_id: 19, external_user_id: 'u', limit: 100 },
      { merchant_id: 19, external_user_id: 'u', limit: 5 },
      { merchant_id: 19, external_user_id: 'u', cursor: 'c1', limit: 1 },
    ]);
    // next_cursor null: the checkpoint keeps the cursor sent, never null over a real cursor
    expect(last).toMatchObject({ next_cursor: null, cursor: 'c1', checkpoint: 'c1', transactions: [] });
  });

  it('get: GET /transactions/{id} → the bare Transaction', async () => {
    const { stub, knot } = await clientFor(http.get('*/transactions/:id', () => HttpResponse.json(transaction)));
    expect(await knot.transactions.get(transaction.id)).toEqual(transaction);
    expectRequest(stub.requests[0], 'GET', `/transactions/${transaction.id}`, {}, undefined);
    expectCommonHeaders(stub.requests[0]!.headers, 'GET');
  });

  it('get: percent-encodes the id as one path segment', async () => {
    const { stub, knot } = await clientFor(http.get('*/transactions/:id', () => HttpResponse.json(transaction)));
    await knot.transactions.get('a/b?c#d');
    await knot.transactions.get('%2e%2e');
    expect(stub.requests.map((r) => r.path)).toEqual(['/transactions/a%2Fb%3Fc%23d', '/transactions/%252e%252e']);
    expect(stub.requests[0]!.query).toEqual({});
  });

  it.each(['.', '..', ''])('get(%j) is a KnotValidationError and sends nothing', async (id) => {
    const { stub, knot } = await clientFor(http.get('*/transactions/:id', () => HttpResponse.json(transaction)));
    const error = await knot.transactions.get(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotValidationError);
    expect((error as KnotValidationError).issues[0]?.path).toBe('id');
    expect(stub.requests).toHaveLength(0);
  });

  it('refresh: POST /transactions/refresh → 202 { message }', async () => {
    const { stub, knot } = await clientFor(http.post('*/transactions/refresh', () => HttpResponse.json({ message: 'Success' }, { status: 202 })));
    const { data, response } = await knot.transactions.refresh({ merchant_id: 45, external_user_id: 'abc' }).withResponse();
    expect(data).toEqual({ message: 'Success' });
    expect(response.status).toBe(202);
    expectRequest(stub.requests[0], 'POST', '/transactions/refresh', {}, { merchant_id: 45, external_user_id: 'abc' });
    expectCommonHeaders(stub.requests[0]!.headers, 'POST');
  });
});

describe('development', () => {
  it('linkAccount: POST /development/accounts/link with the simulation flags → { message }', async () => {
    const { stub, knot } = await clientFor(http.post('*/development/accounts/link', () => HttpResponse.json({ message: 'Success' })));
    const params = { external_user_id: 'user-1', merchant_id: 19, transactions: { new: true, updated: true } };
    expect(await knot.development.linkAccount(params)).toEqual({ message: 'Success' });
    expectRequest(stub.requests[0], 'POST', '/development/accounts/link', {}, params);
    expectCommonHeaders(stub.requests[0]!.headers, 'POST');
  });

  it('linkAccount: card_switcher with card_id', async () => {
    const { stub, knot } = await clientFor(http.post('*/development/accounts/link', () => HttpResponse.json({ message: 'Success' })));
    await knot.development.linkAccount({ external_user_id: 'u', merchant_id: 19, card_switcher: true, card_id: 'card-1' });
    expect(stub.requests[0]!.body).toEqual({ external_user_id: 'u', merchant_id: 19, card_switcher: true, card_id: 'card-1' });
  });

  it('disconnectAccount: POST /development/accounts/disconnect → { message }', async () => {
    const { stub, knot } = await clientFor(http.post('*/development/accounts/disconnect', () => HttpResponse.json({ message: 'Success' })));
    expect(await knot.development.disconnectAccount({ external_user_id: 'abc123', merchant_id: 12 })).toEqual({ message: 'Success' });
    expectRequest(stub.requests[0], 'POST', '/development/accounts/disconnect', {}, { external_user_id: 'abc123', merchant_id: 12 });
    expectCommonHeaders(stub.requests[0]!.headers, 'POST');
  });
});

describe('client-wide behaviour', () => {
  it('sends no User-Agent suffix when none is configured, and knotVersion as given', async () => {
    const stub = closeAfterTest(await serveStubs(http.post('*/session/extend', () => HttpResponse.json({ session: 's' }))));
    const knot = closeAfterTest(new KnotClient({ clientId: CLIENT_ID, secret: SECRET, baseUrl: stub.url, knotVersion: '2.1', logLevel: 'off' }));
    await knot.sessions.extend({ session_id: 's' });
    expect(stub.requests[0]!.headers['user-agent']).toBe(`knotapi-node/${VERSION} node/${process.version}`);
    expect(stub.requests[0]!.headers['knot-version']).toBe('2.1');
  });

  it('sends per-request headers, but never lets them replace Authorization', async () => {
    const { stub, knot } = await clientFor(http.post('*/session/extend', () => HttpResponse.json({ session: 's' })));
    await knot.sessions.extend({ session_id: 's' }, { headers: { 'X-Trace-Id': 't-1' } });
    expect(stub.requests[0]!.headers['x-trace-id']).toBe('t-1');
    expect(stub.requests[0]!.headers.authorization).toBe(BASIC);
  });

  it('keeps a base URL path prefix', async () => {
    const stub = closeAfterTest(await serveStubs(http.post('*/prefix/session/extend', () => HttpResponse.json({ session: 'p' }))));
    const knot = closeAfterTest(new KnotClient({ clientId: CLIENT_ID, secret: SECRET, baseUrl: `${stub.url}/prefix/`, logLevel: 'off' }));
    expect(await knot.sessions.extend({ session_id: 's' })).toEqual({ session: 'p' });
    expect(stub.requests[0]!.path).toBe('/prefix/session/extend');
  });

  it('withResponse() gives the status and the response headers', async () => {
    const { knot } = await clientFor(
      http.post('*/merchant/list', () => HttpResponse.json([], { headers: { 'x-request-id': 'req-42', 'set-cookie': 'a=1' } })),
    );
    const { data, response } = await knot.merchants.list({ type: 'transaction_link' }).withResponse();
    expect(data).toEqual([]);
    expect(response.status).toBe(200);
    expect(response.headers).toBeInstanceOf(Headers);
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('reuses one keep-alive connection across requests', async () => {
    const { stub, knot } = await clientFor(http.post('*/session/extend', () => HttpResponse.json({ session: 's' })));
    for (let i = 0; i < 3; i++) await knot.sessions.extend({ session_id: 's' });
    expect(stub.requests).toHaveLength(3);
    expect(stub.requests.every((r) => r.headers.connection !== 'close')).toBe(true);
  });
});
