import { HttpResponse, http } from 'msw';
import { Agent, type Dispatcher, MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { KnotClient, KnotConfigError, KnotResponseValidationError } from '../../src/index.js';
import { stubClients } from '../helpers/stub-client.js';

const { clientFor } = stubClients({ clientId: 'id', secret: 'secret_resp', logLevel: 'off', retryBackoff: { initialDelayMs: 1, maxDelayMs: 5 } });

const txn = (over: Record<string, unknown> = {}) => ({
  id: 't-1',
  external_id: null,
  datetime: '2024-11-10T00:00:00+00:00',
  url: null,
  order_status: 'COMPLETED',
  payment_methods: [],
  price: { sub_total: null, adjustments: [], total: '1.00', currency: 'USD' },
  products: [],
  ...over,
});
const page = (transactions: unknown) => ({ merchant: { id: 19, name: 'DoorDash' }, transactions, next_cursor: null, limit: 100 });

describe('tolerant on what we receive', () => {
  it('keeps unknown fields and unknown enum values untouched, at every depth', async () => {
    const odd = txn({
      order_status: 'TELEPORTED',
      brand_new_top_level: { nested: [1, 2] },
      payment_methods: [{ external_id: null, type: 'CRYPTO', brand: null, last_four: null, name: null, transaction_amount: null, wallet: 'x' }],
      price: { sub_total: '1.00', adjustments: [{ type: 'BRIBE', label: null, amount: '0.01', reason: 'r' }], total: '1.01', currency: 'USD', fx: 1 },
      products: [
        {
          external_id: 'p',
          name: 'n',
          url: null,
          quantity: 1,
          price: { sub_total: null, total: null, unit_price: null, msrp: '9' },
          seller: { name: null, url: null, rating: 5 },
          eligibility: ['FSA/HSA', 'SNAP'],
          color: 'red',
        },
      ],
      shipping: { location: null, carrier: 'UPS' },
      loyalty: { tier: 'gold' },
    });
    const body = { ...page([odd]), new_wrapper_field: true, merchant: { id: 19, name: 'DoorDash', region: 'US' } };
    const { knot } = await clientFor(http.post('*/transactions/sync', () => HttpResponse.json(body)));
    const result = await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'u' });
    expect(result).toEqual({ ...body, cursor: null, checkpoint: null });
    expect(result.transactions[0]).toEqual(odd);
    expect(result.transactions[0]!.order_status).toBe('TELEPORTED');
  });

  it('keeps price.adjustments: null as null, and other nulls as sent', async () => {
    const t = txn({ price: { sub_total: null, adjustments: null, total: '1.00', currency: null }, shipping: null, products: [{ external_id: null, name: 'n', url: null, quantity: null, price: null, eligibility: null }] });
    const { knot } = await clientFor(http.get('*/transactions/:id', () => HttpResponse.json(t)));
    const result = await knot.transactions.get('t-1');
    expect(result.price.adjustments).toBeNull();
    expect(Object.hasOwn(result.price, 'adjustments')).toBe(true);
    expect(result).toEqual(t);
  });

  it('does not add fields Knot did not send', async () => {
    const t = txn();
    const { knot } = await clientFor(http.get('*/transactions/:id', () => HttpResponse.json(t)));
    const result = await knot.transactions.get('t-1');
    expect(Object.keys(result).sort()).toEqual(Object.keys(t).sort());
  });
});

describe('KnotResponseValidationError', () => {
  it('a non-JSON 2xx body, not retried', async () => {
    const { stub, knot } = await clientFor(http.post('*/merchant/list', () => new HttpResponse('<html>maintenance</html>', { status: 200 })));
    const error = (await knot.merchants.list({ type: 'transaction_link' }).catch((e: unknown) => e)) as KnotResponseValidationError;
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect(error.status).toBe(200);
    expect(error.method).toBe('POST');
    expect(error.path).toBe('/merchant/list');
    expect(error.message).toMatch(/not JSON/);
    expect(stub.requests).toHaveLength(1);
  });

  it('an empty 2xx body', async () => {
    const { knot } = await clientFor(http.post('*/session/extend', () => new HttpResponse(null, { status: 200 })));
    await expect(knot.sessions.extend({ session_id: 's' })).rejects.toBeInstanceOf(KnotResponseValidationError);
  });

  it('transactions not an array → issues naming the path', async () => {
    const { stub, knot } = await clientFor(http.post('*/transactions/sync', () => HttpResponse.json(page({ oops: true }))));
    const error = (await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'u' }).catch((e: unknown) => e)) as KnotResponseValidationError;
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect(error.issues.map((i) => i.path)).toEqual(['transactions']);
    expect(error.message).toMatch(/transactions/);
    expect(stub.requests).toHaveLength(1);
  });

  it('a transaction without id → issue at transactions.1.id', async () => {
    const { id: _drop, ...noId } = txn();
    const { knot } = await clientFor(http.post('*/transactions/sync', () => HttpResponse.json(page([txn(), noId]))));
    const error = (await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'u' }).catch((e: unknown) => e)) as KnotResponseValidationError;
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect(error.issues.map((i) => i.path)).toContain('transactions.1.id');
  });

  it('an object where a list was expected', async () => {
    const { knot } = await clientFor(http.post('*/merchant/list', () => HttpResponse.json({ merchants: [] })));
    const error = (await knot.merchants.list({ type: 'transaction_link' }).catch((e: unknown) => e)) as KnotResponseValidationError;
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect(error.issues).toHaveLength(1);
  });

  it('a session that is not a string', async () => {
    const { knot } = await clientFor(http.post('*/session/create', () => HttpResponse.json({ session: 42 })));
    const error = (await knot.sessions.create({ type: 'transaction_link', external_user_id: 'u' }).catch((e: unknown) => e)) as KnotResponseValidationError;
    expect(error.issues.map((i) => i.path)).toEqual(['session']);
  });
});

describe('development endpoints against production', () => {
  // Counts what would be sent and sends nothing: a regression must fail here, not reach Knot's production host.
  class CountingAgent extends Agent {
    calls = 0;
    override dispatch(_options: Dispatcher.DispatchOptions, _handler: Dispatcher.DispatchHandler): boolean {
      this.calls++;
      throw new Error('a development-only request was dispatched');
    }
  }

  it.each([
    { environment: 'production' as const },
    { baseUrl: 'https://production.knotapi.com' },
    { baseUrl: 'https://production.knotapi.com/' },
    // The host is normalised: a trailing dot or upper case is still production.
    { baseUrl: 'https://production.knotapi.com.' },
    { baseUrl: 'https://PRODUCTION.knotapi.com./' },
    // The host every request uses once mTLS is enabled for the client.
    { baseUrl: 'https://mtls.production.knotapi.com' },
    { baseUrl: 'https://MTLS.Production.knotapi.com.:443/' },
  ])('%o → KnotConfigError, nothing sent', async (where) => {
    const dispatcher = new CountingAgent();
    const client = new KnotClient({ clientId: 'id', secret: 'secret_prod', logLevel: 'off', dispatcher, ...where });
    const link = await client.development.linkAccount({ external_user_id: 'u', merchant_id: 19, transactions: { new: true } }).catch((e: unknown) => e);
    const disconnect = await client.development.disconnectAccount({ external_user_id: 'u', merchant_id: 19 }).catch((e: unknown) => e);
    for (const error of [link, disconnect]) {
      expect(error).toBeInstanceOf(KnotConfigError);
      expect((error as Error).message).toMatch(/development-only/);
      expect((error as Error).message).toMatch(/production/);
    }
    expect(dispatcher.calls).toBe(0);
    await dispatcher.close();
  });

  it('other endpoints still go to production', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://production.knotapi.com').intercept({ path: '/merchant/list', method: 'POST' }).reply(200, [{ id: 1, name: 'M' }]);
    const client = new KnotClient({ clientId: 'id', secret: 'secret_prod', environment: 'production', logLevel: 'off', dispatcher: agent });
    expect(await client.merchants.list({ type: 'transaction_link' })).toEqual([{ id: 1, name: 'M' }]);
    await agent.close();
  });

  it('a development base URL allows them', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://development.knotapi.com')
      .intercept({ path: '/development/accounts/disconnect', method: 'POST' })
      .reply(200, { message: 'Success' });
    const client = new KnotClient({ clientId: 'id', secret: 'secret_dev', environment: 'development', logLevel: 'off', dispatcher: agent });
    expect(await client.development.disconnectAccount({ external_user_id: 'u', merchant_id: 19 })).toEqual({ message: 'Success' });
    await agent.close();
  });
});
