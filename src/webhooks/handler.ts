/**
 * The Node adapter of the delivery core (delivery.ts) for node:http and Express: method → raw body
 * (size cap, read timeout, or what a body parser kept) → the delivery → the answer.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createDelivery, now, positiveOption, type Unwrap, type WebhookDeliveryOptions } from './delivery.js';
import type { SafeLog } from './log.js';

export { DEFAULT_MAX_BODY_BYTES } from './delivery.js';

/**
 * Options of `knot.webhooks.handler(options)` (see {@link Webhooks.handler}): the delivery options
 * both handlers share, plus how long the body may take to arrive.
 *
 * @example
 * ```ts
 * const options: WebhookHandlerOptions = {
 *   on: { ACCOUNT_LOGIN_REQUIRED: (event) => markDisconnected(event.external_user_id, event.merchant.id) },
 *   onUnknown: (event) => console.info('new Knot event', event.unknown_event),
 *   onError: (error, event) => reportError(error, webhookEventName(event)),
 *   maxBodyBytes: 64 * 1024,
 * };
 * app.post('/knot/webhooks', knot.webhooks.handler(options));
 * ```
 */
export interface WebhookHandlerOptions extends WebhookDeliveryOptions {
  /** A body that takes longer to arrive gets 408 and the connection is closed. Default 10 s (Knot's own timeout). */
  bodyTimeoutMs?: number;
}

/**
 * The request the handler accepts: a Node `IncomingMessage`, optionally with what a body parser
 * left. The raw body is taken from `req.rawBody` (NestJS `rawBody: true`, Firebase, many
 * frameworks), else from a raw `req.body` (`Buffer`, `Uint8Array` or string, e.g. from
 * `express.raw()`), else read from the stream. A JSON-parsed `req.body` without `req.rawBody` is
 * refused with 400, since the raw body is gone.
 *
 * @example
 * ```ts
 * import express from 'express';
 *
 * const on: WebhookEventHandlers = { NEW_TRANSACTIONS_AVAILABLE: (event) => queue.add('sync', event) };
 * app.post('/knot/webhooks', express.raw({ type: 'application/json' }), knot.webhooks.handler({ on }));
 * ```
 */
export type WebhookRequest = IncomingMessage & { body?: unknown; rawBody?: unknown };
/**
 * A Node request handler as returned by {@link Webhooks.handler}: mount it with node:http's
 * `createServer(handler)` or as Express middleware. It always answers (200, 500 when your handler
 * threw, or a 4xx with a JSON `{ error, message }`), never throws; an unexpected internal failure
 * goes to Express's `next(error)` when given, else is answered 500.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 *
 * const handler: WebhookRequestHandler = knot.webhooks.handler({
 *   on: { NEW_TRANSACTIONS_AVAILABLE: (event) => queue.add('sync', event) },
 * });
 * createServer(handler).listen(3000);
 * ```
 */
export type WebhookRequestHandler = (req: WebhookRequest, res: ServerResponse, next?: (error?: unknown) => void) => void;

export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/** Why a request was refused before it could be verified. */
class Refusal {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    /** Close the connection after answering (the body was not read to its end). */
    readonly close = false,
  ) {}
}

const PARSED_BODY_MESSAGE =
  'The request body was already parsed by a body parser (req.body is an object), but the signature check needs the raw body. ' +
  "Mount this handler before express.json(), or give its route express.raw({ type: 'application/json' }), " +
  '(Fastify: register a content-type parser with parseAs: "buffer"; NestJS: create the app with rawBody: true), ' +
  'so req.body is a Buffer or req.rawBody holds the bytes.';

function send(res: ServerResponse, status: number, payload: unknown, close = false): void {
  if (res.headersSent || res.writableEnded) return;
  const text = JSON.stringify(payload);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  if (status === 405) res.setHeader('Allow', 'POST');
  // Connection: close makes Node close the socket once the answer is out, so a body we stopped
  // reading cannot keep the connection (or the parser) busy.
  if (close) res.setHeader('Connection', 'close');
  res.end(text);
}

type ReadOutcome = { body: Uint8Array } | Refusal | 'gone';

const ignore = () => {};

/** Reads the raw body with a byte cap and a deadline; stops reading as soon as either is hit. */
function readRawBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<ReadOutcome> {
  const declared = Number(req.headers['content-length']);
  const tooLarge = () =>
    new Refusal(413, 'payload_too_large', `Webhook body is larger than ${maxBytes} bytes; reading stopped.`, true);
  // Refuse on the declared length without reading a byte.
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(tooLarge());

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: ReadOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
      // A late 'error' (client reset after we stopped listening) must not become an uncaught exception.
      req.on('error', ignore);
      if (outcome instanceof Refusal) {
        // Discard (not store) what is already in flight, so the close that follows is a clean FIN
        // after our answer rather than a reset that could swallow it. Node closes the socket once the
        // Connection: close answer is written, which bounds this.
        req.resume();
      }
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) settle(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => settle({ body: Buffer.concat(chunks, size) });
    const onGone = () => settle('gone');
    const timer = setTimeout(
      () => settle(new Refusal(408, 'body_timeout', `Webhook body did not arrive within ${timeoutMs} ms.`, true)),
      timeoutMs,
    );
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
  });
}

/** A body a framework kept raw: bytes or text, as received. */
function rawCopy(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value; // a Buffer is one
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return undefined;
}

/** The raw body: what a body parser kept (`req.rawBody`, a raw `req.body`), else read from the stream. */
async function rawBody(req: WebhookRequest, maxBytes: number, timeoutMs: number): Promise<ReadOutcome> {
  const kept = rawCopy(req.rawBody) ?? rawCopy(req.body);
  if (kept) {
    if (kept.byteLength > maxBytes) return new Refusal(413, 'payload_too_large', `Webhook body is larger than ${maxBytes} bytes.`);
    return { body: kept };
  }
  // body-parser sets req._body once it has read the stream; an object body with an unread stream is
  // only body-parser's `{}` placeholder (content type did not match), so the stream is still ours.
  const consumed = (req as { _body?: unknown })._body === true || req.readableEnded;
  if (consumed) {
    if (req.body !== undefined && req.body !== null) return new Refusal(400, 'parsed_body', PARSED_BODY_MESSAGE);
    return new Refusal(
      400,
      'body_consumed',
      'The request body stream was already read by other middleware and neither req.rawBody nor req.body holds a raw copy: ' +
        "mount this handler before it, or give its route express.raw({ type: 'application/json' }).",
    );
  }
  return readRawBody(req, maxBytes, timeoutMs);
}

export function createWebhookHandler(unwrap: Unwrap, log: SafeLog, options: WebhookHandlerOptions): WebhookRequestHandler {
  const where = 'webhooks.handler';
  const delivery = createDelivery(unwrap, log, options, where);
  const timeoutMs = positiveOption(options.bodyTimeoutMs, DEFAULT_BODY_TIMEOUT_MS, 'bodyTimeoutMs', where);

  const handle = async (req: WebhookRequest, res: ServerResponse) => {
    const startedAt = now();
    if (req.method !== 'POST') {
      const answer = delivery.refuse(405, 'method_not_allowed', 'Knot webhooks are POST requests.', startedAt);
      send(res, answer.status, answer.body);
      return;
    }
    const read = await rawBody(req, delivery.maxBodyBytes, timeoutMs);
    if (read === 'gone') return; // the client went away: nobody to answer
    const answer =
      read instanceof Refusal
        ? delivery.refuse(read.status, read.code, read.message, startedAt, read.close)
        : await delivery.deliver(read.body, req.headers, startedAt);
    send(res, answer.status, answer.body, answer.close);
  };

  return (req, res, next) => {
    handle(req, res).catch((error: unknown) => {
      // A bug, not a bad request: let Express report it, else answer 500 ourselves.
      if (next && !res.headersSent) next(error);
      else {
        log.error('unexpected failure:', error);
        send(res, 500, { error: 'internal_error', message: 'The webhook could not be processed.' });
      }
    });
  };
}
