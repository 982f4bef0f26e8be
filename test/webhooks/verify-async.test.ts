/** verifyWebhookSignatureAsync (Web Crypto) agrees with verifyWebhookSignature (node:crypto) everywhere. */
import { describe, expect, it } from 'vitest';
import { KnotConfigError } from '../../src/core/errors.js';
import { signatureBase } from '../../src/webhooks/signature-base.js';
import { computeSignatureAsync } from '../../src/webhooks/verify-async.js';
import { signWebhook, verifyWebhookSignature, verifyWebhookSignatureAsync } from '../../src/webhooks/index.js';
import { authenticated, merchantStatusUpdate, newTransactions, SECRET } from './fixtures.js';

describe('verifyWebhookSignatureAsync', () => {
  it("reproduces knot-api.md §5.2's vectors with Web Crypto", async () => {
    const withSession = { contentLength: '178', contentType: 'application/json', encryptionType: 'HMAC-SHA256', event: 'CARD_UPDATED', sessionId: 'fb5aa994-ed1c-4c3e-b29a-b2a53222e584' };
    expect(signatureBase(withSession)).toBe('Content-Length|178|Content-Type|application/json|Encryption-Type|HMAC-SHA256|event|CARD_UPDATED|session_id|fb5aa994-ed1c-4c3e-b29a-b2a53222e584');
    expect(await computeSignatureAsync(withSession, 'test_secret')).toBe('ZqZX5dAW25dFM/UYg+jdqgtSmyBjreWc2XkNSWcGKNk=');
    const { sessionId: _, ...noSession } = withSession;
    expect(await computeSignatureAsync({ ...noSession, event: 'MERCHANT_STATUS_UPDATE' }, 'test_secret')).toBe('BNaa8VAPb4iMU41W2pdvT0xHHmgjMpnn64DcCWLC9dI=');
  });

  it('gives the same answer as the node:crypto verifier for valid and altered requests', async () => {
    const cases: { body: string | Uint8Array | object; headers: Record<string, string> }[] = [];
    for (const payload of [authenticated, newTransactions, merchantStatusUpdate]) {
      const body = JSON.stringify(payload);
      const headers = signWebhook({ body, secret: SECRET });
      cases.push(
        { body, headers },
        { body: new TextEncoder().encode(body), headers },
        { body: payload, headers },
        { body, headers: { ...headers, 'Knot-Signature': `${headers['Knot-Signature'].slice(0, -2)}A=` } },
        { body, headers: { ...headers, 'Content-Length': String(body.length + 1) } },
        { body, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } },
        { body: body.replace(payload.event, 'OTHER_EVENT'), headers },
        { body, headers: Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'Content-Length')) },
        { body, headers: Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'Encryption-Type')) },
      );
    }
    cases.push({ body: 'not json', headers: { 'Knot-Signature': 'x' } }, { body: '{}', headers: {} });
    const sync = cases.map((c) => verifyWebhookSignature({ ...c, secret: SECRET }));
    const async = await Promise.all(cases.map((c) => verifyWebhookSignatureAsync({ ...c, secret: SECRET })));
    expect(async).toEqual(sync);
    // Per payload: the three untouched forms, and the one without Content-Length (the raw length is used).
    expect(sync.filter(Boolean)).toHaveLength(12);
  });

  it('accepts Fetch Headers and resolves false (never rejects) on garbage', async () => {
    const body = JSON.stringify(newTransactions);
    const headers = new Headers(signWebhook({ body, secret: SECRET }));
    await expect(verifyWebhookSignatureAsync({ body, headers, secret: SECRET })).resolves.toBe(true);
    for (const bad of [null, 42, [], { event: 1 }, new Uint8Array([0xff, 0xfe])]) {
      await expect(verifyWebhookSignatureAsync({ body: bad as never, headers, secret: SECRET })).resolves.toBe(false);
    }
    await expect(verifyWebhookSignatureAsync({ body, headers: null as never, secret: SECRET })).resolves.toBe(false);
  });

  it('rejects with KnotConfigError when the secret is missing', async () => {
    await expect(verifyWebhookSignatureAsync({ body: '{}', headers: {}, secret: '' })).rejects.toBeInstanceOf(KnotConfigError);
  });
});
