/**
 * docs/sync.md, "Many accounts at once": one client, one sync per account, all started together;
 * the client's limiter caps requests in flight, `Promise.allSettled` keeps one failure from
 * abandoning the others.
 */
import { KnotApiError, KnotClient } from 'knotapi-node';
import { memory } from './support/memory.js';

type Account = { external_user_id: string; merchant_id: number };
const db = memory;

// 12 linked accounts (205 transactions each), and one user who never linked DoorDash.
const accounts: Account[] = Array.from({ length: 12 }, (_, i) => ({ external_user_id: `user-${i + 1}`, merchant_id: 19 }));
const setup = new KnotClient();
await Promise.all(accounts.map((a) => setup.development.linkAccount({ ...a, transactions: { new: true } })));
await setup.close();
accounts.push({ external_user_id: 'user-never-linked', merchant_id: 19 });

// #region many
const knot = new KnotClient({ limiter: { maxConcurrent: 20 } });
const results = await Promise.allSettled(accounts.map((account) => syncAccount(knot, db, account)));
// #endregion

const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ account: accounts[i]!, reason: r.reason as unknown }] : []));
const synced = results.filter((r) => r.status === 'fulfilled').length;
if (synced !== 12 || failed.length !== 1) throw new Error(`${synced} synced, ${failed.length} failed`);
const failure = failed[0]!;
if (!(failure.reason instanceof KnotApiError) || failure.reason.errorCode !== 'USER_NOT_FOUND') throw failure.reason;
if (db.transactions.size !== 12 * 205) throw new Error(`expected ${12 * 205} transactions, stored ${db.transactions.size}`);
console.log(`${synced} accounts synced (${db.transactions.size} transactions); ${failure.account.external_user_id}: ${failure.reason.errorCode}`);
await knot.close();

/** One account's sync, from its stored cursor (at most one per account at a time: see the guide). */
async function syncAccount(client: KnotClient, store: typeof memory, account: Account): Promise<number> {
  const key = `${account.external_user_id}/${account.merchant_id}`;
  const sync = client.transactions.sync(
    { ...account, cursor: store.cursors.get(key) ?? null },
    { onCheckpoint: (cursor) => void store.cursors.set(key, cursor) },
  );
  let count = 0;
  for await (const txn of sync) {
    store.transactions.set(txn.id, txn); // upsert on id
    count++;
  }
  return count;
}
