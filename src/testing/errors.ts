/**
 * Knot's error answers (knot-api.md §4) as the fake produces them. Engine code throws
 * `MockKnotError`; the HTTP layer turns it into the status, headers and body; helpers such as
 * `mock.linkAccount` let it propagate.
 */

export interface KnotErrorBody {
  error_type: string;
  error_code: string;
  error_message: string;
}

export class MockKnotError extends Error {
  override readonly name = 'MockKnotError';
  constructor(
    readonly status: number,
    readonly body: KnotErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${body.error_code}: ${body.error_message}`);
  }
}

const err = (status: number, type: string, code: string, message: string, headers?: Record<string, string>) =>
  new MockKnotError(status, { error_type: type, error_code: code, error_message: message }, headers);

export const knotErrors = {
  invalidApiKeys: () => err(401, 'INVALID_INPUT', 'INVALID_API_KEYS', 'Invalid client_id or secret provided.'),
  invalidField: (message: string) => err(400, 'INVALID_REQUEST', 'INVALID_FIELD', message),
  productNotValid: () => err(400, 'INVALID_INPUT', 'PRODUCT_NOT_VALID', 'The selected type is invalid.'),
  invalidCursor: () => err(400, 'INVALID_REQUEST', 'INVALID_CURSOR_FORMAT', 'The cursor format is invalid.'),
  userNotFound: () =>
    err(400, 'USER_ERROR', 'USER_NOT_FOUND', 'The user was not found. Please check the external_user_id provided.'),
  accountNotFound: () =>
    err(
      400,
      'MERCHANT_ACCOUNT_ERROR',
      'MERCHANT_ACCOUNT_NOT_FOUND',
      'The merchant account was not found. Please check the merchant_id provided.',
    ),
  accountDisconnected: () =>
    err(
      400,
      'MERCHANT_ACCOUNT_ERROR',
      'MERCHANT_ACCOUNT_DISCONNECTED',
      'The merchant account is disconnected. Please check the merchant_id provided.',
    ),
  merchantUnavailable: () =>
    err(400, 'MERCHANT_ERROR', 'MERCHANT_UNAVAILABLE', 'The merchant is unavailable. Please check the merchant_id provided.'),
  ongoingOperation: () => err(400, 'MERCHANT_ACCOUNT_ERROR', 'ONGOING_OPERATION', 'An existing operation is in progress.'),
  noAccess: () => err(403, 'INVALID_REQUEST', 'NO_ACCESS', 'Please contact Knot for access to this endpoint.'),
  sessionNotFound: () =>
    err(400, 'SESSION_ERROR', 'SESSION_NOT_FOUND', 'The session was not found. Please check the session_id provided.'),
  transactionNotFound: () =>
    err(400, 'TRANSACTION_ERROR', 'TRANSACTION_NOT_FOUND', 'The transaction was not found. Please check the id provided.'),
  tooManyRequests: (retryAfterSeconds: number) =>
    err(
      429,
      'RATE_LIMIT_ERROR',
      'TOO_MANY_REQUESTS',
      'Rate limit exceeded. Please retry after the time indicated in the Retry-After header.',
      { 'Retry-After': String(retryAfterSeconds) },
    ),
};

/** Knot's 500 body has a different shape (knot-api.md §4.2). */
export const SERVER_ERROR_BODY = { message: 'Server Error' } as const;
