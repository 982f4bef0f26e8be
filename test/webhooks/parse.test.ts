import { describe, expect, it } from 'vitest';
import { KnotWebhookError } from '../../src/core/errors.js';
import { isKnownWebhookEvent, parseWebhook, WEBHOOK_EVENT_NAMES, webhookEventName } from '../../src/webhooks/index.js';
import { thrownBy } from '../helpers/thrown.js';
import {
  accountLoginRequired,
  authenticated,
  LOGIN_STEP_EVENTS,
  loginStep,
  merchantStatusUpdate,
  newTransactions,
  updatedTransactions,
} from './fixtures.js';

describe('parseWebhook: body forms', () => {
  const text = JSON.stringify(updatedTransactions);
  it.each([
    ['a string', text],
    ['a Buffer', Buffer.from(text)],
    ['a Uint8Array', new TextEncoder().encode(text)],
    ['an ArrayBuffer', new TextEncoder().encode(text).buffer],
    ['a parsed object', JSON.parse(text)],
  ])('reads %s', (_name, body) => {
    const event = parseWebhook(body);
    expect(event).toEqual(updatedTransactions);
  });

  it('does not modify a parsed object it is given', () => {
    const body = { ...updatedTransactions, timestamp: '1710864923198' };
    const snapshot = structuredClone(body);
    parseWebhook(body);
    expect(body).toEqual(snapshot);
  });
});

describe('parseWebhook: known events', () => {
  it.each<[string, object]>([
    ['AUTHENTICATED', authenticated],
    ['NEW_TRANSACTIONS_AVAILABLE', newTransactions],
    ['UPDATED_TRANSACTIONS_AVAILABLE', updatedTransactions],
    ['ACCOUNT_LOGIN_REQUIRED', accountLoginRequired],
    ['MERCHANT_STATUS_UPDATE', merchantStatusUpdate],
    ...LOGIN_STEP_EVENTS.map((name): [string, object] => [name, loginStep(name)]),
  ])('parses the documented %s payload unchanged', (name, payload) => {
    const event = parseWebhook(JSON.stringify(payload));
    expect(webhookEventName(event)).toBe(name);
    expect(isKnownWebhookEvent(event)).toBe(true);
    expect(event).toEqual(payload);
  });

  it('parses the other catalogue events', () => {
    const session = { session_id: 's-1', task_id: 1, external_user_id: 'u', merchant: { id: 1, name: 'M' }, timestamp: 1 };
    const shop = { external_user_id: 'u', merchant: { id: 1, name: 'M' }, timestamp: '1' };
    const samples = [
      { event: 'ACCOUNTS_RETRIEVED', ...session },
      { event: 'CARD_UPDATING', ...session, data: { card_id: 'c' } },
      { event: 'CARD_UPDATED', ...session, data: { card_id: 'c', subscriptions: [{ id: 'sub' }] } },
      { event: 'CARD_FAILED', ...session, data: { card_id: 'c', reason: 'card expired' } },
      { event: 'SYNC_CART_SUCCEEDED', ...shop, data: { cart: { products: [] } } },
      { event: 'SYNC_CART_FAILED', ...shop, data: { reason: 'product out of stock' } },
      { event: 'CHECKOUT_SUCCEEDED', ...shop, data: { transactions: [{ id: 't' }] } },
      { event: 'CHECKOUT_FAILED', ...shop, data: { reason: 'card declined' } },
      { event: 'VAULTING_SUCCEEDED', ...session, data: { metadata: {} } },
    ];
    for (const sample of samples) {
      const event = parseWebhook(sample);
      expect(isKnownWebhookEvent(event), sample.event).toBe(true);
      expect(event.event).toBe(sample.event);
    }
    // Every documented example of the rest of the catalogue is a fixture: knot-api-examples.test.ts.
    expect(WEBHOOK_EVENT_NAMES).toHaveLength(28);
  });

  it.each(['VAULTING_FAILED', 'CANCELLATION_FAILED'])(
    '%s (payload undocumented) needs only event and timestamp, and types the usual fields when present',
    (name) => {
      expect(parseWebhook({ event: name, timestamp: 1710864923198 })).toEqual({ event: name, timestamp: 1710864923198 });
      const full = {
        event: name,
        session_id: 's-1',
        external_user_id: 'u',
        merchant: { id: 19, name: 'DoorDash' },
        data: { reason: 'merchant declined', subscription_id: 'sub-1', metadata: {} },
        timestamp: '1710864923198',
      };
      expect(parseWebhook(full)).toEqual({ ...full, timestamp: 1710864923198 });
      // What is there must still have its documented type.
      const error = thrownBy(KnotWebhookError, () => parseWebhook({ ...full, merchant: { name: 'no id' } }));
      expect(error.issues.map((i) => i.path)).toEqual(['merchant.id']);
    },
  );

  it('subscription, cancellation and detect events with the wrong shape are invalid_payload by path', () => {
    const account = { external_user_id: 'u', merchant: { id: 36, name: 'Netflix' }, timestamp: 1 };
    const cases: [object, string][] = [
      [{ event: 'NEW_SUBSCRIPTIONS_AVAILABLE', ...account, data: { subscriptions: [{ id: 7 }] } }, 'data.subscriptions.0.id'],
      [{ event: 'UPDATED_SUBSCRIPTIONS_AVAILABLE', ...account }, 'data'],
      [{ event: 'CANCELLATION_SUCCEEDED', ...account, data: {} }, 'session_id'],
      [{ event: 'NEW_DETECTED_ACCOUNTS_AVAILABLE', external_user_id: 'u', has_supported_merchants: 'yes', timestamp: 1 }, 'has_supported_merchants'],
    ];
    for (const [body, path] of cases) {
      expect(thrownBy(KnotWebhookError, () => parseWebhook(body)).issues.map((i) => i.path)).toEqual([path]);
    }
  });

  it('keeps unknown fields at every depth', () => {
    const body = {
      ...authenticated,
      new_top_level: { a: 1 },
      merchant: { ...authenticated.merchant, brand_color: '#000' },
      data: { ...authenticated.data, added_later: [1, 2] },
    };
    const event = parseWebhook(JSON.stringify(body));
    expect(event).toEqual(body);
    expect((event as unknown as Record<string, unknown>).new_top_level).toEqual({ a: 1 });
  });

  it('accepts timestamp as a number or a numeric string, and hands over a number', () => {
    expect(parseWebhook({ ...newTransactions, timestamp: '1710864923198' })).toMatchObject({ timestamp: 1710864923198 });
    expect(parseWebhook({ ...newTransactions, timestamp: 1710864923198 })).toMatchObject({ timestamp: 1710864923198 });
  });

  it('keeps nulls as sent (card_id null, sdk null)', () => {
    const event = parseWebhook({ ...merchantStatusUpdate, data: { ...merchantStatusUpdate.data, sdk: null, type: 'transaction_link' } });
    expect(event).toMatchObject({ data: { sdk: null, type: 'transaction_link' } });
    expect(parseWebhook({ ...authenticated, data: { card_id: null } })).toMatchObject({ data: { card_id: null } });
  });

  it('accepts open enum values it does not know (MERCHANT_STATUS_UPDATE status, platform)', () => {
    const body = { ...merchantStatusUpdate, data: { type: 'vault', status: 'DEGRADED', platform: 'tv', sdk: null } };
    expect(parseWebhook(body)).toEqual(body);
  });
});

describe('parseWebhook: errors', () => {
  it.each([
    ['not JSON', 'not json'],
    ['truncated JSON', '{"event":"AUTHENTICATED"'],
    ['an empty body', ''],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
  ])("%s is reason 'invalid_json'", (_name, body) => {
    const error = thrownBy(KnotWebhookError, () => parseWebhook(body));
    expect(error.reason).toBe('invalid_json');
    expect(error.message).toMatch(/not valid (JSON|UTF-8)/);
  });

  it('says an empty body may have been read by another body parser', () => {
    expect(thrownBy(KnotWebhookError, () => parseWebhook('')).message).toMatch(/already read/);
  });

  it.each([
    ['null', 'null'],
    ['an array', '[{"event":"AUTHENTICATED"}]'],
    ['a number', '42'],
    ['a string', '"AUTHENTICATED"'],
  ])("a JSON %s is reason 'invalid_payload'", (_name, body) => {
    const error = thrownBy(KnotWebhookError, () => parseWebhook(body));
    expect(error.reason).toBe('invalid_payload');
    expect(error.message).toMatch(/must be a JSON object/);
  });

  it.each([
    ['missing', {}],
    ['not a string', { event: 7 }],
    ['empty', { event: '' }],
  ])("an event name that is %s is reason 'invalid_payload' with an issue at `event`", (_name, body) => {
    const { event: _event, ...rest } = newTransactions;
    const error = thrownBy(KnotWebhookError, () => parseWebhook({ ...rest, ...body }));
    expect(error.reason).toBe('invalid_payload');
    expect(error.issues.map((i) => i.path)).toEqual(['event']);
  });

  it('a known event with the wrong shape is invalid_payload with issues by path', () => {
    const body = { ...updatedTransactions, updated: [{ id: 5 }], merchant: { name: 'no id' } };
    const error = thrownBy(KnotWebhookError, () => parseWebhook(body));
    expect(error.reason).toBe('invalid_payload');
    expect(error.message).toContain('UPDATED_TRANSACTIONS_AVAILABLE');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['merchant.id', 'updated.0.id']);
  });

  it('a timestamp that is not a number or a string of digits is invalid_payload', () => {
    for (const timestamp of ['yesterday', '', '12.5', null]) {
      const error = thrownBy(KnotWebhookError, () => parseWebhook({ ...newTransactions, timestamp }));
      expect(error.issues[0]?.path).toBe('timestamp');
    }
  });

  it('a missing external_user_id on a TransactionLink event is invalid_payload', () => {
    const { external_user_id: _omit, ...body } = newTransactions;
    expect(thrownBy(KnotWebhookError, () => parseWebhook(body)).issues[0]?.path).toBe('external_user_id');
  });
});

describe('parseWebhook: unknown events', () => {
  it('returns an unknown event as sent, never throws, and gives its name', () => {
    const body = { event: 'SUBSCRIPTION_CANCELLED', external_user_id: 42, whatever: { nested: [1] } };
    const event = parseWebhook(JSON.stringify(body));
    expect(isKnownWebhookEvent(event)).toBe(false);
    expect(webhookEventName(event)).toBe('SUBSCRIPTION_CANCELLED');
    if (isKnownWebhookEvent(event)) throw new Error('unreachable');
    expect(event.unknown_event).toBe('SUBSCRIPTION_CANCELLED');
    // JSON is exactly what Knot sent: unknown_event is not enumerable.
    expect(JSON.parse(JSON.stringify(event))).toEqual(body);
    expect(Object.keys(event)).not.toContain('unknown_event');
  });

  it('does not treat Object.prototype names as known events', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const event = parseWebhook(`{"event":${JSON.stringify(name)}}`);
      expect(isKnownWebhookEvent(event)).toBe(false);
      expect(webhookEventName(event)).toBe(name);
    }
  });

  it('is case-sensitive: a lower-case known name is an unknown event', () => {
    const event = parseWebhook({ ...newTransactions, event: 'new_transactions_available' });
    expect(isKnownWebhookEvent(event)).toBe(false);
  });
});
