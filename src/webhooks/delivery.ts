/**
 * One delivery, whatever the runtime: verify → parse → run the user's handler → the status to
 * answer. The Node and Fetch handlers are thin adapters around it (they read the body and write the
 * answer), so both keep exactly the same semantics:
 *
 * - the handler resolved → 200; it threw → 500, so Knot delivers the event again (twice at most);
 * - still running after `ackTimeoutMs` → 200 anyway (Knot gives up after 10 s and would redeliver
 *   an event that is being processed); it runs on and a later failure goes to `onError`;
 * - bad signature → 401, bad payload → 400, before any user code runs.
 */

import { KnotConfigError, KnotWebhookError } from '../core/errors.js';
import { escapeForLog } from '../core/log-escape.js';
import type { KnotWebhookEvent, KnotWebhookEventName, UnknownWebhookEvent, WebhookEventOf } from '../schemas/webhook.js';
import type { WebhookHeaders } from './headers.js';
import type { SafeLog } from './log.js';
import { isKnownWebhookEvent, webhookEventName } from './parse.js';

/**
 * One function per event name; each receives the event narrowed to its own type. The answer to Knot
 * waits for it: resolve (or return) → 200, throw or reject → 500 and Knot delivers the event again.
 * Known events without a handler are acknowledged and ignored.
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
 * How one delivery ended, for metrics (see {@link WebhookDeliveryOptions.onDelivery}):
 * `'handled'` (200, the handler finished), `'failed'` (500, the handler threw; Knot redelivers),
 * `'running'` (200 after `ackTimeoutMs`, the handler still runs), `'refused'` (a 4xx before any
 * handler ran: bad signature, bad payload, wrong method, body too large...).
 *
 * @example
 * ```ts
 * const outcome: WebhookDeliveryOutcome = 'handled';
 * ```
 */
export type WebhookDeliveryOutcome = 'handled' | 'failed' | 'running' | 'refused';

/**
 * What `onDelivery` receives once the answer to a delivery is decided.
 *
 * @example
 * ```ts
 * const onDelivery = ({ event, status, ms, outcome }: WebhookDeliveryReport) =>
 *   console.info(`knot webhook ${event ? webhookEventName(event) : '-'}: ${status} ${outcome} in ${Math.round(ms)} ms`);
 * ```
 */
export interface WebhookDeliveryReport {
  /** The verified event; `null` when the request was refused before there was one. */
  event: KnotWebhookEvent | null;
  /** The HTTP status answered. */
  status: number;
  /** Milliseconds from the start of the request to the answer. */
  ms: number;
  /** Why that status: see {@link WebhookDeliveryOutcome}. */
  outcome: WebhookDeliveryOutcome;
}

/**
 * What both webhook handlers (`knot.webhooks.handler` for Node, `fetchHandler` for Fetch runtimes)
 * do with a delivery: which function runs for each event, when to answer, and what to report.
 *
 * @example
 * ```ts
 * const options: WebhookDeliveryOptions = {
 *   on: { ACCOUNT_LOGIN_REQUIRED: (event) => markDisconnected(event.external_user_id, event.merchant.id) },
 *   onUnknown: (event) => console.info('new Knot event', event.unknown_event),
 *   onError: (error, event) => reportError(error, webhookEventName(event)),
 *   onDelivery: ({ status, ms }) => console.info(`knot webhook answered ${status} in ${Math.round(ms)} ms`),
 * };
 * ```
 */
export interface WebhookDeliveryOptions {
  /** Handlers by event name. Known events without a handler are acknowledged and ignored. */
  on?: WebhookEventHandlers;
  /** Events this SDK version does not know (Knot adds types without notice); awaited like `on`. Default: ignored (200). */
  onUnknown?: (event: UnknownWebhookEvent) => unknown;
  /**
   * Every failure of a handler: one that threw (answered 500, Knot delivers the event again) and one
   * that failed after the `ackTimeoutMs` answer. Default: `logger.error`.
   */
  onError?: (error: unknown, event: KnotWebhookEvent) => unknown;
  /**
   * Answer 200 once a handler has run this long, and let it run on (Knot waits 10 s, then counts the
   * delivery as failed and sends it again). Default 8000 ms.
   */
  ackTimeoutMs?: number;
  /** Called once per request when its answer is decided: for metrics. Errors it throws are logged. */
  onDelivery?: (delivery: WebhookDeliveryReport) => void;
  /** Larger bodies get 413 and are not read further. Default 1 MiB (Knot's payloads are < 10 KiB). */
  maxBodyBytes?: number;
}

/** What an adapter writes: a status and a JSON body. */
export interface DeliveryAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Close the connection after answering (the body was not read to its end). */
  close?: boolean;
}

/** Keeps a serverless function alive for work that outlives the response (Workers' `ctx.waitUntil`). */
export type WaitUntil = (promise: Promise<unknown>) => void;

export type Unwrap = (body: Uint8Array, headers: WebhookHeaders) => KnotWebhookEvent | Promise<KnotWebhookEvent>;

export const DEFAULT_ACK_TIMEOUT_MS = 8_000;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface Delivery {
  readonly maxBodyBytes: number;
  /** verify → parse → handler; resolves with the answer (which may come before the handler ends). */
  deliver(body: Uint8Array, headers: WebhookHeaders, startedAt: number, waitUntil?: WaitUntil): Promise<DeliveryAnswer>;
  /** The answer to a request refused before it was verified (method, size, time, consumed body). */
  refuse(status: number, code: string, message: string, startedAt: number, close?: boolean): DeliveryAnswer;
}

export function positiveOption(value: number | undefined, fallback: number, name: string, where: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new KnotConfigError(`${where}: \`${name}\` must be a positive number, got ${String(value)}.`);
  }
  return value;
}

export function now(): number {
  return performance.now();
}

type Settled = { kind: 'handled' } | { kind: 'failed'; error: unknown } | { kind: 'running' };

const STATUS: Record<Settled['kind'], number> = { handled: 200, failed: 500, running: 200 };

export function createDelivery(unwrap: Unwrap, log: SafeLog, options: WebhookDeliveryOptions, where: string): Delivery {
  const ackTimeoutMs = positiveOption(options.ackTimeoutMs, DEFAULT_ACK_TIMEOUT_MS, 'ackTimeoutMs', where);
  const maxBodyBytes = positiveOption(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes', where);
  const handlers = options.on ?? {};

  const finish = (answer: DeliveryAnswer, event: KnotWebhookEvent | null, outcome: WebhookDeliveryOutcome, startedAt: number) => {
    if (options.onDelivery) {
      try {
        options.onDelivery({ event, status: answer.status, ms: now() - startedAt, outcome });
      } catch (error) {
        log.error('onDelivery threw:', error);
      }
    }
    return answer;
  };

  const refuse = (status: number, code: string, message: string, startedAt: number, close = false, issues?: unknown[]) => {
    log.refused(status, code, message);
    const body = issues && issues.length > 0 ? { error: code, message, issues } : { error: code, message };
    return finish({ status, body, close }, null, 'refused', startedAt);
  };

  const report = async (error: unknown, event: KnotWebhookEvent) => {
    try {
      if (options.onError) await options.onError(error, event);
      else log.error(`handler for ${escapeForLog(webhookEventName(event))} failed:`, error);
    } catch (onErrorFailure) {
      log.error('onError threw:', onErrorFailure, 'while reporting:', error);
    }
  };

  const run = async (event: KnotWebhookEvent) => {
    if (isKnownWebhookEvent(event)) {
      const fn = handlers[event.event] as ((e: KnotWebhookEvent) => unknown) | undefined;
      if (typeof fn === 'function') await fn(event);
    } else if (options.onUnknown) {
      await options.onUnknown(event);
    }
  };

  const deliver = async (body: Uint8Array, headers: WebhookHeaders, startedAt: number, waitUntil?: WaitUntil) => {
    let event: KnotWebhookEvent;
    try {
      event = await unwrap(body, headers);
    } catch (error) {
      if (!(error instanceof KnotWebhookError)) throw error;
      const status = error.reason === 'missing_signature' || error.reason === 'invalid_signature' ? 401 : 400;
      return refuse(status, error.reason, error.message, startedAt, false, error.issues);
    }

    let timer: ReturnType<typeof setTimeout> | undefined;
    const done: Promise<Settled> = run(event).then(
      () => ({ kind: 'handled' }),
      (error: unknown) => ({ kind: 'failed', error }),
    );
    // Never rejects: the report catches everything, so nothing here becomes an unhandled rejection.
    const background = done.then((settled) => {
      clearTimeout(timer);
      return settled.kind === 'failed' ? report(settled.error, event) : undefined;
    });
    waitUntil?.(background);
    const acknowledged = new Promise<Settled>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'running' }), ackTimeoutMs);
    });
    const settled = await Promise.race([done, acknowledged]);
    const answer: DeliveryAnswer =
      settled.kind === 'failed'
        ? { status: 500, body: { error: 'handler_failed', message: 'The handler for this event failed; Knot will deliver it again.' } }
        : { status: STATUS[settled.kind], body: { received: true } };
    return finish(answer, event, settled.kind, startedAt);
  };

  return { maxBodyBytes, deliver, refuse: (status, code, message, startedAt, close) => refuse(status, code, message, startedAt, close) };
}
