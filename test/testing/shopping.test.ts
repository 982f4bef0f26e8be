/** The fake's Shopping routes on the wire: Knot's answers to raw requests, and the events they send. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWebhook } from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { type Api, connect, type Transport } from './helpers.js';

const account = { external_user_id: 'shopper-1', merchant_id: 45 };
const address = { line1: '123 Main St', city: 'Los Angeles', region: 'CA', postal_code: '90012', country: 'US' };

let mock: MockKnot;
let api: Api;
let close: () => Promise<void>;

describe.each<Transport>(['server', 'dispatcher'])('POST /cart over %s', (transport) => {
  beforeEach(async () => {
    mock = createMockKnot({ seed: 3 });
    ({ api, close } = await connect(mock, transport));
    await mock.linkAccount(account);
  });

  afterEach(async () => {
    await close();
    await mock.close();
  });

  it('answers 202 { message } and sends SYNC_CART_SUCCEEDED, which parseWebhook accepts', async () => {
    const res = await api.post('/cart', { ...account, products: [{ external_id: 'sku-1' }] });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ message: 'Success' });
    const delivery = mock.webhooks.at(-1)!;
    expect(delivery.event).toBe('SYNC_CART_SUCCEEDED');
    expect(delivery.payload.timestamp).toMatch(/^\d+$/);
    expect(parseWebhook(delivery.body)).toMatchObject({ event: 'SYNC_CART_SUCCEEDED', data: { cart: { delivery_location: null } } });
  });

  it("simulate 'failed' sends SYNC_CART_FAILED, which parseWebhook accepts", async () => {
    const res = await api.post('/cart', { ...account, products: [{ external_id: 'sku-1' }], simulate: 'failed' });
    expect(res.status).toBe(202);
    expect(parseWebhook(mock.webhooks.at(-1)!.body)).toMatchObject({ event: 'SYNC_CART_FAILED', data: { reason: 'product out of stock' } });
  });

  it.each([
    ['no products', { ...account }, 'The products field is required.'],
    ['an empty product list', { ...account, products: [] }, 'The products must be an array with at least one product.'],
    ['a product without id', { ...account, products: [{}] }, 'The products.0.external_id field is required.'],
    ['a fulfillment without id', { ...account, products: [{ external_id: 'a', fulfillment: {} }] }, 'The products.0.fulfillment.id field is required.'],
    ['no user', { merchant_id: 45, products: [{ external_id: 'a' }] }, 'The external_user_id field is required.'],
    ['an unknown simulation', { ...account, products: [{ external_id: 'a' }], simulate: 'maybe' }, 'The selected simulate is invalid.'],
    ['a delivery location without address', { ...account, products: [{ external_id: 'a' }], delivery_location: {} }, 'The delivery_location.address field is required.'],
    [
      'an address without city',
      { ...account, products: [{ external_id: 'a' }], delivery_location: { address: { ...address, city: '' } } },
      'The delivery_location.address.city field is required.',
    ],
  ])('answers %s with 400 INVALID_FIELD and sends no event', async (_name, body, message) => {
    const res = await api.post('/cart', body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD', error_message: message });
    expect(mock.webhooks.filter((w) => w.event !== 'AUTHENTICATED')).toEqual([]);
  });

  it('answers an unknown fulfillment id with 400 CART_ERROR / FULFILLMENT_NOT_FOUND', async () => {
    const res = await api.post('/cart', { ...account, products: [{ external_id: 'a', fulfillment: { id: 'nope' } }] });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error_type: 'CART_ERROR', error_code: 'FULFILLMENT_NOT_FOUND' });
  });

  it('answers 403 NO_ACCESS, before looking at the body, when Shopping is switched off', async () => {
    mock.setProductAccess('shopping', false);
    const res = await api.post('/cart', {});
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error_code: 'NO_ACCESS' });
    mock.setProductAccess('shopping', true);
    expect((await api.post('/cart', { ...account, products: [{ external_id: 'a' }] })).status).toBe(202);
  });
});

describe('the fake keeps one cart per linked account', () => {
  beforeEach(async () => {
    mock = createMockKnot({ seed: 3 });
    ({ api, close } = await connect(mock, 'dispatcher'));
    await mock.linkAccount(account);
  });

  afterEach(async () => {
    await close();
    await mock.close();
  });

  const cartOf = () => {
    const event = parseWebhook(mock.webhooks.at(-1)!.body);
    if (event.event !== 'SYNC_CART_SUCCEEDED') throw new Error(event.event);
    return event.data.cart!;
  };

  it('adds products across calls, invents the same options for the same seed, and forgets the cart when the account is unlinked', async () => {
    await api.post('/cart', { ...account, products: [{ external_id: 'sku-1' }] });
    await api.post('/cart', { ...account, products: [{ external_id: 'sku-2' }] });
    const cart = cartOf();
    expect(cart.products!.map((p) => p.external_id)).toEqual(['sku-1', 'sku-2']);

    const twin = createMockKnot({ seed: 3 });
    await twin.linkAccount(account);
    const twinApi = (await connect(twin, 'dispatcher')).api;
    await twinApi.post('/cart', { ...account, products: [{ external_id: 'sku-1' }] });
    const twinEvent = parseWebhook(twin.webhooks.at(-1)!.body);
    await twin.close();
    expect(twinEvent.event === 'SYNC_CART_SUCCEEDED' && twinEvent.data.cart!.products![0]).toEqual(cart.products![0]);

    await api.post('/accounts/unlink', account);
    await mock.linkAccount(account);
    await api.post('/cart', { ...account, products: [{ external_id: 'sku-3' }] });
    expect(cartOf().products!.map((p) => p.external_id)).toEqual(['sku-3']);
  });

  it('keeps a delivery location until a new one is sent', async () => {
    await api.post('/cart', { ...account, products: [{ external_id: 'sku-1' }], delivery_location: { address, first_name: 'Ada' } });
    await api.post('/cart', { ...account, products: [{ external_id: 'sku-2' }] });
    expect(cartOf().delivery_location).toEqual({ address: { ...address, line2: null }, first_name: 'Ada', last_name: null, phone_number: null });
  });
});

describe.each<Transport>(['server', 'dispatcher'])('POST /cart/checkout over %s', (transport) => {
  beforeEach(async () => {
    mock = createMockKnot({ seed: 4 });
    ({ api, close } = await connect(mock, transport));
    await mock.linkAccount(account);
    await api.post('/cart', { ...account, products: [{ external_id: 'sku-1' }], delivery_location: { address } });
  });

  afterEach(async () => {
    await close();
    await mock.close();
  });

  it('answers 202 and sends CHECKOUT_SUCCEEDED with the new transaction, which parseWebhook accepts', async () => {
    const res = await api.post('/cart/checkout', account);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ message: 'Success' });
    const event = parseWebhook(mock.webhooks.at(-1)!.body);
    expect(event.event).toBe('CHECKOUT_SUCCEEDED');
    const id = event.event === 'CHECKOUT_SUCCEEDED' ? event.data!.transactions![0]!.id : '';
    expect((await api.get(`/transactions/${id}`)).json).toMatchObject({ id });
  });

  it("simulate 'failed' sends CHECKOUT_FAILED, which parseWebhook accepts", async () => {
    expect((await api.post('/cart/checkout', { ...account, simulate: 'failed' })).status).toBe(202);
    expect(parseWebhook(mock.webhooks.at(-1)!.body)).toMatchObject({ event: 'CHECKOUT_FAILED', data: { reason: 'card declined' } });
  });

  it.each([
    ['a payment method that is not an object', { ...account, payment_method: 'card' }, 'The payment_method must be an object.'],
    ['a payment method without jwe', { ...account, payment_method: { id: 'pm-1' } }, 'The payment_method.jwe field is required.'],
    [
      'plain card data',
      { ...account, payment_method: { user: {}, card: {} } },
      'The payment_method.user and payment_method.card fields are not accepted: send them encrypted, as one jwe.',
    ],
    ['is_single_use as a string', { ...account, payment_method: { jwe: 'x', is_single_use: 'yes' } }, 'The payment_method.is_single_use field must be true or false.'],
    ['an unknown simulation', { ...account, simulate: 'maybe' }, 'The selected simulate is invalid.'],
  ])('answers %s with 400 INVALID_FIELD', async (_name, body, message) => {
    const res = await api.post('/cart/checkout', body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD', error_message: message });
  });

  it('answers a JWE it cannot open with 400 INVALID_JWE and places no order', async () => {
    const res = await api.post('/cart/checkout', { ...account, payment_method: { jwe: 'not.a.jwe.at.all' } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_JWE', error_message: 'The jwe is invalid.' });
    expect(mock.checkouts()).toEqual([]);
  });

  it('answers a user without a cart with 400 CART_ERROR / CART_NOT_FOUND', async () => {
    await mock.linkAccount({ ...account, merchant_id: 44 });
    const res = await api.post('/cart/checkout', { ...account, merchant_id: 44 });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error_type: 'CART_ERROR', error_code: 'CART_NOT_FOUND' });
  });

  it('answers 403 NO_ACCESS when Shopping is switched off', async () => {
    mock.setProductAccess('shopping', false);
    const res = await api.post('/cart/checkout', account);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error_code: 'NO_ACCESS' });
  });
});

describe('the fake remembers the account address set as default', () => {
  beforeEach(async () => {
    mock = createMockKnot({ seed: 3 });
    ({ api, close } = await connect(mock, 'dispatcher'));
    await mock.linkAccount(account);
  });

  afterEach(async () => {
    await close();
    await mock.close();
  });

  it('a later cart starts with it, so checkout can deliver without a new delivery_location', async () => {
    await api.post('/cart', { ...account, products: [{ external_id: 'sku-1' }], delivery_location: { address, set_as_default: true } });
    await api.post('/cart/checkout', account);
    await api.post('/cart', { ...account, products: [{ external_id: 'sku-2' }] });
    await api.post('/cart/checkout', account);
    expect(mock.webhooks.filter((w) => w.event.startsWith('CHECKOUT')).map((w) => w.event)).toEqual(['CHECKOUT_SUCCEEDED', 'CHECKOUT_SUCCEEDED']);
    expect(mock.checkouts().map((o) => o.products)).toEqual([['sku-1'], ['sku-2']]);
  });
});
