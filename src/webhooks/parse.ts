/** Turns a webhook body (raw or already parsed) into a typed {@link KnotWebhookEvent}. */

import { KnotWebhookError, type ValidationIssue } from '../core/errors.js';
import { escapeForLog } from '../core/log-escape.js';
import { describeIssues, toIssues } from '../internal/issues.js';
import type { KnotWebhookEvent, KnownWebhookEvent, UnknownWebhookEvent } from '../schemas/webhook.js';
import { isKnownEventName, webhookEventSchema } from './event-schemas.js';

/**
 * A webhook body: the raw bytes or text as received (a `Buffer` is a `Uint8Array`), or a value a
 * body parser already produced. Signature checks are exact only on the raw form.
 *
 * @example
 * ```ts
 * const body: WebhookBody = req.body; // a Buffer with express.raw({ type: 'application/json' })
 * ```
 */
export type WebhookBody = string | Uint8Array | ArrayBuffer | object;

// fatal: bytes that are not UTF-8 are a broken body, not text with U+FFFD in it.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `true` for the events this SDK version knows, narrowing `event` to {@link KnownWebhookEvent} so
 * that `switch (event.event)` narrows each case; `false` for an {@link UnknownWebhookEvent} (a type
 * Knot added later). Test it before a `switch` whose `default` branch must handle unknown events.
 *
 * @example
 * ```ts
 * const event = knot.webhooks.unwrap(rawBody, req.headers);
 * if (!isKnownWebhookEvent(event)) {
 *   console.info('ignoring new Knot event', event.unknown_event);
 * } else {
 *   switch (event.event) {
 *     case 'NEW_TRANSACTIONS_AVAILABLE':
 *       await queue.add('sync', { user: event.external_user_id, merchant: event.merchant.id });
 *       break;
 *     case 'UPDATED_TRANSACTIONS_AVAILABLE':
 *       for (const { id } of event.updated) await queue.add('refetch', { id });
 *       break;
 *   }
 * }
 * ```
 */
export function isKnownWebhookEvent(event: KnotWebhookEvent): event is KnownWebhookEvent {
  return isKnownEventName((event as { event?: unknown }).event);
}

/**
 * The event name as Knot sent it, for known and unknown events alike. Use it for logs and metrics:
 * on an {@link UnknownWebhookEvent} `event.event` is typed `never`, while this is always a string
 * (it also works on a copy of an event, where `unknown_event` was lost).
 *
 * @example
 * ```ts
 * const event = knot.webhooks.unwrap(rawBody, req.headers);
 * console.info(`knot.webhook.${webhookEventName(event)}`); // e.g. a metric name
 * ```
 */
export function webhookEventName(event: KnotWebhookEvent): string {
  return String((event as { event?: unknown }).event);
}

/** Raw bytes or text → JSON value; anything else is taken as already parsed and returned as is. */
export function decodeWebhookBody(body: WebhookBody): unknown {
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    try {
      text = utf8.decode(body);
    } catch (cause) {
      throw new KnotWebhookError('invalid_json', 'Webhook body is not valid UTF-8 text.', [], cause);
    }
  } else {
    return body;
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    // The parser quotes the body, which anyone can send: escaped, so the message cannot forge log lines.
    const detail = cause instanceof Error ? `: ${escapeForLog(cause.message, 200)}` : '';
    const hint = text.trim() === '' ? ' The body is empty: was it already read by another body parser?' : '';
    throw new KnotWebhookError('invalid_json', `Webhook body is not valid JSON${detail}.${hint}`, [], cause);
  }
}

function invalidPayload(message: string, issues: ValidationIssue[]): KnotWebhookError {
  return new KnotWebhookError('invalid_payload', message, issues);
}

/**
 * Parses a webhook body (raw `string`, `Buffer`/`Uint8Array`/`ArrayBuffer`, or an already-parsed
 * object) into a typed {@link KnotWebhookEvent}, discriminated on `event`. Fields Knot adds later are
 * kept, and a numeric-string `timestamp` becomes a number. An event this SDK version does not know
 * is returned as an {@link UnknownWebhookEvent}, never thrown. The caller's object is never modified.
 *
 * This does not verify the signature: on requests from the network use `knot.webhooks.unwrap` (see
 * {@link Webhooks.unwrap}) or check {@link verifyWebhookSignature} first.
 *
 * @throws {@link KnotWebhookError} with `reason` `'invalid_json'` when the body is not UTF-8 JSON, or
 *   `'invalid_payload'` (details in `.issues`) when it is not an object, has no `event` name, or is a
 *   known event without the fields it must have.
 *
 * @example
 * ```ts
 * const event = parseWebhook('{"event":"ACCOUNT_LOGIN_REQUIRED","external_user_id":"user-1","merchant":{"id":19,"name":"DoorDash"},"timestamp":1710864923198}');
 * if (event.event === 'ACCOUNT_LOGIN_REQUIRED') console.log(event.merchant.name); // 'DoorDash'
 * ```
 */
export function parseWebhook(body: WebhookBody): KnotWebhookEvent {
  const value = decodeWebhookBody(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw invalidPayload(`Webhook body must be a JSON object, got ${got}.`, [
      { path: '', message: 'expected an object' },
    ]);
  }
  const record = value as Record<string, unknown>;
  const name = record.event;
  if (typeof name !== 'string' || name === '') {
    throw invalidPayload('Webhook body has no `event` name (expected a non-empty string in the `event` field).', [
      { path: 'event', message: name === undefined ? 'required' : 'expected a non-empty string' },
    ]);
  }

  if (!isKnownEventName(name)) return unknownEvent(record, name);

  const result = webhookEventSchema(name).safeParse(record);
  if (result.success) return result.data as KnownWebhookEvent;
  const issues = toIssues(result.error);
  throw invalidPayload(`Webhook ${name} does not have the expected structure: ${describeIssues(issues, 5)}.`, issues);
}

/** A shallow copy (the caller's object is never modified) plus the non-enumerable `unknown_event`. */
function unknownEvent(record: Record<string, unknown>, name: string): UnknownWebhookEvent {
  const copy = { ...record };
  Object.defineProperty(copy, 'unknown_event', { value: name, enumerable: false, writable: false, configurable: true });
  return copy as unknown as UnknownWebhookEvent;
}
