/**
 * Deterministic, realistic Knot transactions for the CPU benchmark. Every field of knot-api.md §6
 * is present with the mix of nulls, nested objects and arrays a real merchant sends, so schema
 * validation does the work it does in production (a toy `{ id }` payload would flatter the SDK).
 */

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ['COMPLETED', 'DELIVERED', 'SHIPPED', 'ORDERED', 'REFUNDED', 'CANCELLED'];
const PAY_TYPES = ['CARD', 'APPLE_PAY', 'PAYPAL', 'GIFT_CARD'];
const BRANDS = ['VISA', 'MASTERCARD', 'AMEX', null];
const ITEMS = ['Chicken burrito bowl', 'Sparkling water 12-pack', 'USB-C charging cable 2 m', 'Organic bananas', 'Noise-cancelling headphones'];

function money(r: () => number, max: number): string {
  return (r() * max).toFixed(2);
}

function uuid(r: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

export function makeTransaction(index: number, seed = 7): Record<string, unknown> {
  const r = rng(seed * 1_000_003 + index);
  const productCount = 1 + Math.floor(r() * 4);
  const products = Array.from({ length: productCount }, (_, p) => ({
    external_id: `SKU-${index}-${p}`,
    name: ITEMS[Math.floor(r() * ITEMS.length)],
    description: r() < 0.5 ? '' : 'Freshly prepared, packed to order.',
    url: `https://www.example-merchant.com/p/${index}-${p}`,
    image_url: r() < 0.8 ? `https://images.example-merchant.com/${index}-${p}.jpg` : null,
    quantity: 1 + Math.floor(r() * 3),
    price: { sub_total: money(r, 80), total: money(r, 90), unit_price: money(r, 40) },
    seller: r() < 0.3 ? { name: 'Marketplace Seller LLC', url: 'https://seller.example.com' } : null,
    eligibility: r() < 0.1 ? ['FSA/HSA'] : [],
  }));
  return {
    id: uuid(r),
    external_id: `ORD-${100000 + index}`,
    datetime: new Date(Date.UTC(2025, 0, 1) + index * 3_600_000).toISOString().replace('Z', '+00:00'),
    url: `https://www.example-merchant.com/orders/${100000 + index}`,
    order_status: STATUSES[Math.floor(r() * STATUSES.length)],
    shipping:
      r() < 0.7
        ? {
            location: {
              address: { line1: '123 Main St', line2: r() < 0.5 ? 'Floor 4' : null, city: 'Los Angeles', region: 'CA', postal_code: '94105', country: 'US' },
              first_name: 'Ada',
              last_name: 'Lovelace',
            },
          }
        : null,
    payment_methods: [
      {
        external_id: `pm_${index}`,
        type: PAY_TYPES[Math.floor(r() * PAY_TYPES.length)],
        brand: BRANDS[Math.floor(r() * BRANDS.length)],
        last_four: '4242',
        name: '',
        transaction_amount: money(r, 200),
      },
    ],
    price: {
      sub_total: money(r, 180),
      adjustments: [
        { type: 'TAX', label: 'Sales tax', amount: money(r, 15) },
        { type: 'DISCOUNT', label: 'Promo', amount: `-${money(r, 10)}` },
        ...(r() < 0.5 ? [{ type: 'TIP', label: null, amount: money(r, 12) }] : []),
      ],
      total: money(r, 200),
      currency: 'USD',
    },
    products,
    loyalty: null,
  };
}

export interface PageSet {
  /** Response bodies keyed by the cursor that asks for them ('' = the first page). */
  bodies: Map<string, Buffer>;
  pages: number;
  total: number;
  bytes: number;
}

/** Pre-serialises `total` transactions into sync pages of `limit`, chained by cursors. */
export function buildPages(total: number, limit: number, merchant = { id: 19, name: 'DoorDash' }): PageSet {
  const bodies = new Map<string, Buffer>();
  const pages = Math.ceil(total / limit);
  let bytes = 0;
  for (let p = 0; p < pages; p++) {
    const transactions = [];
    for (let i = p * limit; i < Math.min(total, (p + 1) * limit); i++) transactions.push(makeTransaction(i));
    const body = Buffer.from(
      JSON.stringify({ merchant, transactions, next_cursor: p + 1 < pages ? `c${p + 1}` : null, limit }),
    );
    bytes += body.length;
    bodies.set(p === 0 ? '' : `c${p}`, body);
  }
  return { bodies, pages, total, bytes };
}
