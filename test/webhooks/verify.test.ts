import { describe, expect, it } from 'vitest';
import { KnotConfigError, KnotWebhookError } from '../../src/core/errors.js';
import { signWebhook, verifyWebhookSignature } from '../../src/webhooks/index.js';
import { newTransactions, SECRET, updatedTransactions } from './fixtures.js';

// knot-api.md §5.2 test vectors: the header values are fixed (Content-Length 178), the body only
// supplies `event` and `session_id`.
const VECTOR_HEADERS = { 'Content-Length': '178', 'Content-Type': 'application/json', 'Encryption-Type': 'HMAC-SHA256' };
const withSession = {
  body: { event: 'CARD_UPDATED', session_id: 'fb5aa994-ed1c-4c3e-b29a-b2a53222e584' },
  signature: 'ZqZX5dAW25dFM/UYg+jdqgtSmyBjreWc2XkNSWcGKNk=',
};
const withoutSession = {
  body: { event: 'MERCHANT_STATUS_UPDATE' },
  signature: 'BNaa8VAPb4iMU41W2pdvT0xHHmgjMpnn64DcCWLC9dI=',
};

function vectorHeaders(signature: string, overrides: Record<string, string> = {}) {
  return { ...VECTOR_HEADERS, 'Knot-Signature': signature, ...overrides };
}

describe('verifyWebhookSignature: knot-api.md §5.2 test vectors', () => {
  it.each([
    ['with session_id', withSession],
    ['without session_id', withoutSession],
  ])('accepts the vector %s (object, string and Buffer bodies)', (_name, vector) => {
    const headers = vectorHeaders(vector.signature);
    const text = JSON.stringify(vector.body);
    expect(verifyWebhookSignature({ body: vector.body, headers, secret: SECRET })).toBe(true);
    expect(verifyWebhookSignature({ body: text, headers, secret: SECRET })).toBe(true);
    expect(verifyWebhookSignature({ body: Buffer.from(text), headers, secret: SECRET })).toBe(true);
    expect(verifyWebhookSignature({ body: new TextEncoder().encode(text), headers, secret: SECRET })).toBe(true);
  });

  it('leaves session_id out when it is null or empty (the no-session vector still matches)', () => {
    const headers = vectorHeaders(withoutSession.signature);
    for (const session_id of [null, '']) {
      expect(verifyWebhookSignature({ body: { event: 'MERCHANT_STATUS_UPDATE', session_id }, headers, secret: SECRET })).toBe(
        true,
      );
    }
  });

  it.each([
    ['the signature', { 'Knot-Signature': 'ZqZX5dAW25dFM/UYg+jdqgtSmyBjreWc2XkNSWcGKNj=' }, withSession.body],
    ['the event', {}, { ...withSession.body, event: 'CARD_FAILED' }],
    ['the session_id', {}, { ...withSession.body, session_id: 'fb5aa994-ed1c-4c3e-b29a-b2a53222e585' }],
    ['a removed session_id', {}, { event: 'CARD_UPDATED' }],
    ['Content-Length', { 'Content-Length': '179' }, withSession.body],
    ['Content-Type', { 'Content-Type': 'application/json; charset=utf-8' }, withSession.body],
    ['Encryption-Type', { 'Encryption-Type': 'HMAC-SHA512' }, withSession.body],
  ])('rejects a changed %s', (_name, override, body) => {
    expect(verifyWebhookSignature({ body, headers: vectorHeaders(withSession.signature, override), secret: SECRET })).toBe(false);
  });

  it('rejects a wrong secret', () => {
    const headers = vectorHeaders(withSession.signature);
    expect(verifyWebhookSignature({ body: withSession.body, headers, secret: 'test_secret2' })).toBe(false);
  });

  it.each(['Knot-Signature', 'Content-Type', 'Encryption-Type'])('rejects a request without %s', (name) => {
    const headers: Record<string, string> = vectorHeaders(withSession.signature);
    delete headers[name];
    expect(verifyWebhookSignature({ body: withSession.body, headers, secret: SECRET })).toBe(false);
  });
});

describe('verifyWebhookSignature: header shapes', () => {
  const headers = vectorHeaders(withSession.signature);

  it('reads a Fetch Headers object', () => {
    expect(verifyWebhookSignature({ body: withSession.body, headers: new Headers(headers), secret: SECRET })).toBe(true);
  });

  it('reads Node IncomingHttpHeaders (lower case) and takes the first of repeated values', () => {
    const node = {
      'content-length': '178',
      'content-type': 'application/json',
      'encryption-type': 'HMAC-SHA256',
      'knot-signature': [withSession.signature, 'something-else'],
    };
    expect(verifyWebhookSignature({ body: withSession.body, headers: node, secret: SECRET })).toBe(true);
  });

  it('matches names in any case, and a numeric Content-Length', () => {
    const mixed = {
      'CONTENT-LENGTH': 178,
      'content-TYPE': 'application/json',
      'encryption-type': 'HMAC-SHA256',
      'KNOT-signature': withSession.signature,
    };
    expect(verifyWebhookSignature({ body: withSession.body, headers: mixed, secret: SECRET })).toBe(true);
  });

  it('reads a Map (case-insensitively)', () => {
    const map = new Map(Object.entries(headers));
    expect(verifyWebhookSignature({ body: withSession.body, headers: map, secret: SECRET })).toBe(true);
  });

  it('takes Content-Length from the raw body when the header is absent (re-framed by a proxy)', () => {
    const text = JSON.stringify(newTransactions);
    const signed = signWebhook({ body: text, secret: SECRET });
    const { 'Content-Length': _dropped, ...rest } = signed;
    expect(verifyWebhookSignature({ body: Buffer.from(text), headers: rest, secret: SECRET })).toBe(true);
    expect(verifyWebhookSignature({ body: `${text} `, headers: rest, secret: SECRET })).toBe(false);
  });
});

describe('verifyWebhookSignature never throws on garbage', () => {
  const good = vectorHeaders(withSession.signature);
  const bodies: unknown[] = [
    '',
    'not json',
    '{"event":',
    '[]',
    'null',
    '42',
    '"CARD_UPDATED"',
    Buffer.from([0xff, 0xfe, 0xfd]),
    {},
    { event: 42 },
    { event: '' },
    [],
    null,
    undefined,
    42,
  ];
  it.each(bodies.map((b, i) => [i, b]))('body #%i is false', (_i, body) => {
    expect(verifyWebhookSignature({ body: body as object, headers: good, secret: SECRET })).toBe(false);
  });

  const headerCases: unknown[] = [
    null,
    undefined,
    'Knot-Signature: x',
    42,
    [],
    {},
    { 'Knot-Signature': '' },
    { 'Knot-Signature': 42 },
    { 'Knot-Signature': [] },
    { 'Knot-Signature': { nested: true } },
    { ...good, 'Content-Length': { n: 1 } },
    {
      get() {
        throw new Error('boom');
      },
    },
    Object.defineProperty({}, 'knot-signature', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    }),
    { ...good, 'Knot-Signature': 'é'.repeat(44) },
  ];
  it.each(headerCases.map((h, i) => [i, h]))('headers #%i are false', (_i, headers) => {
    expect(verifyWebhookSignature({ body: withSession.body, headers: headers as Record<string, string>, secret: SECRET })).toBe(
      false,
    );
  });

  it('throws KnotConfigError for a missing secret (a programming error, not bad input)', () => {
    expect(() => verifyWebhookSignature({ body: withSession.body, headers: good, secret: '' })).toThrow(KnotConfigError);
    expect(() =>
      verifyWebhookSignature({ body: withSession.body, headers: good, secret: undefined as unknown as string }),
    ).toThrow(/secret/);
  });
});

describe('signWebhook', () => {
  it('returns the four headers Knot sends, with Content-Length the UTF-8 byte length', () => {
    const body = JSON.stringify({ ...newTransactions, merchant: { id: 36, name: 'Café ☕' } });
    const headers = signWebhook({ body, secret: SECRET });
    expect(Object.keys(headers).sort()).toEqual(['Content-Length', 'Content-Type', 'Encryption-Type', 'Knot-Signature']);
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers['Encryption-Type']).toBe('HMAC-SHA256');
    expect(headers['Content-Length']).toBe(String(Buffer.byteLength(body)));
    expect(Number(headers['Content-Length'])).toBeGreaterThan(body.length); // multi-byte characters counted as bytes
    expect(headers['Knot-Signature']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(verifyWebhookSignature({ body, headers, secret: SECRET })).toBe(true);
  });

  it('signs an object body as its JSON.stringify text', () => {
    const fromObject = signWebhook({ body: updatedTransactions, secret: SECRET });
    const fromText = signWebhook({ body: JSON.stringify(updatedTransactions), secret: SECRET });
    expect(fromObject).toEqual(fromText);
    expect(verifyWebhookSignature({ body: JSON.stringify(updatedTransactions), headers: fromObject, secret: SECRET })).toBe(true);
  });

  it('reproduces the no-session test vector when Content-Length is 178', () => {
    // A body of exactly 178 bytes whose event is MERCHANT_STATUS_UPDATE.
    const base = JSON.stringify({ event: 'MERCHANT_STATUS_UPDATE', merchant: { id: 10, name: 'Uber' }, pad: '' });
    const body = base.replace('"pad":""', `"pad":"${'x'.repeat(178 - Buffer.byteLength(base))}"`);
    expect(Buffer.byteLength(body)).toBe(178);
    expect(signWebhook({ body, secret: SECRET })['Knot-Signature']).toBe(withoutSession.signature);
  });

  it('differs per secret and never contains the secret', () => {
    const a = signWebhook({ body: newTransactions, secret: SECRET });
    const b = signWebhook({ body: newTransactions, secret: 'other_secret' });
    expect(a['Knot-Signature']).not.toBe(b['Knot-Signature']);
    expect(JSON.stringify(a)).not.toContain(SECRET);
  });

  it('refuses a body without an event', () => {
    expect(() => signWebhook({ body: { merchant: { id: 1 } }, secret: SECRET })).toThrow(KnotWebhookError);
    expect(() => signWebhook({ body: newTransactions, secret: '' })).toThrow(KnotConfigError);
  });
});
