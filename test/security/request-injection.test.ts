/**
 * Hostile values in ids, query params and headers never change the request: an id is one path
 * segment the server decodes back to the same string (or a KnotValidationError when it would name
 * another resource); query values stay one parameter; header names or values with CR/LF (or
 * anything undici would refuse) are a KnotValidationError / KnotConfigError with zero requests.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KnotClient, KnotConfigError, KnotError, KnotValidationError } from '../../src/index.js';
import { SAMPLE_ACCOUNT, SAMPLE_TRANSACTION } from '../property/support.js';
import { jsonReply, type RawServer, startRawServer } from '../helpers/raw-server.js';

let server: RawServer;
let knot: KnotClient;
beforeAll(async () => {
  server = await startRawServer();
  knot = new KnotClient({ clientId: 'id', secret: 'secret_value', baseUrl: server.url, maxRetries: 0, logLevel: 'off' });
});
afterAll(async () => {
  await knot?.close();
  await server?.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'ok',
    (e: unknown) => e,
  );
}

describe('transactions.get(id): the id is exactly one path segment', () => {
  const hostile = [
    '/',
    '../accounts/get',
    '..%2F..%2Faccounts',
    '%2e%2e',
    '%2F',
    'a/b',
    'a?x=1',
    'a#frag',
    '?',
    '#',
    '...',
    './',
    '.%2e',
    'a\\..\\b',
    '\\',
    ' ',
    '%',
    '%%32%65',
    'a\r\nX-Injected: 1',
    '\u0000',
    'ü/é',
    '😀',
    '//evil.example/x',
    'http://evil.example/',
  ];
  for (const id of hostile) {
    it(`${JSON.stringify(id)} reaches /transactions/<one segment> and decodes back`, async () => {
      server.behave(jsonReply(200, SAMPLE_TRANSACTION));
      expect(await outcome(knot.transactions.get(id))).toBe('ok');
      expect(server.requests).toHaveLength(1);
      const target = server.requests[0]!.url;
      expect(target.startsWith('/transactions/')).toBe(true);
      const segment = target.slice('/transactions/'.length);
      expect(segment).not.toMatch(/[/?#]/);
      expect(decodeURIComponent(segment)).toBe(id);
    });
  }

  for (const id of ['', '.', '..']) {
    it(`${JSON.stringify(id)} is a KnotValidationError and nothing is sent`, async () => {
      expect(await outcome(knot.transactions.get(id))).toBeInstanceOf(KnotValidationError);
      expect(server.requests).toHaveLength(0);
    });
  }

  it('a lone surrogate (not encodable) is a KnotValidationError, nothing sent', async () => {
    expect(await outcome(knot.transactions.get('a\uD800b'))).toBeInstanceOf(KnotValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it('any string: one segment that decodes back, or a KnotError with nothing sent', async () => {
    server.behave(jsonReply(200, SAMPLE_TRANSACTION));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('.', '/', '%', '?', '#', '\\', 'a', '2', 'e', 'F') })), async (id) => {
        server.requests.length = 0;
        const result = await outcome(knot.transactions.get(id));
        if (result === 'ok') {
          expect(server.requests).toHaveLength(1);
          const segment = server.requests[0]!.url.slice('/transactions/'.length);
          expect(server.requests[0]!.url.startsWith('/transactions/')).toBe(true);
          expect(segment).not.toMatch(/[/?#]/);
          expect(decodeURIComponent(segment)).toBe(id);
        } else {
          expect(result).toBeInstanceOf(KnotError);
          expect(server.requests).toHaveLength(0);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('query params stay one parameter each', () => {
  it('accounts.get with hostile external_user_id: the server sees exactly the values sent', async () => {
    server.behave(jsonReply(200, SAMPLE_ACCOUNT));
    for (const external_user_id of ['u&merchant_id=1', 'u#x', 'u?merchant_id=2', 'a=b&c', '%26merchant_id%3D3', 'u\r\nX: y', '+ +']) {
      server.requests.length = 0;
      expect(await outcome(knot.accounts.get({ external_user_id, merchant_id: 19 }))).toBe('ok');
      const url = new URL(server.requests[0]!.url, 'http://x');
      expect(url.pathname).toBe('/accounts/get');
      expect(url.searchParams.getAll('external_user_id')).toEqual([external_user_id]);
      expect(url.searchParams.getAll('merchant_id')).toEqual(['19']);
      expect(url.hash).toBe('');
    }
  });
});

describe('headers', () => {
  const badHeaders: Record<string, string>[] = [
    { 'x-trace': 'a\r\nX-Injected: 1' },
    { 'x-trace': 'a\nX-Injected: 1' },
    { 'x-trace': 'a\rb' },
    { 'x-trace': 'a\u0000b' },
    { 'x-trace': '\r\n\r\nGET /accounts/get HTTP/1.1' },
    { 'x-trace\r\nX-Injected': '1' },
    { 'x-trace: 1\r\nx': '1' },
    { 'x trace': '1' },
    { '': '1' },
    { 'x-trace': 'line\u2028sep' },
    { 'x-trace': 'ümlaut-ok-in-latin1-but-\u0100' },
    { Authorization: 'Basic ZXZpbDpldmls' },
    { host: 'evil.example' },
    { 'Content-Length': '0' },
    { 'Transfer-Encoding': 'chunked' },
  ];
  for (const headers of badHeaders) {
    it(`per-request headers ${JSON.stringify(headers)} are refused, zero requests`, async () => {
      const error = await outcome(knot.sessions.extend({ session_id: 's' }, { headers }));
      expect(error).toBeInstanceOf(KnotValidationError);
      expect(server.requests).toHaveLength(0);
    });
  }

  it('any header value holding CR or LF is refused, zero requests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.constantFrom('\r', '\n', '\r\n'), fc.string(), async (before, cr, after) => {
        server.requests.length = 0;
        const error = await outcome(knot.sessions.extend({ session_id: 's' }, { headers: { 'x-trace': before + cr + after } }));
        expect(error).toBeInstanceOf(KnotValidationError);
        expect(server.requests).toHaveLength(0);
      }),
      { numRuns: 500 },
    );
  });

  it('userAgent and knotVersion with CR/LF are refused by the constructor', () => {
    for (const bad of ['x\r\nX-Injected: 1', 'x\ny', 'x\u0000']) {
      expect(() => new KnotClient({ clientId: 'id', secret: 's', baseUrl: server.url, userAgent: bad })).toThrow(KnotConfigError);
      expect(() => new KnotClient({ clientId: 'id', secret: 's', baseUrl: server.url, knotVersion: bad })).toThrow(KnotConfigError);
    }
    expect(() => new KnotClient({ clientId: 'i\r\nd', secret: 's', baseUrl: server.url })).toThrow(KnotConfigError);
  });

  it('a harmless custom header is sent as is, and cannot displace the credentials', async () => {
    server.behave(jsonReply(200, { session: 'ok' }));
    expect(await outcome(knot.sessions.extend({ session_id: 's' }, { headers: { 'X-Trace': 'abc def' } }))).toBe('ok');
    expect(server.requests[0]!.headers['x-trace']).toBe('abc def');
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('id:secret_value').toString('base64')}`);
    expect(server.requests[0]!.rawHeaders.filter((h) => h.toLowerCase() === 'authorization')).toHaveLength(1);
  });
});
