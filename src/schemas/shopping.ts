/**
 * Params of the Shopping endpoints (knot-api.md §11.6): `POST /cart` (sync cart) and
 * `POST /cart/checkout`. Types only: the zod schemas are in ./zod/shopping.ts, and
 * test/types/wire-types.test-d.ts proves each interface equal to its schema's input.
 *
 * Strict, as every params type: unknown keys are refused and each documented limit is checked before
 * anything is sent.
 */
import type { Cardholder, PaymentCard } from './card.js';

/**
 * A development-only outcome to simulate: `failed` makes Knot answer 202 and then send the failure
 * webhook (`SYNC_CART_FAILED` or `CHECKOUT_FAILED`). Refused with a `KnotValidationError`, nothing
 * sent, when the client points at Knot's production host.
 */
export type ShoppingSimulation = 'failed';

/**
 * Params of `shopping.syncCart` (`POST /cart`): products to add to the user's cart at a merchant,
 * and optionally where to deliver. Repeating the call changes the cart like a patch: products are
 * added (or their fulfillment changed), a new `delivery_location` replaces the old one.
 */
export interface SyncCartParams {
  /** Your id for the user (non-empty), as given to `sessions.create`. */
  external_user_id: string;
  /** The merchant's id: a positive integer (a merchant of `merchants.list({ type: 'shopping' })`). */
  merchant_id: number;
  /** The products to add: at least one. */
  products: SyncCartProduct[];
  /** Where to deliver the order; without one, the merchant account's own address is used, if it has one. */
  delivery_location?: DeliveryLocationParams;
  /** Development only: `failed` simulates a failed sync (`SYNC_CART_FAILED`). Refused against production. */
  simulate?: ShoppingSimulation;
}

/** A product to add to the cart. */
export interface SyncCartProduct {
  /** The merchant's id for the product (non-empty); its format varies by merchant, e.g. `3324893784`. */
  external_id: string;
  /** The fulfillment to select: one of the ids `SYNC_CART_SUCCEEDED` listed for the product. */
  fulfillment?: FulfillmentChoice;
}

/** Selects a fulfillment option of a cart product. */
export interface FulfillmentChoice {
  /** A fulfillment `id` from `SYNC_CART_SUCCEEDED` (the selected one or one of its `options`); non-empty. */
  id: string;
}

/** Where a cart is delivered, as sent to `POST /cart`. */
export interface DeliveryLocationParams {
  /** The delivery address. */
  address: DeliveryAddressParams;
  /** The recipient's first name, at most 255 characters. */
  first_name?: string;
  /** The recipient's last name, at most 255 characters. */
  last_name?: string;
  /** The recipient's phone number in E.164 form, e.g. `+11234567890`. */
  phone_number?: string;
  /** Also make this the default address of the user's merchant account. */
  set_as_default?: boolean;
}

/** A delivery address, as sent to `POST /cart`. */
export interface DeliveryAddressParams {
  /** Street address (non-empty), e.g. `123 Main St`. */
  line1: string;
  /** Apartment, suite, floor; may be `null`. */
  line2?: string | null;
  /** City (non-empty). */
  city: string;
  /** ISO 3166-2 subdivision code, e.g. `CA` (the country-prefixed `US-CA` is accepted too). */
  region: string;
  /** Postal code (non-empty), e.g. `94105`. */
  postal_code: string;
  /** ISO 3166-1 alpha-2 country code, upper case, e.g. `US`. */
  country: string;
}

/**
 * Params of `shopping.checkout` (`POST /cart/checkout`): check out the user's cart at the merchant.
 * Without `payment_method`, the merchant account's own payment method pays.
 */
export interface CheckoutParams {
  /** Your id for the user (non-empty), as given to `sessions.create`. */
  external_user_id: string;
  /** The merchant's id: a positive integer, the merchant of the synced cart. */
  merchant_id: number;
  /**
   * The card to pay with, as plain cardholder and card objects: the SDK checks them (knot-api.md
   * §11.3.2) and sends them only encrypted, as `payment_method.jwe`, exactly as `cards.switch` does.
   */
  payment_method?: CheckoutPaymentMethod;
  /** Development only: `failed` simulates a failed checkout (`CHECKOUT_FAILED`). Refused against production. */
  simulate?: ShoppingSimulation;
}

/**
 * The card a checkout pays with. On the wire it is `{ id, is_single_use, jwe }` (each field only when
 * given): `user` and `card` leave the process only inside the JWE.
 */
export interface CheckoutPaymentMethod {
  /** Your own id for this payment method (non-empty), e.g. `81n9al10a0ayn13`. */
  id?: string;
  /** Whether the card may be used for this one order only (e.g. a single-use virtual card). */
  is_single_use?: boolean;
  /** The cardholder: name, billing address, phone number. */
  user: Cardholder;
  /** The card: number, expiration, CVV. */
  card: PaymentCard;
}
