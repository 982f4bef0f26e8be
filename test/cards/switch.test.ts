/**
 * knot.cards.switch on the wire: against the fake over 127.0.0.1 (both shapes, the webhooks that
 * follow, each documented error as its typed error), and against a stub that holds the private
 * key, to prove the JWE decrypts to exactly the `{ user, card }` given.
 */
import * as jose from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CardSwitchParams,
  KnotBadRequestError,
  KnotClient,
  KnotPermissionDeniedError,
  KnotValidationError,
  parseWebhook,
} from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { jsonReply, type RawServer, startRawServer } from '../helpers/raw-server.js';

const user = {
  name: { first_name: 'Ada', last_name: 'Lovelace' },
  address: { street: '100 Main Street', street2: '#100', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
  phone_number: '+11234567890',
};
const card = { number: '4242424242424242', expiration: '08/2030', cvv: '012' };

let mock: MockKnot;
let url: string;
let knot: KnotClient;

async function authenticatedTask(externalUserId = 'user-1', merchantId = 19): Promise<number> {
  await mock.linkAccount({ external_user_id: externalUserId, merchant_id: merchantId, card_switcher: true, card_id: 'card-1' });
  const event = mock.webhooks.findLast((w) => w.event === 'AUTHENTICATED')!.payload as { task_id: number };
  return event.task_id;
}

const cardRequests = () => mock.requests.filter((r) => r.path === '/card' || r.path === '/jwe/key').map((r) => `${r.method} ${r.path} ${r.status}`);

describe('knot.cards.switch against the fake', () => {
  beforeEach(async () => {
    mock = createMockKnot({ seed: 5 });
    ({ url } = await mock.listen());
    knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, maxRetries: 0 });
  });

  afterEach(async () => {
    await knot.close();
    await mock.close();
  });

  it('after AUTHENTICATED: POST /card { task_id as a string, jwe }, then CARD_UPDATING and CARD_UPDATED', async () => {
    const taskId = await authenticatedTask();
    const { data, response } = await knot.cards.switch({ task_id: taskId, user, card }).withResponse();

    expect(data).toEqual({ message: 'Success' });
    expect(response.status).toBe(200);
    expect(cardRequests()).toEqual(['GET /jwe/key 200', 'POST /card 200']);
    const sent = mock.requests.at(-1)!;
    expect(Object.keys(sent.body as object)).toEqual(['task_id', 'jwe']);
    expect(sent.body).toEqual({ task_id: String(taskId), jwe: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/) });
    expect(sent.headers['content-type']).toBe('application/json');
    expect(mock.switchedCards()).toEqual([
      {
        task_id: String(taskId),
        external_user_id: 'user-1',
        merchant_id: 19,
        last4: '4242',
        expiration: '08/2030',
        cardholder: { first_name: 'Ada', last_name: 'Lovelace' },
        card_name: null,
        customer_name: null,
        outcome: 'CARD_UPDATED',
      },
    ]);

    await mock.webhooksSettled();
    const events = mock.webhooks.filter((w) => w.event.startsWith('CARD_')).map((w) => parseWebhook(w.body));
    expect(events.map((e) => e.event)).toEqual(['CARD_UPDATING', 'CARD_UPDATED']);
    for (const event of events) {
      expect(event).toMatchObject({ task_id: taskId, external_user_id: 'user-1', merchant: { id: 19 }, data: { card_id: 'card-1' } });
    }
  });

  it('a task_id given as a string is sent as given', async () => {
    const taskId = String(await authenticatedTask());
    await knot.cards.switch({ task_id: taskId, user, card });
    expect(mock.requests.at(-1)!.body).toMatchObject({ task_id: taskId });
  });

  it('to a linked account: POST /card { external_user_id, merchant_id, card_name, customer_name, jwe }', async () => {
    await knot.development.linkAccount({ external_user_id: 'user-2', merchant_id: 44, transactions: { new: true } });
    await knot.cards.switch({ external_user_id: 'user-2', merchant_id: 44, user, card, card_name: 'My Credit Card', customer_name: 'Ada Lovelace' });

    expect(mock.requests.at(-1)!.body).toEqual({
      external_user_id: 'user-2',
      merchant_id: 44,
      card_name: 'My Credit Card',
      customer_name: 'Ada Lovelace',
      jwe: expect.any(String),
    });
    expect(mock.switchedCards()).toEqual([expect.objectContaining({ task_id: null, merchant_id: 44, card_name: 'My Credit Card', customer_name: 'Ada Lovelace' })]);
  });

  it('sends CARD_FAILED with the reason set by mock.setCardSwitchFailure', async () => {
    mock.setCardSwitchFailure('card expired');
    const taskId = await authenticatedTask();
    await knot.cards.switch({ task_id: taskId, user, card });
    await mock.webhooksSettled();
    const failed = parseWebhook(mock.webhooks.at(-1)!.body);
    expect(failed).toMatchObject({ event: 'CARD_FAILED', task_id: taskId, data: { card_id: 'card-1', reason: 'card expired' } });
    expect(mock.switchedCards()[0]!.outcome).toBe('CARD_FAILED');
  });

  it('encrypts once per call: a retried POST /card resends the same JWE', async () => {
    const retrying = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, maxRetries: 1 });
    let failures = 0;
    mock.faults.set({ serverErrorRate: 1, only: (req) => req.path === '/card' && failures++ === 0 });
    const taskId = await authenticatedTask();
    await retrying.cards.switch({ task_id: taskId, user, card });
    await retrying.close();

    const posts = mock.requests.filter((r) => r.path === '/card');
    expect(posts.map((r) => r.status)).toEqual([expect.any(Number), 200]);
    expect(posts[0]!.status).toBeGreaterThanOrEqual(500);
    expect(posts[1]!.body).toEqual(posts[0]!.body);
    expect(mock.requests.filter((r) => r.path === '/jwe/key')).toHaveLength(1);
  });

  it('after a key rotation, fetches the new key, encrypts again and resends once', async () => {
    const taskId = await authenticatedTask();
    await knot.cards.switch({ task_id: taskId, user, card });
    mock.rotateCardKey();
    await knot.cards.switch({ task_id: taskId, user, card });

    expect(cardRequests()).toEqual(['GET /jwe/key 200', 'POST /card 200', 'POST /card 400', 'GET /jwe/key 200', 'POST /card 200']);
    const [, stale, fresh] = mock.requests.filter((r) => r.path === '/card');
    expect((fresh!.body as { jwe: string }).jwe).not.toBe((stale!.body as { jwe: string }).jwe);
    expect(mock.switchedCards()).toHaveLength(2);
  });

  it('does not resend when Knot refuses the card data itself (INVALID_JWE on a field)', async () => {
    // The fake's clock is past the card's expiry; the client's is not.
    await mock.close();
    mock = createMockKnot({ seed: 5, now: () => Date.parse('2031-01-15T00:00:00Z') });
    ({ url } = await mock.listen());
    const client = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, maxRetries: 0 });
    const taskId = await authenticatedTask();
    const error = await client.cards.switch({ task_id: taskId, user, card }).catch((e: unknown) => e);
    await client.close();

    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ status: 400, errorType: 'INVALID_REQUEST', errorCode: 'INVALID_JWE', method: 'POST', path: '/card' });
    expect((error as KnotBadRequestError).errorMessage).toMatch(/^The card\.expiration /);
    expect(cardRequests()).toEqual(['GET /jwe/key 200', 'POST /card 400']);
    expect(mock.switchedCards()).toEqual([]);
  });

  it('is a KnotPermissionDeniedError NO_ACCESS when Card Switcher is off', async () => {
    const taskId = await authenticatedTask();
    await knot.cards.jweKey();
    mock.setProductAccess('card_switcher', false);
    const error = await knot.cards.switch({ task_id: taskId, user, card }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotPermissionDeniedError);
    expect(error).toMatchObject({ status: 403, errorCode: 'NO_ACCESS', path: '/card' });
  });

  it.each([
    ['an unknown task', { task_id: 99 }, 'INVALID_FIELD'],
    ['an unknown user', { external_user_id: 'nobody', merchant_id: 19 }, 'USER_NOT_FOUND'],
  ])('is a KnotBadRequestError for %s', async (_name, target, errorCode) => {
    const error = await knot.cards.switch({ ...target, user, card } as CardSwitchParams).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ status: 400, errorCode });
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['neither shape', { user, card }, [{ path: 'task_id', message: expect.stringMatching(/^is required .*or else external_user_id and merchant_id/) }]],
    ['both shapes mixed', { task_id: 1, external_user_id: 'u', user, card }, [{ path: 'external_user_id', message: 'is not a known parameter (check its spelling)' }]],
    ['a negative task_id', { task_id: -1, user, card }, [{ path: 'task_id', message: expect.any(String) }]],
    ['an empty task_id', { task_id: '', user, card }, [{ path: 'task_id', message: expect.any(String) }]],
    ['a blank task_id', { task_id: '  ', user, card }, [{ path: 'task_id', message: expect.stringContaining('must be digits') }]],
    ['a task_id with a letter', { task_id: '12a', user, card }, [{ path: 'task_id', message: expect.stringContaining('must be digits') }]],
    ['card_name without an account', { task_id: 1, card_name: 'x', user, card }, [{ path: 'card_name', message: 'is not a known parameter (check its spelling)' }]],
    ['a bad merchant_id', { external_user_id: 'u', merchant_id: 0, user, card }, [{ path: 'merchant_id', message: expect.any(String) }]],
    ['a card failing Luhn', { task_id: 1, user, card: { ...card, number: '4242424242424241' } }, [{ path: 'card.number', message: expect.stringContaining('Luhn') }]],
    ['a user without a phone', { task_id: 1, user: { ...user, phone_number: undefined }, card }, [{ path: 'user.phone_number', message: 'is required' }]],
  ])('refuses %s with KnotValidationError naming the field, and sends nothing', async (_name, params, issues) => {
    const error = await knot.cards.switch(params as CardSwitchParams).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotValidationError);
    expect((error as KnotValidationError).issues).toEqual(issues);
    expect(mock.requests).toHaveLength(0);
  });
});

describe('the JWE cards.switch sends', () => {
  let raw: RawServer;
  let privateKey: Awaited<ReturnType<typeof jose.generateKeyPair>>['privateKey'];
  let jwk: Record<string, unknown>;

  beforeEach(async () => {
    const pair = await jose.generateKeyPair('RSA-OAEP-256', { extractable: true });
    privateKey = pair.privateKey;
    jwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'knot-key-7', alg: 'RSA-OAEP-256', use: 'enc', key_ops: ['encrypt'] };
    raw = await startRawServer();
    raw.behave((req, res, body) => (req.url === '/jwe/key' ? jsonReply(200, jwk) : jsonReply(200, { message: 'Success' }))(req, res, body));
  });
  afterEach(async () => raw.close());

  it('decrypts with the matching private key to exactly { user, card }, under alg RSA-OAEP-256, enc A256GCM and the kid', async () => {
    const client = new KnotClient({ clientId: 'id', secret: 'secret', baseUrl: raw.url, maxRetries: 0 });
    await client.cards.switch({ task_id: 25605, user, card });
    await client.close();

    const sent = JSON.parse(raw.requests.at(-1)!.body) as { task_id: string; jwe: string };
    expect(sent.task_id).toBe('25605');
    const { plaintext, protectedHeader } = await jose.compactDecrypt(sent.jwe, privateKey);
    expect(protectedHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'knot-key-7' });
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual({ user, card });
  });

  it('answers a JWE Knot keeps refusing with KnotBadRequestError INVALID_JWE after one fresh key and one resend', async () => {
    raw.behave((req, res, body) =>
      (req.url === '/jwe/key'
        ? jsonReply(200, jwk)
        : jsonReply(400, { error_type: 'INVALID_REQUEST', error_code: 'INVALID_JWE', error_message: 'The jwe is invalid.' }))(req, res, body),
    );
    const client = new KnotClient({ clientId: 'id', secret: 'secret', baseUrl: raw.url, maxRetries: 2 });
    const error = await client.cards.switch({ task_id: 1, user, card }).catch((e: unknown) => e);
    await client.close();

    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ errorCode: 'INVALID_JWE', errorMessage: 'The jwe is invalid.' });
    expect(raw.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /jwe/key', 'POST /card', 'GET /jwe/key', 'POST /card']);
  });
});
