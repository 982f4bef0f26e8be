/**
 * Knot's error answers (knot-api.md §4) as the fake produces them. Engine code throws
 * `MockKnotError`; the HTTP layer turns it into the status, headers and body; helpers such as
 * `mock.linkAccount` let it propagate.
 */

/**
 * The body of Knot's 4xx answers, as the fake sends it and as {@link MockKnotError} carries it.
 *
 * @example
 * ```ts
 * const body: KnotErrorBody = { error_type: 'USER_ERROR', error_code: 'USER_NOT_FOUND', error_message: 'The user was not found.' };
 * ```
 */
export interface KnotErrorBody {
  /** Knot's error category, e.g. `INVALID_REQUEST`, `MERCHANT_ACCOUNT_ERROR`. */
  error_type: string;
  /** Knot's error code, e.g. `INVALID_FIELD`, `USER_NOT_FOUND`. */
  error_code: string;
  /** The human-readable message Knot sends. */
  error_message: string;
}

/**
 * The Knot error answer the fake would send, thrown (or rejected) by the fake's helpers such as
 * `mock.linkAccount()` and `mock.addTransactions()` when their params are wrong. Its message reads
 * `400 USER_NOT_FOUND: ...`.
 *
 * @example
 * ```ts
 * await expect(mock.linkAccount({ external_user_id: 'u1', merchant_id: 999_999 })).rejects.toMatchObject({
 *   status: 400,
 *   body: { error_code: 'MERCHANT_UNAVAILABLE' },
 * });
 * ```
 */
export class MockKnotError extends Error {
  override readonly name = 'MockKnotError';
  /**
   * @param status - The HTTP status of the answer.
   * @param body - Knot's error body.
   * @param headers - Extra response headers, e.g. `Retry-After` of a 429.
   */
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
  // Shopping: Knot documents these codes but not their bodies; 400 like its other not-found errors.
  cartNotFound: () => err(400, 'CART_ERROR', 'CART_NOT_FOUND', 'The cart was not found. Sync a cart before checking out.'),
  fulfillmentNotFound: () =>
    err(400, 'CART_ERROR', 'FULFILLMENT_NOT_FOUND', 'The fulfillment was not found. Please check the products[].fulfillment.id provided.'),
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
