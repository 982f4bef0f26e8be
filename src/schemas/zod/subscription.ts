import { z } from 'zod';
import { BILLING_CYCLES, SUBSCRIPTION_STATUSES } from '../subscription.js';
import { pathSegmentId, TransactionIdSchema } from './params.js';
import { MerchantRefSchema, merchantId, nonEmptyString, openEnum } from './shared.js';

// Subscription Manager (knot-api.md §11.4). The field docs are on the interfaces in
// ../subscription.ts, which test/types proves equal to these.

export const SubscriptionSchema = z.looseObject({
  id: z.string(),
  external_id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  merchant: MerchantRefSchema,
  status: openEnum(SUBSCRIPTION_STATUSES),
  billing_cycle: openEnum(BILLING_CYCLES),
  price: z.looseObject({ total: z.string(), currency: z.string() }),
  next_billing_date: z.string().nullish(),
  last_billing_date: z.string().nullish(),
  start_date: z.string().nullish(),
  next_renewal_date: z.string().nullish(),
  expiration_date: z.string().nullish(),
  cancel_instructions: z.string().nullish(),
  is_paid: z.boolean().nullish(),
  is_family_plan: z.boolean().nullish(),
  is_cancellable: z.boolean().optional(),
});

export const SubscriptionPageSchema = z.looseObject({
  subscriptions: z.array(SubscriptionSchema),
  next_cursor: z.string().nullish(),
  limit: z.number().optional(),
});

export const SubscriptionListParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  cursor: nonEmptyString.nullish(),
  limit: z.number().int().min(1).max(100).default(100),
});

/**
 * The id of `subscriptions.get(id)`: checked as the field `id`, like a transaction id.
 *
 * @public
 */
export const SubscriptionIdSchema = TransactionIdSchema;

export const SubscriptionCancelParamsSchema = z.strictObject({
  external_user_id: nonEmptyString.optional(),
  merchant_id: merchantId.optional(),
});

/**
 * What `subscriptions.cancel(id, body)` hands the core: `id` fills the path, the body fields that
 * were given go in the JSON body.
 *
 * @public
 */
export const SubscriptionCancelRequestSchema = z
  .strictObject({ id: pathSegmentId, body: SubscriptionCancelParamsSchema.optional() })
  .transform(({ id, body }) => ({ ...body, id }));
