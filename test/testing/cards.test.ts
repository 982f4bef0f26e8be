/**
 * The fake's Card Switcher on the wire (raw HTTP, no SDK client): GET /jwe/key serves its public
 * key, POST /card decrypts the JWE with its private key and answers Knot's documented errors, and
 * only the last four digits of an accepted card are kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptCardPayload } from '../../src/cards/jwe.js';
import type { CardPayload, JweKey } from '../../src/schemas/card.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { type Api, basic, connect, type Transport } from './helpers.js';

const payload: CardPayload = {
  user: {
    name: { first_name: 'Ada', last_name: 'Lovelace' },
    address: { street: '100 Main Street', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
    phone_number: '+11234567890',
  },
  card: { number: '5555555555554444', expiration: '08/2030', cvv: '012' },
};

/** The public key of another fake: a JWE to it is one this fake cannot open. */
async function otherKey(): Promise<JweKey> {
  const other = createMockKnot({ seed: 12 });
  try {
    return (await (await connect(other, 'dispatcher')).api.get('/jwe/key')).json as JweKey;
  } finally {
    await other.close();
  }
}

describe.each<Transport>(['server', 'dispatcher'])('the fake Card Switcher over the %s', (transport) => {
  let mock: MockKnot;
  let api: Api;
  let close: () => Promise<void>;
  let key: JweKey;
  let taskId: string;

  beforeAll(async () => {
    mock = createMockKnot({ seed: 11 });
    ({ api, close } = await connect(mock, transport));
    key = (await api.get('/jwe/key')).json;
    await mock.linkAccount({ external_user_id: 'user-1', merchant_id: 19, card_switcher: true, card_id: 'card-1' });
    taskId = String((mock.webhooks.at(-1)!.payload as { task_id: number }).task_id);
  });
  afterAll(async () => {
    await close();
    await mock.close();
  });

  it('GET /jwe/key: an RSA-OAEP-256 encryption key with a kid, the same on every call', async () => {
    expect(key).toEqual({ alg: 'RSA-OAEP-256', e: 'AQAB', key_ops: ['encrypt'], kid: expect.any(String), kty: 'RSA', n: expect.any(String), use: 'enc' });
    expect((await api.get('/jwe/key')).json).toEqual(key);
  });

  it('POST /card: a good JWE is 200 Success, and only the last four digits are kept', async () => {
    const res = await api.post('/card', { task_id: taskId, jwe: await encryptCardPayload(payload, key) });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ message: 'Success' });
    expect(mock.switchedCards().at(-1)).toMatchObject({ task_id: taskId, last4: '4444', merchant_id: 19 });
    expect(JSON.stringify(mock.switchedCards())).not.toContain('555555');
  });

  const invalid = (message: string) => ({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_JWE', error_message: message });
  const invalidField = (message: string) => ({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD', error_message: message });

  it.each<[string, () => Promise<unknown>, number, object]>([
    ['a JWE that is not compact', async () => ({ jwe: 'not-a-jwe' }), 400, invalid('The jwe is invalid.')],
    ['a JWE to another key under this kid', async () => ({ jwe: await encryptCardPayload(payload, { ...(await otherKey()), kid: key.kid }) }), 400, invalid('The jwe is invalid.')],
    ['a JWE naming another kid', async () => ({ jwe: await encryptCardPayload(payload, { ...key, kid: 'retired-key' }) }), 400, invalid('The jwe is invalid.')],
    ['a card failing Luhn', async () => ({ jwe: await encryptCardPayload({ ...payload, card: { ...payload.card, number: '5555555555554445' } }, key) }), 400, invalid('The card.number is invalid and does not pass the Luhn check (check for a mistyped digit).')],
    ['no jwe', async () => ({}), 400, invalidField('The jwe field is required.')],
    ['plain card data', async () => ({ jwe: await encryptCardPayload(payload, key), card: payload.card }), 400, invalidField('The user and card fields are not accepted here: send them encrypted, as one jwe.')],
  ])('POST /card: %s is refused as Knot does', async (_name, body, status, error) => {
    const res = await api.post('/card', { task_id: taskId, ...((await body()) as object) });
    expect(res.status).toBe(status);
    expect(res.json).toEqual(error);
  });

  it.each<[string, object, object]>([
    ['no task and no account', {}, invalidField('The task id field is required.')],
    ['a task the fake never opened', { task_id: '1' }, invalidField('The task id was not found: it must come from an AUTHENTICATED webhook with send_card true.')],
    ['a task_id that is a number', { task_id: 1 }, invalidField('The task id must be a string of digits.')],
    ['an unknown user', { external_user_id: 'nobody', merchant_id: 19 }, { error_code: 'USER_NOT_FOUND' }],
    ['an unknown account', { external_user_id: 'user-1', merchant_id: 44 }, { error_code: 'MERCHANT_ACCOUNT_NOT_FOUND' }],
  ])('POST /card: %s is 400', async (_name, target, error) => {
    const res = await api.post('/card', { ...target, jwe: await encryptCardPayload(payload, key) });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject(error);
  });

  it('answers 403 NO_ACCESS to /card while Card Switcher is off, to /jwe/key only once Shopping is off too; 401 without the right keys', async () => {
    const noAccess = { error_type: 'INVALID_REQUEST', error_code: 'NO_ACCESS', error_message: 'Please contact Knot for access to this endpoint.' };
    mock.setProductAccess('card_switcher', false);
    try {
      const card = await api.post('/card', { task_id: taskId, jwe: 'x' });
      expect([card.status, card.json]).toEqual([403, noAccess]);
      // Shopping's checkout encrypts its card with the same key.
      expect((await api.get('/jwe/key')).status).toBe(200);
      mock.setProductAccess('shopping', false);
      const key = await api.get('/jwe/key');
      expect([key.status, key.json]).toEqual([403, noAccess]);
    } finally {
      mock.setProductAccess('card_switcher', true);
      mock.setProductAccess('shopping', true);
    }
    const unauthorised = await api.call('GET', '/jwe/key', undefined, { auth: basic(mock.clientId, 'wrong') });
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.json).toMatchObject({ error_code: 'INVALID_API_KEYS' });
  });
});

describe('mock.setCardSwitchFailure', () => {
  it('takes a non-empty reason or null', async () => {
    const mock = createMockKnot();
    try {
      expect(() => mock.setCardSwitchFailure('')).toThrow(RangeError);
      expect(() => mock.setCardSwitchFailure('card expired')).not.toThrow();
      expect(() => mock.setCardSwitchFailure(null)).not.toThrow();
    } finally {
      await mock.close();
    }
  });
});
