/**
 * Card data never leaks: with a known card number and CVV, everything a user could print, log or
 * ship after card calls is scanned (see helpers/secret-scan.ts): every request the fake recorded,
 * every debug log line, every webhook, and every error (message, util.inspect, JSON, cause chain)
 * of a validation failure, of Knot refusing the card, and of failures mid-request (connection reset,
 * 5xx after retries, timeout).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CardSwitchParams,
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

const PAN = '4000056655665556';
const CVV = '017'; // a leading zero: no count or line number looks like it (see secret-scan.ts)
// The card as plaintext JSON: found in a request, it means the card went out unencrypted.

const user = {
  name: { first_name: 'Ada', last_name: 'Lovelace' },
  address: { street: '100 Main Street', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
  phone_number: '+11234567890',
};
const card = { number: PAN, expiration: '08/2030', cvv: CVV };

let mock: MockKnot;
let url: string;
let lines: unknown[][];
let taskId: number;

const logger: Logger = {
  debug: (...args) => lines.push(args),
  info: (...args) => lines.push(args),
  warn: (...args) => lines.push(args),
  error: (...args) => lines.push(args),
};

const client = () => new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, logger, logLevel: 'debug', maxRetries: 0 });

/** Everything outside the errors: what the fake received (JWEs included), logs, webhooks, the fake's own record. */
function expectNothingLeaked(knot: KnotClient): void {
  const trail = { requests: mock.requests, lines, webhooks: mock.webhooks.map((w) => w.body), record: { name: 'mock.switchedCards()', value: mock.switchedCards() }, client: knot };
  expect(lines.length).toBeGreaterThan(0);
  expectNoCardLeak(trail, PAN, CVV);
}

async function failure(knot: KnotClient, params: CardSwitchParams, options?: RequestOptions): Promise<unknown> {
  const error = await knot.cards.switch(params, options).catch((e: unknown) => e);
  expectNoSecrets(error, [PAN, CVV], 'the error');
  return error;
}

beforeEach(async () => {
  lines = [];
  mock = createMockKnot({ seed: 9, webhookRetryDelayMs: 10 });
  ({ url } = await mock.listen());
  await mock.linkAccount({ external_user_id: 'user-1', merchant_id: 19, card_switcher: true, card_id: 'card-1' });
  taskId = (mock.webhooks.at(-1)!.payload as { task_id: number }).task_id;
});

afterEach(async () => {
  await mock.webhooksSettled();
  await mock.close();
});

describe('card data never leaks', () => {
  it('from a switch that succeeds', async () => {
    const knot = client();
    await knot.cards.switch({ task_id: taskId, user, card });
    await knot.close();
    await mock.webhooksSettled();
    expect(mock.webhooks.map((w) => w.event)).toEqual(['AUTHENTICATED', 'CARD_UPDATING', 'CARD_UPDATED']);
    expectNothingLeaked(knot);
  });

  it.each<[string, CardSwitchParams]>([
    ['a Luhn failure', { task_id: taskId, user, card: { ...card, number: PAN.slice(0, -1) + '7' } }],
    ['a CVV of the wrong length', { task_id: taskId, user, card: { ...card, cvv: `${CVV}9` } }],
    ['an expired card', { task_id: taskId, user, card: { ...card, expiration: '01/2020' } }],
    ['an unknown card field', { task_id: taskId, user, card: { ...card, pin: CVV } as never }],
    ['a card number given as a number', { task_id: taskId, user, card: { ...card, number: Number(PAN) as never } }],
    ['a card nested where the user goes', { task_id: taskId, user: card as never, card }],
  ])('from a validation failure: %s (nothing sent)', async (_name, params) => {
    const knot = client();
    expect(await failure(knot, params)).toBeInstanceOf(KnotValidationError);
    await knot.close();
    expect(mock.requests).toHaveLength(0);
    lines.push(['(no log line is expected)']);
    expectNothingLeaked(knot);
  });

  it('from Knot refusing the card (400 INVALID_JWE)', async () => {
    await mock.close();
    mock = createMockKnot({ seed: 9, now: () => Date.parse('2031-01-01T00:00:00Z') });
    ({ url } = await mock.listen());
    await mock.linkAccount({ external_user_id: 'user-1', merchant_id: 19, card_switcher: true, card_id: 'card-1' });
    const knot = client();
    const error = await failure(knot, { task_id: (mock.webhooks.at(-1)!.payload as { task_id: number }).task_id, user, card });
    await knot.close();
    expect(error).toMatchObject({ errorCode: 'INVALID_JWE' });
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expectNothingLeaked(knot);
  });

  it.each<[string, Parameters<MockKnot['faults']['set']>[0], RequestOptions, abstract new (...args: never[]) => Error]>([
    ['the connection reset mid-request, after retries', { resetRate: 1 }, { maxRetries: 1 }, KnotConnectionError],
    ['500 after retries', { serverErrorRate: 1 }, { maxRetries: 1 }, KnotServerError],
    ['a timeout', { latencyMs: 2_000 }, { timeoutMs: 300 }, KnotTimeoutError],
  ])('from a failure mid-request: %s', async (_name, faults, options, type) => {
    const knot = client();
    await knot.cards.jweKey(); // the key is fetched; the failure hits POST /card
    mock.faults.set({ ...faults, only: (req) => req.path === '/card' });
    const error = await failure(knot, { task_id: taskId, user, card }, options);
    await knot.close();
    expect(error).toBeInstanceOf(type);
    expect(mock.requests.filter((r) => r.path === '/card').length).toBeGreaterThan(0);
    expectNothingLeaked(knot);
  });
});
