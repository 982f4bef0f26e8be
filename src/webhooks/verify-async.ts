/**
 * Knot-Signature verification with Web Crypto (`crypto.subtle`), for runtimes without node:crypto:
 * Cloudflare Workers, Vercel Edge, Deno, Bun, and Node itself.
 */

import {
  assertSecret,
  compareSignature,
  readSignedRequest,
  type SignatureCheck,
  type VerifyWebhookSignatureParams,
} from './signed-request.js';
import { type SignedValues, signatureBase } from './signature-base.js';

const encoder = new TextEncoder();

function base64(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Base64 HMAC-SHA256 of the signature base: the same text `computeSignature` gives with node:crypto. */
export async function computeSignatureAsync(values: SignedValues, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64(await crypto.subtle.sign('HMAC', key, encoder.encode(signatureBase(values))));
}

/** Compares two strings in time that depends on their length only (which is public: 44 characters). */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** The Web Crypto twin of `checkWebhookSignature`: same inputs, same outcomes. */
export async function checkWebhookSignatureAsync(params: VerifyWebhookSignatureParams, json?: unknown): Promise<SignatureCheck> {
  const request = readSignedRequest(params, json);
  if ('ok' in request) return request;
  return compareSignature(request, constantTimeEqual(await computeSignatureAsync(request.values, params.secret), request.signature));
}

/**
 * Resolves `true` when the `Knot-Signature` header matches the request, like
 * {@link verifyWebhookSignature} but with Web Crypto, so it runs where `node:crypto` does not
 * (Cloudflare Workers, Vercel Edge, Deno, Bun). Import it from `knotapi-node/webhooks` there. It
 * returns a promise: `await` it (a bare `if (verifyWebhookSignatureAsync(...))` is always true).
 * Never rejects on bad input: a missing header, an unreadable body or garbage headers are `false`.
 *
 * @throws {@link KnotConfigError} (as a rejection) when `secret` is missing or empty: a programming
 *   error, not a bad request.
 *
 * @example
 * ```ts
 * export async function POST(request: Request): Promise<Response> {
 *   const body = await request.text();
 *   if (!(await verifyWebhookSignatureAsync({ body, headers: request.headers, secret: process.env.KNOT_SECRET! }))) {
 *     return new Response('bad signature', { status: 401 });
 *   }
 *   await queue.add('webhook', parseWebhook(body));
 *   return new Response(null, { status: 200 });
 * }
 * ```
 */
export async function verifyWebhookSignatureAsync(params: VerifyWebhookSignatureParams): Promise<boolean> {
  assertSecret(params?.secret, 'verifyWebhookSignatureAsync');
  try {
    return (await checkWebhookSignatureAsync(params)).ok;
  } catch {
    return false;
  }
}
