/** `error_type` values seen in Knot's docs. The type stays open: Knot may add values. */
export const KNOWN_ERROR_TYPES = [
  'INVALID_INPUT',
  'INVALID_REQUEST',
  'USER_ERROR',
  'SESSION_ERROR',
  'MERCHANT_ACCOUNT_ERROR',
  'MERCHANT_ERROR',
  'SUBSCRIPTION_ERROR',
  'TRANSACTION_ERROR',
  'CART_ERROR',
  'RATE_LIMIT_ERROR',
  'LINKEDMERCHANT_ERROR',
] as const;

/** `error_code` values seen in Knot's docs (knot-api.md §4.4). */
export const KNOWN_ERROR_CODES = [
  'INVALID_API_KEYS',
  'INVALID_FIELD',
  'PRODUCT_NOT_VALID',
  'PRODUCT_NOT_ENABLED',
  'NO_ACCESS',
  'INVALID_JWE',
  'INVALID_CURSOR_FORMAT',
  'USER_NOT_FOUND',
  'MERCHANT_ACCOUNT_NOT_FOUND',
  'MERCHANT_ACCOUNT_DISCONNECTED',
  'ONGOING_OPERATION',
  'MERCHANT_UNAVAILABLE',
  'SESSION_NOT_FOUND',
  'EXTEND_NOT_SUPPORTED',
  'TRANSACTION_NOT_FOUND',
  'NO_TRANSACTIONS',
  'SUBSCRIPTION_NOT_FOUND',
  'CART_NOT_FOUND',
  'FULFILLMENT_NOT_FOUND',
  'TOO_MANY_REQUESTS',
  'LINKEDMERCHANT_NOT_FOUND',
] as const;

// Aliases of their own, inlined by TypeDoc, so the docs list the values rather than name the
// (unexported) constants.
/** @inline */
type KnownErrorType = (typeof KNOWN_ERROR_TYPES)[number];
/** @inline */
type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

/**
 * The `error_type` of a Knot error body: the broad family of an error. Branch on
 * {@link KnotErrorCode} instead when you can: it is more precise. Open: a value Knot adds later
 * arrives as a plain string.
 */
export type KnotErrorType = KnownErrorType | (string & {});

/**
 * The `error_code` of a Knot error body, the field to branch on (the message text may change).
 * Known codes autocomplete; a code Knot adds later arrives as a plain string. docs/errors.md says
 * when each one occurs and what to do.
 *
 * @example
 * ```ts
 * try {
 *   await knot.transactions.refresh({ merchant_id: 19, external_user_id: 'user-1' });
 * } catch (error) {
 *   if (error instanceof KnotApiError && error.errorCode === 'MERCHANT_ACCOUNT_DISCONNECTED') {
 *     await markDisconnected('user-1', 19); // and ask the user to link the account again
 *   } else throw error;
 * }
 * ```
 */
export type KnotErrorCode = KnownErrorCode | (string & {});
