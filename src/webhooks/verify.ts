/**
 * Knot-Signature verification and signing (knot-api.md §5.2).
 *
 * Knot signs five values only: the Content-Length, Content-Type and Encryption-Type request
 * headers and the body's `event` and `session_id`. The rest of the body is not covered and there is
 * no timestamp (see docs/webhooks.md for what that means for receivers).
 */

import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { KnotConfigError, KnotWebhookError } from '../core/errors.js';
import { decodeWebhookBody, type WebhookBody } from './parse.js';
import { computeSignature, type SignedValues } from './signature.js';

/**
 * Request headers in any of the usual shapes: a Fetch `Headers`, Node's `req.headers`, a plain
 * record, or anything with a `get(name)` method. Names are matched case-insensitively; of a repeated
 * header the first value counts.
 *
 * @example
 * ```ts
 * knot.webhooks.verify(rawBody, req.headers); // node:http, Express: IncomingHttpHeaders
 * knot.webhooks.verify(rawBody, request.headers); // Fetch Request (Hono, Next.js): Headers
 * // AWS Lambda: a plain record, any letter case
 * export const handler = async (event: { body: string; headers: Record<string, string | undefined> }) =>
 *   ({ statusCode: knot.webhooks.verify(event.body, event.headers) ? 200 : 401 });
 * ```
 */
export type WebhookHeaders =
  | Headers
  | IncomingHttpHeaders
  | Record<string, string | readonly string[] | number | null | undefined>
  | {
      /** The value of header `name`, or `null`/`undefined` when absent. */
      get(name: string): string | null | undefined;
    };

/**
 * The headers Knot sends with a webhook, as produced by {@link signWebhook}: send them with exactly
 * the body that was signed.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ event: 'AUTHENTICATED', external_user_id: 'user-1', merchant: { id: 19, name: 'DoorDash' }, timestamp: Date.now() });
 * const headers: SignedWebhookHeaders = signWebhook({ body, secret: 'test_secret' });
 * await fetch('http://127.0.0.1:3000/knot/webhooks', { method: 'POST', headers, body });
 * ```
 */
export type SignedWebhookHeaders = {
  'Knot-Signature': string;
  'Content-Type': 'application/json';
  'Content-Length': string;
  'Encryption-Type': 'HMAC-SHA256';
};

/**
 * What {@link verifyWebhookSignature} checks: one received request and the secret.
 *
 * @example
 * ```ts
 * const params: VerifyWebhookSignatureParams = { body: rawBody, headers: req.headers, secret: process.env.KNOT_SECRET! };
 * ```
 */
export interface VerifyWebhookSignatureParams {
  /** The body as received: raw bytes/text (best) or a parsed object (only `event`/`session_id` are signed). */
  body: WebhookBody;
  /** The request headers: `Knot-Signature`, `Content-Length`, `Content-Type` and `Encryption-Type` are read. */
  headers: WebhookHeaders;
  /** Your Knot API secret for the environment that sent the webhook. */
  secret: string;
}

/** Outcome of a check, with enough detail for an actionable message (internal to the SDK). */
export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing_signature' }
  | {
      ok: false;
      reason: 'invalid_signature';
      /** A signed header that is missing from the request, if that is the cause. */
      missingHeader?: 'Content-Type' | 'Encryption-Type';
      /** Where Content-Length came from: the request header, or the body when the header was absent. */
      contentLengthFrom: 'header' | 'raw body' | 're-serialised body';
    };

/** One header value: case-insensitive name, first value of a list, numbers as strings. */
export function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const lower = name.toLowerCase();
  let raw: unknown;
  const source = headers as {
    get?: (n: string) => unknown;
    forEach?: (fn: (value: unknown, key: unknown) => void) => void;
  };
  if (typeof source.get === 'function') {
    // Fetch Headers are case-insensitive already; a Map is not, so fall back to a scan.
    raw = source.get(name) ?? source.get(lower);
    if (raw == null && typeof source.forEach === 'function') {
      source.forEach((value, key) => {
        if (raw == null && typeof key === 'string' && key.toLowerCase() === lower) raw = value;
      });
    }
  } else {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === lower) {
        raw = (headers as Record<string, unknown>)[key];
        break;
      }
    }
  }
  if (Array.isArray(raw)) raw = raw[0];
  if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
  return typeof raw === 'string' ? raw.trim() : undefined;
}

function assertSecret(secret: unknown, where: string): asserts secret is string {
  if (typeof secret !== 'string' || secret === '') {
    throw new KnotConfigError(`${where}: \`secret\` must be a non-empty string (your Knot API secret).`);
  }
}

function byteLength(body: WebhookBody): number | undefined {
  if (typeof body === 'string') return Buffer.byteLength(body, 'utf8');
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return body.byteLength;
  return undefined;
}

/** Best guess for a parsed body; `-1` (never a match) when it cannot be serialised (a cycle, a BigInt). */
function reserialisedLength(body: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(body) ?? '', 'utf8');
  } catch {
    return -1;
  }
}

/** `event` and `session_id` of a decoded body; throws `KnotWebhookError` when there is no event. */
function signedBodyFields(json: unknown): { event: string; sessionId: string | null } {
  const record = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const { event, session_id: sessionId } = record;
  if (typeof event !== 'string' || event === '') {
    throw new KnotWebhookError('invalid_payload', 'Webhook body has no `event` name, so its signature cannot be checked.', [
      { path: 'event', message: 'required' },
    ]);
  }
  // A numeric session id is signed as its decimal text; any other type counts as absent.
  const session = typeof sessionId === 'string' ? sessionId : typeof sessionId === 'number' ? String(sessionId) : null;
  return { event, sessionId: session };
}

function timingSafeEqualText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // A length difference says nothing secret: every valid signature is 44 base64 characters.
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The check behind {@link verifyWebhookSignature} and `knot.webhooks.unwrap`. Throws
 * `KnotWebhookError` (`invalid_json` / `invalid_payload`) only when the body cannot be read at all;
 * `json` may carry the already-decoded body to avoid decoding twice.
 */
export function checkWebhookSignature(params: VerifyWebhookSignatureParams, json?: unknown): SignatureCheck {
  const { body, headers, secret } = params;
  const signature = headerValue(headers, 'knot-signature');
  if (!signature) return { ok: false, reason: 'missing_signature' };

  const fields = signedBodyFields(json === undefined ? decodeWebhookBody(body) : json);

  let contentLength = headerValue(headers, 'content-length');
  let contentLengthFrom: 'header' | 'raw body' | 're-serialised body' = 'header';
  if (contentLength === undefined) {
    // Some proxies re-frame requests (chunked) and drop the header; Knot signed the byte length.
    const raw = byteLength(body);
    contentLengthFrom = raw === undefined ? 're-serialised body' : 'raw body';
    contentLength = String(raw ?? reserialisedLength(body));
  }
  const contentType = headerValue(headers, 'content-type');
  const encryptionType = headerValue(headers, 'encryption-type');
  if (contentType === undefined) return { ok: false, reason: 'invalid_signature', missingHeader: 'Content-Type', contentLengthFrom };
  if (encryptionType === undefined) {
    return { ok: false, reason: 'invalid_signature', missingHeader: 'Encryption-Type', contentLengthFrom };
  }

  const values: SignedValues = { contentLength, contentType, encryptionType, ...fields };
  const expected = computeSignature(values, secret);
  return timingSafeEqualText(expected, signature) ? { ok: true } : { ok: false, reason: 'invalid_signature', contentLengthFrom };
}

/**
 * `true` when the `Knot-Signature` header matches the request, compared in constant time. Knot signs
 * the `Content-Length`, `Content-Type` and `Encryption-Type` headers and the body's `event` and
 * `session_id` with HMAC-SHA256 of your API secret; the rest of the body is not covered and there is
 * no timestamp. Never throws on bad input: a missing header, an unreadable body or garbage headers
 * are `false`. To also get the typed event, use `knot.webhooks.unwrap` (see {@link Webhooks.unwrap}).
 *
 * @throws {@link KnotConfigError} when `secret` is missing or empty (a programming error).
 *
 * @example
 * ```ts
 * // a Fetch-style route (Hono, Next.js): read the raw text once, then verify and parse it
 * export async function POST(request: Request): Promise<Response> {
 *   const body = await request.text();
 *   if (!verifyWebhookSignature({ body, headers: request.headers, secret: process.env.KNOT_SECRET! })) {
 *     return new Response('bad signature', { status: 401 });
 *   }
 *   const event = parseWebhook(body);
 *   await queue.add('webhook', event);
 *   return new Response(null, { status: 200 });
 * }
 * ```
 */
export function verifyWebhookSignature(params: VerifyWebhookSignatureParams): boolean {
  assertSecret(params?.secret, 'verifyWebhookSignature');
  try {
    return checkWebhookSignature(params).ok;
  } catch {
    return false;
  }
}

/**
 * What {@link signWebhook} signs: a webhook body and the secret.
 *
 * @example
 * ```ts
 * const event = { event: 'AUTHENTICATED', external_user_id: 'user-1', merchant: { id: 19, name: 'DoorDash' }, timestamp: Date.now() };
 * const params: SignWebhookParams = { body: JSON.stringify(event), secret: 'test_secret' };
 * ```
 */
export interface SignWebhookParams {
  /** The payload as an object (serialised with `JSON.stringify`) or the exact text/bytes to send. */
  body: string | Uint8Array | object;
  /** The Knot API secret the receiver verifies with. */
  secret: string;
}

/**
 * The headers Knot would send with `body`, signed with `secret`: for tests of your webhook endpoint.
 * Send exactly the text that was signed: pass a string, or `JSON.stringify` the object once and use
 * that string for both this call and the request (Content-Length is its UTF-8 byte length).
 *
 * @throws {@link KnotConfigError} when `secret` is missing or empty; {@link KnotWebhookError} with
 *   reason `'invalid_json'` when a string or byte body is not JSON, or `'invalid_payload'` when the
 *   body has no `event` name (there would be nothing to sign).
 *
 * @example
 * ```ts
 * const body = JSON.stringify({
 *   event: 'NEW_TRANSACTIONS_AVAILABLE',
 *   external_user_id: 'user-1',
 *   merchant: { id: 19, name: 'DoorDash' },
 *   timestamp: Date.now(),
 * });
 * const res = await fetch('http://127.0.0.1:3000/knot/webhooks', {
 *   method: 'POST',
 *   headers: signWebhook({ body, secret: 'test_secret' }),
 *   body,
 * });
 * ```
 */
export function signWebhook(params: SignWebhookParams): SignedWebhookHeaders {
  assertSecret(params?.secret, 'signWebhook');
  const { body } = params;
  const text =
    typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : JSON.stringify(body);
  const json = typeof body === 'object' && !(body instanceof Uint8Array) ? body : decodeWebhookBody(text);
  const contentLength = String(body instanceof Uint8Array ? body.byteLength : Buffer.byteLength(text, 'utf8'));
  const values: SignedValues = {
    contentLength,
    contentType: 'application/json',
    encryptionType: 'HMAC-SHA256',
    ...signedBodyFields(json),
  };
  return {
    'Knot-Signature': computeSignature(values, params.secret),
    'Content-Type': 'application/json',
    'Content-Length': contentLength,
    'Encryption-Type': 'HMAC-SHA256',
  };
}
