// quickstart.mjs: link a test account, sync every transaction, ask for a refresh. Run it twice.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { KnotApiError, KnotClient, KnotRateLimitError } from 'knotapi-node';

// A JSON file stands in for your database: the sync cursor, and the transactions keyed on id.
const FILE = 'knot-quickstart.json';
const db = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : { cursor: null, transactions: {} };
const save = () => writeFileSync(FILE, JSON.stringify(db));

const knot = new KnotClient(); // reads KNOT_CLIENT_ID, KNOT_SECRET, and KNOT_BASE_URL or KNOT_ENVIRONMENT
const account = { external_user_id: 'quickstart-user', merchant_id: 19 }; // 19: DoorDash

// In production the user links a merchant in Knot's client-side SDK, opened with a session:
const { session } = await knot.sessions.create({ type: 'transaction_link', external_user_id: account.external_user_id });
console.log(`session for the client-side SDK: ${session}`);

// In development, link a test account directly (once), with generated transactions:
const linked = await knot.accounts.get(account).catch((err) => {
  if (err instanceof KnotApiError && (err.errorCode === 'USER_NOT_FOUND' || err.errorCode === 'MERCHANT_ACCOUNT_NOT_FOUND')) return null;
  throw err;
});
if (!linked) await knot.development.linkAccount({ ...account, transactions: { new: true } });

// Every transaction after the stored cursor. The cursor is saved only after its page was stored,
// so a crash re-delivers a page (the upsert on id absorbs it) and never skips one.
const sync = knot.transactions.sync(
  { ...account, cursor: db.cursor },
  {
    onCheckpoint: (cursor) => {
      db.cursor = cursor;
      save();
    },
  },
);
let synced = 0;
for await (const txn of sync) {
  db.transactions[txn.id] = txn; // upsert on id
  synced++;
}
console.log(`synced ${synced} transactions; ${Object.keys(db.transactions).length} stored`);

// Ask Knot to look for new orders: allowed once an hour per account, so a second run is refused.
try {
  await knot.transactions.refresh(account);
  console.log('refresh requested: Knot sends NEW_TRANSACTIONS_AVAILABLE when it finds orders; run again to sync them');
} catch (err) {
  if (err instanceof KnotRateLimitError) console.log(`refresh refused until ${err.retryAt?.toISOString()} (one per hour)`);
  else if (err instanceof KnotApiError) console.log(`refresh refused: ${err.errorCode}: ${err.errorMessage}`);
  else throw err;
}
await knot.close();
