/**
 * Transactions as `transactions.sync`, `transactions.syncPage` and `transactions.get` return them
 * (knot-api.md §3.6, §6). Money amounts are decimal strings (`"43.20"`), kept exactly as sent;
 * nullable fields stay `null`. Fields Knot adds later are kept at runtime but not typed.
 */
import type { MerchantRef } from './shared.js';

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

// The known values get an alias of their own, inlined by TypeDoc, so the docs list them instead of
// pointing at the (unexported) constant.
/** @inline */
type KnownOrderStatus = (typeof ORDER_STATUSES)[number];
/** @inline */
type KnownPaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];
/** @inline */
type KnownAdjustmentType = (typeof ADJUSTMENT_TYPES)[number];
/** @inline */
type KnownEligibility = (typeof ELIGIBILITIES)[number];

/**
 * Where an order stands at the merchant: `ORDERED`, `BILLED`, `SHIPPED`, `DELIVERED`, `PICKED_UP`,
 * `COMPLETED`, `RETURNED`, `REFUNDED`, `CANCELLED`, `FAILED`, or `UNRECOGNIZED` (Knot could not map
 * the merchant's status). Open: a status Knot adds later arrives as a plain string, so a `switch`
 * over it needs a `default` branch.
 */
export type OrderStatus = KnownOrderStatus | (string & {});
/**
 * How (part of) an order was paid, e.g. `CARD`, `APPLE_PAY`, `PAYPAL`, `GIFT_CARD`, or
 * `UNRECOGNIZED`. Open: a value Knot adds later arrives as a plain string.
 */
export type PaymentMethodType = KnownPaymentMethodType | (string & {});
/**
 * What a price adjustment is: `DISCOUNT`, `TAX`, `TIP`, `FEE` (older payloads: `SHIPPING_FEE`,
 * `CANCELLATION_FEE`), `REFUND`, or `UNRECOGNIZED`. Open: a value Knot adds later arrives as a plain
 * string.
 */
export type AdjustmentType = KnownAdjustmentType | (string & {});
/**
 * A spending programme a product qualifies for: `FSA/HSA` (payable from a flexible spending or health
 * savings account). Open: a value Knot adds later arrives as a plain string.
 */
export type Eligibility = KnownEligibility | (string & {});

/**
 * One order at a merchant, with SKU-level products, as `transactions.sync` and `transactions.get`
 * return it. `id` is Knot's and stable: upsert on it (sync may deliver a transaction twice). Money
 * amounts are decimal strings (`"43.20"`), kept exactly as sent; nullable fields stay `null`.
 * Fields Knot adds later are kept at runtime but not typed.
 */
export interface Transaction {
  /** Knot's id for the transaction (a UUID), stable across updates: the key to upsert on. */
  id: string;
  /** The merchant's own order id; `null` when the merchant shows none. */
  external_id: string | null;
  /**
   * When the order was placed: ISO 8601 with offset, e.g. `2024-11-10T00:00:00+00:00`. Knot returns
   * transactions in no particular order: sort on this yourself.
   */
  datetime: string;
  /** The order's page at the merchant; `null` when there is none. */
  url: string | null;
  /** Where the order stands, e.g. `SHIPPED` or `DELIVERED`; see {@link OrderStatus}. */
  order_status: OrderStatus;
  /** Where the order went; `null` (or absent, in older payloads) for digital and in-store orders. */
  shipping?: Shipping | null;
  /** How the order was paid: one entry per method, several for a split payment; may be empty. */
  payment_methods: PaymentMethod[];
  /** The order's amounts (decimal strings): sub-total, adjustments, total and currency. */
  price: Price;
  /** The products (SKUs) of the order. */
  products: Product[];
  /**
   * The account's loyalty membership at the merchant (not necessarily tied to this order), as sent;
   * `null` or absent when it has none. Its fields are not documented, so they are not typed.
   */
  loyalty?: Record<string, unknown> | null;
}

/**
 * One way an order was paid; several when the payment was split (`transaction_amount` then says how
 * much each one paid).
 */
export interface PaymentMethod {
  /** The merchant's id for this payment method; `null` when it has none. */
  external_id: string | null;
  /** The kind of method, e.g. `CARD` or `PAYPAL`; see {@link PaymentMethodType}. */
  type: PaymentMethodType;
  /** The card network or store-card name, e.g. `VISA`; `null` when unknown or not a card. */
  brand: string | null;
  /** The last four digits of the card; `null` when unknown or not a card. */
  last_four: string | null;
  /** The user's label for the method at the merchant; may be `""` or `null`. */
  name: string | null;
  /** The part of the order paid with this method (decimal string), for split payments; `null` when not given. */
  transaction_amount: string | null;
}

/**
 * The amounts of an order, as decimal strings. `adjustments` is `null` when the merchant gave none
 * (older payloads), kept as sent.
 */
export interface Price {
  /** The items before adjustments (decimal string, e.g. `"12.56"`); `null` when unknown. */
  sub_total: string | null;
  /** Taxes, discounts, tips, fees and refunds applied to the order; `null` in some (older) payloads. */
  adjustments: Adjustment[] | null;
  /** The amount charged (decimal string, e.g. `"16.23"`). */
  total: string;
  /** ISO 4217 currency code, e.g. `USD`; `null` when unknown. */
  currency: string | null;
}

/** A line of `price.adjustments`: a positive `amount` raises the total, a negative one lowers it. */
export interface Adjustment {
  /** What the adjustment is, e.g. `TAX` or `DISCOUNT`; see {@link AdjustmentType}. */
  type: AdjustmentType;
  /** The merchant's own label, e.g. `NYC local sales tax`; `null` when it gives none. */
  label: string | null;
  /** Decimal string; positive raises the total, negative lowers it (e.g. `"-4.37"` for a discount). */
  amount: string;
}

/** One product (SKU) of an order. `seller` is `null` when the merchant itself sold it. */
export interface Product {
  /** The merchant's SKU or product id; very rarely `null`. */
  external_id: string | null;
  /** The product's name as the merchant shows it. */
  name: string;
  /** The merchant's description of the product; may be `""`, `null`, or absent in older payloads. */
  description?: string | null;
  /** The product's page at the merchant; `null` when there is none. */
  url: string | null;
  /** URL of the product's image; `null` or absent (older payloads) when there is none. */
  image_url?: string | null;
  /** How many were ordered; `null` when the merchant does not say. */
  quantity: number | null;
  /** The product's amounts (decimal strings); `null` when the merchant gives none. */
  price: ProductPrice | null;
  /** The marketplace seller or restaurant; `null` (or absent, in older payloads) when the merchant itself sold it. */
  seller?: Seller | null;
  /** Spending programmes the product qualifies for, e.g. `FSA/HSA`; may be `[]`, `null` in older payloads. */
  eligibility: Eligibility[] | null;
}

/** The amounts of one product line, as decimal strings; each may be `null`. */
export interface ProductPrice {
  /** The line before adjustments (`unit_price` × quantity), decimal string; `null` when unknown. */
  sub_total: string | null;
  /** The line's final amount, decimal string; `null` when unknown. */
  total: string | null;
  /** The price of one unit, decimal string; `null` when unknown. */
  unit_price: string | null;
}

/** Who sold a product on a marketplace (or which restaurant made it). */
export interface Seller {
  /** The seller's name; `null` when unknown. */
  name: string | null;
  /** The seller's page; `null` when unknown. */
  url: string | null;
}

/** Where an order was shipped; a transaction's `shipping` is `null` for digital or in-store orders. */
export interface Shipping {
  /** The delivery address and recipient; `null` when the merchant gives none. */
  location: ShippingLocation | null;
}

/** The recipient and address of a shipment. */
export interface ShippingLocation {
  /** The delivery address; `null` when the merchant gives none. */
  address: Address | null;
  /** The recipient's first name; `null` when unknown. */
  first_name: string | null;
  /** The recipient's last name; `null` when unknown. */
  last_name: string | null;
}

/** A postal address. Every line but `country` may be `null`. */
export interface Address {
  /** Street and number; `null` when unknown. */
  line1: string | null;
  /** Apartment, floor or suite; `null` when none. */
  line2: string | null;
  /** The city; `null` when unknown. */
  city: string | null;
  /** ISO 3166-2 subdivision code, e.g. `CA`; `null` when unknown. */
  region: string | null;
  /** The postal or ZIP code; `null` when unknown. */
  postal_code: string | null;
  /** ISO 3166-1 alpha-2 country code, e.g. `US`. */
  country: string;
}

/**
 * One page of a transaction sync, as `transactions.syncPage` returns it and `sync().pages()` yields
 * it: Knot's answer plus the cursor that was sent and the cursor to store.
 *
 * Store `checkpoint`, not `next_cursor`: the last page of a sync has a `null` `next_cursor`, and
 * storing that would make the next sync download the whole history again.
 */
export interface SyncPage {
  /** The merchant of every transaction of the page (transactions do not carry it themselves). */
  merchant: MerchantRef;
  /** The page's transactions, in no particular order; may be empty even when more pages follow. */
  transactions: Transaction[];
  /**
   * Knot's cursor for the next page: a string while more pages follow, `null` when there is nothing
   * more for now (a blank string counts as `null`). Store {@link SyncPage.checkpoint}, never this.
   */
  next_cursor: string | null;
  /** The page size Knot applied (1 to 100). */
  limit: number;
  /** The cursor sent for this page: `null` for the first page of a first sync. */
  cursor: string | null;
  /**
   * Where to resume after this page: `next_cursor`, or the cursor sent when that is `null` or blank.
   * `null` only while nothing has been synced at all.
   */
  checkpoint: string | null;
}

/**
 * The wire page of `POST /transactions/sync`; callers get a {@link SyncPage}.
 *
 * @internal
 */
export type SyncResponse = Omit<SyncPage, 'cursor' | 'checkpoint'>;
