/**
 * knot.shopping.checkout on the wire: against the fake over 127.0.0.1 (the order, the events, each
 * documented error as its typed error), and against a stub that holds the private key, to prove the
 * payment JWE decrypts to exactly the `{ user, card }` given.
 */
import * as jose from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CheckoutParams,
  KnotBadRequestError,
  KnotClient,
  KnotPermissionDeniedError,
  KnotValidationError,
  parseWebhook,
} from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { jsonReply, type RawServer, startRawServer } from '../helpers/raw-server.js';

const account = { external_user_id: 'shopper-1', merchant_id: 45 };
const address = { line1: '123 Main St', city: 'Los Angeles', region: 'CA', postal_code: '90012', country: 'US' };
const user = {
  name: { first_name: 'Ada', last_name: 'Lovelace' },
  address: { street: '100 Main Street', street2: '#100', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
  phone_number: '+11234567890',
};
const card = { number: '4242424242424242', expiration: '08/2030', cvv: '012' };

let mock: MockKnot;
let url: string;
let knot: KnotClient;

const shoppingRequests = () =>
  mock.requests.filter((r) => r.path === '/cart/checkout' || r.path === '/jwe/key').map((r) => `${r.method} ${r.path} ${r.status}`);

async function syncedCart(delivery = true): Promise<void> {
  await knot.shopping.syncCart({ ...account, products: [{ external_id: 'sku-1' }], ...(delivery ? { delivery_location: { address } } : {}) });
}

function lastEvent() {
  return parseWebhook(mock.webhooks.at(-1)!.body);
}

describe('knot.shopping.checkout against the fake', () => {
  beforeEach(async () => {
    mock = createMockKnot({ seed: 11 });
    ({ url } = await mock.listen());
    knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, maxRetries: 0 });
    await mock.linkAccount(account);
  });

  afterEach(async () => {
    await knot.close();
    await mock.close();
  });

  it('with a card: fetches the key, sends { payment_method: { id, is_single_use, jwe } } and no plain card, then CHECKOUT_SUCCEEDED', async () => {
    await syncedCart();
    const { data, response } = await knot.shopping
      .checkout({ ...account, payment_method: { id: 'pm-1', is_single_use: true, user, card } })
      .withResponse();

    expect(data).toEqual({ message: 'Success' });
    expect(response.status).toBe(202);
    expect(shoppingRequests()).toEqual(['GET /jwe/key 200', 'POST /cart/checkout 202']);
    const sent = mock.requests.at(-1)!.body as { payment_method: Record<string, unknown> };
    expect(sent).toEqual({ ...account, payment_method: { id: 'pm-1', is_single_use: true, jwe: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/) } });
    expect(Object.keys(sent.payment_method)).toEqual(['id', 'is_single_use', 'jwe']);

    const [order] = mock.checkouts();
    expect(order).toMatchObject({ ...account, products: ['sku-1'], payment_method: { id: 'pm-1', is_single_use: true, last4: '4242', expiration: '08/2030' } });
    const event = lastEvent();
    expect(event).toMatchObject({ event: 'CHECKOUT_SUCCEEDED', external_user_id: 'shopper-1', merchant: { id: 45 } });
    const ids = event.event === 'CHECKOUT_SUCCEEDED' ? event.data!.transactions!.map((t) => t.id) : [];
    expect(ids).toEqual(order!.transaction_ids);
    // Each id is a transaction of the account, as Knot's order confirmation flow expects.
    await expect(knot.transactions.get(ids[0]!)).resolves.toMatchObject({ id: ids[0] });
  });

  it('sends only the fields given: a payment method without id or is_single_use is { jwe }', async () => {
    await syncedCart();
    await knot.shopping.checkout({ ...account, payment_method: { user, card } });
    expect(mock.requests.at(-1)!.body).toEqual({ ...account, payment_method: { jwe: expect.any(String) } });
  });

  it('without a card: no key is fetched and the account pays', async () => {
    await syncedCart();
    await knot.shopping.checkout(account);
    expect(shoppingRequests()).toEqual(['POST /cart/checkout 202']);
    expect(mock.requests.at(-1)!.body).toEqual(account);
    expect(mock.checkouts()[0]!.payment_method).toBeNull();
  });

  it('encrypts once per client key: a second card checkout reuses the cached key (shared with cards.jweKey)', async () => {
    const key = await knot.cards.jweKey();
    await syncedCart();
    await knot.shopping.checkout({ ...account, payment_method: { user, card } });
    await syncedCart();
    await knot.shopping.checkout({ ...account, payment_method: { user, card } });
    expect(shoppingRequests()).toEqual(['GET /jwe/key 200', 'POST /cart/checkout 202', 'POST /cart/checkout 202']);
    expect((await knot.cards.jweKey()).kid).toBe(key.kid);
  });

  it('after a key rotation, fetches the new key, encrypts again and resends once', async () => {
    await syncedCart();
    await knot.cards.jweKey();
    mock.rotateCardKey();
    await knot.shopping.checkout({ ...account, payment_method: { user, card } });
    expect(shoppingRequests()).toEqual(['GET /jwe/key 200', 'POST /cart/checkout 400', 'GET /jwe/key 200', 'POST /cart/checkout 202']);
    expect(mock.checkouts()).toHaveLength(1);
  });

  it("simulate: 'failed' answers 202 and sends CHECKOUT_FAILED; the cart stays for another try", async () => {
    await syncedCart();
    await expect(knot.shopping.checkout({ ...account, simulate: 'failed' })).resolves.toEqual({ message: 'Success' });
    expect(lastEvent()).toMatchObject({ event: 'CHECKOUT_FAILED', data: { reason: 'card declined' } });
    expect(mock.checkouts()).toEqual([]);
    await knot.shopping.checkout(account);
    expect(lastEvent().event).toBe('CHECKOUT_SUCCEEDED');
  });

  it('sends CHECKOUT_FAILED when the cart has no delivery location', async () => {
    await syncedCart(false);
    await knot.shopping.checkout(account);
    expect(lastEvent()).toMatchObject({ event: 'CHECKOUT_FAILED', data: { reason: expect.stringMatching(/delivery/) } });
  });

  it('empties the cart: checking out again is CART_NOT_FOUND', async () => {
    await syncedCart();
    await knot.shopping.checkout(account);
    const error = await knot.shopping.checkout(account).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ status: 400, errorType: 'CART_ERROR', errorCode: 'CART_NOT_FOUND', method: 'POST', path: '/cart/checkout' });
  });

  it.each([
    ['no synced cart', account, 'CART_NOT_FOUND'],
    ['an unknown user', { ...account, external_user_id: 'nobody' }, 'USER_NOT_FOUND'],
    ['a merchant the user has not linked', { ...account, merchant_id: 44 }, 'MERCHANT_ACCOUNT_NOT_FOUND'],
  ])('rejects %s with KnotBadRequestError and its errorCode', async (_name, params, code) => {
    const error = await knot.shopping.checkout(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ status: 400, errorCode: code });
  });

  it('is a KnotBadRequestError INVALID_JWE when Knot refuses the card, and is not resent', async () => {
    // The fake's clock is past the card's expiry; the client's is not.
    await mock.close();
    mock = createMockKnot({ seed: 11, now: () => Date.parse('2031-01-15T00:00:00Z') });
    ({ url } = await mock.listen());
    const client = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, maxRetries: 0 });
    await mock.linkAccount(account);
    await client.shopping.syncCart({ ...account, products: [{ external_id: 'sku-1' }], delivery_location: { address } });
    const error = await client.shopping.checkout({ ...account, payment_method: { user, card } }).catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ errorCode: 'INVALID_JWE', errorMessage: expect.stringMatching(/^The card\.expiration /) });
    expect(shoppingRequests()).toEqual(['GET /jwe/key 200', 'POST /cart/checkout 400']);
  });

  it('is a KnotPermissionDeniedError NO_ACCESS when Shopping is not enabled for the client', async () => {
    await syncedCart();
    mock.setProductAccess('shopping', false);
    const error = await knot.shopping.checkout(account).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotPermissionDeniedError);
    expect(error).toMatchObject({ status: 403, errorCode: 'NO_ACCESS', path: '/cart/checkout' });
  });

  it.each<[string, unknown, string]>([
    ['a card failing Luhn', { ...account, payment_method: { user, card: { ...card, number: '4242424242424241' } } }, 'payment_method.card.number'],
    ['an expired card', { ...account, payment_method: { user, card: { ...card, expiration: '01/2020' } } }, 'payment_method.card.expiration'],
    ['a user without a phone', { ...account, payment_method: { user: { ...user, phone_number: undefined }, card } }, 'payment_method.user.phone_number'],
    ['a ready-made jwe', { ...account, payment_method: { jwe: 'a.b.c.d.e', user, card } }, 'payment_method.jwe'],
    ['a payment method without card', { ...account, payment_method: { user } }, 'payment_method.card'],
    ['a blank payment method id', { ...account, payment_method: { id: '', user, card } }, 'payment_method.id'],
    ['is_single_use as a string', { ...account, payment_method: { is_single_use: 'yes', user, card } }, 'payment_method.is_single_use'],
    ['an unknown simulation', { ...account, simulate: 'declined' }, 'simulate'],
    ['no merchant', { external_user_id: 'shopper-1' }, 'merchant_id'],
  ])('refuses %s with KnotValidationError naming the field; nothing is fetched or sent', async (_name, params, path) => {
    const error = await knot.shopping.checkout(params as CheckoutParams).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotValidationError);
    expect((error as KnotValidationError).issues.map((i) => i.path)).toContain(path);
    expect(mock.requests).toHaveLength(0);
  });

  it('refuses simulate with a production client before anything is fetched or sent, card or not', async () => {
    const prod = new KnotClient({ clientId: mock.clientId, secret: mock.secret, environment: 'production', dispatcher: mock.dispatcher, maxRetries: 0 });
    for (const params of [{ ...account, simulate: 'failed' as const }, { ...account, simulate: 'failed' as const, payment_method: { user, card } }]) {
      const error = await prod.shopping.checkout(params).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KnotValidationError);
      expect((error as KnotValidationError).issues).toEqual([{ path: 'simulate', message: expect.stringMatching(/development-only/) }]);
    }
    await prod.close();
    expect(mock.requests).toHaveLength(0);
  });
});

describe('the JWE checkout sends', () => {
  let raw: RawServer;
  let privateKey: Awaited<ReturnType<typeof jose.generateKeyPair>>['privateKey'];
  let jwk: Record<string, unknown>;

  beforeEach(async () => {
    const pair = await jose.generateKeyPair('RSA-OAEP-256', { extractable: true });
    privateKey = pair.privateKey;
    jwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'shop-key-3', alg: 'RSA-OAEP-256', use: 'enc', key_ops: ['encrypt'] };
    raw = await startRawServer();
    raw.behave((req, res, body) => (req.url === '/jwe/key' ? jsonReply(200, jwk) : jsonReply(202, { message: 'Success' }))(req, res, body));
  });
  afterEach(() => raw.close());

  it('decrypts with the matching private key to exactly { user, card }, under alg RSA-OAEP-256, enc A256GCM and the kid', async () => {
    const client = new KnotClient({ clientId: 'id', secret: 'secret', baseUrl: raw.url, maxRetries: 0 });
    await client.shopping.checkout({ ...account, payment_method: { id: 'pm-9', user, card } });
    await client.close();

    expect(raw.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /jwe/key', 'POST /cart/checkout']);
    const sent = JSON.parse(raw.requests.at(-1)!.body) as { payment_method: { id: string; jwe: string } };
    expect(Object.keys(sent.payment_method)).toEqual(['id', 'jwe']);
    const { plaintext, protectedHeader } = await jose.compactDecrypt(sent.payment_method.jwe, privateKey);
    expect(protectedHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'shop-key-3' });
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual({ user, card });
  });
});
