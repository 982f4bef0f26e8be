/**
 * Shared fast-check settings and arbitraries for the property tests.
 *
 * Runs are seeded: `FC_SEED` (an integer) replays a run; without it a fresh seed is drawn and
 * fast-check prints it (with the shrunk counterexample and its path) when a property fails.
 * `FC_RUNS` scales the number of cases (default: the per-test value).
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const scale = process.env.FC_RUNS === undefined ? 1 : Number(process.env.FC_RUNS) / 1000;

export function runs(numRuns: number): fc.Parameters<unknown> {
  return { numRuns: Math.max(1, Math.round(numRuns * scale)), ...(seed === undefined ? {} : { seed }) };
}

/** Every JSON path (keys and array indexes) of a value, the root excluded. */
export function jsonPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v] as [number, unknown])
    : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...jsonPaths(child, [...prefix, key])]);
}

/** A deep copy of `value` with the node at `path` replaced by `replacement` (or deleted). */
export function mutateAt(value: unknown, path: (string | number)[], replacement: { delete: true } | { value: unknown }): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if ('delete' in replacement) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else {
    node[last] = replacement.value;
  }
  return copy;
}

/**
 * Values near `sample`: the sample itself, or one node replaced by arbitrary JSON or deleted.
 * Reaches deep schema branches that fully random JSON never would.
 */
export function nearValid(sample: unknown): fc.Arbitrary<unknown> {
  const paths = jsonPaths(sample);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(structuredClone(sample)) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), fc.oneof(fc.constant({ delete: true as const }), fc.jsonValue().map((v) => ({ value: v }))))
        .map(([path, replacement]) => mutateAt(sample, path, replacement)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), fc.jsonValue(), fc.constantFrom(...paths), fc.jsonValue())
        .map(([p1, v1, p2, v2]) => {
          const once = mutateAt(sample, p1, { value: v1 });
          try {
            return mutateAt(once, p2, { value: v2 });
          } catch {
            return once;
          }
        }),
    },
  );
}

/** Arbitrary bytes, arbitrary text, arbitrary JSON text, and JSON text of near-valid values. */
export function bodies(sample: unknown): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 512 }),
    fc.string({ unit: 'binary', maxLength: 256 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    nearValid(sample).map((v) => JSON.stringify(v)),
    // Truncated JSON: what a cut connection or a proxy error page looks like.
    fc.tuple(nearValid(sample), fc.nat()).map(([v, n]) => {
      const text = JSON.stringify(v) ?? '';
      return text.slice(0, n % (text.length + 1));
    }),
  );
}

export const SAMPLE_TRANSACTION = {
  id: 'f3a1c2d4-1111-4222-8333-944455556666',
  external_id: 'ORD-1',
  datetime: '2026-01-02T03:04:05Z',
  url: 'https://example.com/orders/1',
  order_status: 'DELIVERED',
  shipping: {
    location: {
      address: { line1: '1 Main St', line2: null, city: 'Springfield', region: 'IL', postal_code: '62701', country: 'US' },
      first_name: 'A',
      last_name: 'B',
    },
  },
  payment_methods: [
    { external_id: 'pm1', type: 'CARD', brand: 'VISA', last_four: '4242', name: null, transaction_amount: '43.20' },
  ],
  price: {
    sub_total: '40.00',
    adjustments: [{ type: 'TAX', label: 'Tax', amount: '3.20' }],
    total: '43.20',
    currency: 'USD',
  },
  products: [
    {
      external_id: 'sku-1',
      name: 'Thing',
      description: null,
      url: null,
      image_url: null,
      quantity: 2,
      price: { sub_total: '40.00', total: '40.00', unit_price: '20.00' },
      seller: { name: 'Shop', url: null },
      eligibility: ['FSA/HSA'],
    },
  ],
  loyalty: null,
};

export const SAMPLE_MERCHANT = { id: 19, name: 'DoorDash', category: 'Food', logo: 'https://x/y.png', min_sdk_version: '1.0.0' };

export const SAMPLE_ACCOUNT = {
  merchant: { id: 19, name: 'DoorDash', logo: null },
  connection: { status: 'connected', scopes: [{ type: 'update_card' }] },
  lifecycle: { status: 'enrolled' },
  last_user_action: { attempted_at: '2026-01-01 00:00:00', status: 'SUCCESS' },
};

export const SAMPLE_SYNC = {
  merchant: { id: 19, name: 'DoorDash' },
  transactions: [SAMPLE_TRANSACTION, { ...SAMPLE_TRANSACTION, id: 'b2', price: { ...SAMPLE_TRANSACTION.price, adjustments: null } }],
  next_cursor: 'cursor-2',
  limit: 100,
};
