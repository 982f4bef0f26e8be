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
  /** The merchant's id for this payment method. */
  external_id: z.string().nullable(),
  type: openEnum(PAYMENT_METHOD_TYPES),
  /** Card network or store-card name, e.g. `VISA`. */
  brand: z.string().nullable(),
  last_four: z.string().nullable(),
  /** The user's label for the method; may be `""`. */
  name: z.string().nullable(),
  /** The part of the order paid with this method (decimal string), for split payments. */
  transaction_amount: z.string().nullable(),
});

export const AdjustmentSchema = z.looseObject({
  type: openEnum(ADJUSTMENT_TYPES),
  /** The merchant's own label, e.g. `NYC local sales tax`. */
  label: z.string().nullable(),
  /** Decimal string; negative for a discount or refund, e.g. `"-4.37"`. */
  amount: z.string(),
});

export const PriceSchema = z.looseObject({
  /** The items before adjustments (decimal string). */
  sub_total: z.string().nullable(),
  // Older docs: nullable; newer: always an array. Kept exactly as sent.
  /** Taxes, discounts, tips and fees; `null` in some (older) payloads. */
  adjustments: z.array(AdjustmentSchema).nullable(),
  /** The amount charged (decimal string). */
  total: z.string(),
  /** ISO 4217 code, e.g. `USD`. */
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
  /** The merchant's SKU or product id. */
  external_id: z.string().nullable(),
  name: z.string(),
  description: z.string().nullish(),
  /** The product page at the merchant. */
  url: z.string().nullable(),
  image_url: z.string().nullish(),
  quantity: z.number().nullable(),
  /** Decimal strings: `sub_total`, `total` and `unit_price`, each possibly `null`. */
  price: ProductPriceSchema.nullable(),
  /** The marketplace seller or restaurant; `null` when the merchant itself sold the product. */
  seller: SellerSchema.nullish(),
  /** Spending programmes the product qualifies for, e.g. `FSA/HSA`. */
  eligibility: z.array(openEnum(ELIGIBILITIES)).nullable(),
});

export const AddressSchema = z.looseObject({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  /** ISO 3166-2 subdivision, e.g. `CA`. */
  region: z.string().nullable(),
  postal_code: z.string().nullable(),
  /** ISO 3166-1 alpha-2, e.g. `US`. */
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
  /** Knot's id (a UUID): the key to upsert on. */
  id: z.string(),
  /** The merchant's order id. */
  external_id: z.string().nullable(),
  /** ISO 8601 with offset, e.g. `2024-11-10T00:00:00+00:00`. Knot returns transactions in no particular order. */
  datetime: z.string(),
  /** The order page at the merchant. */
  url: z.string().nullable(),
  order_status: openEnum(ORDER_STATUSES),
  /** `null` (or absent, in older payloads) for digital and in-store orders. See {@link Shipping}. */
  shipping: ShippingSchema.nullish(),
  /** See {@link PaymentMethod}. */
  payment_methods: z.array(PaymentMethodSchema),
  /** See {@link Price}. */
  price: PriceSchema,
  /** See {@link Product}. */
  products: z.array(ProductSchema),
  /** The account's loyalty membership (not necessarily tied to this order); `null` when it has none. Not typed further. */
  loyalty: z.record(z.string(), z.unknown()).nullish(),
});

/** The wire answer of POST /transactions/sync. */
export const SyncResponseSchema = z.looseObject({
  /** The merchant of every transaction of the page (transactions do not carry it). */
  merchant: MerchantRefSchema,
  /** May be empty even when `next_cursor` is not `null`. */
  transactions: z.array(TransactionSchema),
  /** Non-null: more pages follow. `null`: nothing more for now (store `checkpoint`, not this). */
  next_cursor: z.string().nullable(),
  /** The page size Knot applied. */
  limit: z.number(),
});

// The known values get an alias of their own, inlined by TypeDoc, so the docs list them instead of
// pointing at the (unexported) constant.
/** @inline */
type KnownOrderStatus = (typeof ORDER_STATUSES)[number];
/** @inline */
type KnownPaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];
/** @inline */
type KnownAdjustmentType = (typeof ADJUSTMENT_TYPES)[number];

/**
 * Where an order stands at the merchant. Open: a status Knot adds later arrives as a plain string,
 * so a `switch` over it needs a `default` branch.
 */
export type OrderStatus = KnownOrderStatus | (string & {});
/** How (part of) an order was paid. Open: a value Knot adds later arrives as a plain string. */
export type PaymentMethodType = KnownPaymentMethodType | (string & {});
/**
 * What a price adjustment is (discount, tax, tip, fee, refund...). Open: a value Knot adds later
 * arrives as a plain string.
 */
export type AdjustmentType = KnownAdjustmentType | (string & {});

// Each exported wire type maps over its `...Shape` instead of aliasing it: the mapped copy is a type
// of its own, so editors and the API docs name it (`KnotPromise<Transaction>`) rather than spell
// out every field. The shape is the same.
type TransactionShape = Clean<z.infer<typeof TransactionSchema>>;
/**
 * One order at a merchant, with SKU-level products, as `transactions.sync` and `transactions.get`
 * return it. `id` is Knot's and stable: upsert on it (sync may deliver a transaction twice). Money
 * amounts are decimal strings (`"43.20"`), kept exactly as sent; nullable fields stay `null`.
 * Fields Knot adds later are kept at runtime but not typed.
 *
 * @interface
 */
export type Transaction = { [K in keyof TransactionShape]: TransactionShape[K] };

type PaymentMethodShape = Clean<z.infer<typeof PaymentMethodSchema>>;
/**
 * One way an order was paid; several when the payment was split (`transaction_amount` then says how
 * much each one paid).
 *
 * @interface
 */
export type PaymentMethod = { [K in keyof PaymentMethodShape]: PaymentMethodShape[K] };

type PriceShape = Clean<z.infer<typeof PriceSchema>>;
/**
 * The amounts of an order, as decimal strings. `adjustments` is `null` when the merchant gave none
 * (older payloads), kept as sent.
 *
 * @interface
 */
export type Price = { [K in keyof PriceShape]: PriceShape[K] };

type AdjustmentShape = Clean<z.infer<typeof AdjustmentSchema>>;
/**
 * A line of `price.adjustments`: a positive `amount` raises the total, a negative one lowers it.
 *
 * @interface
 */
export type Adjustment = { [K in keyof AdjustmentShape]: AdjustmentShape[K] };

type ProductShape = Clean<z.infer<typeof ProductSchema>>;
/**
 * One product (SKU) of an order. `seller` is `null` when the merchant itself sold it.
 *
 * @interface
 */
export type Product = { [K in keyof ProductShape]: ProductShape[K] };

type ShippingShape = Clean<z.infer<typeof ShippingSchema>>;
/**
 * Where an order was shipped; a transaction's `shipping` is `null` for digital or in-store orders.
 *
 * @interface
 */
export type Shipping = { [K in keyof ShippingShape]: ShippingShape[K] };

type MerchantRefShape = Clean<z.infer<typeof MerchantRefSchema>>;
/**
 * The merchant as embedded in a sync page, a merchant account and webhooks. `id` is the same in
 * every environment.
 *
 * @interface
 */
export type MerchantRef = { [K in keyof MerchantRefShape]: MerchantRefShape[K] };
/**
 * The wire page; callers get a {@link SyncPage}.
 *
 * @internal
 */
export type SyncResponse = Clean<z.infer<typeof SyncResponseSchema>>;

/**
 * One page of a transaction sync, as `transactions.syncPage` returns it and `sync().pages()` yields
 * it: Knot's answer plus the cursor that was sent and the cursor to store.
 *
 * Store `checkpoint`, not `next_cursor`: the last page of a sync has a `null` `next_cursor`, and
 * storing that would make the next sync download the whole history again.
 */
export interface SyncPage extends SyncResponse {
  /** The cursor sent for this page (`null` for the first page of a first sync). */
  cursor: string | null;
  /** Where to resume after this page: `next_cursor`, or the cursor sent when that is `null` or blank. */
  checkpoint: string | null;
}
