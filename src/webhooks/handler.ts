/**
 * A Node request handler for Knot webhooks (node:http and Express).
 *
 * Order of work: method → raw body (size cap, read timeout) → signature → payload → 200 → your code.
 * The 200 goes out before any user code runs because Knot waits 10 s, then retries: slow work in
 * the request would turn into duplicate deliveries. Errors in user code therefore cannot change the
 * status; they go to `onError`.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { KnotConfigError, KnotWebhookError } from '../core/errors.js';
import type {
  KnotWebhookEvent,
  KnotWebhookEventName,
  UnknownWebhookEvent,
  WebhookEventOf,
} from '../schemas/webhook.js';
import { isKnownWebhookEvent, type WebhookBody, webhookEventName } from './parse.js';
import type { WebhookHeaders } from './verify.js';
import type { WebhookLogger } from './webhooks.js';

/**
 * One function per event name; each receives the event narrowed to its own type. Return a promise
 * to have its rejection reported to `onError`. Known events without a handler are acknowledged and
 * ignored.
 *
 * @example
 * ```ts
 * const on: WebhookEventHandlers = {
 *   NEW_TRANSACTIONS_AVAILABLE: (event) => queue.add('sync', { user: event.external_user_id, merchant: event.merchant.id }),
 *   UPDATED_TRANSACTIONS_AVAILABLE: (event) => queue.add('refetch', event.updated.map((t) => t.id)),
 * };
 * ```
 */
export type WebhookEventHandlers = {
  [N in KnotWebhookEventName]?: (event: WebhookEventOf<N>) => unknown;
};

/**
 * Options of `knot.webhooks.handler(options)` (see {@link Webhooks.handler}): what to run for each
 * event, and the limits on reading the request body. The handlers run after the 200 was sent, so
 * their errors cannot change the response: they go to `onError`.
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
export interface WebhookHandlerOptions {
  /** Handlers by event name. Known events without a handler are acknowledged and ignored. */
  on?: WebhookEventHandlers;
  /** Events this SDK version does not know (Knot adds types without notice). Default: ignored. */
  onUnknown?: (event: UnknownWebhookEvent) => unknown;
  /** A handler threw or rejected (the response was already 200). Default: `logger.error`. */
  onError?: (error: unknown, event: KnotWebhookEvent) => unknown;
  /** Larger bodies get 413 and are not read further. Default 1 MiB (Knot's payloads are < 10 KiB). */
  maxBodyBytes?: number;
  /** A body that takes longer to arrive gets 408 and the connection is closed. Default 10 s (Knot's own timeout). */
  bodyTimeoutMs?: number;
}

/**
 * The request the handler accepts: a Node `IncomingMessage`, optionally with the `body` an Express
 * body parser set. A raw `req.body` (`Buffer` or string, e.g. from `express.raw()`) is used as is;
 * otherwise the body is read from the stream. A JSON-parsed `req.body` is refused with 400, since the
 * raw body is gone.
 *
 * @example
 * ```ts
 * import express from 'express';
 *
 * const on: WebhookEventHandlers = { NEW_TRANSACTIONS_AVAILABLE: (event) => queue.add('sync', event) };
 * app.post('/knot/webhooks', express.raw({ type: 'application/json' }), knot.webhooks.handler({ on }));
 * ```
 */
export type WebhookRequest = IncomingMessage & { body?: unknown };
/**
 * A Node request handler as returned by {@link Webhooks.handler}: mount it with node:http's
 * `createServer(handler)` or as Express middleware. It always answers (200, or a 4xx with a JSON
 * `{ error, message }`), never throws; an unexpected internal failure goes to Express's `next(error)`
 * when given, else is answered 500.
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

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

type Unwrap = (body: WebhookBody, headers: WebhookHeaders) => KnotWebhookEvent;

/** Why a request was refused before any event existed: status and a short machine-readable code. */
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
  '(Fastify: register a content-type parser with parseAs: "buffer"), so req.body is a Buffer.';

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

type ReadOutcome = { body: Buffer } | Refusal | 'gone';

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

/** The raw body: from `req.body` when a body parser kept it raw, else read from the stream. */
async function rawBody(req: WebhookRequest, maxBytes: number, timeoutMs: number): Promise<ReadOutcome> {
  const existing = req.body;
  if (Buffer.isBuffer(existing) || typeof existing === 'string') {
    const size = typeof existing === 'string' ? Buffer.byteLength(existing) : existing.length;
    if (size > maxBytes) return new Refusal(413, 'payload_too_large', `Webhook body is larger than ${maxBytes} bytes.`);
    return { body: Buffer.isBuffer(existing) ? existing : Buffer.from(existing, 'utf8') };
  }
  // body-parser sets req._body once it has read the stream; an object body with an unread stream is
  // only body-parser's `{}` placeholder (content type did not match), so the stream is still ours.
  const consumed = (req as { _body?: unknown })._body === true || req.readableEnded;
  if (consumed) {
    if (existing !== undefined && existing !== null) return new Refusal(400, 'parsed_body', PARSED_BODY_MESSAGE);
    return new Refusal(
      400,
      'body_consumed',
      'The request body stream was already read by other middleware and req.body holds no raw copy: mount this handler before it.',
    );
  }
  return readRawBody(req, maxBytes, timeoutMs);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new KnotConfigError(`webhooks.handler: \`${name}\` must be a positive number, got ${String(value)}.`);
  }
  return value;
}

export function createWebhookHandler(
  unwrap: Unwrap,
  logger: WebhookLogger,
  options: WebhookHandlerOptions,
): WebhookRequestHandler {
  const maxBytes = positive(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes');
  const timeoutMs = positive(options.bodyTimeoutMs, DEFAULT_BODY_TIMEOUT_MS, 'bodyTimeoutMs');
  const handlers = options.on ?? {};

  const safeLog = (level: 'warn' | 'error', ...args: unknown[]) => {
    try {
      logger[level]('webhook', ...args);
    } catch {
      // A broken logger must not break the response or the process.
    }
  };

  const report = async (error: unknown, event: KnotWebhookEvent) => {
    try {
      if (options.onError) await options.onError(error, event);
      else safeLog('error', `handler for ${webhookEventName(event)} failed:`, error);
    } catch (onErrorFailure) {
      safeLog('error', 'onError threw:', onErrorFailure, 'while reporting:', error);
    }
  };

  const dispatch = async (event: KnotWebhookEvent) => {
    try {
      if (isKnownWebhookEvent(event)) {
        const fn = handlers[event.event] as ((e: KnotWebhookEvent) => unknown) | undefined;
        if (typeof fn === 'function') await fn(event);
      } else if (options.onUnknown) {
        await options.onUnknown(event);
      }
    } catch (error) {
      await report(error, event);
    }
  };

  const handle = async (req: WebhookRequest, res: ServerResponse) => {
    if (req.method !== 'POST') {
      send(res, 405, { error: 'method_not_allowed', message: 'Knot webhooks are POST requests.' });
      return;
    }
    const read = await rawBody(req, maxBytes, timeoutMs);
    if (read === 'gone') return; // the client went away: nobody to answer
    if (read instanceof Refusal) {
      safeLog('warn', `refused (${read.status} ${read.code}): ${read.message}`);
      send(res, read.status, { error: read.code, message: read.message }, read.close);
      return;
    }

    let event: KnotWebhookEvent;
    try {
      event = unwrap(read.body, req.headers);
    } catch (error) {
      if (!(error instanceof KnotWebhookError)) throw error;
      const status = error.reason === 'missing_signature' || error.reason === 'invalid_signature' ? 401 : 400;
      safeLog('warn', `refused (${status} ${error.reason}): ${error.message}`);
      send(res, status, { error: error.reason, message: error.message, issues: error.issues });
      return;
    }

    send(res, 200, { received: true });
    // setImmediate: the answer is handed to the socket before any user code starts.
    setImmediate(() => void dispatch(event));
  };

  return (req, res, next) => {
    handle(req, res).catch((error: unknown) => {
      // A bug, not a bad request: let Express report it, else answer 500 ourselves.
      if (next && !res.headersSent) next(error);
      else {
        safeLog('error', 'unexpected failure:', error);
        send(res, 500, { error: 'internal_error', message: 'The webhook could not be processed.' });
      }
    });
  };
}
