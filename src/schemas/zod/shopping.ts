/** Params of the Shopping endpoints (knot-api.md §11.6); the field docs are on ../shopping.ts. */
import { z } from 'zod';
import { CardholderSchema, PaymentCardSchema } from './card.js';
import { e164Phone, merchantId, nonEmptyString } from './shared.js';

const name = z.string().max(255, 'must not be greater than 255 characters');

const DeliveryAddressParamsSchema = z.strictObject({
  line1: nonEmptyString,
  line2: z.string().nullable().optional(),
  city: nonEmptyString,
  region: z.string().regex(/^([A-Z]{2}-)?[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 subdivision code, e.g. CA'),
  postal_code: nonEmptyString,
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. US'),
});

const DeliveryLocationParamsSchema = z.strictObject({
  address: DeliveryAddressParamsSchema,
  first_name: name.optional(),
  last_name: name.optional(),
  phone_number: e164Phone.optional(),
  set_as_default: z.boolean().optional(),
});

const SyncCartProductSchema = z.strictObject({
  external_id: nonEmptyString,
  fulfillment: z.strictObject({ id: nonEmptyString }).optional(),
});

// The ShoppingSimulation values (test/types proves the two equal).
const simulate = z.enum(['failed']).optional();

export const SyncCartParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  merchant_id: merchantId,
  products: z.array(SyncCartProductSchema).min(1, 'must list at least one product'),
  delivery_location: DeliveryLocationParamsSchema.optional(),
  simulate,
});

const CheckoutPaymentMethodSchema = z.strictObject({
  id: nonEmptyString.optional(),
  is_single_use: z.boolean().optional(),
  user: CardholderSchema,
  card: PaymentCardSchema,
});

export const CheckoutParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  merchant_id: merchantId,
  payment_method: CheckoutPaymentMethodSchema.optional(),
  simulate,
});

/** What `shopping.checkout` works with after validation. */
export type CheckoutParsed = z.output<typeof CheckoutParamsSchema>;
