/**
 * The card JWE (knot-api.md §11.3.2): what the SDK encrypts decrypts, with the matching private
 * key, to exactly the `{ user, card }` given, under the header Knot requires; unusable keys and a
 * missing jose are typed errors that hold no card data.
 */
import { generateKeyPairSync } from 'node:crypto';
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJoseLoader, type JoseModule } from '../../src/cards/jose.js';
import { encryptCardPayload } from '../../src/cards/jwe.js';
import { KnotConfigError, KnotError } from '../../src/core/errors.js';
import type { CardPayload, JweKey } from '../../src/schemas/card.js';
import { expectNoSecrets } from '../helpers/secret-scan.js';

const PAN = '4242424242424242';
const CVV = '012';
// The card as plaintext JSON: found raw or base64-encoded, it means the JWE is not encrypting.
const CARD_JSON = `"cvv":"${CVV}"`;

const payload: CardPayload = {
  user: {
    name: { first_name: 'Ada', last_name: 'Lovelace' },
    address: { street: '100 Main Street', street2: '#100', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
    phone_number: '+11234567890',
  },
  card: { number: PAN, expiration: '08/2030', cvv: CVV },
};

async function rsaKeyPair() {
  const { publicKey, privateKey } = await jose.generateKeyPair('RSA-OAEP-256', { extractable: true });
  const { kty, n, e } = await jose.exportJWK(publicKey);
  const jwk: JweKey = { kty: kty!, n: n!, e: e!, kid: 'knot-key-1', alg: 'RSA-OAEP-256', use: 'enc', key_ops: ['encrypt'] };
  return { jwk, privateKey };
}

// jose will not even generate one: node:crypto does.
function weakKey() {
  const { n, e } = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
  return { n: n!, e: e! };
}

let key: Awaited<ReturnType<typeof rsaKeyPair>>;
beforeAll(async () => {
  key = await rsaKeyPair();
});

describe('encryptCardPayload', () => {
  it('makes one compact JWE that decrypts with the private key to exactly { user, card }', async () => {
    const jwe = await encryptCardPayload(payload, key.jwk);
    expect(jwe.split('.')).toHaveLength(5);
    const { plaintext, protectedHeader } = await jose.compactDecrypt(jwe, key.privateKey);
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual(payload);
    expect(protectedHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'knot-key-1' });
  });

  it('shows no card data outside the ciphertext, and encrypts afresh each time', async () => {
    const first = await encryptCardPayload(payload, key.jwk);
    const second = await encryptCardPayload(payload, key.jwk);
    expect(second).not.toBe(first);
    expectNoSecrets(first, [PAN, CARD_JSON], 'the JWE');
  });

  it('encrypts only user and card, whatever else the object holds', async () => {
    const jwe = await encryptCardPayload({ ...payload, task_id: '123', secret: 'x' } as CardPayload, key.jwk);
    const { plaintext } = await jose.compactDecrypt(jwe, key.privateKey);
    expect(Object.keys(JSON.parse(new TextDecoder().decode(plaintext)))).toEqual(['user', 'card']);
  });

  it('uses RSA-OAEP-256 for a key that leaves alg out', async () => {
    const { alg: _alg, ...withoutAlg } = key.jwk;
    const jwe = await encryptCardPayload(payload, withoutAlg);
    expect(jose.decodeProtectedHeader(jwe)).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'knot-key-1' });
  });

  it('refuses a JWE to the wrong key: another private key cannot open it', async () => {
    const other = await rsaKeyPair();
    const jwe = await encryptCardPayload(payload, key.jwk);
    await expect(jose.compactDecrypt(jwe, other.privateKey)).rejects.toThrow();
  });

  describe('keys it cannot use: a KnotError naming the key, with no card data', () => {
    const cases: [string, () => Promise<JweKey>, RegExp][] = [
      ['an EC key', async () => ({ ...key.jwk, kty: 'EC' }), /kid "knot-key-1"\) cannot be used: it is a "EC" key, not an RSA key\. Nothing was sent\.$/],
      ['an RSA1_5 key', async () => ({ ...key.jwk, alg: 'RSA1_5' }), /it asks for alg "RSA1_5"/],
      ['a 1024-bit key', async () => ({ ...key.jwk, ...weakKey() }), /it has a 1024-bit RSA modulus; at least 2048 bits are required/],
      ['a modulus that is not base64url', async () => ({ ...key.jwk, n: '%%%' }), /it has no RSA modulus "n" in base64url/],
    ];
    it.each(cases)('%s', async (_name, makeKey, message) => {
      const error = await encryptCardPayload(payload, await makeKey()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KnotError);
      expect(error).not.toBeInstanceOf(KnotConfigError);
      expect((error as Error).message).toMatch(message);
      expectNoSecrets(error, [PAN, CVV, CARD_JSON], 'the key error');
    });
  });
});

describe('loading jose', () => {
  const notFound = () => Promise.reject(Object.assign(new Error("Cannot find package 'jose' imported from /app/dist/index.js"), { code: 'ERR_MODULE_NOT_FOUND' }));

  it('is a KnotConfigError saying what to do when jose cannot be imported, with no card data', async () => {
    const error = await encryptCardPayload(payload, key.jwk, { loadJose: createJoseLoader(notFound) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotConfigError);
    expect((error as Error).message).toBe(
      'Encrypting card data needs the "jose" package, which could not be loaded (ERR_MODULE_NOT_FOUND). It is a dependency of knotapi-node: reinstall your dependencies, and if you bundle your app, keep "jose" resolvable (external, or bundled whole).',
    );
    expectNoSecrets(error, [PAN, CVV, CARD_JSON], 'the load error');
  });

  it('imports once, and tries again after a failure', async () => {
    const imports: string[] = [];
    let fail = true;
    const load = createJoseLoader(() => {
      imports.push(fail ? 'failed' : 'loaded');
      return fail ? notFound() : Promise.resolve(jose as JoseModule);
    });
    await expect(load()).rejects.toBeInstanceOf(KnotConfigError);
    fail = false;
    expect(await load()).toBe(jose);
    expect(await load()).toBe(jose);
    expect(imports).toEqual(['failed', 'loaded']);
  });
});
