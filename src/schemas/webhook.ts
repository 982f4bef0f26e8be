/**
 * Webhook payloads (knot-api.md §5.3, §5.4).
 *
 * Tolerant by design: every object is a `looseObject` (fields Knot adds later survive), enums are
 * open, and only the fields a receiver relies on are required (`event`, `external_user_id`,
 * `merchant.id`, `timestamp`, `updated[].id`, ...). Fields the docs show only in some snapshots are
 * optional, so a small documentation gap never turns into a 400 that makes Knot retry and then drop
 * the event.
 *
 * `timestamp` is normalised to a number: Knot sends Unix milliseconds as a JSON number, except one
 * documented shopping example that sends a numeric string. Accepting both and handing over one type
 * spares every receiver a `typeof` check, and `Number("1710864923198")` loses nothing. Everything
 * else is kept exactly as sent.
 */

import { z } from 'zod';
import { type Clean, MerchantRefSchema, openEnum } from './shared.js';


// ---------------------------------------------------------------------------------------------
// Building blocks

/** Unix time in ms: a number, or a string of digits (normalised to a number). */
export const WebhookTimestampSchema = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d{1,15}$/, 'must be a number of milliseconds or a string of digits')
    .transform((value) => Number(value)),
], { error: 'expected Unix milliseconds: a number or a string of digits' });

const metadata = z.record(z.string(), z.unknown());

/** Fields every account-linking event carries (a session in the Knot SDK). */
const sessionEnvelope = {
  /** Your id for the user, as given to `sessions.create`. */
  external_user_id: z.string(),
  /** The merchant of the session: `id`, `name`, sometimes `logo` and `category`. */
  merchant: MerchantRefSchema,
  /** The session (a run of the Knot SDK) the event belongs to. */
  session_id: z.string(),
  /** Integer id of the task in Knot; documented on every session event but not relied on. */
  task_id: z.number().optional(),
  /** When the event happened: Unix time in milliseconds. */
  timestamp: WebhookTimestampSchema,
};

/** Fields of events about a linked account that do not belong to a session (TransactionLink). */
const accountEnvelope = {
  /** Your id for the user, as given to `sessions.create`. */
  external_user_id: z.string(),
  /** The merchant of the linked account (with `merchant_id` = `merchant.id` in API calls). */
  merchant: MerchantRefSchema,
  /** When the event happened: Unix time in milliseconds. */
  timestamp: WebhookTimestampSchema,
};

/** `data` of the login-step events: `card_id` (null or `""` outside CardSwitcher) and `metadata`. */
const LoginStepDataSchema = z.looseObject({
  /** The card of a CardSwitcher session; `null` or `""` in other products. */
  card_id: z.string().nullish(),
  /** The `metadata` given to `sessions.create` (`{}` when none). */
  metadata: metadata.optional(),
});

// ---------------------------------------------------------------------------------------------
// TransactionLink and account linking (full payloads, knot-api.md §5.4)

export const AuthenticatedEventSchema = z.looseObject({
  event: z.literal('AUTHENTICATED'),
  ...sessionEnvelope,
  data: z.looseObject({
    /** The card of a CardSwitcher session; `null` or `""` in other products. */
    card_id: z.string().nullish(),
    /** CardSwitcher: send the card within 15 s when true. */
    send_card: z.boolean().optional(),
    /** The `entryPoint` given to the Knot SDK. */
    entrypoint: z.string().nullish(),
    /** The `metadata` given to `sessions.create` (`{}` when none). */
    metadata: metadata.optional(),
  }),
});

export const NewTransactionsAvailableEventSchema = z.looseObject({
  event: z.literal('NEW_TRANSACTIONS_AVAILABLE'),
  ...accountEnvelope,
});

export const UpdatedTransactionsAvailableEventSchema = z.looseObject({
  event: z.literal('UPDATED_TRANSACTIONS_AVAILABLE'),
  ...accountEnvelope,
  /** The transactions that changed; fetch each with `knot.transactions.get(id)`. */
  updated: z.array(z.looseObject({ id: z.string() })),
});

export const AccountLoginRequiredEventSchema = z.looseObject({
  event: z.literal('ACCOUNT_LOGIN_REQUIRED'),
  ...accountEnvelope,
});

export const MERCHANT_STATUS_PRODUCT_TYPES = ['card_switcher', 'transaction_link', 'shopping'] as const;
export const MERCHANT_STATUSES = ['UP', 'DOWN'] as const;
export const MERCHANT_STATUS_PLATFORMS = ['ios', 'android', 'web'] as const;

export const MerchantStatusUpdateEventSchema = z.looseObject({
  event: z.literal('MERCHANT_STATUS_UPDATE'),
  merchant: MerchantRefSchema,
  data: z.looseObject({
    /** Sent once per product type; absent in the legacy payload. */
    type: openEnum(MERCHANT_STATUS_PRODUCT_TYPES).optional(),
    /** `'UP'` or `'DOWN'` for this product type and platform. */
    status: openEnum(MERCHANT_STATUSES),
    /** `'ios'`, `'android'` or `'web'`: Knot sends one event per platform. */
    platform: openEnum(MERCHANT_STATUS_PLATFORMS),
    /** Minimum SDK version; may be null. */
    sdk: z.string().nullish(),
  }),
  timestamp: WebhookTimestampSchema,
});

function loginStep<const N extends string>(name: N) {
  return z.looseObject({ event: z.literal(name), ...sessionEnvelope, data: LoginStepDataSchema });
}

export const CredentialsFailedEventSchema = loginStep('CREDENTIALS_FAILED');
export const OtpRequiredEventSchema = loginStep('OTP_REQUIRED');
export const OtpFailedEventSchema = loginStep('OTP_FAILED');
export const QuestionsRequiredEventSchema = loginStep('QUESTIONS_REQUIRED');
export const QuestionsFailedEventSchema = loginStep('QUESTIONS_FAILED');
export const LoginApprovalEventSchema = loginStep('LOGIN_APPROVAL');
export const LicenseRequiredEventSchema = loginStep('LICENSE_REQUIRED');
export const LicenseFailedEventSchema = loginStep('LICENSE_FAILED');

export const AccountsRetrievedEventSchema = z.looseObject({
  event: z.literal('ACCOUNTS_RETRIEVED'),
  ...sessionEnvelope,
});

// ---------------------------------------------------------------------------------------------
// Other products (CardSwitcher, Shopping, Vault): typed loosely, the SDK does not act on them.

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

export const CardUpdatingEventSchema = z.looseObject({
  event: z.literal('CARD_UPDATING'),
  ...sessionEnvelope,
  data: z.looseObject({ card_id: z.string().nullish() }),
});

export const CardUpdatedEventSchema = z.looseObject({
  event: z.literal('CARD_UPDATED'),
  ...sessionEnvelope,
  data: z.looseObject({
    card_id: z.string().nullish(),
    subscriptions: z.array(z.looseObject({ id: z.string() })).optional(),
  }),
});

export const CardFailedEventSchema = z.looseObject({
  event: z.literal('CARD_FAILED'),
  ...sessionEnvelope,
  data: z.looseObject({ card_id: z.string().nullish(), reason: openEnum(CARD_FAILED_REASONS).optional() }),
});

/** Shopping events carry no session; `external_user_id` is optional (not every example shows it). */
const shoppingEnvelope = {
  /** Your id for the user, as given to `sessions.create` (missing from some documented examples). */
  external_user_id: z.string().optional(),
  /** The merchant of the cart or checkout. */
  merchant: MerchantRefSchema,
  /** When the event happened: Unix time in milliseconds. */
  timestamp: WebhookTimestampSchema,
};

export const SyncCartSucceededEventSchema = z.looseObject({
  event: z.literal('SYNC_CART_SUCCEEDED'),
  ...shoppingEnvelope,
  data: z.looseObject({ cart: metadata.optional() }),
});

export const SyncCartFailedEventSchema = z.looseObject({
  event: z.literal('SYNC_CART_FAILED'),
  ...shoppingEnvelope,
  data: z.looseObject({ reason: z.string().optional() }),
});

export const CheckoutSucceededEventSchema = z.looseObject({
  event: z.literal('CHECKOUT_SUCCEEDED'),
  ...shoppingEnvelope,
  /** Shape not documented; kept as sent. */
  data: metadata.optional(),
});

export const CheckoutFailedEventSchema = z.looseObject({
  event: z.literal('CHECKOUT_FAILED'),
  ...shoppingEnvelope,
  data: z.looseObject({ reason: z.string().optional() }),
});

export const VaultingSucceededEventSchema = z.looseObject({
  event: z.literal('VAULTING_SUCCEEDED'),
  ...sessionEnvelope,
  data: z.looseObject({ metadata: metadata.optional() }).optional(),
});

// ---------------------------------------------------------------------------------------------
// The catalogue

/** One schema per known event name; `parseWebhook` picks the schema by `event`. */
export const WEBHOOK_EVENT_SCHEMAS = {
  AUTHENTICATED: AuthenticatedEventSchema,
  NEW_TRANSACTIONS_AVAILABLE: NewTransactionsAvailableEventSchema,
  UPDATED_TRANSACTIONS_AVAILABLE: UpdatedTransactionsAvailableEventSchema,
  ACCOUNT_LOGIN_REQUIRED: AccountLoginRequiredEventSchema,
  MERCHANT_STATUS_UPDATE: MerchantStatusUpdateEventSchema,
  CREDENTIALS_FAILED: CredentialsFailedEventSchema,
  OTP_REQUIRED: OtpRequiredEventSchema,
  OTP_FAILED: OtpFailedEventSchema,
  QUESTIONS_REQUIRED: QuestionsRequiredEventSchema,
  QUESTIONS_FAILED: QuestionsFailedEventSchema,
  LOGIN_APPROVAL: LoginApprovalEventSchema,
  LICENSE_REQUIRED: LicenseRequiredEventSchema,
  LICENSE_FAILED: LicenseFailedEventSchema,
  ACCOUNTS_RETRIEVED: AccountsRetrievedEventSchema,
  CARD_UPDATING: CardUpdatingEventSchema,
  CARD_UPDATED: CardUpdatedEventSchema,
  CARD_FAILED: CardFailedEventSchema,
  SYNC_CART_SUCCEEDED: SyncCartSucceededEventSchema,
  SYNC_CART_FAILED: SyncCartFailedEventSchema,
  CHECKOUT_SUCCEEDED: CheckoutSucceededEventSchema,
  CHECKOUT_FAILED: CheckoutFailedEventSchema,
  VAULTING_SUCCEEDED: VaultingSucceededEventSchema,
} as const;

/**
 * Names of the events this SDK version knows. Knot may send others at any time (they arrive as
 * {@link UnknownWebhookEvent}).
 *
 * @useDeclaredType
 */
export type KnotWebhookEventName = keyof typeof WEBHOOK_EVENT_SCHEMAS;

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
export const WEBHOOK_EVENT_NAMES: KnotWebhookEventName[] = Object.keys(WEBHOOK_EVENT_SCHEMAS) as KnotWebhookEventName[];

// ---------------------------------------------------------------------------------------------
// Exported types (no index signatures: a misspelt field is a compile error)

/**
 * `AUTHENTICATED`: the user linked a merchant account in the Knot SDK; mark the connection as
 * connected. For TransactionLink a `NEW_TRANSACTIONS_AVAILABLE` follows shortly.
 *
 * @interface
 */
export type AuthenticatedEvent = Clean<z.infer<typeof AuthenticatedEventSchema>>;
/**
 * `NEW_TRANSACTIONS_AVAILABLE`: the linked account has transactions you have not synced (after the
 * first link and whenever new ones exist); run `knot.transactions.sync()` from your stored cursor.
 *
 * @interface
 */
export type NewTransactionsAvailableEvent = Clean<z.infer<typeof NewTransactionsAvailableEventSchema>>;
/**
 * `UPDATED_TRANSACTIONS_AVAILABLE`: transactions already delivered changed (status, totals...);
 * fetch each of `updated` with `knot.transactions.get(id)`.
 *
 * @interface
 */
export type UpdatedTransactionsAvailableEvent = Clean<z.infer<typeof UpdatedTransactionsAvailableEventSchema>>;
/**
 * `ACCOUNT_LOGIN_REQUIRED`: the connection was lost (e.g. a changed password); no more data until
 * the user links the merchant again.
 *
 * @interface
 */
export type AccountLoginRequiredEvent = Clean<z.infer<typeof AccountLoginRequiredEventSchema>>;
/**
 * `MERCHANT_STATUS_UPDATE`: a merchant went up or down (or went live). Sent once per product `type`
 * and `platform`: filter on both. Carries no `external_user_id`.
 *
 * @interface
 */
export type MerchantStatusUpdateEvent = Clean<z.infer<typeof MerchantStatusUpdateEventSchema>>;
/**
 * `CREDENTIALS_FAILED`: the user entered wrong credentials in the Knot SDK. Informational.
 *
 * @interface
 */
export type CredentialsFailedEvent = Clean<z.infer<typeof CredentialsFailedEventSchema>>;
/**
 * `OTP_REQUIRED`: the merchant asked the user for a one-time code. Informational.
 *
 * @interface
 */
export type OtpRequiredEvent = Clean<z.infer<typeof OtpRequiredEventSchema>>;
/**
 * `OTP_FAILED`: the one-time code was wrong. Informational.
 *
 * @interface
 */
export type OtpFailedEvent = Clean<z.infer<typeof OtpFailedEventSchema>>;
/**
 * `QUESTIONS_REQUIRED`: the merchant asked security questions. Informational.
 *
 * @interface
 */
export type QuestionsRequiredEvent = Clean<z.infer<typeof QuestionsRequiredEventSchema>>;
/**
 * `QUESTIONS_FAILED`: the answers to the security questions were wrong. Informational.
 *
 * @interface
 */
export type QuestionsFailedEvent = Clean<z.infer<typeof QuestionsFailedEventSchema>>;
/**
 * `LOGIN_APPROVAL`: the merchant waits for the user to approve the login (e.g. in its app).
 * Informational.
 *
 * @interface
 */
export type LoginApprovalEvent = Clean<z.infer<typeof LoginApprovalEventSchema>>;
/**
 * `LICENSE_REQUIRED`: the merchant asked for a driver's licence. Informational.
 *
 * @interface
 */
export type LicenseRequiredEvent = Clean<z.infer<typeof LicenseRequiredEventSchema>>;
/**
 * `LICENSE_FAILED`: the driver's licence was rejected. Informational.
 *
 * @interface
 */
export type LicenseFailedEvent = Clean<z.infer<typeof LicenseFailedEventSchema>>;
/**
 * `ACCOUNTS_RETRIEVED`: Knot retrieved the user's accounts at the merchant during linking.
 * Informational.
 *
 * @interface
 */
export type AccountsRetrievedEvent = Clean<z.infer<typeof AccountsRetrievedEventSchema>>;
/**
 * `CARD_UPDATING` (CardSwitcher): Knot started switching the card at the merchant.
 *
 * @interface
 */
export type CardUpdatingEvent = Clean<z.infer<typeof CardUpdatingEventSchema>>;
/**
 * `CARD_UPDATED` (CardSwitcher): the card was switched at the merchant.
 *
 * @interface
 */
export type CardUpdatedEvent = Clean<z.infer<typeof CardUpdatedEventSchema>>;
/**
 * `CARD_FAILED` (CardSwitcher): the card could not be switched; `data.reason` says why.
 *
 * @interface
 */
export type CardFailedEvent = Clean<z.infer<typeof CardFailedEventSchema>>;
/**
 * `SYNC_CART_SUCCEEDED` (Shopping): the cart was synced with the merchant; `data.cart` is kept as sent.
 *
 * @interface
 */
export type SyncCartSucceededEvent = Clean<z.infer<typeof SyncCartSucceededEventSchema>>;
/**
 * `SYNC_CART_FAILED` (Shopping): the cart could not be synced; `data.reason` says why.
 *
 * @interface
 */
export type SyncCartFailedEvent = Clean<z.infer<typeof SyncCartFailedEventSchema>>;
/**
 * `CHECKOUT_SUCCEEDED` (Shopping): the order was placed; `data` is kept as sent (its shape is not
 * documented).
 *
 * @interface
 */
export type CheckoutSucceededEvent = Clean<z.infer<typeof CheckoutSucceededEventSchema>>;
/**
 * `CHECKOUT_FAILED` (Shopping): the order could not be placed; `data.reason` says why.
 *
 * @interface
 */
export type CheckoutFailedEvent = Clean<z.infer<typeof CheckoutFailedEventSchema>>;
/**
 * `VAULTING_SUCCEEDED` (Vault): the payment method was vaulted.
 *
 * @interface
 */
export type VaultingSucceededEvent = Clean<z.infer<typeof VaultingSucceededEventSchema>>;

/**
 * The `data` of the login-step events (`CREDENTIALS_FAILED`, `OTP_REQUIRED`, ...).
 *
 * @interface
 */
export type LoginStepData = Clean<z.infer<typeof LoginStepDataSchema>>;
// The known values get an alias of their own, inlined by TypeDoc, so the docs list them instead of
// pointing at the (unexported) constant.
/** @inline */
type KnownMerchantStatusProductType = (typeof MERCHANT_STATUS_PRODUCT_TYPES)[number];
/** @inline */
type KnownMerchantStatus = (typeof MERCHANT_STATUSES)[number];
/** @inline */
type KnownCardFailedReason = (typeof CARD_FAILED_REASONS)[number];

/**
 * The product a {@link MerchantStatusUpdateEvent} is about. Open: a value Knot adds later arrives as
 * a plain string.
 */
export type MerchantStatusProductType = KnownMerchantStatusProductType | (string & {});
/**
 * A merchant's availability in a {@link MerchantStatusUpdateEvent}. Open: a value Knot adds later
 * arrives as a plain string.
 */
export type MerchantStatus = KnownMerchantStatus | (string & {});
/**
 * Why a card switch failed ({@link CardFailedEvent}). Open: a reason Knot adds later arrives as a
 * plain string.
 */
export type CardFailedReason = KnownCardFailedReason | (string & {});

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
  | VaultingSucceededEvent;

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
