import { assertType, describe, expectTypeOf, it } from 'vitest';
import type { Cart, MerchantRef } from '../../src/index.js';
import {
  type AccountLoginRequiredEvent,
  type AccountsRetrievedEvent,
  type CancellationFailedEvent,
  type CancellationSucceededEvent,
  type CardFailedEvent,
  type CardFailedReason,
  type CardUpdatedEvent,
  type CardUpdatingEvent,
  type CheckoutFailedEvent,
  type CheckoutSucceededEvent,
  type AuthenticatedEvent,
  isKnownWebhookEvent,
  type KnotWebhookEvent,
  type KnotWebhookEventName,
  type KnownWebhookEvent,
  type MerchantStatusUpdateEvent,
  type NewDetectedAccountsAvailableEvent,
  type NewSubscriptionsAvailableEvent,
  type NewTransactionsAvailableEvent,
  type OtpRequiredEvent,
  parseWebhook,
  type SyncCartFailedEvent,
  type SyncCartSucceededEvent,
  type UnknownWebhookEvent,
  type UpdatedSubscriptionsAvailableEvent,
  type UpdatedTransactionsAvailableEvent,
  type VaultingFailedEvent,
  type VaultingSucceededEvent,
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

  it('narrows every event of the other products (knot-api.md §11.8)', () => {
    switch (event.event) {
      case 'ACCOUNTS_RETRIEVED':
        expectTypeOf(event).toEqualTypeOf<AccountsRetrievedEvent>();
        // @ts-expect-error ACCOUNTS_RETRIEVED has no data
        event.data;
        break;
      case 'CARD_UPDATING':
        expectTypeOf(event).toEqualTypeOf<CardUpdatingEvent>();
        expectTypeOf(event.data.card_id).toEqualTypeOf<string | null | undefined>();
        break;
      case 'CARD_UPDATED':
        expectTypeOf(event).toEqualTypeOf<CardUpdatedEvent>();
        expectTypeOf(event.data.subscriptions).toEqualTypeOf<{ id: string }[] | undefined>();
        expectTypeOf(event.data.metadata).toEqualTypeOf<Record<string, unknown> | undefined>();
        break;
      case 'CARD_FAILED':
        expectTypeOf(event).toEqualTypeOf<CardFailedEvent>();
        expectTypeOf(event.data.reason).toEqualTypeOf<CardFailedReason | undefined>();
        break;
      case 'NEW_SUBSCRIPTIONS_AVAILABLE':
        expectTypeOf(event).toEqualTypeOf<NewSubscriptionsAvailableEvent>();
        expectTypeOf(event.data.subscriptions).toEqualTypeOf<{ id: string }[] | undefined>();
        // @ts-expect-error subscription-data events carry no session
        event.session_id;
        break;
      case 'UPDATED_SUBSCRIPTIONS_AVAILABLE':
        expectTypeOf(event).toEqualTypeOf<UpdatedSubscriptionsAvailableEvent>();
        expectTypeOf(event.merchant.id).toEqualTypeOf<number>();
        break;
      case 'CANCELLATION_SUCCEEDED':
        expectTypeOf(event).toEqualTypeOf<CancellationSucceededEvent>();
        expectTypeOf(event.session_id).toEqualTypeOf<string>();
        expectTypeOf(event.data.subscription_id).toEqualTypeOf<string | undefined>();
        break;
      case 'CANCELLATION_FAILED':
        expectTypeOf(event).toEqualTypeOf<CancellationFailedEvent>();
        // payload undocumented: everything but the name and timestamp may be missing
        expectTypeOf(event.data).toEqualTypeOf<CancellationFailedEvent['data']>();
        expectTypeOf(event.external_user_id).toEqualTypeOf<string | undefined>();
        expectTypeOf(event.data?.reason).toEqualTypeOf<string | undefined>();
        break;
      case 'NEW_DETECTED_ACCOUNTS_AVAILABLE':
        expectTypeOf(event).toEqualTypeOf<NewDetectedAccountsAvailableEvent>();
        expectTypeOf(event.has_supported_merchants).toEqualTypeOf<boolean | undefined>();
        expectTypeOf(event.data?.detected_accounts).toEqualTypeOf<MerchantRef[] | undefined>();
        // @ts-expect-error Detect events carry no merchant
        event.merchant;
        break;
      case 'SYNC_CART_SUCCEEDED':
        expectTypeOf(event).toEqualTypeOf<SyncCartSucceededEvent>();
        expectTypeOf(event.data.cart).toEqualTypeOf<Cart | undefined>();
        expectTypeOf(event.timestamp).toEqualTypeOf<number>();
        break;
      case 'SYNC_CART_FAILED':
        expectTypeOf(event).toEqualTypeOf<SyncCartFailedEvent>();
        // `data` may be missing (the Shopping overview shows none): reading `reason` needs `?.`
        expectTypeOf(event.data?.reason).toEqualTypeOf<string | undefined>();
        // @ts-expect-error data is optional
        event.data.reason;
        break;
      case 'CHECKOUT_SUCCEEDED':
        expectTypeOf(event).toEqualTypeOf<CheckoutSucceededEvent>();
        expectTypeOf(event.data?.transactions).toEqualTypeOf<{ id: string }[] | undefined>();
        break;
      case 'CHECKOUT_FAILED':
        expectTypeOf(event).toEqualTypeOf<CheckoutFailedEvent>();
        // @ts-expect-error data is optional
        event.data.reason;
        break;
      case 'VAULTING_SUCCEEDED':
        expectTypeOf(event).toEqualTypeOf<VaultingSucceededEvent>();
        break;
      case 'VAULTING_FAILED':
        expectTypeOf(event).toEqualTypeOf<VaultingFailedEvent>();
        expectTypeOf(event.session_id).toEqualTypeOf<string | undefined>();
        break;
    }
  });

  it('every known name narrows to exactly one member', () => {
    type Narrowed<N extends KnotWebhookEventName> = Extract<KnownWebhookEvent, { event: N }>;
    type OneEach = { [N in KnotWebhookEventName]: [Narrowed<N>] extends [never] ? N : Narrowed<N>['event'] extends N ? true : N };
    expectTypeOf<OneEach[KnotWebhookEventName]>().toEqualTypeOf<true>();
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
        CARD_FAILED: (e) => expectTypeOf(e).toEqualTypeOf<CardFailedEvent>(),
        NEW_SUBSCRIPTIONS_AVAILABLE: (e) => expectTypeOf(e).toEqualTypeOf<NewSubscriptionsAvailableEvent>(),
        UPDATED_SUBSCRIPTIONS_AVAILABLE: (e) => expectTypeOf(e).toEqualTypeOf<UpdatedSubscriptionsAvailableEvent>(),
        CANCELLATION_SUCCEEDED: (e) => expectTypeOf(e).toEqualTypeOf<CancellationSucceededEvent>(),
        CANCELLATION_FAILED: (e) => expectTypeOf(e).toEqualTypeOf<CancellationFailedEvent>(),
        NEW_DETECTED_ACCOUNTS_AVAILABLE: (e) => expectTypeOf(e).toEqualTypeOf<NewDetectedAccountsAvailableEvent>(),
        SYNC_CART_SUCCEEDED: (e) => expectTypeOf(e).toEqualTypeOf<SyncCartSucceededEvent>(),
        SYNC_CART_FAILED: (e) => expectTypeOf(e).toEqualTypeOf<SyncCartFailedEvent>(),
        CHECKOUT_SUCCEEDED: (e) => expectTypeOf(e).toEqualTypeOf<CheckoutSucceededEvent>(),
        CHECKOUT_FAILED: (e) => expectTypeOf(e).toEqualTypeOf<CheckoutFailedEvent>(),
        VAULTING_SUCCEEDED: (e) => expectTypeOf(e).toEqualTypeOf<VaultingSucceededEvent>(),
        VAULTING_FAILED: (e) => expectTypeOf(e).toEqualTypeOf<VaultingFailedEvent>(),
        ACCOUNTS_RETRIEVED: (e) => expectTypeOf(e).toEqualTypeOf<AccountsRetrievedEvent>(),
        CARD_UPDATING: (e) => expectTypeOf(e).toEqualTypeOf<CardUpdatingEvent>(),
        CARD_UPDATED: (e) => expectTypeOf(e).toEqualTypeOf<CardUpdatedEvent>(),
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
