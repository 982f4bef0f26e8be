/**
 * The fake's Shopping (knot-api.md §11.6): one cart per linked merchant account, `POST /cart`
 * patching it and `POST /cart/checkout` turning it into an order, each answered 202 with the outcome
 * sent as a webhook at once (Knot takes seconds; tests should not).
 *
 * What the fake decides where Knot's pages are silent (docs/shopping.md names it too):
 * - Both calls need a linked, connected account: otherwise Knot's account errors, as for a sync.
 * - Products and their fulfillment options are invented from the product id, the same for one seed:
 *   a free standard delivery (selected) and a paid express one.
 * - An unknown `fulfillment.id` is 400 `FULFILLMENT_NOT_FOUND`; checkout without a cart is 400
 *   `CART_NOT_FOUND` (not-found codes as 400, §11.12 open question 3).
 * - `simulate: 'failed'` answers 202 and sends the failure event; the cart is left as it was.
 * - Checkout without a delivery location (none sent, none on the account) answers 202 and sends
 *   CHECKOUT_FAILED: the order cannot be delivered. A `payment_method` JWE is decrypted with the
 *   key `GET /jwe/key` serves and checked like a card switch (400 `INVALID_JWE`); without one the
 *   account's own payment method pays. A placed order becomes one new transaction of the account,
 *   whose id CHECKOUT_SUCCEEDED carries, and the cart is emptied.
 */
import type { OpenedCardJwe } from '../card-keys.js';
import type { AccountState, MockState } from '../state.js';
import type { CatalogueMerchant } from '../catalogue.js';
import type { MockProduct } from '../engine.js';
import { knotErrors, MockKnotError } from '../errors.js';
import { isoDatetime } from '../generate.js';
import { formatCents, parseCents } from '../money.js';
import { hash32 } from '../prng.js';
import { type Fields, oneOf, optionalBoolean, optionalString, requiredString } from '../validate.js';

/** What the flow needs from the engine. */
export interface ShoppingHost {
  readonly state: MockState;
  now(): number;
  requireProduct(product: MockProduct): void;
  /** The linked account a request names, or Knot's account error. */
  account(fields: Fields): AccountState;
  send(payload: Record<string, unknown>): void;
  /** Decrypts and checks a card JWE with the fake's key (the one `GET /jwe/key` serves). */
  openCardJwe(jwe: unknown): Promise<OpenedCardJwe>;
}

/**
 * An order the fake placed on `POST /cart/checkout`, as `mock.checkouts()` lists it: the card only
 * as a receipt shows it (last four digits), never its number or CVV.
 *
 * @example
 * ```ts
 * const [order] = mock.checkouts();
 * expect(order).toMatchObject({ merchant_id: 45, payment_method: { id: 'pm-1', last4: '4242' } });
 * ```
 */
export interface MockCheckout {
  /** The user who checked out. */
  external_user_id: string;
  /** The merchant the order was placed at. */
  merchant_id: number;
  /** The transaction ids CHECKOUT_SUCCEEDED carried: `knot.transactions.get(id)` finds each. */
  transaction_ids: string[];
  /** The products ordered, by the merchant's product id. */
  products: string[];
  /** What the cart cost, a decimal string such as `"16.23"`. */
  total: string;
  /** The card sent as `payment_method` (decrypted by the fake), or `null` for the account's own. */
  payment_method: { id: string | null; is_single_use: boolean | null; last4: string; expiration: string } | null;
}

interface FulfillmentOption {
  id: string;
  type: 'UNSCHEDULED_DELIVERY' | 'SCHEDULED_DELIVERY';
  label: string;
  availabilityStart: string;
  availabilityEnd: string;
  price: { total: string; currency: string };
}

interface CartLine {
  externalId: string;
  cents: number;
  options: FulfillmentOption[];
  selected: FulfillmentOption;
}

interface DeliveryLocation {
  address: { line1: string; line2: string | null; city: string; region: string; postal_code: string; country: string };
  first_name: string | null;
  last_name: string | null;
  phone_number: string | null;
}

interface ShoppingAccount {
  lines: CartLine[];
  delivery: DeliveryLocation | null;
  /** The merchant account's own address (`set_as_default`): a later cart starts with it. */
  defaultDelivery: DeliveryLocation | null;
}

const TAX_BASIS_POINTS = 825;
const EXPRESS_CENTS = 599;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SHOPPING_FAILURES = { syncCart: 'product out of stock', checkout: 'card declined' } as const;

/** A 64-hex id like Knot's fulfillment ids, the same for the same parts. */
function hexId(...parts: ReadonlyArray<string | number>): string {
  return Array.from({ length: 8 }, (_, i) => hash32(...parts, i).toString(16).padStart(8, '0')).join('');
}

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

export class ShoppingFlow {
  // Keyed by the account object: unlinking (or deleting the user) forgets the cart with it.
  private readonly accounts = new WeakMap<AccountState, ShoppingAccount>();
  /** Orders placed, oldest first. */
  readonly checkouts: MockCheckout[] = [];

  constructor(
    private readonly host: ShoppingHost,
    private readonly seed: number,
  ) {}

  /** `POST /cart`: validates like Knot, patches the cart, sends SYNC_CART_SUCCEEDED or _FAILED. */
  syncCart(body: Fields): { message: string } {
    this.host.requireProduct('shopping');
    const products = readProducts(body.products);
    const delivery = body.delivery_location === undefined || body.delivery_location === null ? undefined : readDelivery(body.delivery_location);
    const simulate = oneOf(body, 'simulate', ['failed'] as const);
    const account = this.connected(body);
    const shopping = this.shoppingOf(account);

    if (simulate === 'failed') {
      this.notify('SYNC_CART_FAILED', account, { reason: SHOPPING_FAILURES.syncCart });
      return { message: 'Success' };
    }
    // Every fulfillment id is checked before anything changes: a refused request leaves the cart as it was.
    const lines = products.map(({ externalId, fulfillmentId }) => {
      const line = shopping.lines.find((l) => l.externalId === externalId) ?? this.newLine(account.merchant, externalId);
      if (fulfillmentId === undefined) return line;
      const selected = line.options.find((o) => o.id === fulfillmentId);
      if (!selected) throw knotErrors.fulfillmentNotFound();
      return { ...line, selected };
    });
    for (const line of lines) {
      const at = shopping.lines.findIndex((l) => l.externalId === line.externalId);
      if (at >= 0) shopping.lines[at] = line;
      else shopping.lines.push(line);
    }
    if (delivery) {
      shopping.delivery = delivery.location;
      if (delivery.setAsDefault) shopping.defaultDelivery = delivery.location;
    }
    this.notify('SYNC_CART_SUCCEEDED', account, { cart: cartView(shopping) }, true);
    return { message: 'Success' };
  }

  /**
   * `POST /cart/checkout`: validates like Knot, opens the payment card JWE if any, then places the
   * order (CHECKOUT_SUCCEEDED with its transaction id) or reports why not (CHECKOUT_FAILED).
   */
  async checkout(body: Fields): Promise<{ message: string }> {
    this.host.requireProduct('shopping');
    const payment = body.payment_method === undefined || body.payment_method === null ? undefined : readPayment(body.payment_method);
    const simulate = oneOf(body, 'simulate', ['failed'] as const);
    const account = this.connected(body);
    const shopping = this.accounts.get(account);
    if (!shopping || shopping.lines.length === 0) throw knotErrors.cartNotFound();
    let card: MockCheckout['payment_method'] = null;
    if (payment) {
      const opened = await this.host.openCardJwe(payment.jwe);
      if (!opened.ok) throw new MockKnotError(400, { error_type: 'INVALID_REQUEST', error_code: 'INVALID_JWE', error_message: opened.message });
      const { number, expiration } = opened.payload.card;
      card = { id: payment.id ?? null, is_single_use: payment.isSingleUse ?? null, last4: number.slice(-4), expiration };
    }

    if (simulate === 'failed') {
      this.notify('CHECKOUT_FAILED', account, { reason: SHOPPING_FAILURES.checkout });
      return { message: 'Success' };
    }
    const cart = cartView(shopping);
    if (!cart.delivery_location) {
      this.notify('CHECKOUT_FAILED', account, { reason: 'no delivery address: sync the cart with a delivery_location' });
      return { message: 'Success' };
    }
    this.host.state.addTransactions(account, 1, this.host.now(), false);
    const transactionIds = [this.host.state.transactionAt(account, account.count - 1).id];
    this.checkouts.push({
      external_user_id: account.user,
      merchant_id: account.merchant.id,
      transaction_ids: transactionIds,
      products: shopping.lines.map((line) => line.externalId),
      total: cart.price.total,
      payment_method: card,
    });
    shopping.lines = [];
    shopping.delivery = null;
    this.notify('CHECKOUT_SUCCEEDED', account, { transactions: transactionIds.map((id) => ({ id })) });
    return { message: 'Success' };
  }

  /** The account, which must be connected: Knot cannot act on a disconnected one. */
  private connected(fields: Fields): AccountState {
    const account = this.host.account(fields);
    if (account.status === 'disconnected') throw knotErrors.accountDisconnected();
    return account;
  }

  private shoppingOf(account: AccountState): ShoppingAccount {
    let shopping = this.accounts.get(account);
    if (!shopping) {
      shopping = { lines: [], delivery: null, defaultDelivery: null };
      this.accounts.set(account, shopping);
    }
    return shopping;
  }

  private newLine(merchant: CatalogueMerchant, externalId: string): CartLine {
    const now = this.host.now();
    const standardDay = isoDatetime(Math.floor(now / DAY) * DAY + 5 * DAY + 17 * HOUR);
    const windowStart = Math.floor(now / DAY) * DAY + DAY + 15 * HOUR;
    const standard: FulfillmentOption = {
      id: hexId(this.seed, merchant.id, externalId, 'standard'),
      type: 'UNSCHEDULED_DELIVERY',
      label: 'Standard delivery',
      availabilityStart: standardDay,
      availabilityEnd: standardDay,
      price: { total: '0.00', currency: 'USD' },
    };
    const express: FulfillmentOption = {
      id: hexId(this.seed, merchant.id, externalId, 'express'),
      type: 'SCHEDULED_DELIVERY',
      label: 'Express delivery',
      availabilityStart: isoDatetime(windowStart),
      availabilityEnd: isoDatetime(windowStart + 2 * HOUR),
      price: { total: formatCents(EXPRESS_CENTS), currency: 'USD' },
    };
    const cents = 199 + (hash32(this.seed, merchant.id, externalId, 'price') % 9_800);
    return { externalId, cents, options: [standard, express], selected: standard };
  }

  private notify(event: string, account: AccountState, data: Record<string, unknown>, stringTimestamp = false): void {
    const { id, name, logo } = account.merchant;
    this.host.send({
      event,
      external_user_id: account.user,
      merchant: { id, name, logo },
      data,
      // Knot's SYNC_CART_SUCCEEDED example carries the timestamp as a numeric string (§11.12 #2).
      timestamp: stringTimestamp ? String(this.host.now()) : this.host.now(),
    });
  }
}

/** The cart as SYNC_CART_SUCCEEDED shows it (knot-api.md §11.6.3). */
function cartView(shopping: ShoppingAccount) {
  const subTotal = shopping.lines.reduce((sum, line) => sum + line.cents, 0);
  const delivery = shopping.lines.reduce((sum, line) => sum + parseCents(line.selected.price.total), 0);
  const tax = Math.round((subTotal * TAX_BASIS_POINTS) / 10_000);
  return {
    products: shopping.lines.map((line) => ({ external_id: line.externalId, fulfillment: { ...line.selected, options: line.options } })),
    delivery_location: shopping.delivery ?? shopping.defaultDelivery,
    price: {
      sub_total: formatCents(subTotal),
      adjustments: [{ type: 'TAX', label: 'Sales tax', amount: formatCents(tax) }],
      // Fulfillment prices count in the total but are not adjustments (§11.6.3).
      total: formatCents(subTotal + tax + delivery),
      currency: 'USD',
    },
  };
}

function readProducts(value: unknown): { externalId: string; fulfillmentId: string | undefined }[] {
  if (value === undefined || value === null) throw knotErrors.invalidField('The products field is required.');
  if (!Array.isArray(value) || value.length === 0) throw knotErrors.invalidField('The products must be an array with at least one product.');
  return value.map((product, i) => {
    if (!isObject(product)) throw knotErrors.invalidField(`The products.${i} must be an object.`);
    const externalId = requiredString(product, 'external_id', `products.${i}.external_id field`);
    if (product.fulfillment === undefined || product.fulfillment === null) return { externalId, fulfillmentId: undefined };
    if (!isObject(product.fulfillment)) throw knotErrors.invalidField(`The products.${i}.fulfillment must be an object.`);
    return { externalId, fulfillmentId: requiredString(product.fulfillment, 'id', `products.${i}.fulfillment.id field`) };
  });
}

function readDelivery(value: unknown): { location: DeliveryLocation; setAsDefault: boolean } {
  if (!isObject(value)) throw knotErrors.invalidField('The delivery_location must be an object.');
  if (!isObject(value.address)) throw knotErrors.invalidField('The delivery_location.address field is required.');
  const address = value.address;
  const field = (name: string) => requiredString(address, name, `delivery_location.address.${name} field`);
  return {
    location: {
      address: {
        line1: field('line1'),
        line2: optionalString(address, 'line2') ?? null,
        city: field('city'),
        region: field('region'),
        postal_code: field('postal_code'),
        country: field('country'),
      },
      first_name: optionalString(value, 'first_name') ?? null,
      last_name: optionalString(value, 'last_name') ?? null,
      phone_number: optionalString(value, 'phone_number') ?? null,
    },
    setAsDefault: optionalBoolean(value, 'set_as_default', 'delivery_location.set_as_default') ?? false,
  };
}

function readPayment(value: unknown): { id: string | undefined; isSingleUse: boolean | undefined; jwe: string } {
  if (!isObject(value)) throw knotErrors.invalidField('The payment_method must be an object.');
  if (value.user !== undefined || value.card !== undefined) {
    // The older split form (a JWE each), or plain card data: refused, never read.
    throw knotErrors.invalidField('The payment_method.user and payment_method.card fields are not accepted: send them encrypted, as one jwe.');
  }
  return {
    id: optionalString(value, 'id'),
    isSingleUse: optionalBoolean(value, 'is_single_use', 'payment_method.is_single_use'),
    jwe: requiredString(value, 'jwe', 'payment_method.jwe field'),
  };
}
