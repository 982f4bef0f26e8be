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
 *
 * Built lazily, one event at a time: `webhookKit(z)` builds the pieces every event shares (once per
 * zod), and each entry of `WEBHOOK_EVENT_BUILDERS` builds one event's schema from them, on the first
 * delivery of that event (src/webhooks/event-schemas.ts). Nothing here runs at import.
 */

import {
  CARD_FAILED_REASONS,
  type KnotWebhookEventName,
  MERCHANT_STATUS_PLATFORMS,
  MERCHANT_STATUS_PRODUCT_TYPES,
  MERCHANT_STATUSES,
} from '../../webhook.js';
import { cartSchemas } from './cart.js';
import { sharedSchemas } from './shared.js';
import type { ZodType } from 'zod';
import type { Zod } from './zod.js';


/** The pieces events share, built once per zod. */
export function webhookKit(z: Zod) {
  const shared = sharedSchemas(z);
  const { MerchantRefSchema } = shared;

  /** Unix time in ms: a number, or a string of digits (normalised to a number). */
  const timestamp = z.union([
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
    timestamp,
  };

  /** Fields of events about a linked account that do not belong to a session (TransactionLink). */
  const accountEnvelope = {
    /** Your id for the user, as given to `sessions.create`. */
    external_user_id: z.string(),
    /** The merchant of the linked account (with `merchant_id` = `merchant.id` in API calls). */
    merchant: MerchantRefSchema,
    /** When the event happened: Unix time in milliseconds. */
    timestamp,
  };

  /** `data` of the login-step events: `card_id` (null or `""` outside CardSwitcher) and `metadata`. */
  const loginStepData = z.looseObject({
    /** The card of a CardSwitcher session; `null` or `""` in other products. */
    card_id: z.string().nullish(),
    /** The `metadata` given to `sessions.create` (`{}` when none). */
    metadata: metadata.optional(),
  });

  /** Shopping events carry no session; `external_user_id` is optional (not every example shows it). */
  const shoppingEnvelope = {
    /** Your id for the user, as given to `sessions.create` (missing from some documented examples). */
    external_user_id: z.string().optional(),
    /** The merchant of the cart or checkout. */
    merchant: MerchantRefSchema,
    /** When the event happened: Unix time in milliseconds. */
    timestamp,
  };

  /**
   * Events Knot names without documenting their payload (§11.12 open question 1): only `event` and
   * `timestamp` are required, so whatever Knot sends is accepted and the usual fields are typed.
   */
  const undocumentedEnvelope = {
    external_user_id: z.string().optional(),
    merchant: MerchantRefSchema.optional(),
    session_id: z.string().optional(),
    task_id: z.number().optional(),
    timestamp,
  };

  return {
    z,
    shared,
    timestamp,
    metadata,
    sessionEnvelope,
    accountEnvelope,
    loginStepData,
    shoppingEnvelope,
    undocumentedEnvelope,
    undocumentedFailureData: { reason: z.string().optional(), metadata: metadata.optional() },
    idRefs: z.array(z.looseObject({ id: z.string() })),
    // The per-event pages show `data: { reason }`, the Shopping overview shows no `data` (§11.12 #1).
    shoppingFailureData: z.looseObject({ reason: z.string().optional() }).optional(),
  };
}

type Kit = ReturnType<typeof webhookKit>;

function loginStep<const N extends string>(name: N) {
  return ({ z, sessionEnvelope, loginStepData }: Kit) => z.looseObject({ event: z.literal(name), ...sessionEnvelope, data: loginStepData });
}

// ---------------------------------------------------------------------------------------------
// The catalogue

/**
 * One schema builder per known event name; `parseWebhook` builds and picks the schema by `event`.
 * `satisfies` keeps it in step with `WEBHOOK_EVENT_NAMES`: a name without a schema, or a schema
 * without a name, does not compile.
 */
export const WEBHOOK_EVENT_BUILDERS = {
  // TransactionLink and account linking (full payloads, knot-api.md §5.4)
  AUTHENTICATED: ({ z, sessionEnvelope, metadata }: Kit) =>
    z.looseObject({
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
    }),
  NEW_TRANSACTIONS_AVAILABLE: ({ z, accountEnvelope }: Kit) => z.looseObject({ event: z.literal('NEW_TRANSACTIONS_AVAILABLE'), ...accountEnvelope }),
  UPDATED_TRANSACTIONS_AVAILABLE: ({ z, accountEnvelope, idRefs }: Kit) =>
    z.looseObject({
      event: z.literal('UPDATED_TRANSACTIONS_AVAILABLE'),
      ...accountEnvelope,
      /** The transactions that changed; fetch each with `knot.transactions.get(id)`. */
      updated: idRefs,
    }),
  ACCOUNT_LOGIN_REQUIRED: ({ z, accountEnvelope }: Kit) => z.looseObject({ event: z.literal('ACCOUNT_LOGIN_REQUIRED'), ...accountEnvelope }),
  MERCHANT_STATUS_UPDATE: ({ z, shared, timestamp }: Kit) =>
    z.looseObject({
      event: z.literal('MERCHANT_STATUS_UPDATE'),
      merchant: shared.MerchantRefSchema,
      data: z.looseObject({
        /** Sent once per product type; absent in the legacy payload. */
        type: shared.openEnum(MERCHANT_STATUS_PRODUCT_TYPES).optional(),
        /** `'UP'` or `'DOWN'` for this product type and platform. */
        status: shared.openEnum(MERCHANT_STATUSES),
        /** `'ios'`, `'android'` or `'web'`: Knot sends one event per platform. */
        platform: shared.openEnum(MERCHANT_STATUS_PLATFORMS),
        /** Minimum SDK version; may be null. */
        sdk: z.string().nullish(),
      }),
      timestamp,
    }),
  CREDENTIALS_FAILED: loginStep('CREDENTIALS_FAILED'),
  OTP_REQUIRED: loginStep('OTP_REQUIRED'),
  OTP_FAILED: loginStep('OTP_FAILED'),
  QUESTIONS_REQUIRED: loginStep('QUESTIONS_REQUIRED'),
  QUESTIONS_FAILED: loginStep('QUESTIONS_FAILED'),
  LOGIN_APPROVAL: loginStep('LOGIN_APPROVAL'),
  LICENSE_REQUIRED: loginStep('LICENSE_REQUIRED'),
  LICENSE_FAILED: loginStep('LICENSE_FAILED'),
  ACCOUNTS_RETRIEVED: ({ z, sessionEnvelope }: Kit) => z.looseObject({ event: z.literal('ACCOUNTS_RETRIEVED'), ...sessionEnvelope }),

  // Other products (CardSwitcher, Shopping, Vault, SubscriptionManager, Detect): knot-api.md §11.8.
  // Every `data` field is optional (§11.11); `data` itself too where a documented payload lacks it.
  CARD_UPDATING: ({ z, sessionEnvelope }: Kit) =>
    z.looseObject({ event: z.literal('CARD_UPDATING'), ...sessionEnvelope, data: z.looseObject({ card_id: z.string().nullish() }) }),
  CARD_UPDATED: ({ z, sessionEnvelope, metadata, idRefs }: Kit) =>
    z.looseObject({
      event: z.literal('CARD_UPDATED'),
      ...sessionEnvelope,
      data: z.looseObject({ card_id: z.string().nullish(), metadata: metadata.optional(), subscriptions: idRefs.optional() }),
    }),
  CARD_FAILED: ({ z, sessionEnvelope, shared }: Kit) =>
    z.looseObject({
      event: z.literal('CARD_FAILED'),
      ...sessionEnvelope,
      data: z.looseObject({ card_id: z.string().nullish(), reason: shared.openEnum(CARD_FAILED_REASONS).optional() }),
    }),
  SYNC_CART_SUCCEEDED: ({ z, shoppingEnvelope, shared }: Kit) =>
    z.looseObject({
      event: z.literal('SYNC_CART_SUCCEEDED'),
      ...shoppingEnvelope,
      data: z.looseObject({ cart: cartSchemas(z, shared).CartSchema.optional() }),
    }),
  SYNC_CART_FAILED: ({ z, shoppingEnvelope, shoppingFailureData }: Kit) =>
    z.looseObject({ event: z.literal('SYNC_CART_FAILED'), ...shoppingEnvelope, data: shoppingFailureData }),
  CHECKOUT_SUCCEEDED: ({ z, shoppingEnvelope, idRefs }: Kit) =>
    z.looseObject({
      event: z.literal('CHECKOUT_SUCCEEDED'),
      ...shoppingEnvelope,
      data: z.looseObject({ transactions: idRefs.optional() }).optional(),
    }),
  CHECKOUT_FAILED: ({ z, shoppingEnvelope, shoppingFailureData }: Kit) =>
    z.looseObject({ event: z.literal('CHECKOUT_FAILED'), ...shoppingEnvelope, data: shoppingFailureData }),
  VAULTING_SUCCEEDED: ({ z, sessionEnvelope, metadata }: Kit) =>
    z.looseObject({
      event: z.literal('VAULTING_SUCCEEDED'),
      ...sessionEnvelope,
      data: z.looseObject({ metadata: metadata.optional() }).optional(),
    }),
  VAULTING_FAILED: ({ z, undocumentedEnvelope, undocumentedFailureData }: Kit) =>
    z.looseObject({
      event: z.literal('VAULTING_FAILED'),
      ...undocumentedEnvelope,
      data: z.looseObject(undocumentedFailureData).optional(),
    }),
  NEW_SUBSCRIPTIONS_AVAILABLE: ({ z, accountEnvelope, idRefs }: Kit) =>
    z.looseObject({
      event: z.literal('NEW_SUBSCRIPTIONS_AVAILABLE'),
      ...accountEnvelope,
      data: z.looseObject({ subscriptions: idRefs.optional() }),
    }),
  UPDATED_SUBSCRIPTIONS_AVAILABLE: ({ z, accountEnvelope, idRefs }: Kit) =>
    z.looseObject({
      event: z.literal('UPDATED_SUBSCRIPTIONS_AVAILABLE'),
      ...accountEnvelope,
      data: z.looseObject({ subscriptions: idRefs.optional() }),
    }),
  CANCELLATION_SUCCEEDED: ({ z, sessionEnvelope, metadata }: Kit) =>
    z.looseObject({
      event: z.literal('CANCELLATION_SUCCEEDED'),
      ...sessionEnvelope,
      data: z.looseObject({ subscription_id: z.string().optional(), metadata: metadata.optional() }),
    }),
  CANCELLATION_FAILED: ({ z, undocumentedEnvelope, undocumentedFailureData }: Kit) =>
    z.looseObject({
      event: z.literal('CANCELLATION_FAILED'),
      ...undocumentedEnvelope,
      data: z.looseObject({ subscription_id: z.string().optional(), ...undocumentedFailureData }).optional(),
    }),
  /** Two documented variants (§11.12 #7): `data.detected_accounts` or `has_supported_merchants`. */
  NEW_DETECTED_ACCOUNTS_AVAILABLE: ({ z, shared, timestamp }: Kit) =>
    z.looseObject({
      event: z.literal('NEW_DETECTED_ACCOUNTS_AVAILABLE'),
      external_user_id: z.string(),
      data: z.looseObject({ detected_accounts: z.array(shared.MerchantRefSchema).optional() }).optional(),
      has_supported_merchants: z.boolean().optional(),
      timestamp,
    }),
} as const satisfies Record<KnotWebhookEventName, (kit: Kit) => ZodType>;

/** Each known event's schema type, by name (for the type tests and the parser's cache). */
export type WebhookEventSchemas = { [N in KnotWebhookEventName]: ReturnType<(typeof WEBHOOK_EVENT_BUILDERS)[N]> };

/** The login-step `data` schema's type (checked against `LoginStepData` in the type tests). */
export type LoginStepDataSchema = Kit['loginStepData'];
