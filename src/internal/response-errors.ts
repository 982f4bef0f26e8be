import { errorFromResponse, type KnotApiError, KnotRateLimitError, KnotResponseValidationError } from '../core/errors.js';
import { parseRetryAfter } from '../core/retry.js';
import { BODY_REDACTION, redactDeep, redactString } from './redact.js';
import type { TransportResponse } from './transport.js';

/**
 * The errors built from what Knot answered (or, for a remembered 429, would answer). Error bodies
 * and headers end up in messages and properties, and a proxy or server that echoes the request
 * back could put the credentials there: everything is scrubbed of `secrets` first.
 */

export function decodeJson(text: string): { ok: true; value: unknown } | { ok: false; text: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, text };
  }
}

/** The {@link KnotApiError} subclass for a non-2xx answer. */
export function apiError(res: TransportResponse, request: { method: string; path: string }, secrets: readonly string[], now: number): KnotApiError {
  const decoded = decodeJson(redactString(res.body.toString('utf8'), secrets));
  const headers = new Headers();
  for (const [name, value] of res.headers) headers.append(name, redactString(value, secrets));
  return errorFromResponse({
    status: res.status,
    body: decoded.ok ? redactDeep(decoded.value, secrets, BODY_REDACTION) : decoded.text,
    headers,
    ...request,
    retryAfterMs: parseRetryAfter(res.headers, now),
    now,
  });
}

/** A 2xx body that is not JSON: its first characters, scrubbed, say what came instead. */
export function notJsonError(text: string, res: TransportResponse, request: { method: string; path: string }, secrets: readonly string[]) {
  const preview = JSON.stringify(redactString(text, secrets).slice(0, 40));
  return new KnotResponseValidationError(
    `${request.method} ${request.path} → ${res.status}: the response body is not JSON (starts with ${preview}).`,
    { status: res.status, ...request },
  );
}

/** The 429 a refresh gets, unsent, while an earlier 429's `Retry-After` has not passed for its account. */
export function rememberedRateLimit(operation: string, request: { method: string; path: string }, remainingMs: number, now: number) {
  const retryAt = new Date(now + remainingMs).toISOString();
  return new KnotRateLimitError({
    status: 429,
    body: {
      error_type: 'RATE_LIMIT_ERROR',
      error_code: 'TOO_MANY_REQUESTS',
      error_message: `Not sent: Knot allows the next ${operation} for this account at ${retryAt}.`,
    },
    headers: new Headers({ 'retry-after': String(Math.ceil(remainingMs / 1000)) }),
    ...request,
    retryAfterMs: remainingMs,
    now,
    requestSent: false,
  });
}
