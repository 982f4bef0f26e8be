/**
 * What a request says was signed, read without any Node built-in: the Knot-Signature header, the
 * three signed headers and the body's `event` / `session_id`. The Node (node:crypto) and Web Crypto
 * verifiers share it and differ only in how they compute the HMAC.
 */

import { KnotConfigError, KnotWebhookError } from '../core/errors.js';
import { type WebhookHeaders, headerValue } from './headers.js';
import { decodeWebhookBody, type WebhookBody } from './parse.js';
import type { SignedValues } from './signature-base.js';

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

type ContentLengthSource = 'header' | 'raw body' | 're-serialised body';

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
      contentLengthFrom: ContentLengthSource;
    };

/** A request ready for the HMAC: the values to sign and the signature it carries. */
export interface SignedRequest {
  values: SignedValues;
  signature: string;
  contentLengthFrom: ContentLengthSource;
}

const encoder = new TextEncoder();

export function utf8Length(text: string): number {
  return encoder.encode(text).byteLength;
}

export function assertSecret(secret: unknown, where: string): asserts secret is string {
  if (typeof secret !== 'string' || secret === '') {
    throw new KnotConfigError(`${where}: \`secret\` must be a non-empty string (your Knot API secret).`);
  }
}

function byteLength(body: WebhookBody): number | undefined {
  if (typeof body === 'string') return utf8Length(body);
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return body.byteLength;
  return undefined;
}

/** Best guess for a parsed body; `-1` (never a match) when it cannot be serialised (a cycle, a BigInt). */
function reserialisedLength(body: unknown): number {
  try {
    return utf8Length(JSON.stringify(body) ?? '');
  } catch {
    return -1;
  }
}

/** `event` and `session_id` of a decoded body; throws `KnotWebhookError` when there is no event. */
export function signedBodyFields(json: unknown): { event: string; sessionId: string | null } {
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

/**
 * The values to sign, or the failed check when the request cannot carry a valid signature. Throws
 * `KnotWebhookError` (`invalid_json` / `invalid_payload`) only when the body cannot be read at all;
 * `json` may carry the already-decoded body to avoid decoding twice.
 */
export function readSignedRequest(params: VerifyWebhookSignatureParams, json?: unknown): SignedRequest | SignatureCheck {
  const { body, headers } = params;
  const signature = headerValue(headers, 'knot-signature');
  if (!signature) return { ok: false, reason: 'missing_signature' };

  const fields = signedBodyFields(json === undefined ? decodeWebhookBody(body) : json);

  let contentLength = headerValue(headers, 'content-length');
  let contentLengthFrom: ContentLengthSource = 'header';
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
  return { values: { contentLength, contentType, encryptionType, ...fields }, signature, contentLengthFrom };
}

/** The check's outcome once the expected signature is known. */
export function compareSignature(request: SignedRequest, matches: boolean): SignatureCheck {
  return matches ? { ok: true } : { ok: false, reason: 'invalid_signature', contentLengthFrom: request.contentLengthFrom };
}
