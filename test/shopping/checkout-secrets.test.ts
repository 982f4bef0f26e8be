/**
 * The card a checkout pays with never leaks: with a known card number and CVV, everything a user
 * could print, log or ship after checkouts is scanned (helpers/secret-scan.ts): the requests the fake
 * recorded, every debug log line, the webhooks, `mock.checkouts()`, the client, and every error
 * (message, util.inspect, JSON, cause chain) of a validation failure, of Knot refusing the request,
 * and of failures mid-request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CheckoutParams,
  KnotBadRequestError,
  KnotClient,
  KnotConnectionError,
  KnotServerError,
  KnotTimeoutError,
  KnotValidationError,
  type Logger,
  type RequestOptions,
} from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { expectNoCardLeak, expectNoSecrets } from '../helpers/secret-scan.js';

const PAN = '5555555555554444';
const CVV = '093'; // a leading zero: no count or line number looks like it
// The card as plaintext JSON: found in a request, it means the card went out unencrypted.

const account = { external_user_id: 'shopper-1', merchant_id: 45 };
const user = {
  name: { first_name: 'Ada', last_name: 'Lovelace' },
  address: { street: '100 Main Street', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
  phone_number: '+11234567890',
};
const card = { number: PAN, expiration: '08/2030', cvv: CVV };

let mock: MockKnot;
let url: string;
let lines: unknown[][];

const logger: Logger = {
  debug: (...args) => lines.push(args),
  info: (...args) => lines.push(args),
  warn: (...args) => lines.push(args),
  error: (...args) => lines.push(args),
};

const client = () => new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, logger, logLevel: 'debug', maxRetries: 0 });

function expectNothingLeaked(knot: KnotClient): void {
  const trail = { requests: mock.requests, lines, webhooks: mock.webhooks.map((w) => w.body), record: { name: 'mock.checkouts()', value: mock.checkouts() }, client: knot };
  expectNoCardLeak(trail, PAN, CVV);
}

async function failure(knot: KnotClient, params: CheckoutParams, options?: RequestOptions): Promise<unknown> {
  const error = await knot.shopping.checkout(params, options).catch((e: unknown) => e);
  expectNoSecrets(error, [PAN, CVV], 'the error');
  return error;
}

beforeEach(async () => {
  lines = [];
  mock = createMockKnot({ seed: 12, webhookRetryDelayMs: 10 });
  ({ url } = await mock.listen());
  await mock.linkAccount(account);
  const setup = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url });
  await setup.shopping.syncCart({
    ...account,
    products: [{ external_id: 'sku-1' }],
    delivery_location: { address: { line1: '1 Main St', city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' } },
  });
  await setup.close();
});

afterEach(async () => {
  await mock.webhooksSettled();
  await mock.close();
});

describe('the checkout card never leaks', () => {
  it('from a checkout that succeeds (the fake decrypted it: it shows the last four digits only)', async () => {
    const knot = client();
    await knot.shopping.checkout({ ...account, payment_method: { id: 'pm-1', user, card } });
    await knot.close();
    expect(mock.checkouts()[0]!.payment_method).toMatchObject({ last4: PAN.slice(-4) });
    expect(lines.length).toBeGreaterThan(0);
    expectNothingLeaked(knot);
  });

  it.each<[string, CheckoutParams]>([
    ['a Luhn failure', { ...account, payment_method: { user, card: { ...card, number: `${PAN.slice(0, -1)}5` } } }],
    ['a CVV of the wrong length', { ...account, payment_method: { user, card: { ...card, cvv: `${CVV}9` } } }],
    ['an unknown card field', { ...account, payment_method: { user, card: { ...card, pin: CVV } as never } }],
    ['a card number given as a number', { ...account, payment_method: { user, card: { ...card, number: Number(PAN) as never } } }],
    ['the card where the user goes', { ...account, payment_method: { user: card as never, card } }],
    ['the card at the top level', { ...account, card } as never],
  ])('from a validation failure: %s (nothing sent)', async (_name, params) => {
    const knot = client();
    expect(await failure(knot, params)).toBeInstanceOf(KnotValidationError);
    await knot.close();
    expect(mock.requests.filter((r) => r.path !== '/cart')).toHaveLength(0);
    expectNothingLeaked(knot);
  });

  it('from Knot refusing the request (400 CART_NOT_FOUND, the card already encrypted)', async () => {
    const knot = client();
    await knot.shopping.checkout({ ...account, payment_method: { user, card } }); // empties the cart
    const error = await failure(knot, { ...account, payment_method: { user, card } });
    await knot.close();
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ errorCode: 'CART_NOT_FOUND' });
    expectNothingLeaked(knot);
  });

  it.each<[string, Parameters<MockKnot['faults']['set']>[0], RequestOptions, abstract new (...args: never[]) => Error]>([
    ['the connection reset mid-request, after retries', { resetRate: 1 }, { maxRetries: 1 }, KnotConnectionError],
    ['500 after retries', { serverErrorRate: 1 }, { maxRetries: 1 }, KnotServerError],
    ['a timeout', { latencyMs: 2_000 }, { timeoutMs: 300 }, KnotTimeoutError],
  ])('from a failure mid-request: %s', async (_name, faults, options, type) => {
    const knot = client();
    await knot.cards.jweKey(); // the key is fetched; the failure hits POST /cart/checkout
    mock.faults.set({ ...faults, only: (req) => req.path === '/cart/checkout' });
    const error = await failure(knot, { ...account, payment_method: { user, card } }, options);
    await knot.close();
    expect(error).toBeInstanceOf(type);
    expect(mock.requests.filter((r) => r.path === '/cart/checkout').length).toBeGreaterThan(0);
    expectNothingLeaked(knot);
  });
});
