import { describe, expectTypeOf, it } from 'vitest';
import type { SessionCreateParams, Transaction } from '../../src/index.js';

describe('exported wire types (Clean)', () => {
  it('keeps a pure record as a record instead of collapsing it into {}', () => {
    expectTypeOf<NonNullable<Transaction['loyalty']>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<NonNullable<SessionCreateParams['metadata']>>().toEqualTypeOf<Record<string, string>>();
  });

  it('keeps open enums as plain strings (known values plus any string)', () => {
    expectTypeOf<Transaction['order_status']>().toExtend<string>();
    expectTypeOf<'SHIPPED'>().toExtend<Transaction['order_status']>();
    expectTypeOf<'SOME_FUTURE_STATUS'>().toExtend<Transaction['order_status']>();
  });

  it('drops the index signature looseObject adds, so a misspelt field is a compile error', () => {
    expectTypeOf<Transaction>().not.toHaveProperty('totl');
    const read = (txn: Transaction) => {
      // @ts-expect-error: `totl` is not a field of Transaction
      return txn.totl;
    };
    expectTypeOf(read).returns.toBeAny();
  });
});
