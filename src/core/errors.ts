/**
 * The error tree of the SDK. Every error the SDK throws or rejects with is a {@link KnotError}.
 *
 * `instanceof` is answered by a brand (a list of class kinds stored on the instance under a global
 * symbol) rather than the prototype chain, so an error created by the CJS build is still an
 * `instanceof` the class imported from the ESM build, and vice versa.
 *
 * Longer than a screen by design: every public class carries the TSDoc and example the API reference is built from.
 * The logic is the brand (`KnotError`) and `errorFromResponse` at the end, under 80 lines together.
 */

import type { KnotErrorCode, KnotErrorType } from '../schemas/error.js';

const BRAND = Symbol.for('knotapi-node.error.kinds');

type Kinded = { readonly kind: string };

function kindsOf(ctor: Function): string[] {
  const kinds: string[] = [];
  for (let c: any = ctor; c && c !== Error; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, 'kind')) kinds.push((c as Kinded).kind);
  }
  return kinds;
}

/**
 * The base of every error knotapi-node throws or rejects with, so one `instanceof KnotError` tells
 * the SDK's errors from the rest. `instanceof` works across the ESM and CommonJS builds (a copy of
 * the class from either build recognises an error made by the other). `name` is the class name.
 *
 * @example
 * ```ts
 * try {
 *   await knot.accounts.list({ external_user_id: 'user-1' });
 * } catch (error) {
 *   if (error instanceof KnotError) console.warn(`Knot: ${error.name}: ${error.message}`);
 *   throw error;
 * }
 * ```
 */
export class KnotError extends Error {
  /**
   * The class's own name, stored on each instance for `instanceof`.
   *
   * @internal
   */
  static readonly kind: string = 'KnotError';

  /**
   * For subclasses of your own; the SDK builds its errors itself.
   *
   * @param message - What failed, and what to do about it.
   * @param options - `cause`: the underlying error, kept as `error.cause`.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Non-enumerable: keeps JSON.stringify and util.inspect output about the error itself.
    Object.defineProperty(this, BRAND, { value: kindsOf(new.target), enumerable: false });
    Object.defineProperty(this, 'name', {
      value: (new.target as unknown as Kinded).kind,
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }

  /**
   * Answers `instanceof` from the brand, across module copies.
   *
   * @internal
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    // A user's subclass declares no `kind` of its own: the brand cannot tell it from its parent, so
    // the ordinary prototype check answers (it works within one copy of the module).
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class being tested against
    if (!Object.hasOwn(this, 'kind')) return Function.prototype[Symbol.hasInstance].call(this, value);
    const kinds = (value as Record<symbol, unknown>)[BRAND];
    // `this` is the class left of `instanceof` (a subclass too): its kind is what the brand must hold.
    // biome-ignore lint/complexity/noThisInStatic: replacing `this` with KnotError would make every check a KnotError check
    return Array.isArray(kinds) && kinds.includes((this as unknown as Kinded).kind);
  }
}

/**
 * The client is misconfigured: credentials missing, a non-https `baseUrl`, an invalid option.
 * Thrown synchronously by `new KnotClient()`, naming the option and its environment variable. A
 * development-only method called on a client that points at production also rejects with it,
 * sending nothing. Fix the configuration: retrying cannot help.
 *
 * @example
 * ```ts
 * let knot: KnotClient;
 * try {
 *   knot = new KnotClient(); // reads KNOT_CLIENT_ID and KNOT_SECRET
 * } catch (error) {
 *   if (error instanceof KnotConfigError) console.error(error.message); // names the missing option
 *   throw error;
 * }
 * ```
 */
export class KnotConfigError extends KnotError {
  /** @internal */
  static override readonly kind: string = 'KnotConfigError';
}

/** One problem found by validation, named by the path of the field at fault. */
export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `transactions.new`; `''` for the whole value. */
  path: string;
  /** What is wrong with it, e.g. `is required when type is card_switcher`. */
  message: string;
}

/**
 * The params or request options of a call are invalid. Checked before anything is sent: no request
 * reached Knot. `issues` lists every problem by field; the message repeats them.
 *
 * @example
 * ```ts
 * try {
 *   await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'user-1', limit: 500 });
 * } catch (error) {
 *   if (error instanceof KnotValidationError) {
 *     for (const issue of error.issues) console.error(`${issue.path}: ${issue.message}`); // limit: ...
 *   }
 * }
 * ```
 */
export class KnotValidationError extends KnotError {
  /** @internal */
  static override readonly kind: string = 'KnotValidationError';
  /** Every problem found, one per field (an unknown key is named by its own path). */
  readonly issues: ValidationIssue[];

  /**
   * The SDK throws these itself; the constructor is public for tests that fake a rejection.
   *
   * @param message - The problems, in one sentence.
   * @param issues - The same problems, one per field.
   */
  constructor(message: string, issues: ValidationIssue[] = []) {
    super(message);
    this.issues = issues;
  }
}

/**
 * No answer could be obtained from Knot (DNS failure, connection refused or reset, ...), after
 * every retry. `cause` holds the underlying error. Also thrown when the client's limiter fails
 * before sending, e.g. a Redis-backed `Bottleneck` whose Redis is unreachable. The request may or
 * may not have reached Knot.
 *
 * @example
 * ```ts
 * try {
 *   await knot.merchants.list({ type: 'transaction_link' });
 * } catch (error) {
 *   // KnotTimeoutError is a KnotConnectionError too
 *   if (error instanceof KnotConnectionError) console.warn('Knot unreachable: try again later'); // a network problem, not a bad request
 *   else throw error;
 * }
 * ```
 */
export class KnotConnectionError extends KnotError {
  /** @internal */
  static override readonly kind: string = 'KnotConnectionError';
}

/**
 * The last attempt took longer than `timeoutMs` (connect, headers and body together). Earlier
 * timed-out attempts were retried within `maxRetries`. Raise `timeoutMs` (per client or per call)
 * if Knot is slow rather than down.
 *
 * @example
 * ```ts
 * async function fetchQuickly(id: string): Promise<Transaction | null> {
 *   try {
 *     return await knot.transactions.get(id, { timeoutMs: 5_000, maxRetries: 0 });
 *   } catch (error) {
 *     if (error instanceof KnotTimeoutError) return null; // the caller can try again later
 *     throw error;
 *   }
 * }
 * ```
 */
export class KnotTimeoutError extends KnotConnectionError {
  /** @internal */
  static override readonly kind: string = 'KnotTimeoutError';
}

/**
 * The caller's `signal` fired: the request was not sent, or its answer was abandoned. Never retried.
 * `cause` holds the signal's reason.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 1_000);
 * try {
 *   await knot.accounts.list({ external_user_id: 'user-1' }, { signal: controller.signal });
 * } catch (error) {
 *   if (!(error instanceof KnotAbortError)) throw error; // aborted on purpose: nothing to report
 * }
 * ```
 */
export class KnotAbortError extends KnotError {
  /** @internal */
  static override readonly kind: string = 'KnotAbortError';
}

/**
 * Knot answered 2xx, but the body is not JSON, exceeds 16 MiB, or lacks the structure the SDK relies
 * on (e.g. `transactions` is not an array). Unknown fields and new enum values never cause it. A
 * proxy answering in Knot's place is the usual culprit; `issues` names what was wrong.
 *
 * @example
 * ```ts
 * try {
 *   await knot.transactions.get('txn-1');
 * } catch (error) {
 *   if (error instanceof KnotResponseValidationError) {
 *     console.error(error.method, error.path, error.status, error.issues);
 *   }
 *   throw error;
 * }
 * ```
 */
export class KnotResponseValidationError extends KnotError {
  /** @internal */
  static override readonly kind: string = 'KnotResponseValidationError';
  /** What does not match, by path (empty when the body is not JSON or too large). */
  readonly issues: ValidationIssue[];
  /** The HTTP status of the response. */
  readonly status: number | null;
  /** The request's method, e.g. `GET`. */
  readonly method: string | null;
  /** The request's path, without the query, e.g. `/transactions/sync`. */
  readonly path: string | null;

  /**
   * The SDK throws these itself; the constructor is public for tests that fake a rejection.
   *
   * @param message - What was wrong with the response.
   * @param details - The validation issues, the request and status, and the underlying error.
   */
  constructor(
    message: string,
    details: { issues?: ValidationIssue[]; status?: number; method?: string; path?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.issues = details.issues ?? [];
    this.status = details.status ?? null;
    this.method = details.method ?? null;
    this.path = details.path ?? null;
  }
}

export interface ApiErrorInit {
  status: number;
  body: unknown;
  headers: Headers;
  method: string;
  path: string;
  /** Extra sentence appended to the message (e.g. what to do next). */
  hint?: string;
}

/**
 * Knot answered with a non-2xx status (after the retries 408, 429 and 5xx get). The subclass tells
 * the status family; branch on `errorCode` for the precise cause, never on `errorMessage` (its text
 * may change). Any credential echoed back in the body or headers is redacted.
 *
 * @example
 * ```ts
 * async function findAccount(externalUserId: string, merchantId: number): Promise<MerchantAccount | null> {
 *   try {
 *     return await knot.accounts.get({ external_user_id: externalUserId, merchant_id: merchantId });
 *   } catch (error) {
 *     if (error instanceof KnotApiError && error.errorCode === 'MERCHANT_ACCOUNT_NOT_FOUND') return null;
 *     throw error;
 *   }
 * }
 * ```
 */
export class KnotApiError extends KnotError {
  /** @internal */
  static override readonly kind: string = 'KnotApiError';
  /** The HTTP status, e.g. 400. */
  readonly status: number;
  /** The body's `error_type`, e.g. `USER_ERROR`; `null` for bodies without one (5xx). */
  readonly errorType: KnotErrorType | null;
  /** The body's `error_code`, e.g. `USER_NOT_FOUND`: the field to branch on. `null` for 5xx. */
  readonly errorCode: KnotErrorCode | null;
  /** The body's `error_message` (or a 5xx body's `message`), for humans and logs. */
  readonly errorMessage: string | null;
  /** The parsed JSON body, or the raw text when the body was not JSON. */
  readonly body: unknown;
  /** Response headers. */
  readonly headers: Headers;
  /** The request's method, e.g. `POST`. */
  readonly method: string;
  /** The request's path, without the query, e.g. `/transactions/refresh`. */
  readonly path: string;

  /**
   * The client builds these from responses.
   *
   * @internal
   */
  constructor(init: ApiErrorInit) {
    const fields = errorFields(init.body);
    super(apiErrorMessage(init, fields));
    this.status = init.status;
    this.errorType = fields.errorType;
    this.errorCode = fields.errorCode;
    this.errorMessage = fields.errorMessage;
    this.body = init.body;
    this.headers = init.headers;
    this.method = init.method;
    this.path = init.path;
  }
}

/**
 * 400: Knot refused the request. Most of Knot's errors are 400s, told apart by `errorCode`:
 * `USER_NOT_FOUND`, `MERCHANT_ACCOUNT_NOT_FOUND`, `MERCHANT_ACCOUNT_DISCONNECTED`,
 * `INVALID_CURSOR_FORMAT`, `ONGOING_OPERATION`, ... Never retried.
 *
 * @example
 * ```ts
 * try {
 *   await knot.transactions.refresh({ merchant_id: 19, external_user_id: 'user-1' });
 * } catch (error) {
 *   // a refresh is already running: its webhook will come
 *   if (!(error instanceof KnotBadRequestError && error.errorCode === 'ONGOING_OPERATION')) throw error;
 * }
 * ```
 */
export class KnotBadRequestError extends KnotApiError {
  /** @internal */
  static override readonly kind: string = 'KnotBadRequestError';
}
/**
 * 401: Knot did not accept the client id and secret (`INVALID_API_KEYS`). Development and
 * production keys differ: check that the keys belong to the environment the client calls.
 *
 * @example
 * ```ts
 * try {
 *   await knot.merchants.list({ type: 'transaction_link' });
 * } catch (error) {
 *   if (error instanceof KnotAuthenticationError) console.error('Knot rejected our API keys');
 *   throw error;
 * }
 * ```
 */
export class KnotAuthenticationError extends KnotApiError {
  /** @internal */
  static override readonly kind: string = 'KnotAuthenticationError';
}
/**
 * 403: the keys are valid, but this product or endpoint is not enabled for them (`NO_ACCESS`, e.g.
 * `transactions.refresh` before Knot enables it). Contact Knot; retrying cannot help.
 *
 * @example
 * ```ts
 * try {
 *   await knot.transactions.refresh({ merchant_id: 19, external_user_id: 'user-1' });
 * } catch (error) {
 *   if (!(error instanceof KnotPermissionDeniedError)) throw error; // else refresh is not enabled: rely on webhooks
 * }
 * ```
 */
export class KnotPermissionDeniedError extends KnotApiError {
  /** @internal */
  static override readonly kind: string = 'KnotPermissionDeniedError';
}
/**
 * 404: the resource does not exist. Knot reports most unknown users, accounts and transactions as
 * 400s with a `*_NOT_FOUND` `errorCode`, so check `errorCode` as well.
 *
 * @example
 * ```ts
 * async function findTransaction(id: string): Promise<Transaction | null> {
 *   try {
 *     return await knot.transactions.get(id);
 *   } catch (error) {
 *     const notFound = error instanceof KnotNotFoundError ||
 *       (error instanceof KnotApiError && error.errorCode === 'TRANSACTION_NOT_FOUND');
 *     if (notFound) return null;
 *     throw error;
 *   }
 * }
 * ```
 */
export class KnotNotFoundError extends KnotApiError {
  /** @internal */
  static override readonly kind: string = 'KnotNotFoundError';
}
/**
 * 5xx: Knot (or a proxy in front of it) failed. Thrown once the retries are spent; the body is
 * usually `{ message }`, so `errorCode` is `null` and `errorMessage` holds the text.
 *
 * @example
 * ```ts
 * async function listAccounts(externalUserId: string): Promise<MerchantAccount[] | undefined> {
 *   try {
 *     return await knot.accounts.list({ external_user_id: externalUserId });
 *   } catch (error) {
 *     if (error instanceof KnotServerError) return undefined; // transient on Knot's side: try again later
 *     throw error;
 *   }
 * }
 * ```
 */
export class KnotServerError extends KnotApiError {
  /** @internal */
  static override readonly kind: string = 'KnotServerError';
}

/**
 * 429: too many requests. A short `Retry-After` (at most `maxRetryAfterMs`) is waited out and
 * retried by the client; this error means the wait was longer, or the retries ran out.
 * `transactions.refresh` (one per hour per account) is never retried on 429, and until `retryAt`
 * passes the client refuses another refresh of that account without sending it, with this error.
 *
 * @example
 * ```ts
 * try {
 *   await knot.transactions.refresh({ merchant_id: 19, external_user_id: 'user-1' });
 * } catch (error) {
 *   if (error instanceof KnotRateLimitError && error.retryAt) {
 *     await queue.add('refresh', { user: 'user-1', merchant: 19 }, { delay: error.retryAt.getTime() - Date.now() }); // typically an hour later
 *   } else throw error;
 * }
 * ```
 */
export class KnotRateLimitError extends KnotApiError {
  /** @internal */
  static override readonly kind: string = 'KnotRateLimitError';
  /** How long Knot asked to wait (`Retry-After`), in ms; `null` when it did not say. */
  readonly retryAfterMs: number | null;
  /** When a new attempt may succeed; `null` when Knot did not say. */
  readonly retryAt: Date | null;
  /**
   * `true` when Knot answered 429. `false` when the client refused the call itself, without a
   * request, because Knot had already named a `retryAt` for it (refresh remembers it per account).
   */
  readonly requestSent: boolean;

  /**
   * The client builds these from responses.
   *
   * @internal
   */
  constructor(init: ApiErrorInit & { retryAfterMs: number | null; now?: number; requestSent?: boolean }) {
    const retryAt = init.retryAfterMs === null ? null : new Date((init.now ?? Date.now()) + init.retryAfterMs);
    const requestSent = init.requestSent ?? true;
    // Say when, in the message itself: it is what a log line or an alert shows. (A refusal without a
    // request says it in its own text already.)
    const when = retryAt && requestSent ? `Retry at ${retryAt.toISOString()} (Retry-After: ${Math.ceil(init.retryAfterMs! / 1000)} s).` : undefined;
    super(when ? { ...init, hint: [init.hint, when].filter(Boolean).join(' ') } : init);
    this.requestSent = requestSent;
    this.retryAfterMs = init.retryAfterMs;
    this.retryAt = retryAt;
  }
}

/**
 * Why a webhook was refused: a body that is not JSON, JSON that is not a Knot event, or a
 * `Knot-Signature` header that is missing or does not match.
 */
export type KnotWebhookErrorReason = 'invalid_json' | 'invalid_payload' | 'missing_signature' | 'invalid_signature';

/**
 * A webhook could not be verified or parsed (`knot.webhooks.unwrap`, `parseWebhook`). Answer the
 * sender 401 for a signature `reason`, 400 otherwise; the handler from `knot.webhooks.handler()`
 * does this by itself.
 *
 * @example
 * ```ts
 * try {
 *   const event = knot.webhooks.unwrap(rawBody, req.headers);
 *   await queue.add('webhook', event);
 *   res.status(200).end();
 * } catch (error) {
 *   if (!(error instanceof KnotWebhookError)) throw error;
 *   const signature = error.reason === 'missing_signature' || error.reason === 'invalid_signature';
 *   res.status(signature ? 401 : 400).end();
 * }
 * ```
 */
export class KnotWebhookError extends KnotError {
  /** @internal */
  static override readonly kind: string = 'KnotWebhookError';
  /** Which check failed. */
  readonly reason: KnotWebhookErrorReason;
  /** For `invalid_payload`: what does not match a Knot event, by path. */
  readonly issues: ValidationIssue[];

  /**
   * The SDK throws these itself; the constructor is public for tests that fake a rejection.
   *
   * @param reason - Which check failed.
   * @param message - What failed, and what to do about it.
   * @param issues - For `invalid_payload`: the problems, by path.
   * @param cause - The underlying error (e.g. the JSON parser's).
   */
  constructor(reason: KnotWebhookErrorReason, message: string, issues: ValidationIssue[] = [], cause?: unknown) {
    super(message, { cause });
    this.reason = reason;
    this.issues = issues;
  }
}

interface ErrorFields {
  errorType: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

function stringField(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  return typeof value === 'string' ? value : null;
}

/** Reads `{error_type, error_code, error_message}` (4xx) or `{message}` (5xx) out of any body. */
export function errorFields(body: unknown): ErrorFields {
  if (typeof body !== 'object' || body === null) {
    return { errorType: null, errorCode: null, errorMessage: typeof body === 'string' && body ? body.slice(0, 500) : null };
  }
  const record = body as Record<string, unknown>;
  return {
    errorType: stringField(record, 'error_type'),
    errorCode: stringField(record, 'error_code'),
    errorMessage: stringField(record, 'error_message') ?? stringField(record, 'message'),
  };
}

function apiErrorMessage(init: ApiErrorInit, fields: ErrorFields): string {
  const code = fields.errorCode ? ` ${fields.errorCode}` : '';
  const text = fields.errorMessage ? `: ${fields.errorMessage}` : '';
  const hint = init.hint ? ` ${init.hint}` : '';
  return `${init.method} ${init.path} → ${init.status}${code}${text}${hint}`;
}

/** What to do next, for the statuses where the answer is always the same. */
function hintFor(status: number): string | undefined {
  if (status === 401) {
    return '(Check clientId and secret, and that they belong to the environment you call: development and production keys differ.)';
  }
  if (status === 403) return '(This product or endpoint is not enabled for your keys: contact Knot.)';
  return undefined;
}

/** Builds the right {@link KnotApiError} subclass for a non-2xx response. */
export function errorFromResponse(
  init: Omit<ApiErrorInit, 'hint'> & { retryAfterMs?: number | null; now?: number },
): KnotApiError {
  const withHint = { ...init, hint: hintFor(init.status) };
  const { status } = init;
  if (status === 429) return new KnotRateLimitError({ ...withHint, retryAfterMs: init.retryAfterMs ?? null });
  if (status === 400) return new KnotBadRequestError(withHint);
  if (status === 401) return new KnotAuthenticationError(withHint);
  if (status === 403) return new KnotPermissionDeniedError(withHint);
  if (status === 404) return new KnotNotFoundError(withHint);
  if (status >= 500) return new KnotServerError(withHint);
  return new KnotApiError(withHint);
}
