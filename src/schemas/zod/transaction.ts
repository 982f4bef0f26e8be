import { z } from 'zod';
import { ELIGIBILITIES, ORDER_STATUSES, PAYMENT_METHOD_TYPES } from '../transaction.js';
import { AddressSchema, AdjustmentSchema, MerchantRefSchema, openEnum } from './shared.js';

// The field docs are on the interfaces in ../transaction.ts, which test/types proves equal to these.

export const PaymentMethodSchema = z.looseObject({
  external_id: z.string().nullable(),
  type: openEnum(PAYMENT_METHOD_TYPES),
  brand: z.string().nullable(),
  last_four: z.string().nullable(),
  name: z.string().nullable(),
  transaction_amount: z.string().nullable(),
});

export const PriceSchema = z.looseObject({
  sub_total: z.string().nullable(),
  // Older docs: nullable; newer: always an array. Kept exactly as sent.
  adjustments: z.array(AdjustmentSchema).nullable(),
  total: z.string(),
  currency: z.string().nullable(),
});

export const ProductPriceSchema = z.looseObject({
  sub_total: z.string().nullable(),
  total: z.string().nullable(),
  unit_price: z.string().nullable(),
});

export const SellerSchema = z.looseObject({
  name: z.string().nullable(),
  url: z.string().nullable(),
});

export const ProductSchema = z.looseObject({
  external_id: z.string().nullable(),
  name: z.string(),
  description: z.string().nullish(),
  url: z.string().nullable(),
  image_url: z.string().nullish(),
  quantity: z.number().nullable(),
  price: ProductPriceSchema.nullable(),
  seller: SellerSchema.nullish(),
  eligibility: z.array(openEnum(ELIGIBILITIES)).nullable(),
});

export const ShippingLocationSchema = z.looseObject({
  address: AddressSchema.nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
});

export const ShippingSchema = z.looseObject({
  location: ShippingLocationSchema.nullable(),
});

export const TransactionSchema = z.looseObject({
  id: z.string(),
  external_id: z.string().nullable(),
  datetime: z.string(),
  url: z.string().nullable(),
  order_status: openEnum(ORDER_STATUSES),
  shipping: ShippingSchema.nullish(),
  payment_methods: z.array(PaymentMethodSchema),
  price: PriceSchema,
  products: z.array(ProductSchema),
  loyalty: z.record(z.string(), z.unknown()).nullish(),
});

/** The wire answer of POST /transactions/sync; callers get a SyncPage (it adds `cursor` and `checkpoint`). */
export const SyncResponseSchema = z.looseObject({
  merchant: MerchantRefSchema,
  transactions: z.array(TransactionSchema),
  next_cursor: z.string().nullable(),
  limit: z.number(),
});
