/**
 * The Fetch adapter of the delivery core (delivery.ts): `(request: Request) => Promise<Response>`
 * for Next.js route handlers, Hono, Bun, Deno and Workers. Uses only Fetch and Web Crypto globals.
 */

import { createDelivery, type DeliveryAnswer, now, type Unwrap, type WaitUntil, type WebhookDeliveryOptions } from './delivery.js';
import { type SafeLog, safeLog, type WebhookLogger } from './log.js';
import { assertSecret } from './signed-request.js';
import { decodeSignedBody, eventAfterCheck } from './unwrap.js';
import { checkWebhookSignatureAsync } from './verify-async.js';

/**
 * The optional second argument of a {@link WebhookFetchHandler}: anything with a `waitUntil`
 * (Cloudflare Workers' `ctx`, Vercel's `waitUntil` from `@vercel/functions`). When given, a handler
 * still running after `ackTimeoutMs` is passed to it, so the runtime keeps it alive after the
 * response. Other arguments frameworks pass (Next.js' `{ params }`) are ignored.
 *
 * @example
 * ```ts
 * const handler = fetchHandler({ secret: process.env.KNOT_SECRET!, on: {} });
 * export default {
 *   fetch: (request: Request, env: unknown, ctx: WebhookFetchContext) => handler(request, ctx),
 * };
 * ```
 */
export interface WebhookFetchContext {
  /** Keeps the function alive until `promise` settles. */
  waitUntil?(promise: Promise<unknown>): void;
  /** Whatever else the framework passes. */
  [key: string]: unknown;
}

/**
 * A Fetch-style webhook handler, as returned by {@link fetchHandler} and `knot.webhooks.fetchHandler`:
 * answers 200 when the handler for the event resolved, 500 when it threw (Knot delivers again), 200
 * after `ackTimeoutMs` while it still runs, 401 for a bad signature, 400 for a bad payload, 405 for
 * other methods, 413 for a body over `maxBodyBytes`; refusals carry a JSON `{ error, message }`.
 *
 * @example
 * ```ts
 * const handler: WebhookFetchHandler = fetchHandler({ secret: process.env.KNOT_SECRET!, on: {} });
 * const response = await handler(new Request('http://localhost/knot/webhooks', { method: 'GET' }));
 * response.status; // 405
 * ```
 */
export type WebhookFetchHandler = (request: Request, context?: WebhookFetchContext) => Promise<Response>;

/**
 * Options of the standalone {@link fetchHandler}: the delivery options plus the secret to verify
 * with, and where to log.
 *
 * @example
 * ```ts
 * const options: WebhookFetchHandlerOptions = {
 *   secret: process.env.KNOT_SECRET!,
 *   on: { NEW_TRANSACTIONS_AVAILABLE: (event) => queue.add('sync', event) },
 * };
 * ```
 */
export interface WebhookFetchHandlerOptions extends WebhookDeliveryOptions {
  /** The Knot API secret of the environment that sends the webhooks: Knot signs with it. */
  secret: string;
  /** Where refusals and handler failures are reported. Default `console`, lines prefixed `[knotapi-node]`. */
  logger?: WebhookLogger;
}

type BodyRead = { body: Uint8Array } | { status: number; code: string; message: string };

/** The body, up to `maxBytes`: refused on the declared length first, then while streaming. */
async function readBody(request: Request, maxBytes: number): Promise<BodyRead> {
  const tooLarge = { status: 413, code: 'payload_too_large', message: `Webhook body is larger than ${maxBytes} bytes; reading stopped.` };
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void request.body?.cancel().catch(() => {});
    return tooLarge;
  }
  if (!request.body) return { body: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => {});
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    return { status: 400, code: 'body_unreadable', message: 'The webhook body could not be read to its end.' };
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { body };
}

function toResponse(answer: DeliveryAnswer): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  if (answer.status === 405) headers.Allow = 'POST';
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
}

export function createFetchHandler(unwrap: Unwrap, log: SafeLog, options: WebhookDeliveryOptions, where: string): WebhookFetchHandler {
  const delivery = createDelivery(unwrap, log, options, where);
  return async (request, context) => {
    const startedAt = now();
    if (request.method !== 'POST') return toResponse(delivery.refuse(405, 'method_not_allowed', 'Knot webhooks are POST requests.', startedAt));
    const waitUntil: WaitUntil | undefined = typeof context?.waitUntil === 'function' ? (p) => context.waitUntil?.(p) : undefined;
    try {
      const read = await readBody(request, delivery.maxBodyBytes);
      if (!('body' in read)) return toResponse(delivery.refuse(read.status, read.code, read.message, startedAt));
      return toResponse(await delivery.deliver(read.body, request.headers, startedAt, waitUntil));
    } catch (error) {
      // A bug, not a bad request: never let it escape as an unhandled rejection in the framework.
      log.error('unexpected failure:', error);
      return toResponse({ status: 500, body: { error: 'internal_error', message: 'The webhook could not be processed.' } });
    }
  };
}

/**
 * A webhook endpoint for Fetch runtimes: `(request: Request) => Promise<Response>` for Next.js route
 * handlers, Hono, Bun, Deno and Cloudflare Workers. It reads the raw body, verifies the
 * `Knot-Signature` with Web Crypto, parses the event, runs its handler and answers when the handler
 * is done: 200 when it resolved, 500 when it threw (Knot delivers the event again, so handlers must
 * be idempotent), or 200 once `ackTimeoutMs` (default 8 s) has passed with the handler still
 * running (it runs on; pass `ctx` with `waitUntil` on serverless runtimes). 401 for a bad
 * signature, 400 for a bad payload, before any handler runs. Same semantics as
 * `knot.webhooks.handler` for Node; import it from `knotapi-node/webhooks`, which loads no Node
 * built-in.
 *
 * @throws {@link KnotConfigError} when `secret` is missing or empty, or `ackTimeoutMs` /
 *   `maxBodyBytes` is not a positive number.
 *
 * @example
 * ```ts
 * // app/api/knot/webhooks/route.ts (Next.js App Router)
 * export const POST = fetchHandler({
 *   secret: process.env.KNOT_SECRET!,
 *   on: {
 *     NEW_TRANSACTIONS_AVAILABLE: (event) => queue.add('sync', { user: event.external_user_id, merchant: event.merchant.id }),
 *   },
 * });
 * ```
 */
export function fetchHandler(options: WebhookFetchHandlerOptions): WebhookFetchHandler {
  assertSecret(options?.secret, 'fetchHandler');
  const { secret } = options;
  const unwrap: Unwrap = async (body, headers) => {
    const json = decodeSignedBody(body, headers);
    return eventAfterCheck(await checkWebhookSignatureAsync({ body, headers, secret }, json), body, json);
  };
  return createFetchHandler(unwrap, safeLog(options.logger), options, 'fetchHandler');
}
