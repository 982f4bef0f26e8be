import { z } from 'zod';
import { type Clean, MerchantRefSchema, openEnum } from './shared.js';

export const ORDER_STATUSES = [
  'ORDERED',
  'BILLED',
  'SHIPPED',
  'DELIVERED',
  'PICKED_UP',
  'COMPLETED',
  'RETURNED',
  'REFUNDED',
  'CANCELLED',
  'FAILED',
  'UNRECOGNIZED',
] as const;

export const PAYMENT_METHOD_TYPES = [
  'CARD',
  'APPLE_PAY',
  'GOOGLE_PAY',
  'AMAZON_PAY',
  'PAYPAL',
  'CASH_APP',
  'VENMO',
  'AFFIRM',
  'KLARNA',
  'GIFT_CARD',
  'CASH',
  'BANK_ACCOUNT',
  'LOYALTY_POINTS',
  'UNRECOGNIZED',
] as const;

export const ADJUSTMENT_TYPES = [
  'DISCOUNT',
  'TAX',
  'TIP',
  'FEE',
  'SHIPPING_FEE',
  'CANCELLATION_FEE',
  'REFUND',
  'UNRECOGNIZED',
] as const;

export const ELIGIBILITIES = ['FSA/HSA'] as const;

export const PaymentMethodSchema = z.looseObject({
  external_id: z.string().nullable(),
  type: openEnum(PAYMENT_METHOD_TYPES),
  brand: z.string().nullable(),
  last_four: z.string().nullable(),
  name: z.string().nullable(),
  transaction_amount: z.string().nullable(),
});

export const AdjustmentSchema = z.looseObject({
  type: openEnum(ADJUSTMENT_TYPES),
  label: z.string().nullable(),
  amount: z.string(),
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

export const AddressSchema = z.looseObject({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postal_code: z.string().nullable(),
  country: z.string(),
});

export const ShippingSchema = z.looseObject({
  location: z
    .looseObject({
      address: AddressSchema.nullable(),
      first_name: z.string().nullable(),
      last_name: z.string().nullable(),
    })
    .nullable(),
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

/** The wire answer of POST /transactions/sync. */
export const SyncResponseSchema = z.looseObject({
  merchant: MerchantRefSchema,
  transactions: z.array(TransactionSchema),
  next_cursor: z.string().nullable(),
  limit: z.number(),
});

export type OrderStatus = (typeof ORDER_STATUSES)[number] | (string & {});
export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number] | (string & {});
export type AdjustmentType = (typeof ADJUSTMENT_TYPES)[number] | (string & {});

export type Transaction = Clean<z.infer<typeof TransactionSchema>>;
export type PaymentMethod = Clean<z.infer<typeof PaymentMethodSchema>>;
export type Price = Clean<z.infer<typeof PriceSchema>>;
export type Adjustment = Clean<z.infer<typeof AdjustmentSchema>>;
export type Product = Clean<z.infer<typeof ProductSchema>>;
export type Shipping = Clean<z.infer<typeof ShippingSchema>>;
export type MerchantRef = Clean<z.infer<typeof MerchantRefSchema>>;
export type SyncResponse = Clean<z.infer<typeof SyncResponseSchema>>;

/** One page of a sync, as the SDK hands it over. */
export interface SyncPage extends SyncResponse {
  /** The cursor sent for this page (`null` for the first page of a first sync). */
  cursor: string | null;
  /** Where to resume after this page: `next_cursor`, or the cursor sent when that is `null`. */
  checkpoint: string | null;
}
