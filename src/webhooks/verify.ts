/**
 * Knot-Signature verification and signing with node:crypto (knot-api.md §5.2); the Web Crypto
 * verifier for other runtimes is in verify-async.ts.
 *
 * Knot signs five values only: the Content-Length, Content-Type and Encryption-Type request
 * headers and the body's `event` and `session_id`. The rest of the body is not covered and there is
 * no timestamp (see docs/webhooks.md for what that means for receivers).
 */

import { timingSafeEqual } from 'node:crypto';
import { decodeWebhookBody } from './parse.js';
import { computeSignature } from './signature.js';
import type { SignedValues } from './signature-base.js';
import {
  assertSecret,
  compareSignature,
  readSignedRequest,
  type SignatureCheck,
  signedBodyFields,
  type VerifyWebhookSignatureParams,
} from './signed-request.js';

export type { SignatureCheck, VerifyWebhookSignatureParams } from './signed-request.js';

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

function timingSafeEqualText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // A length difference says nothing secret: every valid signature is 44 base64 characters.
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The check behind {@link verifyWebhookSignature} and `knot.webhooks.unwrap`, with node:crypto.
 * Throws `KnotWebhookError` (`invalid_json` / `invalid_payload`) only when the body cannot be read
 * at all; `json` may carry the already-decoded body to avoid decoding twice.
 */
export function checkWebhookSignature(params: VerifyWebhookSignatureParams, json?: unknown): SignatureCheck {
  const request = readSignedRequest(params, json);
  if ('ok' in request) return request;
  return compareSignature(request, timingSafeEqualText(computeSignature(request.values, params.secret), request.signature));
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
