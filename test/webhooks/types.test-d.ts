import { assertType, describe, expectTypeOf, it } from 'vitest';
import {
  type AccountLoginRequiredEvent,
  type AuthenticatedEvent,
  isKnownWebhookEvent,
  type KnotWebhookEvent,
  type KnotWebhookEventName,
  type KnownWebhookEvent,
  type MerchantStatusUpdateEvent,
  type NewTransactionsAvailableEvent,
  type OtpRequiredEvent,
  parseWebhook,
  type UnknownWebhookEvent,
  type UpdatedTransactionsAvailableEvent,
  type WebhookEventOf,
  Webhooks,
} from '../../src/webhooks/index.js';

declare const event: KnotWebhookEvent;

describe('KnotWebhookEvent narrowing', () => {
  it('switch (e.event) narrows every known member; the unknown member does not break it', () => {
    switch (event.event) {
      case 'AUTHENTICATED':
        expectTypeOf(event).toEqualTypeOf<AuthenticatedEvent>();
        expectTypeOf(event.session_id).toEqualTypeOf<string>();
        expectTypeOf(event.data.card_id).toEqualTypeOf<string | null | undefined>();
        expectTypeOf(event.data.metadata).toEqualTypeOf<Record<string, unknown> | undefined>();
        break;
      case 'NEW_TRANSACTIONS_AVAILABLE':
        expectTypeOf(event).toEqualTypeOf<NewTransactionsAvailableEvent>();
        expectTypeOf(event.merchant.id).toEqualTypeOf<number>();
        // @ts-expect-error `updated` exists only on UPDATED_TRANSACTIONS_AVAILABLE
        event.updated;
        break;
      case 'UPDATED_TRANSACTIONS_AVAILABLE':
        expectTypeOf(event).toEqualTypeOf<UpdatedTransactionsAvailableEvent>();
        expectTypeOf(event.updated).toEqualTypeOf<{ id: string }[]>();
        break;
      case 'ACCOUNT_LOGIN_REQUIRED':
        expectTypeOf(event).toEqualTypeOf<AccountLoginRequiredEvent>();
        expectTypeOf(event.external_user_id).toEqualTypeOf<string>();
        break;
      case 'MERCHANT_STATUS_UPDATE':
        expectTypeOf(event).toEqualTypeOf<MerchantStatusUpdateEvent>();
        expectTypeOf(event.data.sdk).toEqualTypeOf<string | null | undefined>();
        // @ts-expect-error MERCHANT_STATUS_UPDATE has no external_user_id
        event.external_user_id;
        break;
      case 'OTP_REQUIRED':
        expectTypeOf(event).toEqualTypeOf<OtpRequiredEvent>();
        break;
      case 'CREDENTIALS_FAILED':
      case 'OTP_FAILED':
      case 'QUESTIONS_REQUIRED':
      case 'QUESTIONS_FAILED':
      case 'LOGIN_APPROVAL':
      case 'LICENSE_REQUIRED':
      case 'LICENSE_FAILED':
        expectTypeOf(event.data.card_id).toEqualTypeOf<string | null | undefined>();
        expectTypeOf(event.session_id).toEqualTypeOf<string>();
        break;
    }
  });

  it('`updated` is reachable only under UPDATED_TRANSACTIONS_AVAILABLE', () => {
    // @ts-expect-error not on the whole union
    event.updated;
    if (event.event === 'UPDATED_TRANSACTIONS_AVAILABLE') expectTypeOf(event.updated[0]!.id).toBeString();
  });

  it('timestamp is a number on known events', () => {
    if (isKnownWebhookEvent(event)) expectTypeOf(event.timestamp).toEqualTypeOf<number>();
  });

  it('isKnownWebhookEvent splits known from unknown', () => {
    if (isKnownWebhookEvent(event)) {
      expectTypeOf(event).toEqualTypeOf<KnownWebhookEvent>();
      expectTypeOf(event.event).toEqualTypeOf<KnotWebhookEventName>();
    } else {
      expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent>();
      expectTypeOf(event.unknown_event).toEqualTypeOf<string>();
    }
  });

  it('an exhaustive switch over known events compiles after the guard', () => {
    const name = (e: KnotWebhookEvent): string => {
      if (!isKnownWebhookEvent(e)) return e.unknown_event;
      switch (e.event) {
        case 'AUTHENTICATED':
        case 'NEW_TRANSACTIONS_AVAILABLE':
        case 'UPDATED_TRANSACTIONS_AVAILABLE':
        case 'ACCOUNT_LOGIN_REQUIRED':
        case 'MERCHANT_STATUS_UPDATE':
          return e.event;
        default:
          return e.event; // the rest of the catalogue, still typed by name
      }
    };
    assertType<(e: KnotWebhookEvent) => string>(name);
  });

  it('exported types carry no index signature: a misspelt field is an error', () => {
    if (event.event === 'NEW_TRANSACTIONS_AVAILABLE') {
      // @ts-expect-error misspelt
      event.external_userid;
      // @ts-expect-error misspelt, nested
      event.merchant.nmae;
    }
  });

  it('parseWebhook returns the union; WebhookEventOf picks one member (never the unknown one)', () => {
    expectTypeOf(parseWebhook).returns.toEqualTypeOf<KnotWebhookEvent>();
    expectTypeOf<WebhookEventOf<'AUTHENTICATED'>>().toEqualTypeOf<AuthenticatedEvent>();
  });
});

describe('Webhooks.handler typing', () => {
  const webhooks = new Webhooks({ secret: 's' });

  it('each `on` handler receives its narrowed event', () => {
    webhooks.handler({
      on: {
        UPDATED_TRANSACTIONS_AVAILABLE: (e) => {
          expectTypeOf(e).toEqualTypeOf<UpdatedTransactionsAvailableEvent>();
          expectTypeOf(e.updated).toEqualTypeOf<{ id: string }[]>();
        },
        NEW_TRANSACTIONS_AVAILABLE: async (e) => {
          expectTypeOf(e).toEqualTypeOf<NewTransactionsAvailableEvent>();
        },
        AUTHENTICATED: (e) => expectTypeOf(e.event).toEqualTypeOf<'AUTHENTICATED'>(),
      },
      onUnknown: (e) => expectTypeOf(e).toEqualTypeOf<UnknownWebhookEvent>(),
      onError: (error, e) => {
        expectTypeOf(error).toBeUnknown();
        expectTypeOf(e).toEqualTypeOf<KnotWebhookEvent>();
      },
    });
  });

  it('rejects unknown names in `on` and a handler typed for another event', () => {
    webhooks.handler({
      on: {
        // @ts-expect-error not an event name
        NEW_TRANSACTION_AVAILABLE: () => {},
      },
    });
    webhooks.handler({
      on: {
        // @ts-expect-error ACCOUNT_LOGIN_REQUIRED handler given an UPDATED_TRANSACTIONS_AVAILABLE parameter
        ACCOUNT_LOGIN_REQUIRED: (e: UpdatedTransactionsAvailableEvent) => e.updated,
      },
    });
  });

  it('unwrap returns the union', () => {
    expectTypeOf(webhooks.unwrap).returns.toEqualTypeOf<KnotWebhookEvent>();
  });
});
