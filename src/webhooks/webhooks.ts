/** `knot.webhooks`: verify-then-parse with the client's secret, and a ready-made Node handler. */

import { KnotConfigError, KnotWebhookError } from '../core/errors.js';
import type { KnotWebhookEvent } from '../schemas/webhook.js';
import { createWebhookHandler, type WebhookHandlerOptions, type WebhookRequestHandler } from './handler.js';
import { decodeWebhookBody, parseWebhook, type WebhookBody } from './parse.js';
import { checkWebhookSignature, headerValue, type SignatureCheck, type WebhookHeaders } from './verify.js';

/**
 * The part of a logger the webhook code uses: `console`, pino, winston and most loggers fit. The
 * client passes its own redacting logger; a logger that throws is ignored, never breaks a response.
 *
 * @example
 * ```ts
 * const webhooks = new Webhooks({
 *   secret: process.env.KNOT_SECRET!,
 *   logger: { warn: (...args) => console.warn('knot webhook refused:', ...args), error: (...args) => console.error(...args) },
 * });
 * ```
 */
export interface WebhookLogger {
  /** A request was refused (bad signature, bad payload, body too large...): the reason and the status sent. */
  warn(...args: unknown[]): void;
  /** An event handler (or `onError`) threw, or the handler itself failed unexpectedly. */
  error(...args: unknown[]): void;
}

/**
 * Options of `new Webhooks(options)`, for a process that receives webhooks without a
 * `KnotClient` (a client creates its own as `knot.webhooks`).
 *
 * @example
 * ```ts
 * const webhooks = new Webhooks({ secret: process.env.KNOT_SECRET!, logger: console });
 * ```
 */
export interface WebhooksOptions {
  /** The Knot API secret: Knot signs webhooks with it. Kept private, never logged. */
  secret: string;
  /** Where refusals and handler failures are reported. Defaults to `console` (with a `[knotapi-node]` prefix). */
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
 * Webhook helpers bound to one secret: check the `Knot-Signature` of a request, parse it into a
 * typed {@link KnotWebhookEvent}, or mount a ready-made handler. Created by the client as
 * `knot.webhooks`; usable on its own (`new Webhooks({ secret })`) in a process that only receives
 * webhooks. The secret is never exposed (not in `JSON.stringify`, not in `util.inspect`).
 *
 * @example
 * ```ts
 * import express from 'express';
 *
 * const app = express();
 * app.post(
 *   '/knot/webhooks',
 *   knot.webhooks.handler({
 *     on: {
 *       NEW_TRANSACTIONS_AVAILABLE: (event) => queue.add('sync', event), // event is typed per name
 *     },
 *   }),
 * );
 * ```
 */
export class Webhooks {
  // #private: not enumerable, not in JSON.stringify, not shown by util.inspect.
  readonly #secret: string;
  readonly #logger: WebhookLogger;

  /**
   * Binds the helpers to `options.secret`.
   *
   * @throws {@link KnotConfigError} when `secret` is missing or not a non-empty string.
   *
   * @example
   * ```ts
   * const webhooks = new Webhooks({ secret: process.env.KNOT_SECRET! });
   * ```
   */
  constructor(options: WebhooksOptions) {
    if (typeof options?.secret !== 'string' || options.secret === '') {
      throw new KnotConfigError('Webhooks: `secret` must be a non-empty string (your Knot API secret).');
    }
    this.#secret = options.secret;
    this.#logger = options.logger ?? consoleLogger;
  }

  /**
   * `true` when the request carries a valid `Knot-Signature` for this secret, compared in constant
   * time. Pass the raw body as received. Only checks the signature: use {@link Webhooks.unwrap} to
   * also get the typed event. Never throws: any bad input is `false`.
   *
   * @example
   * ```ts
   * import express from 'express';
   *
   * app.post('/knot/webhooks', express.raw({ type: 'application/json' }), async (req, res) => {
   *   if (!knot.webhooks.verify(req.body, req.headers)) {
   *     res.status(401).end();
   *     return;
   *   }
   *   await queue.add('webhook', parseWebhook(req.body));
   *   res.sendStatus(200);
   * });
   * ```
   */
  verify(body: WebhookBody, headers: WebhookHeaders): boolean {
    try {
      return checkWebhookSignature({ body, headers, secret: this.#secret }).ok;
    } catch {
      return false;
    }
  }

  /**
   * Verifies the signature with this secret, then parses the body like {@link parseWebhook}. Pass the
   * raw bytes or text as received; an already-parsed object also works while the request still has
   * its `Content-Length` header (without it the length is guessed by re-serialising). An event type
   * this SDK version does not know is returned (see {@link UnknownWebhookEvent}), not thrown.
   *
   * @throws {@link KnotWebhookError} with `reason` `'missing_signature'` (no `Knot-Signature`
   *   header) or `'invalid_signature'` (the message says what to check: the secret, the raw body,
   *   the headers); `'invalid_json'` (body not UTF-8 JSON) or `'invalid_payload'` (no `event`, or a
   *   known event without its required fields; details in `.issues`).
   *
   * @example
   * ```ts
   * // Express, with express.raw({ type: 'application/json' }) on this route: req.body is a Buffer
   * const event = knot.webhooks.unwrap(req.body, req.headers);
   * if (event.event === 'NEW_TRANSACTIONS_AVAILABLE') await queue.add('sync', event);
   * res.sendStatus(200);
   * ```
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
   * verifies, parses, answers 200 at once and then runs your handler for the event (Knot retries a
   * webhook that is not answered within 10 s, so slow work must not delay the answer). Refused
   * requests get 405 (not POST), 413 / 408 (body too large / too slow), 401 (`missing_signature`,
   * `invalid_signature`) or 400 (`invalid_json`, `invalid_payload`, a body already consumed by a
   * JSON body parser), with a JSON `{ error, message }`. Errors of your handlers go to `onError`.
   * See {@link WebhookHandlerOptions}.
   *
   * @throws {@link KnotConfigError} when `maxBodyBytes` or `bodyTimeoutMs` is not a positive number.
   *
   * @example
   * ```ts
   * import { createServer } from 'node:http';
   *
   * const handler = knot.webhooks.handler({
   *   on: {
   *     NEW_TRANSACTIONS_AVAILABLE: (event) => queue.add('sync', event),
   *     ACCOUNT_LOGIN_REQUIRED: (event) => markDisconnected(event.external_user_id, event.merchant.id),
   *   },
   *   onUnknown: (event) => console.info('new Knot event', event.unknown_event),
   *   onError: (error, event) => reportError(error, event),
   * });
   * createServer(handler).listen(3000);
   * ```
   */
  handler(options: WebhookHandlerOptions = {}): WebhookRequestHandler {
    return createWebhookHandler((body, headers) => this.unwrap(body, headers), this.#logger, options);
  }

  /**
   * Serialises as `{}`, so logging or `JSON.stringify` of the client never includes the secret.
   *
   * @example
   * ```ts
   * JSON.stringify(knot.webhooks); // '{}'
   * ```
   */
  toJSON(): Record<string, never> {
    return {};
  }
}
