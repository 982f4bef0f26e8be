/**
 * Verify-then-parse, with the actionable messages, shared by the node:crypto (`knot.webhooks.unwrap`)
 * and the Web Crypto (`fetchHandler`) paths. The HMAC itself is passed in as the finished check.
 */

import { KnotWebhookError } from '../core/errors.js';
import type { KnotWebhookEvent } from '../schemas/webhook.js';
import { headerValue, type WebhookHeaders } from './headers.js';
import { decodeWebhookBody, parseWebhook, type WebhookBody } from './parse.js';
import type { SignatureCheck } from './signed-request.js';

const SECRET_HINT =
  'that the secret is the Knot API secret of the environment that sent this webhook (development and production secrets differ)';
const RAW_BODY_HINT =
  "pass the raw request body (a Buffer or string as received; with Express use express.raw({ type: 'application/json' }) on this route)";

function missingSignatureError(): KnotWebhookError {
  return new KnotWebhookError(
    'missing_signature',
    'Webhook request has no Knot-Signature header. Knot signs every webhook: check that the request comes from Knot ' +
      '(source IP 35.232.249.218), that no proxy strips the header, and that you pass the request headers (e.g. req.headers).',
  );
}

function invalidSignatureError(check: Extract<SignatureCheck, { reason: 'invalid_signature' }>, body: WebhookBody): KnotWebhookError {
  if (check.missingHeader) {
    return new KnotWebhookError(
      'invalid_signature',
      `Webhook signature cannot match: the request has no ${check.missingHeader} header, which Knot signs. ` +
        'Pass the original request headers (a proxy or framework may have removed it).',
    );
  }
  const checks = [SECRET_HINT];
  if (check.contentLengthFrom === 're-serialised body') {
    checks.push(
      `the body: there is no Content-Length header and the body is a parsed object, so its length was guessed by re-serialising it; ${RAW_BODY_HINT}`,
    );
  } else if (check.contentLengthFrom === 'raw body') {
    checks.push('the body: there is no Content-Length header, so the byte length of the body given was used; it must be the body exactly as received');
  } else {
    const parsed = typeof body === 'object' && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer);
    checks.push(
      parsed
        ? `the body: it was given as a parsed object; ${RAW_BODY_HINT}`
        : 'that the body and the Content-Length, Content-Type and Encryption-Type headers are exactly as received (not re-serialised or rewritten by a proxy)',
    );
  }
  return new KnotWebhookError(
    'invalid_signature',
    `Webhook signature does not match the Knot-Signature header. Check ${checks.join('; and ')}.`,
  );
}

/** Step one: an unsigned request is rejected before its body is even looked at; then the body is decoded. */
export function decodeSignedBody(body: WebhookBody, headers: WebhookHeaders): unknown {
  if (!headerValue(headers, 'knot-signature')) throw missingSignatureError();
  return decodeWebhookBody(body);
}

/** Step two: the finished signature check decides; a valid request is parsed into its event. */
export function eventAfterCheck(check: SignatureCheck, body: WebhookBody, json: unknown): KnotWebhookEvent {
  if (!check.ok) throw check.reason === 'missing_signature' ? missingSignatureError() : invalidSignatureError(check, body);
  return parseWebhook(json as object);
}
