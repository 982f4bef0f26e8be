import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import {
  errorFields,
  errorFromResponse,
  KnotAbortError,
  KnotApiError,
  KnotAuthenticationError,
  KnotBadRequestError,
  KnotConfigError,
  KnotConnectionError,
  KnotError,
  KnotNotFoundError,
  KnotPermissionDeniedError,
  KnotRateLimitError,
  KnotResponseValidationError,
  KnotServerError,
  KnotTimeoutError,
  KnotValidationError,
  KnotWebhookError,
} from '../../src/core/errors.js';

const base = { headers: new Headers(), method: 'POST', path: '/transactions/refresh' };

describe('errorFromResponse', () => {
  it.each([
    [400, KnotBadRequestError],
    [401, KnotAuthenticationError],
    [403, KnotPermissionDeniedError],
    [404, KnotNotFoundError],
    [429, KnotRateLimitError],
    [500, KnotServerError],
    [502, KnotServerError],
    [503, KnotServerError],
    [409, KnotApiError],
    [422, KnotApiError],
  ])('maps %i to %s', (status, cls) => {
    const err = errorFromResponse({ ...base, status, body: {} });
    expect(err).toBeInstanceOf(cls);
    expect(err).toBeInstanceOf(KnotApiError);
    expect(err).toBeInstanceOf(KnotError);
    expect(err).toBeInstanceOf(Error);
    expect(err.status).toBe(status);
    expect(err.name).toBe(cls.name);
  });

  it('reads the documented 4xx body and formats the message', () => {
    const body = {
      error_type: 'USER_ERROR',
      error_code: 'USER_NOT_FOUND',
      error_message: 'The user was not found. Please check the external_user_id provided.',
    };
    const err = errorFromResponse({ ...base, status: 400, body });
    expect(err.errorType).toBe('USER_ERROR');
    expect(err.errorCode).toBe('USER_NOT_FOUND');
    expect(err.errorMessage).toBe(body.error_message);
    expect(err.message).toBe(
      'POST /transactions/refresh → 400 USER_NOT_FOUND: The user was not found. Please check the external_user_id provided.',
    );
    expect(err.body).toEqual(body);
    expect(err.method).toBe('POST');
    expect(err.path).toBe('/transactions/refresh');
  });

  it('reads the 500 {message} body: errorMessage set, code and type null', () => {
    const err = errorFromResponse({ ...base, status: 500, body: { message: 'Server Error' } });
    expect(err).toBeInstanceOf(KnotServerError);
    expect(err.errorMessage).toBe('Server Error');
    expect(err.errorCode).toBeNull();
    expect(err.errorType).toBeNull();
    expect(err.message).toBe('POST /transactions/refresh → 500: Server Error');
  });

  it('keeps a non-JSON body as text', () => {
    const err = errorFromResponse({ ...base, status: 502, body: '<html>Bad gateway</html>' });
    expect(err.errorMessage).toBe('<html>Bad gateway</html>');
    expect(err.errorCode).toBeNull();
    expect(err.body).toBe('<html>Bad gateway</html>');
    const empty = errorFromResponse({ ...base, status: 502, body: '' });
    expect(empty.errorMessage).toBeNull();
    expect(empty.message).toBe('POST /transactions/refresh → 502');
  });

  it('adds what to do for 401 and 403', () => {
    expect(errorFromResponse({ ...base, status: 401, body: {} }).message).toMatch(/Check clientId and secret/);
    expect(errorFromResponse({ ...base, status: 403, body: {} }).message).toMatch(/contact Knot/);
  });

  it('gives a 429 its retryAfterMs and retryAt', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const err = errorFromResponse({ ...base, status: 429, body: {}, retryAfterMs: 3_600_000, now }) as KnotRateLimitError;
    expect(err.retryAfterMs).toBe(3_600_000);
    expect(err.retryAt?.toISOString()).toBe('2026-01-01T01:00:00.000Z');
    const unknown = errorFromResponse({ ...base, status: 429, body: {} }) as KnotRateLimitError;
    expect(unknown.retryAfterMs).toBeNull();
    expect(unknown.retryAt).toBeNull();
  });
});

describe('errorFields', () => {
  it('ignores non-string fields and arrays', () => {
    expect(errorFields({ error_code: 5, error_type: null, error_message: ['x'] })).toEqual({
      errorType: null,
      errorCode: null,
      errorMessage: null,
    });
    expect(errorFields([1, 2])).toEqual({ errorType: null, errorCode: null, errorMessage: null });
    expect(errorFields(null)).toEqual({ errorType: null, errorCode: null, errorMessage: null });
    expect(errorFields('x'.repeat(2_000)).errorMessage).toHaveLength(500);
  });
});

describe('the error tree', () => {
  it('has the hierarchy of DESIGN §2.5', () => {
    expect(new KnotTimeoutError('t')).toBeInstanceOf(KnotConnectionError);
    expect(new KnotTimeoutError('t')).toBeInstanceOf(KnotError);
    expect(new KnotConnectionError('c')).not.toBeInstanceOf(KnotTimeoutError);
    expect(new KnotAbortError('a')).not.toBeInstanceOf(KnotConnectionError);
    expect(new KnotConfigError('c')).not.toBeInstanceOf(KnotValidationError);
    expect(new KnotValidationError('v')).not.toBeInstanceOf(KnotApiError);
    const webhook = new KnotWebhookError('invalid_signature', 'bad');
    expect(webhook).toBeInstanceOf(KnotError);
    expect(webhook.reason).toBe('invalid_signature');
    const server = errorFromResponse({ ...base, status: 500, body: {} });
    expect(server).not.toBeInstanceOf(KnotBadRequestError);
    expect(server).not.toBeInstanceOf(KnotRateLimitError);
  });

  it('answers instanceof false for non-objects and foreign errors', () => {
    expect((null as unknown) instanceof KnotError).toBe(false);
    expect(('KnotError' as unknown) instanceof KnotError).toBe(false);
    expect(new Error('x') instanceof KnotError).toBe(false);
    expect({ name: 'KnotError' } instanceof KnotError).toBe(false);
  });

  it('keeps names, messages, causes and issues', () => {
    const cause = new Error('socket hang up');
    const err = new KnotConnectionError('failed', { cause });
    expect(err.name).toBe('KnotConnectionError');
    expect(err.cause).toBe(cause);
    expect(String(err)).toBe('KnotConnectionError: failed');
    const v = new KnotValidationError('bad', [{ path: 'limit', message: 'too big' }]);
    expect(v.issues).toEqual([{ path: 'limit', message: 'too big' }]);
    const r = new KnotResponseValidationError('bad', { status: 200, method: 'GET', path: '/x' });
    expect(r.issues).toEqual([]);
    expect(r.status).toBe(200);
  });

  it('keeps the brand out of JSON and ordinary inspect output', () => {
    const err = new KnotValidationError('bad', [{ path: 'limit', message: 'too big' }]);
    expect(JSON.parse(JSON.stringify(err))).toEqual({ issues: [{ path: 'limit', message: 'too big' }] });
    expect(inspect(err)).not.toMatch(/knotapi-node\.error\.kinds/);
  });

  it('holds across two copies of the module (ESM and CJS builds)', async () => {
    vi.resetModules();
    const specifier = '../../src/core/errors.js';
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('../../src/core/errors.js');
    expect(copy.KnotApiError).not.toBe(KnotApiError);
    const foreign = copy.errorFromResponse({ ...base, status: 429, body: {}, retryAfterMs: 1_000 });
    expect(foreign).toBeInstanceOf(KnotRateLimitError);
    expect(foreign).toBeInstanceOf(KnotApiError);
    expect(foreign).toBeInstanceOf(KnotError);
    expect(foreign).not.toBeInstanceOf(KnotServerError);
    const local = new KnotTimeoutError('t');
    expect(local).toBeInstanceOf(copy.KnotConnectionError);
    expect(local).toBeInstanceOf(copy.KnotError);
    expect(local).not.toBeInstanceOf(copy.KnotAbortError);
  });
});

describe('instanceof with a user subclass', () => {
  it('falls back to the prototype chain for a class without its own kind', () => {
    class MyError extends KnotApiError {}
    const mine = new MyError({ ...base, status: 400, body: {} });
    const plain = errorFromResponse({ ...base, status: 400, body: {} });
    expect(mine).toBeInstanceOf(MyError);
    expect(mine).toBeInstanceOf(KnotApiError);
    expect(mine).toBeInstanceOf(KnotError);
    expect(plain).not.toBeInstanceOf(MyError);
  });
});
