/**
 * README.md, Quickstart: a session, a crash-safe sync of every transaction, and a typed error.
 * The storage helpers below the snippet are an in-memory stand-in for your database.
 */
import './support/linked-user.js'; // user-1 has linked DoorDash (merchant 19) at the fake Knot API
import type { Transaction } from 'knotapi-node';
import { memory } from './support/memory.js';
// #region quickstart
import { KnotClient, KnotApiError } from 'knotapi-node';

const knot = new KnotClient(); // KNOT_CLIENT_ID, KNOT_SECRET, KNOT_ENVIRONMENT from the environment

const { session } = await knot.sessions.create({ type: 'transaction_link', external_user_id: 'user-1' });

const sync = knot.transactions.sync(
  { merchant_id: 19, external_user_id: 'user-1', cursor: await loadCursor('user-1', 19) },
  { onCheckpoint: (cursor) => saveCursor('user-1', 19, cursor) }, // after each page is processed
);
for await (const txn of sync) await upsert(txn); // every transaction, every page, none lost

try {
  await knot.transactions.refresh({ merchant_id: 19, external_user_id: 'user-1' });
} catch (err) {
  if (err instanceof KnotApiError && err.errorCode === 'USER_NOT_FOUND') { /* ... */ }
  else throw err;
}
// #endregion

// Your database, in a real application.
async function loadCursor(userId: string, merchantId: number): Promise<string | null> {
  return memory.cursors.get(`${userId}/${merchantId}`) ?? null; // null: first sync, from the beginning
}
async function saveCursor(userId: string, merchantId: number, cursor: string): Promise<void> {
  memory.cursors.set(`${userId}/${merchantId}`, cursor);
}
async function upsert(txn: Transaction): Promise<void> {
  memory.transactions.set(txn.id, txn); // keyed on id: a page delivered twice changes nothing
}

if (!session) throw new Error('no session id');
if (memory.transactions.size !== 205) throw new Error(`expected 205 transactions, stored ${memory.transactions.size}`);
if (!memory.cursors.has('user-1/19')) throw new Error('no checkpoint was stored');
console.log(`session ${session}; ${memory.transactions.size} transactions stored; cursor saved`);
await knot.close();
