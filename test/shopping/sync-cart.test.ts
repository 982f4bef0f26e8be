/** knot.shopping.syncCart against the fake Knot API over a real 127.0.0.1 socket. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KnotAuthenticationError,
  KnotBadRequestError,
  KnotClient,
  KnotPermissionDeniedError,
  KnotValidationError,
  parseWebhook,
  type SyncCartParams,
  type SyncCartSucceededEvent,
} from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';

const USER = 'shopper-1';
const WALMART = 45;
const account = { external_user_id: USER, merchant_id: WALMART };
const address = { line1: '123 Main St', line2: 'Floor 4', city: 'Los Angeles', region: 'CA', postal_code: '90012', country: 'US' };

let mock: MockKnot;
let url: string;
let knot: KnotClient;

beforeEach(async () => {
  mock = createMockKnot({ seed: 18, now: () => Date.parse('2026-03-01T12:00:00Z') });
  ({ url } = await mock.listen());
  knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, maxRetries: 0 });
  await mock.linkAccount(account);
});

afterEach(async () => {
  await knot.close();
  await mock.close();
});

/** The last webhook the fake sent, parsed as a receiver would. */
function lastEvent() {
  return parseWebhook(mock.webhooks.at(-1)!.body);
}

function lastCart(): NonNullable<SyncCartSucceededEvent['data']['cart']> {
  const event = lastEvent();
  if (event.event !== 'SYNC_CART_SUCCEEDED') throw new Error(`expected SYNC_CART_SUCCEEDED, got ${event.event}`);
  return event.data.cart!;
}

describe('knot.shopping.syncCart', () => {
  it('sends POST /cart with the params as the body, answers 202 { message }, then SYNC_CART_SUCCEEDED with the cart', async () => {
    const params: SyncCartParams = {
      ...account,
      products: [{ external_id: '3324893784' }, { external_id: 'sku-2' }],
      delivery_location: { address, first_name: 'Ada', last_name: 'Lovelace', phone_number: '+11234567890', set_as_default: true },
    };
    const { data, response } = await knot.shopping.syncCart(params).withResponse();

    expect(data).toEqual({ message: 'Success' });
    expect(response.status).toBe(202);
    const sent = mock.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/cart', status: 202 });
    expect(sent.body).toEqual(params);

    const delivery = mock.webhooks.at(-1)!;
    expect(delivery.event).toBe('SYNC_CART_SUCCEEDED');
    // Knot's example sends this event's timestamp as a numeric string; the parser hands over a number.
    expect(delivery.payload.timestamp).toBe(String(Date.parse('2026-03-01T12:00:00Z')));
    const event = lastEvent();
    expect(event).toMatchObject({ event: 'SYNC_CART_SUCCEEDED', external_user_id: USER, merchant: { id: WALMART, name: 'Walmart' } });
    expect(event.timestamp).toBe(Date.parse('2026-03-01T12:00:00Z'));

    const cart = lastCart();
    expect(cart.products!.map((p) => p.external_id)).toEqual(['3324893784', 'sku-2']);
    const first = cart.products![0]!.fulfillment!;
    expect(first.type).toBe('UNSCHEDULED_DELIVERY');
    expect(first.options!.map((o) => o.type)).toEqual(['UNSCHEDULED_DELIVERY', 'SCHEDULED_DELIVERY']);
    expect(first.options![0]!.id).toBe(first.id);
    expect(first.id).toMatch(/^[0-9a-f]{64}$/);
    expect(cart.delivery_location).toEqual({ address, first_name: 'Ada', last_name: 'Lovelace', phone_number: '+11234567890' });
    const price = cart.price!;
    const tax = price.adjustments!.reduce((sum, a) => sum + Number(a.amount), 0);
    expect(Number(price.total)).toBeCloseTo(Number(price.sub_total) + tax, 2);
    expect(price.currency).toBe('USD');
  });

  it('patches the cart: a fulfillment choice changes the product and the total, a new delivery location replaces the old one', async () => {
    await knot.shopping.syncCart({ ...account, products: [{ external_id: 'sku-1' }], delivery_location: { address } });
    const before = lastCart();
    const express = before.products![0]!.fulfillment!.options!.find((o) => o.type === 'SCHEDULED_DELIVERY')!;

    const moved = { ...address, line1: '55 Water St', line2: null, city: 'New York', region: 'NY', postal_code: '10041' };
    await knot.shopping.syncCart({ ...account, products: [{ external_id: 'sku-1', fulfillment: { id: express.id } }], delivery_location: { address: moved } });
    const after = lastCart();

    expect(after.products).toHaveLength(1);
    expect(after.products![0]!.fulfillment!.id).toBe(express.id);
    expect(Number(after.price!.total) - Number(before.price!.total)).toBeCloseTo(Number(express.price!.total), 2);
    expect(Number(express.price!.total)).toBeGreaterThan(0);
    expect(after.delivery_location!.address).toEqual(moved);
  });

  it("simulate: 'failed' answers 202 and sends SYNC_CART_FAILED with a reason; the cart is unchanged", async () => {
    await knot.shopping.syncCart({ ...account, products: [{ external_id: 'sku-1' }] });
    const before = lastCart();
    await expect(knot.shopping.syncCart({ ...account, products: [{ external_id: 'sku-2' }], simulate: 'failed' })).resolves.toEqual({ message: 'Success' });
    expect(mock.requests.at(-1)!.body).toMatchObject({ simulate: 'failed' });
    const failed = lastEvent();
    expect(failed).toMatchObject({ event: 'SYNC_CART_FAILED', external_user_id: USER, data: { reason: 'product out of stock' } });

    await knot.shopping.syncCart({ ...account, products: [{ external_id: 'sku-1' }] });
    expect(lastCart().products).toEqual(before.products);
  });

  it.each([
    ['an unknown user', { ...account, external_user_id: 'nobody' }, 'USER_NOT_FOUND'],
    ['a merchant the user has not linked', { ...account, merchant_id: 44 }, 'MERCHANT_ACCOUNT_NOT_FOUND'],
    ['an unknown fulfillment id', { ...account, products: [{ external_id: 'sku-1', fulfillment: { id: 'f'.repeat(64) } }] }, 'FULFILLMENT_NOT_FOUND'],
  ])('rejects %s with KnotBadRequestError and its errorCode', async (_name, params, code) => {
    const error = await knot.shopping.syncCart({ products: [{ external_id: 'sku-1' }], ...params }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ status: 400, errorCode: code, method: 'POST', path: '/cart' });
    expect(mock.webhooks.filter((w) => w.event.startsWith('SYNC_CART'))).toEqual([]);
  });

  it('rejects a disconnected account with MERCHANT_ACCOUNT_DISCONNECTED', async () => {
    mock.disconnectAccount(account);
    const error = await knot.shopping.syncCart({ ...account, products: [{ external_id: 'sku-1' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ errorCode: 'MERCHANT_ACCOUNT_DISCONNECTED' });
  });

  it('is a KnotPermissionDeniedError NO_ACCESS when Shopping is not enabled for the client', async () => {
    mock.setProductAccess('shopping', false);
    const error = await knot.shopping.syncCart({ ...account, products: [{ external_id: 'sku-1' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotPermissionDeniedError);
    expect(error).toMatchObject({ status: 403, errorCode: 'NO_ACCESS' });
  });

  it('is a KnotAuthenticationError with wrong keys', async () => {
    const wrong = new KnotClient({ clientId: mock.clientId, secret: 'not-the-secret', baseUrl: url, maxRetries: 0 });
    const error = await wrong.shopping.syncCart({ ...account, products: [{ external_id: 'sku-1' }] }).catch((e: unknown) => e);
    await wrong.close();
    expect(error).toBeInstanceOf(KnotAuthenticationError);
  });

  it.each([
    ['no products', { ...account }, 'products'],
    ['an empty product list', { ...account, products: [] }, 'products'],
    ['a product without id', { ...account, products: [{}] }, 'products.0.external_id'],
    ['a misspelt product field', { ...account, products: [{ external_id: 'a', fulfilment: { id: 'x' } }] }, 'products.0.fulfilment'],
    ['a blank fulfillment id', { ...account, products: [{ external_id: 'a', fulfillment: { id: '' } }] }, 'products.0.fulfillment.id'],
    ['a merchant id as a string', { ...account, merchant_id: '45', products: [{ external_id: 'a' }] }, 'merchant_id'],
    ['an unknown simulation', { ...account, products: [{ external_id: 'a' }], simulate: 'succeeded' }, 'simulate'],
    ['a delivery location without address', { ...account, products: [{ external_id: 'a' }], delivery_location: { first_name: 'Ada' } }, 'delivery_location.address'],
    ['a country name', { ...account, products: [{ external_id: 'a' }], delivery_location: { address: { ...address, country: 'USA' } } }, 'delivery_location.address.country'],
    ['a phone number not in E.164', { ...account, products: [{ external_id: 'a' }], delivery_location: { address, phone_number: '555-1234' } }, 'delivery_location.phone_number'],
    ['a first name over 255 characters', { ...account, products: [{ external_id: 'a' }], delivery_location: { address, first_name: 'A'.repeat(256) } }, 'delivery_location.first_name'],
  ])('refuses %s with KnotValidationError naming the field, and sends nothing', async (_name, params, path) => {
    const error = await knot.shopping.syncCart(params as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotValidationError);
    expect((error as KnotValidationError).issues.map((i) => i.path)).toContain(path);
    expect(mock.requests).toHaveLength(0);
  });

  it('is bound: works when taken off the namespace', async () => {
    const { syncCart } = knot.shopping;
    await expect(syncCart({ ...account, products: [{ external_id: 'sku-1' }] })).resolves.toEqual({ message: 'Success' });
  });
});

describe('simulate against production', () => {
  // The production host through the fake's in-memory dispatcher: what would have been sent is recorded.
  let prod: KnotClient;
  beforeEach(() => {
    prod = new KnotClient({ clientId: mock.clientId, secret: mock.secret, environment: 'production', dispatcher: mock.dispatcher, maxRetries: 0 });
  });
  afterEach(() => prod.close());

  it.each(['https://production.knotapi.com', 'https://PRODUCTION.knotapi.com.'])(
    'is a KnotValidationError naming simulate, and nothing is sent (%s)',
    async (baseUrl) => {
      const client = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl, dispatcher: mock.dispatcher, maxRetries: 0 });
      const error = await client.shopping.syncCart({ ...account, products: [{ external_id: 'sku-1' }], simulate: 'failed' }).catch((e: unknown) => e);
      await client.close();
      expect(error).toBeInstanceOf(KnotValidationError);
      expect((error as KnotValidationError).issues).toEqual([{ path: 'simulate', message: expect.stringMatching(/development-only/) }]);
      expect((error as Error).message).toMatch(/^Invalid params for shopping\.syncCart: simulate: .*Nothing was sent\.$/);
      expect(mock.requests).toHaveLength(0);
    },
  );

  it('sends the same call without simulate', async () => {
    await expect(prod.shopping.syncCart({ ...account, products: [{ external_id: 'sku-1' }] })).resolves.toEqual({ message: 'Success' });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]!.body).not.toHaveProperty('simulate');
  });
});
