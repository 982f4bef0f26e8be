/**
 * README.md, Quickstart: a session, a crash-safe sync of every transaction, and a typed error.
 * The storage helpers below the snippet are an in-memory stand-in for your database.
 */
import './support/linked-user.js'; // user-1 has linked DoorDash (merchant 19) at the fake Knot API
import type { Transaction } from 'knotapi-node';
import { memory } from './support/memory.js';
// #region quickstart
import { KnotApiError, KnotClient } from 'knotapi-node';

const knot = new KnotClient(); // reads KNOT_CLIENT_ID, KNOT_SECRET, KNOT_ENVIRONMENT
// A session for Knot's client-side SDK, where the user links a merchant account:
const { session } = await knot.sessions.create({ type: 'transaction_link', external_user_id: 'user-1' });

// Every transaction of the account, page by page; the cursor is saved once a page is processed:
const account = { merchant_id: 19, external_user_id: 'user-1' };
const sync = knot.transactions.sync({ ...account, cursor: await loadCursor(account) }, { onCheckpoint: (c) => saveCursor(account, c) });
for await (const txn of sync) await upsert(txn);

// Typed errors, keyed on Knot's error_code:
await knot.transactions.refresh(account).catch((err) => {
  if (!(err instanceof KnotApiError && err.errorCode === 'USER_NOT_FOUND')) throw err;
});
// #endregion

// Your database, in a real application.
type Account = { merchant_id: number; external_user_id: string };
async function loadCursor(account: Account): Promise<string | null> {
  return memory.cursors.get(`${account.external_user_id}/${account.merchant_id}`) ?? null; // null: first sync
}
async function saveCursor(account: Account, cursor: string): Promise<void> {
  memory.cursors.set(`${account.external_user_id}/${account.merchant_id}`, cursor);
}
async function upsert(txn: Transaction): Promise<void> {
  memory.transactions.set(txn.id, txn); // keyed on id: a page delivered twice changes nothing
}

if (!session) throw new Error('no session id');
if (memory.transactions.size !== 205) throw new Error(`expected 205 transactions, stored ${memory.transactions.size}`);
if (!memory.cursors.has('user-1/19')) throw new Error('no checkpoint was stored');
console.log(`session ${session}; ${memory.transactions.size} transactions stored; cursor saved`);
await knot.close();
