import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeTransaction } from '../../bench/lib/fixtures.js';
import { compileInPlaceCheck } from '../../src/internal/in-place-check.js';
import { MerchantAccountListSchema } from '../../src/schemas/zod/account.js';
import { MerchantListSchema } from '../../src/schemas/zod/merchant.js';
import { MessageResponseSchema, SessionResponseSchema } from '../../src/schemas/zod/responses.js';
import { SyncResponseSchema, TransactionSchema } from '../../src/schemas/zod/transaction.js';

// The fast checker may only say "yes" when zod would accept the value AND hand back an equal copy:
// parseResponse then returns the value itself. A "no" is always re-decided by zod.

const page = () => ({
  merchant: { id: 19, name: 'DoorDash', logo: null },
  transactions: [makeTransaction(1), makeTransaction(2), makeTransaction(3)],
  next_cursor: 'c1',
  limit: 100,
  extra_top_level: { kept: true },
});

const accounts = () => [
  {
    merchant: { id: 44, name: 'Amazon' },
    connection: { status: 'connected', scopes: [{ type: 'transaction_link' }] },
    lifecycle: { status: null },
    last_user_action: null,
  },
];

const merchants = () => [{ id: 19, name: 'DoorDash', category: 'Food', logo: null, min_sdk_version: '1.0.0' }];

const DELETE = Symbol('delete');
const odd = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant([]),
  fc.constant({}),
  fc.constant(Object.create(null)),
  fc.constant(new Date(0)),
  fc.constant(DELETE),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 2 }),
);

/** Replaces (or deletes) the value at a random path of `root`. */
function mutate(root: unknown, choices: number[], replacement: unknown): unknown {
  const copy = structuredClone(root);
  const holder = { root: copy } as Record<string, unknown>;
  let parent: Record<string, unknown> = holder;
  let key = 'root';
  for (const choice of choices) {
    const current = parent[key];
    if (typeof current !== 'object' || current === null) break;
    const keys = Object.keys(current);
    if (keys.length === 0) break;
    parent = current as Record<string, unknown>;
    key = keys[choice % keys.length]!;
  }
  if (replacement === DELETE) delete parent[key];
  else parent[key] = replacement;
  return holder.root;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

const cases: [string, z.ZodType, () => unknown][] = [
  ['SyncResponseSchema', SyncResponseSchema, page],
  ['TransactionSchema', TransactionSchema, () => makeTransaction(9)],
  ['MerchantAccountListSchema', MerchantAccountListSchema, accounts],
  ['MerchantListSchema', MerchantListSchema, merchants],
  ['SessionResponseSchema', SessionResponseSchema, () => ({ session: 's' })],
  ['MessageResponseSchema', MessageResponseSchema, () => ({ message: 'Success' })],
];

describe('compileInPlaceCheck', () => {
  it.each(cases)('compiles %s and accepts a well-formed value', (_, schema, valid) => {
    const check = compileInPlaceCheck(schema);
    expect(check).not.toBeNull();
    expect(check!(valid())).toBe(true);
  });

  it.each(cases)('never accepts what zod rejects or would change (%s)', (_, schema, valid) => {
    const check = compileInPlaceCheck(schema)!;
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 8 }), odd, (path, replacement) => {
        const value = mutate(valid(), path, replacement);
        if (!check(value)) return;
        const result = schema.safeParse(value);
        expect(result.success).toBe(true);
        expect(sortKeys(result.data)).toEqual(sortKeys(value));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps unknown fields and nulls exactly as sent (the value itself is returned)', () => {
    const value = page();
    (value.transactions[0] as Record<string, unknown>).price = { sub_total: null, adjustments: null, total: '1.00', currency: null, new_field: 1 };
    expect(compileInPlaceCheck(SyncResponseSchema)!(value)).toBe(true);
  });

  it('rejects structure breaks the SDK relies on', () => {
    const check = compileInPlaceCheck(SyncResponseSchema)!;
    expect(check({ ...page(), transactions: {} })).toBe(false);
    const missingId = page();
    delete (missingId.transactions[0] as Record<string, unknown>).id;
    expect(check(missingId)).toBe(false);
    expect(check('not an object')).toBe(false);
  });

  it('gives up (null) on what it does not model, so zod decides', () => {
    expect(compileInPlaceCheck(z.object({ a: z.string() }))).toBeNull(); // strips unknown keys
    expect(compileInPlaceCheck(z.strictObject({ a: z.string() }))).toBeNull();
    expect(compileInPlaceCheck(z.looseObject({ a: z.string().min(1) }))).toBeNull();
    expect(compileInPlaceCheck(z.looseObject({ a: z.string().transform((s) => s.length) }))).toBeNull();
    expect(compileInPlaceCheck(z.looseObject({ a: z.string().default('x') }))).toBeNull();
    expect(compileInPlaceCheck(z.union([z.string(), z.number()]))).toBeNull();
  });

  it('requires a required key to be present even when its schema accepts undefined, like zod', () => {
    const schema = z.looseObject({ a: z.unknown() });
    expect(schema.safeParse({}).success).toBe(false);
    expect(compileInPlaceCheck(schema)!({})).toBe(false);
    expect(compileInPlaceCheck(schema)!({ a: undefined })).toBe(true);
  });
});
