// Per-request options and their one check. A little over a screen: the public interface carries the
// TSDoc users read, and each check names the option it refuses.
import { describeIssues } from '../internal/issues.js';
import { hasLineBreak, isHeaderValue } from '../internal/header-text.js';
import { KnotValidationError, type ValidationIssue } from './errors.js';

/**
 * The longest delay a Node timer can hold (about 24.8 days). A longer one overflows and fires after
 * 1 ms: a huge `timeoutMs` would time every request out at once.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Per-request options, accepted as the last argument of every method. They override the client's
 * options for that call only. Invalid options reject the call with a `KnotValidationError`, sending
 * nothing.
 *
 * @example
 * ```ts
 * import { randomUUID } from 'node:crypto';
 *
 * const account = await knot.accounts.get(
 *   { external_user_id: 'user-1', merchant_id: 19 },
 *   { signal: AbortSignal.timeout(10_000), maxRetries: 0, headers: { 'x-request-id': randomUUID() } },
 * );
 * ```
 */
export interface RequestOptions {
  /** Cancels the call, including its retries and waits: it then rejects with a `KnotAbortError`. */
  signal?: AbortSignal;
  /** Per attempt: connect, headers and body. Default: the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default: the client's `maxRetries`. */
  maxRetries?: number;
  /** Extra headers. `Authorization` and the framing headers (`Host`, `Content-Length`, ...) cannot be set. */
  headers?: Record<string, string>;
}

/** Headers that frame the message: a caller's value would corrupt the request (undici refuses most). */
const FRAMING_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect']);

/** Checks per-request options; a bad one is a {@link KnotValidationError} and nothing is sent. */
export function checkRequestOptions(options: RequestOptions | undefined): void {
  if (options === undefined) return;
  const issues: ValidationIssue[] = [];
  if (typeof options !== 'object' || options === null) {
    issues.push({ path: '', message: 'request options must be an object' });
  } else {
    const { timeoutMs, maxRetries, headers, signal } = options;
    if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
      issues.push({ path: 'timeoutMs', message: `must be a positive number of milliseconds, at most ${MAX_TIMER_MS}` });
    }
    if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
      issues.push({ path: 'maxRetries', message: 'must be a non-negative integer' });
    }
    if (signal !== undefined && !(signal instanceof AbortSignal)) issues.push({ path: 'signal', message: 'must be an AbortSignal' });
    if (headers !== undefined && (typeof headers !== 'object' || headers === null || Array.isArray(headers))) {
      issues.push({ path: 'headers', message: 'must be an object of header names to string values' });
    } else {
      for (const [name, value] of Object.entries(headers ?? {})) {
        const lower = name.toLowerCase();
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) issues.push({ path: `headers.${name}`, message: 'is not a valid header name' });
        else if (typeof value !== 'string' || hasLineBreak(value)) {
          issues.push({ path: `headers.${name}`, message: 'must be a string without CR/LF' });
        } else if (!isHeaderValue(value)) {
          issues.push({ path: `headers.${name}`, message: 'must contain only Latin-1 characters (encode anything else)' });
        } else if (lower === 'authorization') {
          issues.push({ path: `headers.${name}`, message: 'is set by the client from clientId and secret' });
        } else if (FRAMING_HEADERS.has(lower)) {
          issues.push({ path: `headers.${name}`, message: 'is set by the transport and cannot be overridden' });
        }
      }
    }
  }
  if (issues.length > 0) {
    throw new KnotValidationError(`Invalid request options: ${describeIssues(issues)}. Nothing was sent.`, issues);
  }
}
