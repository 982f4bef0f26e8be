/** `knot.webhooks`: verify-then-parse with the client's secret, and a ready-made Node handler. */

import { KnotConfigError, KnotWebhookError } from '../core/errors.js';
import type { KnotWebhookEvent } from '../schemas/webhook.js';
import { createWebhookHandler, type WebhookHandlerOptions, type WebhookRequestHandler } from './handler.js';
import { decodeWebhookBody, parseWebhook, type WebhookBody } from './parse.js';
import { checkWebhookSignature, headerValue, type SignatureCheck, type WebhookHeaders } from './verify.js';

/** The part of a logger the webhook code uses (the client passes its redacting logger). */
export interface WebhookLogger {
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export interface WebhooksOptions {
  /** The Knot API secret: Knot signs webhooks with it. Kept private, never logged. */
  secret: string;
  /** Defaults to `console` (with a `[knotapi-node]` prefix). */
  logger?: WebhookLogger;
}

/** Standalone default; the client passes its own logger, which adds the prefix and redacts. */
const consoleLogger: WebhookLogger = {
  warn: (...args) => console.warn('[knotapi-node]', ...args),
  error: (...args) => console.error('[knotapi-node]', ...args),
};

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

/**
 * Webhook helpers bound to one secret. Created by the client as `knot.webhooks`; usable on its own
 * (`new Webhooks({ secret })`) in a process that only receives webhooks.
 */
export class Webhooks {
  // #private: not enumerable, not in JSON.stringify, not shown by util.inspect.
  readonly #secret: string;
  readonly #logger: WebhookLogger;

  constructor(options: WebhooksOptions) {
    if (typeof options?.secret !== 'string' || options.secret === '') {
      throw new KnotConfigError('Webhooks: `secret` must be a non-empty string (your Knot API secret).');
    }
    this.#secret = options.secret;
    this.#logger = options.logger ?? consoleLogger;
  }

  /** `true` when the request carries a valid Knot-Signature for this client's secret. Never throws. */
  verify(body: WebhookBody, headers: WebhookHeaders): boolean {
    try {
      return checkWebhookSignature({ body, headers, secret: this.#secret }).ok;
    } catch {
      return false;
    }
  }

  /**
   * Verifies the signature with the client's secret, then parses the body (see `parseWebhook`).
   * Throws `KnotWebhookError`: `missing_signature` / `invalid_signature` (the message says what to
   * check), `invalid_json`, `invalid_payload`. An unknown event type is returned, not thrown.
   */
  unwrap(body: WebhookBody, headers: WebhookHeaders): KnotWebhookEvent {
    // An unsigned request is rejected before its body is even looked at.
    if (!headerValue(headers, 'knot-signature')) throw missingSignatureError();
    const json = decodeWebhookBody(body);
    const check = checkWebhookSignature({ body, headers, secret: this.#secret }, json);
    if (!check.ok) throw check.reason === 'missing_signature' ? missingSignatureError() : invalidSignatureError(check, body);
    return parseWebhook(json as object);
  }

  /**
   * A Node `(req, res, next?)` handler for node:http and Express: reads the raw body (max 1 MiB),
   * verifies, parses, answers 200 at once and then runs your handler for the event. See
   * {@link WebhookHandlerOptions}.
   */
  handler(options: WebhookHandlerOptions = {}): WebhookRequestHandler {
    return createWebhookHandler((body, headers) => this.unwrap(body, headers), this.#logger, options);
  }

  toJSON(): Record<string, never> {
    return {};
  }
}
