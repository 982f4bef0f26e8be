/**
 * Webhook payloads (knot-api.md §5.3, §5.4, §11.8).
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
import {
  CARD_FAILED_REASONS,
  type KnotWebhookEventName,
  MERCHANT_STATUS_PLATFORMS,
  MERCHANT_STATUS_PRODUCT_TYPES,
  MERCHANT_STATUSES,
} from '../webhook.js';
import { CartSchema } from './cart.js';
import { MerchantRefSchema, openEnum } from './shared.js';


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
export const LoginStepDataSchema = z.looseObject({
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
// Other products (CardSwitcher, Shopping, Vault, SubscriptionManager, Detect): knot-api.md §11.8.
// Every `data` field is optional (§11.11); `data` itself too where a documented payload lacks it.

const idRefs = z.array(z.looseObject({ id: z.string() }));

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
    metadata: metadata.optional(),
    subscriptions: idRefs.optional(),
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
  data: z.looseObject({ cart: CartSchema.optional() }),
});

// The per-event pages show `data: { reason }`, the Shopping overview shows no `data` (§11.12 #1).
const shoppingFailureData = z.looseObject({ reason: z.string().optional() }).optional();

export const SyncCartFailedEventSchema = z.looseObject({
  event: z.literal('SYNC_CART_FAILED'),
  ...shoppingEnvelope,
  data: shoppingFailureData,
});

export const CheckoutSucceededEventSchema = z.looseObject({
  event: z.literal('CHECKOUT_SUCCEEDED'),
  ...shoppingEnvelope,
  data: z.looseObject({ transactions: idRefs.optional() }).optional(),
});

export const CheckoutFailedEventSchema = z.looseObject({
  event: z.literal('CHECKOUT_FAILED'),
  ...shoppingEnvelope,
  data: shoppingFailureData,
});

export const VaultingSucceededEventSchema = z.looseObject({
  event: z.literal('VAULTING_SUCCEEDED'),
  ...sessionEnvelope,
  data: z.looseObject({ metadata: metadata.optional() }).optional(),
});

/**
 * Events Knot names without documenting their payload (§11.12 open question 1): only `event` and
 * `timestamp` are required, so whatever Knot sends is accepted and the usual fields are typed.
 */
const undocumentedEnvelope = {
  external_user_id: z.string().optional(),
  merchant: MerchantRefSchema.optional(),
  session_id: z.string().optional(),
  task_id: z.number().optional(),
  timestamp: WebhookTimestampSchema,
};

const undocumentedFailureData = {
  reason: z.string().optional(),
  metadata: metadata.optional(),
};

export const VaultingFailedEventSchema = z.looseObject({
  event: z.literal('VAULTING_FAILED'),
  ...undocumentedEnvelope,
  data: z.looseObject(undocumentedFailureData).optional(),
});

export const NewSubscriptionsAvailableEventSchema = z.looseObject({
  event: z.literal('NEW_SUBSCRIPTIONS_AVAILABLE'),
  ...accountEnvelope,
  data: z.looseObject({ subscriptions: idRefs.optional() }),
});

export const UpdatedSubscriptionsAvailableEventSchema = z.looseObject({
  event: z.literal('UPDATED_SUBSCRIPTIONS_AVAILABLE'),
  ...accountEnvelope,
  data: z.looseObject({ subscriptions: idRefs.optional() }),
});

export const CancellationSucceededEventSchema = z.looseObject({
  event: z.literal('CANCELLATION_SUCCEEDED'),
  ...sessionEnvelope,
  data: z.looseObject({ subscription_id: z.string().optional(), metadata: metadata.optional() }),
});

export const CancellationFailedEventSchema = z.looseObject({
  event: z.literal('CANCELLATION_FAILED'),
  ...undocumentedEnvelope,
  data: z.looseObject({ subscription_id: z.string().optional(), ...undocumentedFailureData }).optional(),
});

/** Two documented variants (§11.12 #7): `data.detected_accounts` or `has_supported_merchants`. */
export const NewDetectedAccountsAvailableEventSchema = z.looseObject({
  event: z.literal('NEW_DETECTED_ACCOUNTS_AVAILABLE'),
  external_user_id: z.string(),
  data: z.looseObject({ detected_accounts: z.array(MerchantRefSchema).optional() }).optional(),
  has_supported_merchants: z.boolean().optional(),
  timestamp: WebhookTimestampSchema,
});

// ---------------------------------------------------------------------------------------------
// The catalogue

/**
 * One schema per known event name; `parseWebhook` picks the schema by `event`. `satisfies` keeps it
 * in step with `WEBHOOK_EVENT_NAMES`: a name without a schema, or a schema without a name, does not
 * compile.
 */
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
  VAULTING_FAILED: VaultingFailedEventSchema,
  NEW_SUBSCRIPTIONS_AVAILABLE: NewSubscriptionsAvailableEventSchema,
  UPDATED_SUBSCRIPTIONS_AVAILABLE: UpdatedSubscriptionsAvailableEventSchema,
  CANCELLATION_SUCCEEDED: CancellationSucceededEventSchema,
  CANCELLATION_FAILED: CancellationFailedEventSchema,
  NEW_DETECTED_ACCOUNTS_AVAILABLE: NewDetectedAccountsAvailableEventSchema,
} as const satisfies Record<KnotWebhookEventName, z.ZodType>;
