/**
 * docs/sync.md: a crash-safe sync of one account, and the two ways to iterate it.
 * The storage helpers below the snippets are an in-memory stand-in for your database.
 */
import './support/linked-user.js'; // user-1 has linked DoorDash (merchant 19) at the fake Knot API
import type { SyncPage, SyncParams, Transaction } from 'knotapi-node';
import { memory } from './support/memory.js';
// #region basic
import { KnotClient } from 'knotapi-node';

const knot = new KnotClient(); // KNOT_CLIENT_ID, KNOT_SECRET, KNOT_ENVIRONMENT

const sync = knot.transactions.sync(
  { merchant_id: 19, external_user_id: 'user-1', cursor: await loadCursor() }, // null the first time
  { onCheckpoint: (cursor) => saveCursor(cursor) },
);
for await (const txn of sync) await upsert(txn); // every transaction, all pages
// #endregion

if (memory.transactions.size !== 205) throw new Error(`expected 205 transactions, stored ${memory.transactions.size}`);
const stored = await loadCursor();
if (stored === null) throw new Error('no checkpoint was stored');

// The two forms, each on a sync of its own (from the beginning: no cursor).
const params: SyncParams = { merchant_id: 19, external_user_id: 'user-1' };
const before = memory.upserts;
const pages: SyncPage[] = [];
// #region iterate
for await (const txn of knot.transactions.sync(params)) await upsert(txn);              // Transaction, every page flattened
for await (const page of knot.transactions.sync(params).pages()) await savePage(page); // SyncPage: whole pages
// #endregion

// 205 transactions in pages of 100: 100, 100, 5, then the empty page that ends the sync.
const sizes = pages.map((p) => p.transactions.length).join(',');
const items = memory.upserts - before;
if (items !== 205 || sizes !== '100,100,5,0') throw new Error(`items ${items}, pages ${sizes}`);
// The last page's checkpoint is where the next sync resumes: the cursor sent for that empty page.
if (pages.at(-1)?.checkpoint !== stored) throw new Error('the final checkpoint differs from the stored cursor');

// A sync from the stored cursor finds nothing new: its one (empty, final) page is checkpointed
// with the same cursor.
const again: string[] = [];
for await (const _ of knot.transactions.sync({ ...params, cursor: stored }, { onCheckpoint: (c) => void again.push(c) })) {
  throw new Error('a sync from the stored cursor found a transaction');
}
if (again.length !== 1 || again[0] !== stored) throw new Error(`checkpoints ${JSON.stringify(again)} on a sync that found nothing`);

// Buffer, then flush in onCheckpoint: rows and cursor together, page by page.
memory.transactions.clear();
memory.cursors.clear();
// #region buffer
let buffer: Transaction[] = [];
const buffered = knot.transactions.sync(
  { merchant_id: 19, external_user_id: 'user-1', cursor: await loadCursor() },
  {
    onCheckpoint: async (cursor) => {
      await saveRowsAndCursor(buffer, cursor); // one database transaction
      buffer = [];
    },
  },
);
for await (const txn of buffered) buffer.push(txn);
if (buffer.length > 0) await saveRowsAndCursor(buffer, null); // a first sync that got no cursor at all
// #endregion
if (memory.transactions.size !== 205 || (await loadCursor()) !== stored) throw new Error('buffer-then-flush lost rows');

console.log(`205 transactions; pages ${sizes}; resumed from the stored cursor with nothing new; buffered and flushed`);
await knot.close();

// Your database, in a real application (one account here).
async function loadCursor(): Promise<string | null> {
  return memory.cursors.get('user-1/19') ?? null;
}
async function saveCursor(cursor: string): Promise<void> {
  memory.cursors.set('user-1/19', cursor);
}
async function upsert(txn: Transaction): Promise<void> {
  memory.upserts++;
  memory.transactions.set(txn.id, txn);
}
/** A page's buffered rows and its cursor in one database transaction (no cursor: rows only). */
async function saveRowsAndCursor(rows: Transaction[], cursor: string | null): Promise<void> {
  for (const txn of rows) memory.transactions.set(txn.id, txn);
  if (cursor !== null) memory.cursors.set('user-1/19', cursor);
}
/** Exactly-once: a page's rows and its checkpoint in one database transaction. */
async function savePage(page: SyncPage): Promise<void> {
  pages.push(page);
  for (const txn of page.transactions) memory.transactions.set(txn.id, txn);
  if (page.checkpoint !== null) memory.cursors.set('user-1/19', page.checkpoint);
}
