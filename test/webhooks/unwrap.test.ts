import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KnotConfigError, KnotWebhookError } from '../../src/core/errors.js';
import { signWebhook, Webhooks } from '../../src/webhooks/index.js';
import { thrownBy } from '../helpers/thrown.js';
import { authenticated, newTransactions, SECRET, updatedTransactions } from './fixtures.js';

const webhooks = new Webhooks({ secret: SECRET, logger: { warn() {}, error() {} } });

function signed(payload: object, secret = SECRET) {
  const body = JSON.stringify(payload);
  return { body, headers: signWebhook({ body, secret }) };
}

describe('Webhooks.unwrap', () => {
  it('verifies, then parses a raw body (Buffer and string)', () => {
    const { body, headers } = signed(updatedTransactions);
    expect(webhooks.unwrap(Buffer.from(body), headers)).toEqual(updatedTransactions);
    expect(webhooks.unwrap(body, new Headers(headers))).toEqual(updatedTransactions);
    expect(webhooks.verify(body, headers)).toBe(true);
  });

  it('missing Knot-Signature → missing_signature, saying what to check', () => {
    const { body, headers } = signed(newTransactions);
    const { 'Knot-Signature': _drop, ...unsigned } = headers;
    const error = thrownBy(KnotWebhookError, () => webhooks.unwrap(body, unsigned));
    expect(error.reason).toBe('missing_signature');
    expect(error.message).toMatch(/no Knot-Signature header/);
    expect(error.message).toMatch(/req\.headers/);
  });

  it('an unsigned request is refused before its body is read (garbage body → still missing_signature)', () => {
    expect(thrownBy(KnotWebhookError, () => webhooks.unwrap('not json', {})).reason).toBe('missing_signature');
  });

  it('a secret from another environment → invalid_signature naming the environment mix-up', () => {
    const { body, headers } = signed(authenticated, 'production_secret');
    const error = thrownBy(KnotWebhookError, () => webhooks.unwrap(body, headers));
    expect(error.reason).toBe('invalid_signature');
    expect(error.message).toMatch(/environment/);
    expect(error.message).toMatch(/development and production secrets differ/);
  });

  it('a parsed body whose length must be guessed → invalid_signature asking for the raw body', () => {
    // Knot's real body had different whitespace than JSON.stringify produces, and a proxy dropped
    // Content-Length: the re-serialised object cannot reproduce the signed length.
    const sentBody = JSON.stringify(newTransactions, null, 2);
    const headers = signWebhook({ body: sentBody, secret: SECRET });
    const { 'Content-Length': _drop, ...withoutLength } = headers;
    const error = thrownBy(KnotWebhookError, () => webhooks.unwrap(JSON.parse(sentBody), withoutLength));
    expect(error.reason).toBe('invalid_signature');
    expect(error.message).toMatch(/parsed object/);
    expect(error.message).toMatch(/raw request body/);
    expect(error.message).toMatch(/express\.raw/);
  });

  it('a parsed body with a wrong signature mentions the raw body as well as the secret', () => {
    const { body, headers } = signed(newTransactions, 'other');
    const error = thrownBy(KnotWebhookError, () => webhooks.unwrap(JSON.parse(body), headers));
    expect(error.message).toMatch(/parsed object/);
    expect(error.message).toMatch(/secret/);
  });

  it('a missing signed header is named', () => {
    const { body, headers } = signed(newTransactions);
    const { 'Encryption-Type': _drop, ...rest } = headers;
    const error = thrownBy(KnotWebhookError, () => webhooks.unwrap(body, rest));
    expect(error.reason).toBe('invalid_signature');
    expect(error.message).toMatch(/no Encryption-Type header/);
  });

  it('signed but not JSON → invalid_json; signed but no event → invalid_payload', () => {
    const headers = signWebhook({ body: newTransactions, secret: SECRET });
    expect(thrownBy(KnotWebhookError, () => webhooks.unwrap('{oops', headers)).reason).toBe('invalid_json');
    expect(thrownBy(KnotWebhookError, () => webhooks.unwrap('{"merchant":{}}', headers)).reason).toBe('invalid_payload');
  });

  it('a validly signed known event with a broken shape → invalid_payload with issues', () => {
    const { body, headers } = signed({ ...updatedTransactions, updated: 'nope' });
    const error = thrownBy(KnotWebhookError, () => webhooks.unwrap(body, headers));
    expect(error.reason).toBe('invalid_payload');
    expect(error.issues[0]?.path).toBe('updated');
  });

  it('a validly signed unknown event is returned', () => {
    const { body, headers } = signed({ event: 'SOMETHING_NEW', session_id: 's' });
    const event = webhooks.unwrap(body, headers);
    expect(event).toEqual({ event: 'SOMETHING_NEW', session_id: 's' });
  });

  it('a parsed body that cannot be re-serialised is invalid_signature, not a crash', () => {
    const { headers } = signed(newTransactions);
    const { 'Content-Length': _drop, ...rest } = headers;
    const circular: Record<string, unknown> = { ...newTransactions };
    circular.self = circular;
    expect(thrownBy(KnotWebhookError, () => webhooks.unwrap(circular, rest)).reason).toBe('invalid_signature');
  });

  it('handler() refuses a non-positive maxBodyBytes or bodyTimeoutMs', () => {
    expect(() => webhooks.handler({ maxBodyBytes: 0 })).toThrow(KnotConfigError);
    expect(() => webhooks.handler({ bodyTimeoutMs: Number.NaN })).toThrow(/bodyTimeoutMs/);
  });

  it('verify() never throws', () => {
    expect(webhooks.verify('garbage', { 'knot-signature': 'x' })).toBe(false);
    expect(webhooks.verify(null as unknown as string, null as unknown as Headers)).toBe(false);
  });
});

describe('Webhooks keeps the secret private', () => {
  const secret = 'sk_live_very_secret_value_123';
  const instance = new Webhooks({ secret, logger: { warn() {}, error() {} } });

  it('is not in JSON.stringify, util.inspect (even with hidden fields), keys or own properties', () => {
    expect(JSON.stringify(instance)).not.toContain(secret);
    expect(JSON.stringify({ webhooks: instance })).toBe('{"webhooks":{}}');
    expect(inspect(instance, { showHidden: true, depth: 10, getters: true })).not.toContain(secret);
    expect(Object.keys(instance)).toEqual([]);
    expect(Reflect.ownKeys(instance)).toEqual([]);
  });

  it('is not in any error message or error property', () => {
    const { body, headers } = signed(newTransactions, 'x');
    const errors = [
      thrownBy(KnotWebhookError, () => instance.unwrap(body, headers)),
      thrownBy(KnotWebhookError, () => instance.unwrap(body, {})),
      thrownBy(KnotWebhookError, () => instance.unwrap('{', headers)),
    ];
    for (const error of errors) {
      expect(error.message).not.toContain(secret);
      expect(inspect(error, { showHidden: true, depth: 10 })).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });

  it('a missing secret is a KnotConfigError that shows no value', () => {
    expect(() => new Webhooks({ secret: '' })).toThrow(KnotConfigError);
    expect(() => new Webhooks(undefined as unknown as { secret: string })).toThrow(/secret/);
  });
});
