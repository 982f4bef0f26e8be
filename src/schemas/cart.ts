/**
 * A Shopping cart as Knot reports it in `SYNC_CART_SUCCEEDED` (knot-api.md §11.6.3). Types only: the
 * zod schema is in ./zod/cart.ts.
 *
 * Fields the docs show in only some places are optional, so a cart Knot reports a little
 * differently still arrives (a webhook refused with 400 is retried twice, then dropped).
 */
import type { Address, Adjustment } from './transaction.js';

export const FULFILLMENT_TYPES = ['UNSCHEDULED_DELIVERY', 'SCHEDULED_DELIVERY'] as const;

/** @inline */
type KnownFulfillmentType = (typeof FULFILLMENT_TYPES)[number];

/**
 * How a product is fulfilled: `UNSCHEDULED_DELIVERY` (shipped without a window) or
 * `SCHEDULED_DELIVERY` (delivered in a window). Open: a value Knot adds later arrives as a plain
 * string.
 */
export type FulfillmentType = KnownFulfillmentType | (string & {});

/** The merchant's cart after a sync: its products, where it goes, and what it costs. */
export interface Cart {
  /** The products in the cart, each with its selected fulfillment and the alternatives. */
  products?: CartProduct[];
  /** Where the order will be delivered; `null` when none is set. */
  delivery_location?: DeliveryLocation | null;
  /** The cart's price: subtotal, adjustments (tax, fees...) and total. */
  price?: CartPrice;
}

/** One product of a {@link Cart}. */
export interface CartProduct {
  /** The merchant's product id, as you gave it to `POST /cart`. */
  external_id: string;
  /** The fulfillment selected for the product; `options` lists the ones it can change to. */
  fulfillment?: SelectedFulfillment;
}

/** One way to fulfil a product (a delivery option). */
export interface Fulfillment {
  /** The option's id (opaque): pass it to change the product's fulfillment. */
  id: string;
  /** `UNSCHEDULED_DELIVERY` or `SCHEDULED_DELIVERY`; see {@link FulfillmentType}. */
  type: FulfillmentType;
  /** The merchant's wording, e.g. `Express delivery`. */
  label?: string | null;
  /**
   * Start of the delivery window (`SCHEDULED_DELIVERY`) or the delivery date (`UNSCHEDULED_DELIVERY`).
   * A raw string: Knot's examples are not valid ISO 8601. Note the camelCase key, as Knot sends it.
   */
  availabilityStart?: string | null;
  /** End of the delivery window; equals `availabilityStart` for `UNSCHEDULED_DELIVERY`. A raw string. */
  availabilityEnd?: string | null;
  /** What the option costs; included in the cart's `price.total`, not listed in its `adjustments`. */
  price?: FulfillmentPrice;
}

/** The fulfillment selected for a {@link CartProduct}, with the alternatives. */
export interface SelectedFulfillment extends Fulfillment {
  /** The options the product's fulfillment can change to (the selected one included). */
  options?: Fulfillment[];
}

/** The price of a {@link Fulfillment} option. */
export interface FulfillmentPrice {
  /** Decimal string, e.g. `"0.00"`. */
  total: string;
  /** ISO 4217 currency code, e.g. `USD`. */
  currency: string;
}

/** Where a {@link Cart} is delivered. */
export interface DeliveryLocation {
  /** The delivery address; `null` when unknown. */
  address?: Address | null;
  /** The recipient's first name (at most 255 characters); `null` when not set. */
  first_name?: string | null;
  /** The recipient's last name (at most 255 characters); `null` when not set. */
  last_name?: string | null;
  /** The recipient's phone number in E.164 form, e.g. `+11234567890`; `null` when not set. */
  phone_number?: string | null;
}

/** The price of a {@link Cart}. */
export interface CartPrice {
  /** Decimal string: the products before adjustments; `null` when unknown. */
  sub_total?: string | null;
  /** Taxes, fees, tips, discounts...; fulfillment prices are not listed here. */
  adjustments?: Adjustment[] | null;
  /** Decimal string: what the order costs, fulfillment included. */
  total?: string;
  /** ISO 4217 currency code, e.g. `USD`. */
  currency?: string | null;
}
