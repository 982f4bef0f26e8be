/**
 * Deterministic transaction generator. Transaction `index` of an account is a pure function of
 * (seed, account tag, index, merchant, datetime): nothing is stored, so an account can hold a
 * million transactions for benchmarks and any of them can be rebuilt on demand.
 */
import { ADJUSTMENT_TYPES, ORDER_STATUSES, PAYMENT_METHOD_TYPES } from '../schemas/transaction.js';
import type { Adjustment, PaymentMethod, Product, Shipping, Transaction } from '../schemas/transaction.js';
import type { CatalogueMerchant } from './catalogue.js';
import { transactionId } from './ids.js';
import { formatCents, parseCents } from './money.js';
import { createRng, hash32, type Rng } from './prng.js';
import { ADDRESSES, CARD_BRANDS, FIRST_NAMES, LAST_NAMES, PROFILES, type ProductSeed } from './products.js';

export interface GenerateInput {
  seed: number;
  /** The account's 32-bit tag (see ids.ts). */
  tag: number;
  index: number;
  merchant: CatalogueMerchant;
  datetimeMs: number;
}

/** Knot's example format: `2024-11-10T00:00:00+00:00`. */
export function isoDatetime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

const PHARMACY: readonly ProductSeed[] = [
  ['Cold & Flu Relief, 24 ct', 1199, true],
  ['Digital Thermometer', 1299, true],
  ['Bandages, 30 ct', 549, true],
];

/** `n` random decimal digits (n ≤ 9), leading zeros kept. */
const digits = (rng: Rng, n: number) => String(rng.int(0, 10 ** n - 1)).padStart(n, '0');

const slugify = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
/** Per product list: its FSA/HSA-eligible items and slugs, computed once (the generator is hot in benchmarks). */
const fsaCache = new WeakMap<readonly ProductSeed[], readonly ProductSeed[]>();
const slugCache = new Map<string, string>();
const fsaOf = (pool: readonly ProductSeed[]) => {
  let fsa = fsaCache.get(pool);
  if (!fsa) {
    fsa = pool.filter(([, , eligible]) => eligible);
    fsaCache.set(pool, fsa);
  }
  return fsa;
};
const slugOf = (text: string) => {
  let slug = slugCache.get(text);
  if (slug === undefined) {
    slug = slugify(text);
    slugCache.set(text, slug);
  }
  return slug;
};

function orderNumber(rng: Rng, merchant: CatalogueMerchant): string {
  switch (merchant.kind) {
    case 'food':
      return rng.uint32().toString(16).toUpperCase().padStart(8, '0');
    case 'retail':
      return `${digits(rng, 3)}-${digits(rng, 7)}-${digits(rng, 7)}`;
    default:
      return digits(rng, 5) + digits(rng, 5);
  }
}

/**
 * Coverage rule: every 8th slot (offset per enum) forces the next value of an enum, so any run of
 * 112 consecutive transactions contains every order status, payment type and adjustment type.
 */
const forced = <T>(index: number, offset: number, values: readonly T[]): T | undefined =>
  index % 8 === offset ? values[Math.floor(index / 8) % values.length] : undefined;

function makeProducts(rng: Rng, input: GenerateInput): Product[] {
  const profile = PROFILES[input.merchant.kind];
  const pharmacy = input.merchant.kind === 'food' && input.index % 16 === 7;
  const pool = pharmacy ? PHARMACY : profile.products;
  const count = pharmacy ? rng.int(1, 2) : rng.int(1, profile.maxProducts);
  const sellerName = pharmacy ? 'CVS Pharmacy' : profile.sellers.length > 0 ? rng.pick(profile.sellers) : null;
  const fsaPool = fsaOf(pool);
  const forceFsa = input.index % 16 === 7 && fsaPool.length > 0;
  const products: Product[] = [];
  for (let p = 0; p < count; p++) {
    const [name, cents, fsa] = p === 0 && forceFsa ? rng.pick(fsaPool) : rng.pick(pool);
    const quantity = rng.int(1, profile.maxQuantity);
    const subTotal = cents * quantity;
    const sku = `${rng.uint32().toString(36).toUpperCase()}`;
    const slug = slugOf(name);
    const hasSeller = sellerName !== null && rng.chance(profile.sellerRate);
    products.push({
      external_id: rng.chance(0.03) ? null : sku,
      name,
      description: rng.chance(0.1) ? null : rng.chance(0.1) ? '' : `${name} from ${input.merchant.name}.`,
      url: rng.chance(0.15) ? null : `https://www.${input.merchant.domain}/p/${slug}/${sku}`,
      image_url: rng.chance(0.15) ? null : `https://images.${input.merchant.domain}/${sku}.jpg`,
      quantity,
      price: {
        sub_total: formatCents(subTotal),
        total: formatCents(subTotal),
        unit_price: rng.chance(0.05) ? null : formatCents(cents),
      },
      seller: hasSeller
        ? { name: sellerName, url: rng.chance(0.3) ? null : `https://www.${input.merchant.domain}/store/${slugOf(sellerName)}` }
        : null,
      eligibility: rng.chance(0.04) ? null : fsa ? ['FSA/HSA'] : [],
    });
  }
  return products;
}

function adjustmentFor(rng: Rng, type: string, subTotal: number): Adjustment {
  const label = (text: string) => (rng.chance(0.15) ? null : text);
  switch (type) {
    case 'TAX':
      return { type, label: label(rng.pick(['Sales tax', 'NYC local sales tax', 'Estimated tax'])), amount: formatCents(Math.round(subTotal * 0.0825)) };
    case 'TIP':
      return { type, label: label(rng.pick(['Dasher tip', 'Tip', 'Courier tip'])), amount: formatCents(Math.round(subTotal * rng.pick([0.15, 0.18, 0.2]))) };
    case 'FEE':
      return { type, label: label(rng.pick(['Service fee', 'Small order fee', 'Bag fee'])), amount: formatCents(rng.int(99, 399)) };
    case 'SHIPPING_FEE':
      return { type, label: label(rng.pick(['Delivery fee', 'Shipping & handling'])), amount: formatCents(rng.pick([0, 299, 499, 599])) };
    case 'CANCELLATION_FEE':
      return { type, label: label('Cancellation fee'), amount: formatCents(rng.pick([200, 500])) };
    case 'DISCOUNT':
      return { type, label: label(rng.pick(['Promo SAVE5', 'Member discount', 'Coupon'])), amount: formatCents(-Math.min(rng.int(100, 1000), Math.floor(subTotal / 4))) };
    case 'REFUND':
      return { type, label: label('Refund'), amount: formatCents(-Math.floor((subTotal * rng.int(10, 50)) / 100)) };
    default:
      return { type, label: label('Other charge'), amount: formatCents(rng.int(-50, 150)) };
  }
}

function makeAdjustments(rng: Rng, input: GenerateInput, subTotal: number): Adjustment[] | null {
  const forcedType = forced(input.index, 6, ADJUSTMENT_TYPES);
  if (forcedType === undefined && rng.chance(0.05)) return null;
  const profile = PROFILES[input.merchant.kind];
  const types: string[] = [];
  if (rng.chance(0.85)) types.push('TAX');
  if (rng.chance(profile.shippingFeeRate)) types.push('SHIPPING_FEE');
  if (rng.chance(profile.feeRate)) types.push('FEE');
  if (rng.chance(profile.tipRate)) types.push('TIP');
  if (rng.chance(0.2)) types.push('DISCOUNT');
  if (forcedType !== undefined && !types.includes(forcedType)) types.push(forcedType);
  return types.map((type) => adjustmentFor(rng, type, subTotal));
}

function paymentMethod(rng: Rng, type: string, merchant: CatalogueMerchant, amount: number | null): PaymentMethod {
  const card = type === 'CARD' || type === 'APPLE_PAY' || type === 'GOOGLE_PAY';
  const brand = card
    ? rng.pick(CARD_BRANDS)
    : type === 'GIFT_CARD'
      ? `${merchant.name} Gift Card`
      : type === 'LOYALTY_POINTS'
        ? `${merchant.name} Rewards`
        : null;
  const lastFour = card || type === 'GIFT_CARD' || type === 'BANK_ACCOUNT' ? digits(rng, 4) : null;
  return {
    external_id: type === 'CASH' || rng.chance(0.1) ? null : `pm_${rng.uint32().toString(36)}`,
    type,
    brand,
    last_four: lastFour,
    name: type === 'CARD' ? rng.pick(['Personal Visa', 'Chase Sapphire', '', null]) : rng.chance(0.5) ? null : '',
    transaction_amount: amount === null ? null : formatCents(amount),
  };
}

function makePayments(rng: Rng, input: GenerateInput, total: number): PaymentMethod[] {
  const primary =
    forced(input.index, 5, PAYMENT_METHOD_TYPES) ??
    rng.weighted<string>([
      ['CARD', 12],
      ['APPLE_PAY', 4],
      ['GOOGLE_PAY', 2],
      ['PAYPAL', 2],
      [input.merchant.id === 44 ? 'AMAZON_PAY' : 'VENMO', 1],
      ['GIFT_CARD', 1],
      ['KLARNA', 1],
    ]);
  // Gift cards and points rarely cover a whole order: split the rest onto a card.
  const split = total >= 2 && (primary === 'GIFT_CARD' || primary === 'LOYALTY_POINTS' || rng.chance(0.12));
  if (!split) return [paymentMethod(rng, primary, input.merchant, rng.chance(0.05) ? null : total)];
  const first = Math.max(1, Math.min(total - 1, Math.floor((total * rng.int(20, 60)) / 100)));
  const second = primary === 'CARD' ? 'GIFT_CARD' : 'CARD';
  return [paymentMethod(rng, primary, input.merchant, first), paymentMethod(rng, second, input.merchant, total - first)];
}

function makeShipping(rng: Rng, input: GenerateInput, status: string): Shipping | null {
  if (status === 'PICKED_UP' || !rng.chance(PROFILES[input.merchant.kind].shippingRate)) return null;
  if (rng.chance(0.03)) return { location: null };
  const [line1, line2, city, region, postal] = rng.pick(ADDRESSES);
  return {
    location: {
      address: rng.chance(0.05) ? null : { line1, line2, city, region, postal_code: postal, country: 'US' },
      first_name: rng.chance(0.1) ? null : rng.pick(FIRST_NAMES),
      last_name: rng.chance(0.1) ? null : rng.pick(LAST_NAMES),
    },
  };
}

/** Builds transaction `index` of an account. Same input, same transaction, field for field. */
export function generateTransaction(input: GenerateInput): Transaction {
  const rng = createRng(hash32(input.seed, input.tag, input.index, 'txn'));
  const profile = PROFILES[input.merchant.kind];
  const orderStatus = forced(input.index, 3, ORDER_STATUSES) ?? rng.weighted(profile.statuses);
  const externalId = rng.chance(0.04) ? null : orderNumber(rng, input.merchant);
  const products = makeProducts(rng, input);
  const subTotal = products.reduce((sum, p) => sum + parseCents(p.price!.sub_total!), 0);
  const adjustments = makeAdjustments(rng, input, subTotal);
  const total = subTotal + (adjustments ?? []).reduce((sum, a) => sum + parseCents(a.amount), 0);
  return {
    id: transactionId(input.seed, input.tag, input.index),
    external_id: externalId,
    datetime: isoDatetime(input.datetimeMs),
    url: externalId === null || rng.chance(0.1) ? null : `https://www.${input.merchant.domain}/orders/${externalId}`,
    order_status: orderStatus,
    shipping: makeShipping(rng, input, orderStatus),
    payment_methods: makePayments(rng, input, total),
    price: {
      sub_total: formatCents(subTotal),
      adjustments,
      total: formatCents(total),
      currency: rng.chance(0.03) ? null : 'USD',
    },
    products,
    loyalty: rng.chance(0.15)
      ? { program: `${input.merchant.name} ${profile.loyaltyProgram}`, points_balance: rng.int(0, 5000) }
      : null,
  };
}

const NEXT_STATUS: Record<string, string> = { ORDERED: 'SHIPPED', BILLED: 'SHIPPED', SHIPPED: 'DELIVERED' };

/**
 * What Knot's "updated" simulation does to a delivered transaction: the order moves on
 * (SHIPPED → DELIVERED, ...) and the price changes (a price adjustment), amounts still adding up.
 */
export function applyUpdate(txn: Transaction, rng: Rng): Transaction {
  const next = structuredClone(txn);
  next.order_status = NEXT_STATUS[String(txn.order_status)] ?? txn.order_status;
  const total = parseCents(txn.price.total);
  const change = -Math.min(rng.int(100, 500), Math.floor(total / 4));
  next.price.adjustments = [...(txn.price.adjustments ?? []), { type: 'DISCOUNT', label: 'Price adjustment', amount: formatCents(change) }];
  next.price.total = formatCents(total + change);
  // Keep split tender summing to the total: the last method with an amount absorbs the change.
  for (let i = next.payment_methods.length - 1; i >= 0; i--) {
    const method = next.payment_methods[i]!;
    if (method.transaction_amount !== null) {
      method.transaction_amount = formatCents(parseCents(method.transaction_amount) + change);
      break;
    }
  }
  return next;
}
