/**
 * The fake's card keys: a public JWK shaped as `GET /jwe/key` answers, and the check Knot makes on
 * a card JWE (decrypt, header, §11.3.2 rules), returning the card data or a typed reason.
 */
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptCardPayload } from '../../src/cards/jwe.js';
import type { CardPayload, JweKey } from '../../src/schemas/card.js';
import { JweKeySchema } from '../../src/schemas/zod/card.js';
import { createCardKeys } from '../../src/testing/card-keys.js';
import { expectNoSecrets } from '../helpers/secret-scan.js';

const PAN = '4242424242424242';
const CVV = '012';
const payload: CardPayload = {
  user: {
    name: { first_name: 'Ada', last_name: 'Lovelace' },
    address: { street: '100 Main Street', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
    phone_number: '+11234567890',
  },
  card: { number: PAN, expiration: '08/2030', cvv: CVV },
};

let clock = Date.parse('2026-12-06T08:00:00Z');
const keys = createCardKeys({ now: () => clock });
let jwk: JweKey;

beforeAll(async () => {
  jwk = await keys.publicJwk();
});

/** Encrypts any plaintext to the fake's key, bypassing the SDK's checks. */
const encryptRaw = (plaintext: string, header: jose.CompactJWEHeaderParameters = { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: jwk.kid }) =>
  jose.importJWK(jwk, 'RSA-OAEP-256').then((key) => new jose.CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader(header).encrypt(key));

describe('the fake card keys', () => {
  it('publish an RSA-2048 public JWK the way GET /jwe/key answers, with no private member', async () => {
    expect(JweKeySchema.parse(jwk)).toEqual(jwk);
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'e', 'key_ops', 'kid', 'kty', 'n', 'use']);
    expect(jwk).toMatchObject({ alg: 'RSA-OAEP-256', kty: 'RSA', use: 'enc', key_ops: ['encrypt'], e: 'AQAB' });
    expect(Buffer.from(jwk.n, 'base64url')).toHaveLength(256);
    expect(jwk.kid).toBe(await jose.calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e }));
  });

  it('keep one key pair per fake: the same key on every call, another for another fake', async () => {
    expect(await keys.publicJwk()).toEqual(jwk);
    expect((await createCardKeys().publicJwk()).kid).not.toBe(jwk.kid);
  });

  it('open a JWE made by the SDK to exactly the card data sent', async () => {
    expect(await keys.open(await encryptCardPayload(payload, jwk))).toEqual({ ok: true, payload });
  });

  it.each<[string, () => Promise<unknown>, string]>([
    ['not a string', async () => ({ jwe: 'x' }), 'malformed'],
    ['four parts', async () => (await encryptCardPayload(payload, jwk)).split('.').slice(0, 4).join('.'), 'malformed'],
    ['a header that is not JSON', async () => ['bm90IGpzb24', ...(await encryptCardPayload(payload, jwk)).split('.').slice(1)].join('.'), 'malformed'],
    ['another kid', () => encryptCardPayload(payload, { ...jwk, kid: 'other' }), 'header_mismatch'],
    ['another enc', () => encryptRaw(JSON.stringify(payload), { alg: 'RSA-OAEP-256', enc: 'A128GCM', kid: jwk.kid }), 'header_mismatch'],
    ['a JWE to another key under this kid', async () => encryptCardPayload(payload, { ...(await createCardKeys().publicJwk()), kid: jwk.kid }), 'undecryptable'],
    [
      'an altered ciphertext',
      async () => {
        const parts = (await encryptCardPayload(payload, jwk)).split('.');
        parts[3] = `${parts[3]!.startsWith('A') ? 'B' : 'A'}${parts[3]!.slice(1)}`;
        return parts.join('.');
      },
      'undecryptable',
    ],
    ['plaintext that is not JSON', () => encryptRaw('card=4242'), 'not_json'],
    ['a JSON array', () => encryptRaw('[1,2]'), 'not_json'],
  ])('refuse %s as "The jwe is invalid."', async (_name, makeJwe, reason) => {
    expect(await keys.open(await makeJwe())).toEqual({ ok: false, reason, message: 'The jwe is invalid.', issues: [] });
  });

  it("check the card data by the §11.3.2 rules, in Knot's words, with no card data in the answer", async () => {
    const badLuhn = { ...payload, card: { ...payload.card, number: '4242424242424241' } };
    const result = await keys.open(await encryptRaw(JSON.stringify(badLuhn)));
    expect(result).toEqual({
      ok: false,
      reason: 'invalid_card_data',
      message: 'The card.number is invalid and does not pass the Luhn check (check for a mistyped digit).',
      issues: [{ path: 'card.number', message: 'is invalid and does not pass the Luhn check (check for a mistyped digit)' }],
    });
    expectNoSecrets(result, ['4242424242424241', CVV], "the fake's refusal");
  });

  it("judge the expiry on the fake's clock", async () => {
    const jwe = await encryptCardPayload(payload, jwk);
    clock = Date.parse('2030-09-01T00:00:00Z');
    try {
      expect(await keys.open(jwe)).toMatchObject({ ok: false, reason: 'invalid_card_data', message: 'The card.expiration is in the past: the card is expired.' });
    } finally {
      clock = Date.parse('2026-12-06T08:00:00Z');
    }
    expect(await keys.open(jwe)).toEqual({ ok: true, payload });
  });
});
