/** `knot.webhooks`: verify-then-parse with the client's secret, and ready-made Node and Fetch handlers. */

import { KnotConfigError } from '../core/errors.js';
import { loadSchemas } from '../schemas/load.js';
import type { KnotWebhookEvent } from '../schemas/webhook.js';
import type { WebhookDeliveryOptions } from './delivery.js';
import { createFetchHandler, type WebhookFetchHandler } from './fetch-handler.js';
import { createWebhookHandler, type WebhookHandlerOptions, type WebhookRequestHandler } from './handler.js';
import type { WebhookHeaders } from './headers.js';
import { type SafeLog, safeLog, type WebhookLogger } from './log.js';
import type { WebhookBody } from './parse.js';
import { decodeSignedBody, eventAfterCheck } from './unwrap.js';
import { checkWebhookSignature } from './verify.js';

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
  readonly #log: SafeLog;

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
    this.#log = safeLog(options.logger);
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
    const json = decodeSignedBody(body, headers);
    return eventAfterCheck(checkWebhookSignature({ body, headers, secret: this.#secret }, json), body, json);
  }

  // The handlers can wait: zod loads through the dynamic import every bundler follows (the request
  // schemas'), then the synchronous unwrap finds it there.
  readonly #unwrapWhenLoaded = async (body: Uint8Array, headers: WebhookHeaders): Promise<KnotWebhookEvent> => {
    await loadSchemas();
    return this.unwrap(body, headers);
  };

  /**
   * A Node `(req, res, next?)` handler for node:http and Express: reads the raw body (max 1 MiB;
   * `req.rawBody` or a raw `req.body` a body parser kept also work), verifies, parses, runs your
   * handler for the event and answers when it is done: 200 when it resolved, 500 when it threw (Knot
   * delivers the event again, up to twice, so handlers must be idempotent), or 200 once
   * `ackTimeoutMs` (default 8 s, under Knot's 10 s) has passed with it still running (it runs on;
   * a later failure goes to `onError`). Refused requests get 405 (not POST), 413 / 408 (body too
   * large / too slow), 401 (`missing_signature`, `invalid_signature`) or 400 (`invalid_json`,
   * `invalid_payload`, a body already consumed by a JSON body parser), with a JSON
   * `{ error, message }`. See {@link WebhookHandlerOptions}.
   *
   * @throws {@link KnotConfigError} when `maxBodyBytes`, `bodyTimeoutMs` or `ackTimeoutMs` is not a
   *   positive number.
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
    return createWebhookHandler(this.#unwrapWhenLoaded, this.#log, options);
  }

  /**
   * The same endpoint for Fetch runtimes: `(request: Request, ctx?) => Promise<Response>` for
   * Next.js route handlers, Hono, Bun, Deno and Workers, verifying with this secret. Same semantics
   * as {@link Webhooks.handler} (200 when your handler resolved, 500 when it threw, 200 after
   * `ackTimeoutMs` while it runs on; 401, 400, 405, 413 refusals). Where Node built-ins are not
   * available, use `fetchHandler` from `knotapi-node/webhooks` instead (no client needed).
   *
   * @throws {@link KnotConfigError} when `ackTimeoutMs` or `maxBodyBytes` is not a positive number.
   *
   * @example
   * ```ts
   * // app/api/knot/webhooks/route.ts (Next.js App Router, Node runtime)
   * export const POST = knot.webhooks.fetchHandler({
   *   on: { NEW_TRANSACTIONS_AVAILABLE: (event) => queue.add('sync', event) },
   * });
   * ```
   */
  fetchHandler(options: WebhookDeliveryOptions = {}): WebhookFetchHandler {
    return createFetchHandler(this.#unwrapWhenLoaded, this.#log, options, 'webhooks.fetchHandler');
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
