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

export type KnotErrorType = (typeof KNOWN_ERROR_TYPES)[number] | (string & {});
export type KnotErrorCode = (typeof KNOWN_ERROR_CODES)[number] | (string & {});
