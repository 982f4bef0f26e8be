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
 */
import type { AccountState, MockState } from '../state.js';
import type { CatalogueMerchant } from '../catalogue.js';
import type { MockProduct } from '../engine.js';
import { knotErrors } from '../errors.js';
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
function cartView(shopping: ShoppingAccount): Record<string, unknown> {
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
