/**
 * The error tree of the SDK. Every error the SDK throws or rejects with is a {@link KnotError}.
 *
 * `instanceof` is answered by a brand (a list of class kinds stored on the instance under a global
 * symbol) rather than the prototype chain, so an error created by the CJS build is still an
 * `instanceof` the class imported from the ESM build, and vice versa.
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

/** Base class of every error thrown by knotapi-node. */
export class KnotError extends Error {
  static readonly kind: string = 'KnotError';

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

/** Bad client options (missing credentials, a non-https base URL, ...). Thrown by the constructor. */
export class KnotConfigError extends KnotError {
  static override readonly kind: string = 'KnotConfigError';
}

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `transactions.new`; `''` for the whole value. */
  path: string;
  message: string;
}

/** Params that fail validation. Nothing was sent. */
export class KnotValidationError extends KnotError {
  static override readonly kind: string = 'KnotValidationError';
  readonly issues: ValidationIssue[];

  constructor(message: string, issues: ValidationIssue[] = []) {
    super(message);
    this.issues = issues;
  }
}

/** No response could be obtained (DNS, refused, reset, ...) after every retry. See `.cause`. */
export class KnotConnectionError extends KnotError {
  static override readonly kind: string = 'KnotConnectionError';
}

/** An attempt took longer than `timeoutMs`. */
export class KnotTimeoutError extends KnotConnectionError {
  static override readonly kind: string = 'KnotTimeoutError';
}

/** The caller's `AbortSignal` fired. Never retried. */
export class KnotAbortError extends KnotError {
  static override readonly kind: string = 'KnotAbortError';
}

/** A 2xx response whose body is not JSON or lacks the structure the SDK relies on. */
export class KnotResponseValidationError extends KnotError {
  static override readonly kind: string = 'KnotResponseValidationError';
  readonly issues: ValidationIssue[];
  readonly status: number | null;
  readonly method: string | null;
  readonly path: string | null;

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

/** A non-2xx answer from Knot. Branch on `errorCode` (and `status`), never on `errorMessage`. */
export class KnotApiError extends KnotError {
  static override readonly kind: string = 'KnotApiError';
  readonly status: number;
  readonly errorType: KnotErrorType | null;
  readonly errorCode: KnotErrorCode | null;
  readonly errorMessage: string | null;
  /** The parsed JSON body, or the raw text when the body was not JSON. */
  readonly body: unknown;
  /** Response headers. */
  readonly headers: Headers;
  readonly method: string;
  readonly path: string;

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

export class KnotBadRequestError extends KnotApiError {
  static override readonly kind: string = 'KnotBadRequestError';
}
export class KnotAuthenticationError extends KnotApiError {
  static override readonly kind: string = 'KnotAuthenticationError';
}
export class KnotPermissionDeniedError extends KnotApiError {
  static override readonly kind: string = 'KnotPermissionDeniedError';
}
export class KnotNotFoundError extends KnotApiError {
  static override readonly kind: string = 'KnotNotFoundError';
}
export class KnotServerError extends KnotApiError {
  static override readonly kind: string = 'KnotServerError';
}

/** 429. `retryAt` is when Knot said a new attempt may succeed (`null` when it did not say). */
export class KnotRateLimitError extends KnotApiError {
  static override readonly kind: string = 'KnotRateLimitError';
  readonly retryAfterMs: number | null;
  readonly retryAt: Date | null;

  constructor(init: ApiErrorInit & { retryAfterMs: number | null; now?: number }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
    this.retryAt = init.retryAfterMs === null ? null : new Date((init.now ?? Date.now()) + init.retryAfterMs);
  }
}

export type KnotWebhookErrorReason = 'invalid_json' | 'invalid_payload' | 'missing_signature' | 'invalid_signature';

/** A webhook that could not be verified or parsed. */
export class KnotWebhookError extends KnotError {
  static override readonly kind: string = 'KnotWebhookError';
  readonly reason: KnotWebhookErrorReason;
  readonly issues: ValidationIssue[];

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
