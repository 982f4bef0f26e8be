/**
 * Webhook events (knot-api.md §5.3, §5.4, §11.8): the names, and one documented interface per event.
 * The zod schemas that validate them are built on first use by ./zod/builders/webhook.ts;
 * test/types/wire-types.test-d.ts proves each interface equal to its schema's output.
 *
 * To add an event: its name in `KNOWN_EVENT_NAMES`, its interface here (fields documented), a member
 * of {@link KnownWebhookEvent}, its schema builder in `WEBHOOK_EVENT_BUILDERS`, and one line in each of
 * test/types/wire-types.test-d.ts and test/types/hover.test.ts.
 */
import type { Cart } from './cart.js';
import type { MerchantRef } from './shared.js';

const KNOWN_EVENT_NAMES = [
  'AUTHENTICATED',
  'NEW_TRANSACTIONS_AVAILABLE',
  'UPDATED_TRANSACTIONS_AVAILABLE',
  'ACCOUNT_LOGIN_REQUIRED',
  'MERCHANT_STATUS_UPDATE',
  'CREDENTIALS_FAILED',
  'OTP_REQUIRED',
  'OTP_FAILED',
  'QUESTIONS_REQUIRED',
  'QUESTIONS_FAILED',
  'LOGIN_APPROVAL',
  'LICENSE_REQUIRED',
  'LICENSE_FAILED',
  'ACCOUNTS_RETRIEVED',
  'CARD_UPDATING',
  'CARD_UPDATED',
  'CARD_FAILED',
  'SYNC_CART_SUCCEEDED',
  'SYNC_CART_FAILED',
  'CHECKOUT_SUCCEEDED',
  'CHECKOUT_FAILED',
  'VAULTING_SUCCEEDED',
  'VAULTING_FAILED',
  'NEW_SUBSCRIPTIONS_AVAILABLE',
  'UPDATED_SUBSCRIPTIONS_AVAILABLE',
  'CANCELLATION_SUCCEEDED',
  'CANCELLATION_FAILED',
  'NEW_DETECTED_ACCOUNTS_AVAILABLE',
] as const;

/**
 * Names of the events this SDK version knows. Knot may send others at any time (they arrive as
 * {@link UnknownWebhookEvent}).
 *
 * @useDeclaredType
 */
export type KnotWebhookEventName = (typeof KNOWN_EVENT_NAMES)[number];

/**
 * Every event name this SDK version knows and validates, e.g. to list the events a receiver
 * supports or to check a configuration.
 *
 * @example
 * ```ts
 * const on: WebhookEventHandlers = { NEW_TRANSACTIONS_AVAILABLE: (event) => queue.add('sync', event) };
 * const handled = Object.keys(on);
 * const ignored = WEBHOOK_EVENT_NAMES.filter((name) => !handled.includes(name));
 * ```
 */
export const WEBHOOK_EVENT_NAMES: KnotWebhookEventName[] = [...KNOWN_EVENT_NAMES];

export const MERCHANT_STATUS_PRODUCT_TYPES = ['card_switcher', 'transaction_link', 'shopping'] as const;
export const MERCHANT_STATUSES = ['UP', 'DOWN'] as const;
export const MERCHANT_STATUS_PLATFORMS = ['ios', 'android', 'web'] as const;

export const CARD_FAILED_REASONS = [
  'account',
  'card',
  'card expired',
  'card in use',
  'insufficient funds',
  'subscription',
  'subscription admin',
  'third-party payment method on subscription',
  'too close to end of billing cycle',
  'too many attempts',
  'credentials',
  'otp',
  'credentials timeout',
  'otp timeout',
  'questions timeout',
  'zip timeout',
  'session not authenticated',
  'did not receive payment method information',
  'could not handle payment method information',
  'could not retrieve payment method information',
  'other',
] as const;

// The known values get an alias of their own, inlined by TypeDoc, so the docs list them instead of
// pointing at the (unexported) constant.
/** @inline */
type KnownMerchantStatusProductType = (typeof MERCHANT_STATUS_PRODUCT_TYPES)[number];
/** @inline */
type KnownMerchantStatus = (typeof MERCHANT_STATUSES)[number];
/** @inline */
type KnownMerchantStatusPlatform = (typeof MERCHANT_STATUS_PLATFORMS)[number];
/** @inline */
type KnownCardFailedReason = (typeof CARD_FAILED_REASONS)[number];

/**
 * The product a {@link MerchantStatusUpdateEvent} is about. Open: a value Knot adds later arrives as
 * a plain string.
 */
export type MerchantStatusProductType = KnownMerchantStatusProductType | (string & {});
/**
 * A merchant's availability in a {@link MerchantStatusUpdateEvent}: `UP` or `DOWN`. Open: a value
 * Knot adds later arrives as a plain string.
 */
export type MerchantStatus = KnownMerchantStatus | (string & {});
/**
 * The platform a {@link MerchantStatusUpdateEvent} is about: `ios`, `android` or `web`. Open: a value
 * Knot adds later arrives as a plain string.
 */
export type MerchantStatusPlatform = KnownMerchantStatusPlatform | (string & {});
/**
 * Why a card switch failed ({@link CardFailedEvent}). Open: a reason Knot adds later arrives as a
 * plain string.
 */
export type CardFailedReason = KnownCardFailedReason | (string & {});

// ---------------------------------------------------------------------------------------------
// Envelopes: the fields events share

/** The fields of every event about a session of the Knot SDK (linking, CardSwitcher, Vault). */
export interface SessionEventFields {
  /** Your id for the user, as given to `sessions.create`. */
  external_user_id: string;
  /** The merchant of the session: `id` and `name`, sometimes `logo` and `category`. */
  merchant: MerchantRef;
  /** The session (one run of the Knot SDK) the event belongs to. */
  session_id: string;
  /** Knot's integer id of the task; present on most session events, not needed to act on them. */
  task_id?: number;
  /** When the event happened: Unix time in milliseconds (a numeric string from Knot is converted). */
  timestamp: number;
}

/** The fields of events about a linked merchant account outside a session (TransactionLink). */
export interface AccountEventFields {
  /** Your id for the user, as given to `sessions.create`. */
  external_user_id: string;
  /** The merchant of the linked account: pass `merchant.id` as `merchant_id` in API calls. */
  merchant: MerchantRef;
  /** When the event happened: Unix time in milliseconds (a numeric string from Knot is converted). */
  timestamp: number;
}

/** The fields of Shopping events (no session). */
export interface ShoppingEventFields {
  /** Your id for the user, as given to `sessions.create`; missing from some documented examples. */
  external_user_id?: string;
  /** The merchant of the cart or checkout. */
  merchant: MerchantRef;
  /** When the event happened: Unix time in milliseconds (Knot's numeric string is converted). */
  timestamp: number;
}

/** A reference to a transaction by id. */
export interface TransactionRef {
  /** Knot's transaction id (a UUID): fetch it with `knot.transactions.get(id)`. */
  id: string;
}

/** A reference to a subscription by id. */
export interface SubscriptionRef {
  /** Knot's subscription id. */
  id: string;
}

// ---------------------------------------------------------------------------------------------
// TransactionLink and account linking

/**
 * `AUTHENTICATED`: the user linked a merchant account in the Knot SDK; mark the connection as
 * connected. For TransactionLink a `NEW_TRANSACTIONS_AVAILABLE` follows shortly.
 */
export interface AuthenticatedEvent extends SessionEventFields {
  /** The event name. */
  event: 'AUTHENTICATED';
  /** The card, entry point and metadata of the session. */
  data: AuthenticatedEventData;
}

/** The `data` of an {@link AuthenticatedEvent}. */
export interface AuthenticatedEventData {
  /** The card of a CardSwitcher session; `null`, `""` or absent in other products. */
  card_id?: string | null;
  /** CardSwitcher: when `true`, send the card within 15 seconds. */
  send_card?: boolean;
  /** The `entryPoint` the app gave the Knot SDK, e.g. `onboarding`; `null` when none. */
  entrypoint?: string | null;
  /** The `metadata` given to `sessions.create` (`{}` when none). */
  metadata?: Record<string, unknown>;
}

/**
 * `NEW_TRANSACTIONS_AVAILABLE`: the linked account has transactions you have not synced (after the
 * first link and whenever new ones exist); run `knot.transactions.sync()` from your stored cursor.
 */
export interface NewTransactionsAvailableEvent extends AccountEventFields {
  /** The event name. */
  event: 'NEW_TRANSACTIONS_AVAILABLE';
}

/**
 * `UPDATED_TRANSACTIONS_AVAILABLE`: transactions already delivered changed (status, totals...);
 * fetch each of `updated` with `knot.transactions.get(id)`.
 */
export interface UpdatedTransactionsAvailableEvent extends AccountEventFields {
  /** The event name. */
  event: 'UPDATED_TRANSACTIONS_AVAILABLE';
  /** The transactions that changed; fetch each with `knot.transactions.get(id)` and overwrite your copy. */
  updated: TransactionRef[];
}

/**
 * `ACCOUNT_LOGIN_REQUIRED`: the connection was lost (e.g. a changed password); no more data until
 * the user links the merchant again.
 */
export interface AccountLoginRequiredEvent extends AccountEventFields {
  /** The event name. */
  event: 'ACCOUNT_LOGIN_REQUIRED';
}

/**
 * `MERCHANT_STATUS_UPDATE`: a merchant went up or down (or went live). Sent once per product `type`
 * and `platform`: filter on both. Carries no `external_user_id`.
 */
export interface MerchantStatusUpdateEvent {
  /** The event name. */
  event: 'MERCHANT_STATUS_UPDATE';
  /** The merchant whose status changed, with `category` and `logo`. */
  merchant: MerchantRef;
  /** The product, platform and new status. */
  data: MerchantStatusUpdateData;
  /** When the status changed: Unix time in milliseconds. */
  timestamp: number;
}

/** The `data` of a {@link MerchantStatusUpdateEvent}. */
export interface MerchantStatusUpdateData {
  /** The product the status is for, e.g. `transaction_link`; absent in the legacy payload. */
  type?: MerchantStatusProductType;
  /** `UP` (available; also sent when a new merchant goes live) or `DOWN`, for this product and platform. */
  status: MerchantStatus;
  /** The platform the status is for: `ios`, `android` or `web` (one event per platform). */
  platform: MerchantStatusPlatform;
  /** The minimum Knot SDK version the merchant needs on that platform, e.g. `1.0.0`; may be `null`. */
  sdk?: string | null;
}

/** The `data` of the login-step events (`CREDENTIALS_FAILED`, `OTP_REQUIRED`, ...). */
export interface LoginStepData {
  /** The card of a CardSwitcher session; `null`, `""` or absent in other products. */
  card_id?: string | null;
  /** The `metadata` given to `sessions.create` (`{}` when none). */
  metadata?: Record<string, unknown>;
}

/** `CREDENTIALS_FAILED`: the user entered wrong credentials in the Knot SDK. Informational. */
export interface CredentialsFailedEvent extends SessionEventFields {
  /** The event name. */
  event: 'CREDENTIALS_FAILED';
  /** The session's card and metadata. */
  data: LoginStepData;
}

/** `OTP_REQUIRED`: the merchant asked the user for a one-time code. Informational. */
export interface OtpRequiredEvent extends SessionEventFields {
  /** The event name. */
  event: 'OTP_REQUIRED';
  /** The session's card and metadata. */
  data: LoginStepData;
}

/** `OTP_FAILED`: the one-time code was wrong. Informational. */
export interface OtpFailedEvent extends SessionEventFields {
  /** The event name. */
  event: 'OTP_FAILED';
  /** The session's card and metadata. */
  data: LoginStepData;
}

/** `QUESTIONS_REQUIRED`: the merchant asked security questions. Informational. */
export interface QuestionsRequiredEvent extends SessionEventFields {
  /** The event name. */
  event: 'QUESTIONS_REQUIRED';
  /** The session's card and metadata. */
  data: LoginStepData;
}

/** `QUESTIONS_FAILED`: the answers to the security questions were wrong. Informational. */
export interface QuestionsFailedEvent extends SessionEventFields {
  /** The event name. */
  event: 'QUESTIONS_FAILED';
  /** The session's card and metadata. */
  data: LoginStepData;
}

/** `LOGIN_APPROVAL`: the merchant waits for the user to approve the login (e.g. in its app). Informational. */
export interface LoginApprovalEvent extends SessionEventFields {
  /** The event name. */
  event: 'LOGIN_APPROVAL';
  /** The session's card and metadata. */
  data: LoginStepData;
}

/** `LICENSE_REQUIRED`: the merchant asked for a driver's licence. Informational. */
export interface LicenseRequiredEvent extends SessionEventFields {
  /** The event name. */
  event: 'LICENSE_REQUIRED';
  /** The session's card and metadata. */
  data: LoginStepData;
}

/** `LICENSE_FAILED`: the driver's licence was rejected. Informational. */
export interface LicenseFailedEvent extends SessionEventFields {
  /** The event name. */
  event: 'LICENSE_FAILED';
  /** The session's card and metadata. */
  data: LoginStepData;
}

/** `ACCOUNTS_RETRIEVED`: Knot retrieved the user's accounts at the merchant during linking. Informational. */
export interface AccountsRetrievedEvent extends SessionEventFields {
  /** The event name. */
  event: 'ACCOUNTS_RETRIEVED';
}

// ---------------------------------------------------------------------------------------------
// Other products (CardSwitcher, Shopping, Vault, SubscriptionManager, Detect): knot-api.md §11.8.
// Every `data` field is optional (§11.11), and `data` itself where a documented payload lacks it.

/** `CARD_UPDATING` (CardSwitcher): Knot started switching the card at the merchant. */
export interface CardUpdatingEvent extends SessionEventFields {
  /** The event name. */
  event: 'CARD_UPDATING';
  /** The card being switched. */
  data: CardEventData;
}

/** The `data` of the CardSwitcher events. */
export interface CardEventData {
  /** Your id for the card, as given to `sessions.create`; may be `null`. */
  card_id?: string | null;
}

/** `CARD_UPDATED` (CardSwitcher): the card was switched at the merchant. */
export interface CardUpdatedEvent extends SessionEventFields {
  /** The event name. */
  event: 'CARD_UPDATED';
  /** The card switched, and the subscriptions now billed to it. */
  data: CardUpdatedEventData;
}

/** The `data` of a {@link CardUpdatedEvent}. */
export interface CardUpdatedEventData extends CardEventData {
  /** The `metadata` given to `sessions.create`; absent in older payloads. */
  metadata?: Record<string, unknown>;
  /** The subscriptions at the merchant now billed to the card (SubscriptionManager); absent in older payloads. */
  subscriptions?: SubscriptionRef[];
}

/** `CARD_FAILED` (CardSwitcher): the card could not be switched; `data.reason` says why. */
export interface CardFailedEvent extends SessionEventFields {
  /** The event name. */
  event: 'CARD_FAILED';
  /** The card, and why the switch failed. */
  data: CardFailedEventData;
}

/** The `data` of a {@link CardFailedEvent}. */
export interface CardFailedEventData extends CardEventData {
  /** Why the switch failed, e.g. `card expired` or `credentials timeout`; see {@link CardFailedReason}. */
  reason?: CardFailedReason;
}

/**
 * `SYNC_CART_SUCCEEDED` (Shopping): the cart was synced with the merchant; `data.cart` has its
 * products, fulfillment options, delivery location and price. Check it, then check out. Knot's
 * example sends `timestamp` as a numeric string: it arrives as a number.
 */
export interface SyncCartSucceededEvent extends ShoppingEventFields {
  /** The event name. */
  event: 'SYNC_CART_SUCCEEDED';
  /** The synced cart. */
  data: SyncCartSucceededEventData;
}

/** The `data` of a {@link SyncCartSucceededEvent}. */
export interface SyncCartSucceededEventData {
  /** The cart as the merchant now has it. */
  cart?: Cart;
}

/**
 * `SYNC_CART_FAILED` (Shopping): the cart could not be synced; `data.reason` says why, when Knot
 * sends it (its overview page shows the event without `data`).
 */
export interface SyncCartFailedEvent extends ShoppingEventFields {
  /** The event name. */
  event: 'SYNC_CART_FAILED';
  /** Why the cart sync failed; absent in some payloads. */
  data?: ShoppingFailureData;
}

/** The `data` of the Shopping failure events. */
export interface ShoppingFailureData {
  /** Knot's reason, free text such as `product out of stock` or `card declined`; absent in some payloads. */
  reason?: string;
}

/**
 * `CHECKOUT_SUCCEEDED` (Shopping): the order was placed; fetch each of `data.transactions` with
 * `knot.transactions.get(id)`.
 */
export interface CheckoutSucceededEvent extends ShoppingEventFields {
  /** The event name. */
  event: 'CHECKOUT_SUCCEEDED';
  /** The transactions of the order; absent in some payloads. */
  data?: CheckoutSucceededEventData;
}

/** The `data` of a {@link CheckoutSucceededEvent}. */
export interface CheckoutSucceededEventData {
  /** The transactions the order created; fetch each with `knot.transactions.get(id)`. */
  transactions?: TransactionRef[];
}

/**
 * `CHECKOUT_FAILED` (Shopping): the order could not be placed; `data.reason` says why, when Knot
 * sends it (its overview page shows the event without `data`).
 */
export interface CheckoutFailedEvent extends ShoppingEventFields {
  /** The event name. */
  event: 'CHECKOUT_FAILED';
  /** Why the checkout failed; absent in some payloads. */
  data?: ShoppingFailureData;
}

/** `VAULTING_SUCCEEDED` (Vault): the payment method was vaulted. */
export interface VaultingSucceededEvent extends SessionEventFields {
  /** The event name. */
  event: 'VAULTING_SUCCEEDED';
  /** The session's metadata; absent in some payloads. */
  data?: VaultingSucceededEventData;
}

/** The `data` of a {@link VaultingSucceededEvent}. */
export interface VaultingSucceededEventData {
  /** The `metadata` given to `sessions.create`. */
  metadata?: Record<string, unknown>;
}

/**
 * The fields of events whose payload Knot has not documented (`VAULTING_FAILED`,
 * `CANCELLATION_FAILED`): only `event` and `timestamp` are required, and the rest of the usual
 * envelope is typed where it appears.
 */
export interface UndocumentedEventFields {
  /** Your id for the user, as given to `sessions.create`, when Knot sends it. */
  external_user_id?: string;
  /** The merchant, when Knot sends it. */
  merchant?: MerchantRef;
  /** The session the event belongs to, when Knot sends it. */
  session_id?: string;
  /** Knot's integer id of the task, when Knot sends it. */
  task_id?: number;
  /** When the event happened: Unix time in milliseconds (a numeric string from Knot is converted). */
  timestamp: number;
}

/** The `data` of the failure events whose payload Knot has not documented. */
export interface UndocumentedFailureData {
  /** Why it failed, free text, if Knot sends one. */
  reason?: string;
  /** The `metadata` given to `sessions.create`, if Knot sends it. */
  metadata?: Record<string, unknown>;
}

/**
 * `VAULTING_FAILED` (Vault): the payment method could not be vaulted. Knot names this event but has
 * not documented its payload: every field but `event` and `timestamp` is optional.
 */
export interface VaultingFailedEvent extends UndocumentedEventFields {
  /** The event name. */
  event: 'VAULTING_FAILED';
  /** Why vaulting failed, if Knot says. */
  data?: UndocumentedFailureData;
}

/** The `data` of the SubscriptionManager events that list subscriptions. */
export interface SubscriptionsEventData {
  /** The subscriptions concerned; fetch each with `GET /subscriptions/{id}`. */
  subscriptions?: SubscriptionRef[];
}

/**
 * `NEW_SUBSCRIPTIONS_AVAILABLE` (SubscriptionManager): Knot found subscriptions at the user's merchant
 * account; fetch each of `data.subscriptions` by id.
 */
export interface NewSubscriptionsAvailableEvent extends AccountEventFields {
  /** The event name. */
  event: 'NEW_SUBSCRIPTIONS_AVAILABLE';
  /** The new subscriptions. */
  data: SubscriptionsEventData;
}

/**
 * `UPDATED_SUBSCRIPTIONS_AVAILABLE` (SubscriptionManager): subscriptions you already have changed
 * (status, price, renewal date...); fetch each of `data.subscriptions` again.
 */
export interface UpdatedSubscriptionsAvailableEvent extends AccountEventFields {
  /** The event name. */
  event: 'UPDATED_SUBSCRIPTIONS_AVAILABLE';
  /** The subscriptions that changed. */
  data: SubscriptionsEventData;
}

/**
 * `CANCELLATION_SUCCEEDED` (SubscriptionManager): the subscription or bill was cancelled at the
 * merchant. Carries `session_id` but no `task_id`.
 */
export interface CancellationSucceededEvent extends SessionEventFields {
  /** The event name. */
  event: 'CANCELLATION_SUCCEEDED';
  /** The cancelled subscription. */
  data: CancellationSucceededEventData;
}

/** The `data` of a {@link CancellationSucceededEvent}. */
export interface CancellationSucceededEventData {
  /** The id of the subscription that was cancelled. */
  subscription_id?: string;
  /** The `metadata` given to `sessions.create`. */
  metadata?: Record<string, unknown>;
}

/**
 * `CANCELLATION_FAILED` (SubscriptionManager): the subscription could not be cancelled. Knot names
 * this event but has not documented its payload: every field but `event` and `timestamp` is
 * optional.
 */
export interface CancellationFailedEvent extends UndocumentedEventFields {
  /** The event name. */
  event: 'CANCELLATION_FAILED';
  /** The subscription and why cancelling it failed, if Knot says. */
  data?: CancellationFailedEventData;
}

/** The `data` of a {@link CancellationFailedEvent}. */
export interface CancellationFailedEventData extends UndocumentedFailureData {
  /** The id of the subscription that was not cancelled, if Knot sends it. */
  subscription_id?: string;
}

/**
 * `NEW_DETECTED_ACCOUNTS_AVAILABLE` (Detect): detection for the user finished. Knot documents two
 * payloads: `data.detected_accounts` (the merchants found) or `has_supported_merchants` (whether
 * `/detected-accounts/list` will return any); either may arrive, so both are optional. No `merchant`
 * and no session.
 */
export interface NewDetectedAccountsAvailableEvent {
  /** The event name. */
  event: 'NEW_DETECTED_ACCOUNTS_AVAILABLE';
  /** Your id for the user, as given to `knot.detect.start`. */
  external_user_id: string;
  /** The merchants at which the user has accounts (one payload variant). */
  data?: NewDetectedAccountsData;
  /**
   * `true`: accounts at merchants Knot supports were detected and every detected-accounts endpoint
   * returns data; `false`: only the search endpoint will (the other payload variant).
   */
  has_supported_merchants?: boolean;
  /** When detection finished: Unix time in milliseconds (a numeric string from Knot is converted). */
  timestamp: number;
}

/** The `data` of a {@link NewDetectedAccountsAvailableEvent}. */
export interface NewDetectedAccountsData {
  /** The merchants where the user has an account: `id`, `name` and `logo`. */
  detected_accounts?: MerchantRef[];
}

// ---------------------------------------------------------------------------------------------
// The union

/**
 * Every event this SDK version knows, discriminated on `event`: `switch (e.event)` narrows each case
 * to its own type. {@link isKnownWebhookEvent} tells a known event from an unknown one.
 */
export type KnownWebhookEvent =
  | AuthenticatedEvent
  | NewTransactionsAvailableEvent
  | UpdatedTransactionsAvailableEvent
  | AccountLoginRequiredEvent
  | MerchantStatusUpdateEvent
  | CredentialsFailedEvent
  | OtpRequiredEvent
  | OtpFailedEvent
  | QuestionsRequiredEvent
  | QuestionsFailedEvent
  | LoginApprovalEvent
  | LicenseRequiredEvent
  | LicenseFailedEvent
  | AccountsRetrievedEvent
  | CardUpdatingEvent
  | CardUpdatedEvent
  | CardFailedEvent
  | SyncCartSucceededEvent
  | SyncCartFailedEvent
  | CheckoutSucceededEvent
  | CheckoutFailedEvent
  | VaultingSucceededEvent
  | VaultingFailedEvent
  | NewSubscriptionsAvailableEvent
  | UpdatedSubscriptionsAvailableEvent
  | CancellationSucceededEvent
  | CancellationFailedEvent
  | NewDetectedAccountsAvailableEvent;

/**
 * An event this SDK version does not know (Knot adds event types without notice). It is returned as
 * sent, never rejected.
 *
 * `event` is typed `never` on purpose: any string type there would stop `switch (e.event)` from
 * narrowing the known members. The name is in `unknown_event` (set by `parseWebhook`, not
 * enumerable, so `JSON.stringify(e)` is still exactly the payload Knot sent), and
 * `isKnownWebhookEvent(e)` / `webhookEventName(e)` work on any event. Because of the `never`, a
 * `default:` branch of `switch (e.event)` types `e` as `never` although unknown events do reach it at
 * runtime: never throw from it (no `assertNever` there); test `isKnownWebhookEvent(e)` first.
 * Nothing but the name is validated, so the envelope fields are `unknown`.
 */
export interface UnknownWebhookEvent {
  /** Typed `never` so that `switch (e.event)` keeps narrowing: read the name from `unknown_event`. */
  readonly event: never;
  /** The event name as Knot sent it, e.g. a type added after this SDK version. */
  readonly unknown_event: string;
  /** Usually your id for the user; not validated. */
  readonly external_user_id?: unknown;
  /** Usually `{ id, name }` of the merchant; not validated. */
  readonly merchant?: unknown;
  /** Present on session events; not validated. */
  readonly session_id?: unknown;
  /** Usually Unix time in milliseconds; not validated (nor normalised). */
  readonly timestamp?: unknown;
  /** The event's own payload, as sent. */
  readonly data?: unknown;
}

/**
 * Any webhook event, as {@link parseWebhook}, `knot.webhooks.unwrap` and the handler hand it over:
 * a {@link KnownWebhookEvent} (discriminated on `event`) or an {@link UnknownWebhookEvent}.
 *
 * @example
 * ```ts
 * function route(event: KnotWebhookEvent): void {
 *   if (!isKnownWebhookEvent(event)) return; // a type Knot added later: acknowledge and ignore
 *   switch (event.event) {
 *     case 'NEW_TRANSACTIONS_AVAILABLE':
 *       void queue.add('sync', { user: event.external_user_id, merchant: event.merchant.id });
 *       break;
 *     case 'ACCOUNT_LOGIN_REQUIRED':
 *       void markDisconnected(event.external_user_id, event.merchant.id);
 *       break;
 *   }
 * }
 * ```
 */
export type KnotWebhookEvent = KnownWebhookEvent | UnknownWebhookEvent;

/**
 * The event type for one name, e.g. for a function that handles one event. (`Extract<KnotWebhookEvent, ...>`
 * would also match the unknown member, whose `never` is assignable to every name: this extracts
 * from the known members only.)
 *
 * @example
 * ```ts
 * async function onNewTransactions(event: WebhookEventOf<'NEW_TRANSACTIONS_AVAILABLE'>): Promise<void> {
 *   await queue.add('sync', { user: event.external_user_id, merchant: event.merchant.id });
 * }
 * ```
 */
export type WebhookEventOf<N extends KnotWebhookEventName> = Extract<KnownWebhookEvent, { event: N }>;
