/**
 * docs/migrating-from-fetch.md, "after": migrating-from-fetch-before.ts rewritten with KnotClient.
 *
 * The tests run it against the fake Knot API (KNOT_BASE_URL).
 */
import { randomUUID } from 'node:crypto';
import { createStore } from './support/store.js';

// #region client
import { KnotApiError, KnotClient, KnotValidationError } from 'knotapi-node';

const knot = new KnotClient(); // Basic auth, Knot-Version, timeouts, retries, Retry-After: built in
// #endregion

function check(condition: boolean, claim: string): void {
  if (!condition) throw new Error(`migrating-from-fetch-after: ${claim}`);
}

const account = { external_user_id: `user-${randomUUID()}`, merchant_id: 19 };
const { store, cursors, upsert, loadCursor, saveCursor } = createStore(); // your database
await knot.development.linkAccount({ ...account, transactions: { new: true } });

// #region sync
const sync = knot.transactions.sync(
  { ...account, cursor: await loadCursor(account) }, // null the first time
  { onCheckpoint: (cursor) => saveCursor(account, cursor) }, // never null, only after the page
);
for await (const txn of sync) await upsert(txn); // upsert on id
// #endregion
check(store.size > 0 && cursors.size === 1, 'synced transactions and stored a cursor');

// #region errors
try {
  await knot.accounts.get({ ...account, merchant_id: 45 });
} catch (err) {
  if (err instanceof KnotApiError && err.errorCode === 'MERCHANT_ACCOUNT_NOT_FOUND') console.log('not linked at Walmart');
  else throw err;
}
// #endregion

// #region strict-params
try {
  // @ts-expect-error: camelCase is not a Knot field; TypeScript and the SDK both refuse it
  await knot.accounts.get({ externalUserId: account.external_user_id, merchant_id: 19 });
} catch (err) {
  if (!(err instanceof KnotValidationError)) throw err;
  console.log(err.issues.map((issue) => issue.path)); // nothing was sent
}
// #endregion
console.log(`synced ${store.size} transactions`);
await knot.close();
