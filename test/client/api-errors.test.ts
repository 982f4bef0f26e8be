import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  KnotApiError,
  KnotAuthenticationError,
  KnotBadRequestError,
  KnotError,
  KnotNotFoundError,
  KnotPermissionDeniedError,
  KnotRateLimitError,
  KnotServerError,
} from '../../src/index.js';
import { stubClients } from '../helpers/stub-client.js';

const { clientFor } = stubClients({ clientId: 'id', secret: 'secret_for_errors', logLevel: 'off', retryBackoff: { initialDelayMs: 1, maxDelayMs: 5 } });

type Row = [status: number, errorType: string, errorCode: string, errorMessage: string, cls: abstract new (...a: never[]) => KnotApiError];

// knot-api.md §3.1 (POST /session/create), every documented example
const sessionCreate: Row[] = [
  [400, 'INVALID_INPUT', 'PRODUCT_NOT_VALID', 'The selected type is invalid.', KnotBadRequestError],
  [400, 'INVALID_REQUEST', 'INVALID_FIELD', 'The card_id field is required when type = card_switcher.', KnotBadRequestError],
  [400, 'INVALID_REQUEST', 'INVALID_FIELD', 'The external user id field is required.', KnotBadRequestError],
  [400, 'INVALID_REQUEST', 'INVALID_FIELD', 'The type field is required.', KnotBadRequestError],
  [400, 'INVALID_REQUEST', 'INVALID_FIELD', 'The phone number format is invalid.', KnotBadRequestError],
  [400, 'INVALID_REQUEST', 'INVALID_FIELD', 'The email must be a valid email address.', KnotBadRequestError],
  [400, 'INVALID_REQUEST', 'INVALID_FIELD', 'The processor token must be a string.', KnotBadRequestError],
  [400, 'INVALID_REQUEST', 'INVALID_FIELD', 'The card.blocked field must be true or false.', KnotBadRequestError],
  [401, 'INVALID_INPUT', 'INVALID_API_KEYS', 'Invalid client_id or secret provided.', KnotAuthenticationError],
  [
    403,
    'INVALID_REQUEST',
    'NO_ACCESS',
    'The type of session is not enabled. Please contact Knot for access to this type of session.',
    KnotPermissionDeniedError,
  ],
];

// knot-api.md §3.8 (POST /transactions/refresh), every documented 4xx example
const refresh: Row[] = [
  [400, 'INVALID_REQUEST', 'INVALID_FIELD', 'The external_user_id field is required.', KnotBadRequestError],
  [400, 'INVALID_REQUEST', 'INVALID_FIELD', 'The merchant_id field is required.', KnotBadRequestError],
  [400, 'USER_ERROR', 'USER_NOT_FOUND', 'The user was not found. Please check the external_user_id provided.', KnotBadRequestError],
  [
    400,
    'MERCHANT_ACCOUNT_ERROR',
    'MERCHANT_ACCOUNT_NOT_FOUND',
    'The merchant account was not found. Please check the merchant_id provided.',
    KnotBadRequestError,
  ],
  [
    400,
    'MERCHANT_ACCOUNT_ERROR',
    'MERCHANT_ACCOUNT_DISCONNECTED',
    'The merchant account is disconnected. Please check the merchant_id provided.',
    KnotBadRequestError,
  ],
  [400, 'MERCHANT_ERROR', 'MERCHANT_UNAVAILABLE', 'The merchant is unavailable. Please check the merchant_id provided.', KnotBadRequestError],
  [400, 'MERCHANT_ACCOUNT_ERROR', 'ONGOING_OPERATION', 'An existing operation is in progress.', KnotBadRequestError],
  [401, 'INVALID_INPUT', 'INVALID_API_KEYS', 'Invalid client_id or secret provided.', KnotAuthenticationError],
  [403, 'INVALID_REQUEST', 'NO_ACCESS', 'Please contact Knot for access to this endpoint.', KnotPermissionDeniedError],
  [
    429,
    'RATE_LIMIT_ERROR',
    'TOO_MANY_REQUESTS',
    'Rate limit exceeded. Please retry after the time indicated in the Retry-After header.',
    KnotRateLimitError,
  ],
];

function check(error: unknown, row: Row, method: string, path: string) {
  const [status, errorType, errorCode, errorMessage, cls] = row;
  expect(error).toBeInstanceOf(cls);
  expect(error).toBeInstanceOf(KnotApiError);
  expect(error).toBeInstanceOf(KnotError);
  const e = error as KnotApiError;
  expect(e.status).toBe(status);
  expect(e.errorType).toBe(errorType);
  expect(e.errorCode).toBe(errorCode);
  expect(e.errorMessage).toBe(errorMessage);
  expect(e.method).toBe(method);
  expect(e.path).toBe(path);
  expect(e.body).toEqual({ error_type: errorType, error_code: errorCode, error_message: errorMessage });
  const prefix = `${method} ${path} → ${status} ${errorCode}: ${errorMessage}`;
  if (status === 401 || status === 403) expect(e.message.startsWith(`${prefix} (`)).toBe(true);
  // A 429 names the time to retry at when Knot sent Retry-After.
  else if (status === 429 && (e as KnotRateLimitError).retryAt) {
    expect(e.message).toBe(`${prefix} Retry at ${(e as KnotRateLimitError).retryAt!.toISOString()} (Retry-After: ${Math.ceil((e as KnotRateLimitError).retryAfterMs! / 1000)} s).`);
  } else expect(e.message).toBe(prefix);
}

describe('documented error examples', () => {
  it.each(sessionCreate)('session/create %i %s %s', async (...row) => {
    const [status, error_type, error_code, error_message] = row;
    const { stub, knot } = await clientFor(
      http.post('*/session/create', () => HttpResponse.json({ error_type, error_code, error_message }, { status })),
    );
    const error = await knot.sessions.create({ type: 'transaction_link', external_user_id: 'u' }).catch((e: unknown) => e);
    check(error, row, 'POST', '/session/create');
    expect(stub.requests).toHaveLength(1);
  });

  it.each(refresh)('transactions/refresh %i %s %s', async (...row) => {
    const [status, error_type, error_code, error_message] = row;
    const { stub, knot } = await clientFor(
      http.post('*/transactions/refresh', () =>
        HttpResponse.json({ error_type, error_code, error_message }, { status, headers: status === 429 ? { 'retry-after': '3600' } : {} }),
      ),
    );
    const error = await knot.transactions.refresh({ merchant_id: 45, external_user_id: 'abc' }).catch((e: unknown) => e);
    check(error, row, 'POST', '/transactions/refresh');
    // 4xx are never retried; a refresh 429 is never retried either
    expect(stub.requests).toHaveLength(1);
  });

  it('gives the message format of DESIGN §2.5', async () => {
    const { knot } = await clientFor(
      http.post('*/transactions/refresh', () =>
        HttpResponse.json(
          {
            error_type: 'USER_ERROR',
            error_code: 'USER_NOT_FOUND',
            error_message: 'The user was not found. Please check the external_user_id provided.',
          },
          { status: 400 },
        ),
      ),
    );
    await expect(knot.transactions.refresh({ merchant_id: 45, external_user_id: 'abc' })).rejects.toThrow(
      'POST /transactions/refresh → 400 USER_NOT_FOUND: The user was not found. Please check the external_user_id provided.',
    );
  });

  it('maps a 404 to KnotNotFoundError with the path of the request (without the query)', async () => {
    const { knot } = await clientFor(
      http.get('*/accounts/get', () =>
        HttpResponse.json({ error_type: 'USER_ERROR', error_code: 'USER_NOT_FOUND', error_message: 'nope' }, { status: 404 }),
      ),
    );
    const error = await knot.accounts.list({ external_user_id: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotNotFoundError);
    expect((error as KnotNotFoundError).path).toBe('/accounts/get');
    expect((error as Error).message).toBe('GET /accounts/get → 404 USER_NOT_FOUND: nope');
  });

  it('exposes the response headers on the error', async () => {
    const { knot } = await clientFor(
      http.post('*/session/extend', () =>
        HttpResponse.json({ error_type: 'SESSION_ERROR', error_code: 'SESSION_NOT_FOUND', error_message: 'x' }, { status: 400, headers: { 'x-request-id': 'r-9' } }),
      ),
    );
    const error = (await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e)) as KnotApiError;
    expect(error.headers.get('x-request-id')).toBe('r-9');
    expect(error.errorCode).toBe('SESSION_NOT_FOUND');
  });
});

describe('5xx and non-JSON error bodies', () => {
  it('500 {message} → KnotServerError with errorMessage set, errorCode and errorType null (after the retries)', async () => {
    const { stub, knot } = await clientFor(http.post('*/transactions/refresh', () => HttpResponse.json({ message: 'Server Error' }, { status: 500 })));
    const error = (await knot.transactions.refresh({ merchant_id: 45, external_user_id: 'abc' }).catch((e: unknown) => e)) as KnotServerError;
    expect(error).toBeInstanceOf(KnotServerError);
    expect(error.status).toBe(500);
    expect(error.errorMessage).toBe('Server Error');
    expect(error.errorCode).toBeNull();
    expect(error.errorType).toBeNull();
    expect(error.message).toBe('POST /transactions/refresh → 500: Server Error');
    expect(stub.requests).toHaveLength(3);
  });

  it('a non-JSON 4xx body is kept as text', async () => {
    const { knot } = await clientFor(http.post('*/session/extend', () => new HttpResponse('Bad Request from proxy', { status: 400 })));
    const error = (await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e)) as KnotBadRequestError;
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error.body).toBe('Bad Request from proxy');
    expect(error.errorMessage).toBe('Bad Request from proxy');
    expect(error.errorCode).toBeNull();
    expect(error.errorType).toBeNull();
  });

  it('an HTML 502 from a proxy → KnotServerError, body kept as text', async () => {
    const { stub, knot } = await clientFor(
      http.post('*/session/extend', () => new HttpResponse('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } })),
    );
    const error = (await knot.sessions.extend({ session_id: 's' }, { maxRetries: 0 }).catch((e: unknown) => e)) as KnotServerError;
    expect(error).toBeInstanceOf(KnotServerError);
    expect(error.status).toBe(502);
    expect(error.body).toBe('<html><body>502 Bad Gateway</body></html>');
    expect(error.errorCode).toBeNull();
    expect(stub.requests).toHaveLength(1);
  });

  it('an empty error body gives a message with the status only', async () => {
    const { knot } = await clientFor(http.post('*/session/extend', () => new HttpResponse(null, { status: 503 })));
    const error = (await knot.sessions.extend({ session_id: 's' }, { maxRetries: 0 }).catch((e: unknown) => e)) as KnotServerError;
    expect(error).toBeInstanceOf(KnotServerError);
    expect(error.message).toBe('POST /session/extend → 503');
    expect(error.errorMessage).toBeNull();
  });

  it('an unexpected status (409) is a plain KnotApiError', async () => {
    const { knot } = await clientFor(
      http.post('*/session/extend', () => HttpResponse.json({ error_type: 'X', error_code: 'NEW_CODE', error_message: 'm' }, { status: 409 })),
    );
    const error = await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotApiError);
    expect(error).not.toBeInstanceOf(KnotBadRequestError);
    expect((error as KnotApiError).errorCode).toBe('NEW_CODE');
  });
});
