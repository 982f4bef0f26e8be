/**
 * knot.cards.jweKey() against the fake over 127.0.0.1: GET /jwe/key, parsed; one fetch per client,
 * shared by concurrent callers; a failed fetch is not kept; a caller's abort ends its own wait only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KnotAbortError,
  KnotAuthenticationError,
  KnotClient,
  KnotPermissionDeniedError,
  KnotResponseValidationError,
  KnotValidationError,
} from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { apiClient } from '../testing/helpers.js';
import { jsonReply, type RawServer, startRawServer } from '../helpers/raw-server.js';

// 342 base64url characters with the top bits set: a 2048-bit RSA modulus.
const N_2048 = `w${'A'.repeat(341)}`;

let mock: MockKnot;
let url: string;
let knot: KnotClient;

beforeEach(async () => {
  mock = createMockKnot({ seed: 3 });
  ({ url } = await mock.listen());
  knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, maxRetries: 0 });
});

afterEach(async () => {
  await knot.close();
  await mock.close();
});

const keyFetches = () => mock.requests.filter((r) => r.path === '/jwe/key');

describe('knot.cards.jweKey', () => {
  it('sends GET /jwe/key and answers the JWK as Knot sent it, frozen', async () => {
    const served = (await apiClient(mock, url).get('/jwe/key')).json;
    const { data: key, response } = await knot.cards.jweKey().withResponse();

    expect(response.status).toBe(200);
    expect(key).toEqual(served);
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RSA-OAEP-256', use: 'enc', key_ops: ['encrypt'], kid: expect.any(String) });
    expect(Object.isFrozen(key) && Object.isFrozen(key.key_ops)).toBe(true);
    expect(mock.requests.at(-1)).toMatchObject({ method: 'GET', path: '/jwe/key', body: undefined, query: {} });
  });

  it('fetches once per client: concurrent and later callers get the same key object', async () => {
    const [first, second, third] = await Promise.all([knot.cards.jweKey(), knot.cards.jweKey(), knot.cards.jweKey()]);
    const later = await knot.cards.jweKey();

    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(later).toBe(first);
    expect(keyFetches()).toHaveLength(1);

    const other = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url });
    await other.cards.jweKey();
    await other.close();
    expect(keyFetches()).toHaveLength(2);
  });

  it('does not keep a failed fetch: 403 NO_ACCESS, then the next call fetches again', async () => {
    mock.setProductAccess('card_switcher', false);
    mock.setProductAccess('shopping', false); // the key serves checkout too
    const error = await knot.cards.jweKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotPermissionDeniedError);
    expect(error).toMatchObject({ status: 403, errorCode: 'NO_ACCESS', method: 'GET', path: '/jwe/key' });

    mock.setProductAccess('card_switcher', true);
    mock.setProductAccess('shopping', true);
    await expect(knot.cards.jweKey()).resolves.toMatchObject({ kty: 'RSA' });
    expect(keyFetches().map((r) => r.status)).toEqual([403, 200]);
  });

  it('is a KnotAuthenticationError with wrong keys', async () => {
    const wrong = new KnotClient({ clientId: mock.clientId, secret: 'not-the-secret', baseUrl: url, maxRetries: 0 });
    const error = await wrong.cards.jweKey().catch((e: unknown) => e);
    await wrong.close();
    expect(error).toBeInstanceOf(KnotAuthenticationError);
    expect(error).toMatchObject({ errorCode: 'INVALID_API_KEYS' });
  });

  it("ends an aborted caller's wait with KnotAbortError, while the fetch others share runs on", async () => {
    mock.faults.set({ latencyMs: [300, 300], only: (req) => req.path === '/jwe/key' });
    const controller = new AbortController();
    const aborted = knot.cards.jweKey({ signal: controller.signal }).catch((e: unknown) => e);
    const patient = knot.cards.jweKey();
    controller.abort();

    expect(await aborted).toBeInstanceOf(KnotAbortError);
    await expect(patient).resolves.toMatchObject({ kty: 'RSA' });
    expect(keyFetches()).toHaveLength(1);
  });

  it('refuses bad options with KnotValidationError and fetches nothing', async () => {
    const error = await knot.cards.jweKey({ timeoutMs: -1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotValidationError);
    expect(keyFetches()).toHaveLength(0);
  });
});

describe('a key answer that is not a JWK', () => {
  let raw: RawServer;
  afterEach(async () => raw?.close());

  it('is a KnotResponseValidationError, and is not kept', async () => {
    raw = await startRawServer();
    raw.behave(jsonReply(200, { kty: 'RSA', n: 'abc' }));
    const client = new KnotClient({ clientId: 'id', secret: 'secret', baseUrl: raw.url, maxRetries: 0 });
    const error = await client.cards.jweKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    raw.behave(jsonReply(200, { kty: 'RSA', n: N_2048, e: 'AQAB', kid: 'k1' }));
    await expect(client.cards.jweKey()).resolves.toEqual({ kty: 'RSA', n: N_2048, e: 'AQAB', kid: 'k1' });
    await client.close();
    expect(raw.requests).toHaveLength(2);
  });

  it('a JWK nobody can encrypt with (a 40-bit modulus) is refused when fetched, named, and fetched again next time', async () => {
    raw = await startRawServer();
    raw.behave(jsonReply(200, { kty: 'RSA', n: 'garbage', e: 'AQAB', kid: 'k1', alg: 'RSA-OAEP-256' }));
    const client = new KnotClient({ clientId: 'id', secret: 'secret', baseUrl: raw.url, maxRetries: 0 });
    try {
      for (let call = 0; call < 2; call++) {
        const error = await client.cards.jweKey().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(KnotResponseValidationError);
        expect((error as KnotResponseValidationError).issues).toEqual([
          expect.objectContaining({ message: 'cannot encrypt card data: the key has a 40-bit RSA modulus; at least 2048 bits are required' }),
        ]);
      }
      expect(raw.requests).toHaveLength(2); // not cached: each call asked again
    } finally {
      await client.close();
    }
  });
});
