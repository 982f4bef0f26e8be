/**
 * Subscription Manager (knot-api.md §11.4): the subscriptions and bills Knot found on a user's linked
 * merchant accounts, and what to send to list or cancel them. Dates are kept as the strings Knot
 * sends: the list shows bare dates (`2026-02-10`), get-by-id full timestamps
 * (`2026-02-10T00:00:00+00:00`). Fields only some of Knot's pages show are optional.
 */
import type { MerchantRef } from './shared.js';

export const SUBSCRIPTION_STATUSES = [
  'ACTIVE',
  'ACTIVE_CANCELLATION',
  'ACTIVE_PLAN_CHANGE',
  'PENDING',
  'PAUSED',
  'CANCELLED',
  'SUSPENDED',
  'UNRECOGNIZED',
] as const;

export const BILLING_CYCLES = ['MONTHLY', 'WEEKLY', 'BIWEEKLY', 'ANNUALLY', 'DAILY', 'UNRECOGNIZED'] as const;

/** @inline */
type KnownSubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
/** @inline */
type KnownBillingCycle = (typeof BILLING_CYCLES)[number];

/**
 * Where a subscription stands: `ACTIVE`, `ACTIVE_CANCELLATION` (cancelled, active until the period
 * ends), `ACTIVE_PLAN_CHANGE`, `PENDING`, `PAUSED`, `CANCELLED`, `SUSPENDED`, or `UNRECOGNIZED`
 * (Knot could not map the merchant's status). Open: a status Knot adds later arrives as a plain
 * string, so a `switch` over it needs a `default` branch.
 */
export type SubscriptionStatus = KnownSubscriptionStatus | (string & {});

/**
 * How often the subscription bills: `MONTHLY`, `WEEKLY`, `BIWEEKLY`, `ANNUALLY`, `DAILY`, or
 * `UNRECOGNIZED`. Open, like {@link SubscriptionStatus}.
 */
export type BillingCycle = KnownBillingCycle | (string & {});

/** What a subscription costs per billing cycle. */
export interface SubscriptionPrice {
  /** The amount as a decimal string, e.g. `"11.99"`: kept exactly as sent (no float rounding). */
  total: string;
  /** ISO 4217 currency code, e.g. `USD`. */
  currency: string;
}

/**
 * A subscription or bill on one of the user's merchant accounts, as `subscriptions.get` and
 * `subscriptions.list` return it. Upsert it on `id`: the webhooks NEW_SUBSCRIPTIONS_AVAILABLE and
 * UPDATED_SUBSCRIPTIONS_AVAILABLE name ids to fetch again.
 */
export interface Subscription {
  /** Knot's id for the subscription: opaque (a UUID or another token); the key to upsert on. */
  id: string;
  /** The merchant's own id for the subscription. */
  external_id: string;
  /** The name the merchant shows, e.g. `Disney+, Hulu Bundle Premium`. */
  name: string;
  /** The plan's description; `null` when the merchant gives none (absent in older answers). */
  description?: string | null;
  /** The merchant: `id` and `name`; list items also carry `category` and `logo`. */
  merchant: MerchantRef;
  /** Where the subscription stands, e.g. `ACTIVE`; see {@link SubscriptionStatus}. */
  status: SubscriptionStatus;
  /** How often it bills, e.g. `MONTHLY`; see {@link BillingCycle}. */
  billing_cycle: BillingCycle;
  /** The price per billing cycle. */
  price: SubscriptionPrice;
  /** The next scheduled charge (ISO 8601 date or date-time, UTC, as sent); `null` when none is scheduled. */
  next_billing_date?: string | null;
  /** The most recent attempted charge (ISO 8601 date or date-time, UTC, as sent); `null` when none yet. */
  last_billing_date?: string | null;
  /** When the subscription started (ISO 8601, as sent). */
  start_date?: string | null;
  /** The next renewal (ISO 8601, as sent); may be later than the next charge, e.g. a yearly contract billed monthly. */
  next_renewal_date?: string | null;
  /** When access ends because the subscription was cancelled (ISO 8601, as sent); `null` while active. */
  expiration_date?: string | null;
  /** The merchant's own instructions for cancelling, in plain text. */
  cancel_instructions?: string | null;
  /** `true` for a paid subscription, `false` for a free one. */
  is_paid?: boolean | null;
  /** `true` for a family (shared) plan. */
  is_family_plan?: boolean | null;
  /**
   * `true` when Knot can cancel it with `subscriptions.cancel` (offer cancellation only then, and
   * when the merchant account has the `cancel` scope). Absent from some get-by-id answers.
   */
  is_cancellable?: boolean;
}

/** One page of `subscriptions.list`, as Knot sends it. */
export interface SubscriptionPage {
  /** The page's subscriptions, across all of the user's merchants. */
  subscriptions: Subscription[];
  /** Send it back as `cursor` for the next page; `null` (or absent, or blank) on the last page. */
  next_cursor?: string | null;
  /** The page size Knot used. */
  limit?: number;
}

/** Params of `subscriptions.list`: the user, and where to start. */
export interface SubscriptionListParams {
  /** Your id for the user (non-empty), as given to `sessions.create`. */
  external_user_id: string;
  /**
   * Start from this page: a `next_cursor` from an earlier page. Absent or `null`: the first page
   * (the SDK then leaves it out of the request).
   */
  cursor?: string | null;
  /** The page size, an integer from 1 to 100. Default 100 (the fewest requests); always sent, since Knot documents no default. */
  limit?: number;
}

/**
 * Optional body of `subscriptions.cancel`. Knot's pages disagree on whether the endpoint takes a
 * body; each field is sent only when given.
 */
export interface SubscriptionCancelParams {
  /** Your id for the user who owns the subscription (non-empty). */
  external_user_id?: string;
  /** The merchant of the subscription (`subscription.merchant.id`), a positive integer. */
  merchant_id?: number;
}
