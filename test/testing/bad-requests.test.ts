/**
 * Bad requests to the fake get Knot's 4xx answers, never a 500: a 500 from the fake would be a bug
 * in the fake, and a test of the user's error handling would then test the wrong thing.
 */
import { createServer } from 'node:net';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { ROUTES } from '../../src/testing/routes.js';
import { listenPort } from '../../src/testing/server.js';
import { type Api, connect, type Transport } from './helpers.js';

const USER = 'user-bad';

describe.each<Transport>(['server', 'dispatcher'])('the fake over %s', (transport) => {
  let mock: MockKnot;
  let api: Api;
  let close: () => Promise<void>;

  beforeEach(async () => {
    mock = createMockKnot({ seed: 9, transactionsPerLink: 5 });
    await mock.linkAccount({ external_user_id: USER, merchant_id: 19, transactions: { new: true } });
    ({ api, close } = await connect(mock, transport));
  });
  afterEach(async () => {
    await close();
    await mock.close();
  });

  it('answers a path parameter with bad percent-encoding (GET /transactions/%ZZ) with 400 INVALID_FIELD', async () => {
    for (const id of ['%ZZ', '%', '%E0%A4%A']) {
      const res = await api.get(`/transactions/${id}`);
      expect(res.status, id).toBe(400);
      expect(res.json).toMatchObject({ error_code: 'INVALID_FIELD', error_message: expect.stringMatching(/percent-encoding/) });
    }
    expect(mock.requests.every((r) => r.error === null)).toBe(true);
  });

  it('answers a string merchant_id on the development link with 400 INVALID_FIELD', async () => {
    const res = await api.post('/development/accounts/link', { external_user_id: 'x', merchant_id: 'nineteen', transactions: { new: true } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error_code: 'INVALID_FIELD', error_message: 'The merchant_id must be an integer.' });
  });

  it('answers a known path with the wrong method 405 (with Allow), an unknown path 404, and logs both', async () => {
    const wrong = await api.get('/session/create');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    const unknown = await api.post('/transactions/nope/extra', {});
    expect(unknown.status).toBe(404);
    expect(mock.requests.slice(-2).map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/session/create', 405],
      ['POST', '/transactions/nope/extra', 404],
    ]);
  });

  it('answers any body sent to any route with a status below 500 (property)', async () => {
    const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    const value = fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 2 }),
      fc.dictionary(fc.constantFrom('new', 'updated', 'blocked', 'has_funds'), scalar, { noNullPrototype: true, maxKeys: 3 }),
    );
    const field = fc.constantFrom(
      'external_user_id', 'merchant_id', 'type', 'cursor', 'limit', 'transactions', 'card_switcher', 'card_id',
      'session_id', 'platform', 'search', 'phone_number', 'email', 'processor_token', 'card', 'metadata',
    );
    const body = fc.oneof(
      fc.dictionary(field, value, { noNullPrototype: true, maxKeys: 5 }).map((fields) => ({ ...fields, external_user_id: fields.external_user_id ?? USER })),
      fc.constantFrom('', 'null', '[]', '"text"', '{', '{"merchant_id":', '1e999'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), body, fc.string({ maxLength: 6 }), async (route, payload, id) => {
        const path = route.path.replace(':id', encodeURIComponent(id) || 'x');
        const res =
          route.method === 'GET'
            ? await api.get(`${path}?${new URLSearchParams(typeof payload === 'string' ? {} : Object.entries(payload).map(([k, v]): [string, string] => [k, JSON.stringify(v) ?? '']))}`)
            : await api.call('POST', path, typeof payload === 'string' ? payload : JSON.stringify(payload));
        expect(res.status, `${route.method} ${path} ${JSON.stringify(payload)}: ${mock.requests.at(-1)?.error}`).toBeLessThan(500);
      }),
      { numRuns: transport === 'server' ? 150 : 300, seed: 14 },
    );
  });
});

describe('mock.listen() options', () => {
  let mock: MockKnot;
  beforeEach(() => {
    mock = createMockKnot();
  });
  afterEach(() => mock.close());

  it('rejects a port outside 0..65535 with a RangeError that says what is allowed', async () => {
    for (const port of [-1, 65_536, 1.5, Number.NaN]) {
      await expect(mock.listen({ port }), String(port)).rejects.toThrow(
        new RangeError(`mock.listen(): port must be an integer from 0 to 65535 (0 picks a free port), got ${port}.`),
      );
    }
    expect(listenPort({})).toBe(0);
    expect(listenPort({ port: 4010 })).toBe(4010);
  });

  it('names a port already in use, keeping Node’s code', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(mock.listen({ port })).rejects.toMatchObject({
        code: 'EADDRINUSE',
        message: `mock.listen(): port ${port} on 127.0.0.1 is already in use; pick another port, or 0 for any free one (EADDRINUSE).`,
      });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
