import { describe, expectTypeOf, it } from 'vitest';
import type { KnotClient, SyncOptions, SyncPage, SyncParams, Transaction, TransactionSync } from '../../src/index.js';

declare const knot: KnotClient;

describe('transactions.sync types', () => {
  it('is an AsyncIterable of Transaction with pages() of SyncPage', () => {
    const sync = knot.transactions.sync({ merchant_id: 19, external_user_id: 'u' });
    expectTypeOf(sync).toEqualTypeOf<TransactionSync>();
    expectTypeOf(sync).toMatchTypeOf<AsyncIterable<Transaction>>();
    expectTypeOf(sync.pages()).toEqualTypeOf<AsyncIterable<SyncPage>>();
  });

  it('hands onCheckpoint a string (never null) and the page', () => {
    knot.transactions.sync(
      { merchant_id: 19, external_user_id: 'u', cursor: null, limit: 5 },
      {
        onCheckpoint: (cursor, page) => {
          expectTypeOf(cursor).toEqualTypeOf<string>();
          expectTypeOf(page).toEqualTypeOf<SyncPage>();
          expectTypeOf(page.checkpoint).toEqualTypeOf<string | null>();
        },
        maxPages: 3,
        maxItems: 10,
        prefetch: false,
        signal: new AbortController().signal,
        timeoutMs: 1000,
        maxRetries: 1,
      },
    );
    expectTypeOf<SyncOptions['onCheckpoint']>().toEqualTypeOf<((cursor: string, page: SyncPage) => void | Promise<void>) | undefined>();
  });

  it('uses the wire names for params and rejects a misspelt one', () => {
    expectTypeOf<SyncParams>().toHaveProperty('external_user_id');
    // @ts-expect-error: `merchantId` is not a param (wire names are snake_case)
    knot.transactions.sync({ merchantId: 19, external_user_id: 'u' });
    // @ts-expect-error: `maxPage` is not an option
    knot.transactions.sync({ merchant_id: 19, external_user_id: 'u' }, { maxPage: 1 });
  });
});
