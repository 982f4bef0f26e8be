/**
 * docs/getting-started.md: a first integration from start to finish. It creates a client from the
 * environment, creates a session, lists merchants, links a test account, syncs its transactions
 * with a checkpoint, handles an error by its error_code, and closes the client.
 *
 * The tests run it against the fake Knot API (KNOT_BASE_URL points at it). With your development
 * keys in KNOT_CLIENT_ID / KNOT_SECRET it runs against Knot's development environment.
 */
// #region create-client
import { randomUUID } from 'node:crypto';
import { KnotApiError, KnotClient } from 'knotapi-node';

const knot = new KnotClient(); // reads KNOT_CLIENT_ID, KNOT_SECRET and KNOT_ENVIRONMENT
// #endregion

function check(condition: boolean, claim: string): void {
  if (!condition) throw new Error(`getting-started: ${claim}`);
}

// #region session
const externalUserId = `user-${randomUUID()}`; // your own id for this user
const { session } = await knot.sessions.create({ type: 'transaction_link', external_user_id: externalUserId });
// Hand `session` to the client-side Knot SDK. It is valid for 30 minutes.
// #endregion
check(typeof session === 'string' && session.length > 0, 'a session is a non-empty string');

// #region extend
// The user still has the SDK open after almost 30 minutes: give the session another 30.
await knot.sessions.extend({ session_id: session });
// #endregion

// #region merchants
const merchants = await knot.merchants.list({ type: 'transaction_link', platform: 'web' });
for (const merchant of merchants) console.log(merchant.id, merchant.name, merchant.min_sdk_version);
// #endregion
check(
  merchants.some((m) => m.id === 19),
  'DoorDash (19) is listed for transaction_link',
);

// #region link
await knot.development.linkAccount({
  external_user_id: externalUserId,
  merchant_id: 19, // DoorDash, Knot's recommended test merchant
  transactions: { new: true }, // generate sample transactions
});
// #endregion

// #region sync
const cursors = new Map<string, string>(); // stands in for your database
const key = `${externalUserId}:19`;

async function syncAccount(): Promise<number> {
  let count = 0;
  const sync = knot.transactions.sync(
    { merchant_id: 19, external_user_id: externalUserId, cursor: cursors.get(key) ?? null },
    {
      onCheckpoint: (cursor) => {
        cursors.set(key, cursor); // called after each page has been processed
      },
    },
  );
  for await (const txn of sync) {
    count++; // in your code: upsert txn on txn.id
    if (count === 1) console.log(txn.id, txn.order_status, txn.price.total, txn.price.currency);
  }
  return count;
}

const first = await syncAccount(); // the whole history
const second = await syncAccount(); // resumes from the stored cursor: only what is new
console.log(`first sync: ${first} transactions, second sync: ${second}`);
// #endregion
check(first > 0 && cursors.has(key), 'the first sync hands over transactions and stores a checkpoint');
check(second === 0, 'a sync from the stored cursor finds nothing new');

// #region errors
try {
  await knot.accounts.get({ external_user_id: externalUserId, merchant_id: 45 }); // never linked
} catch (err) {
  if (!(err instanceof KnotApiError)) throw err;
  switch (err.errorCode) {
    case 'MERCHANT_ACCOUNT_NOT_FOUND':
      console.log('no Walmart account for this user yet');
      break;
    case 'USER_NOT_FOUND':
      console.log('unknown user');
      break;
    default:
      throw err;
  }
}
// #endregion

// #region accounts
const accounts = await knot.accounts.list({ external_user_id: externalUserId });
for (const account of accounts) console.log(account.merchant.name, account.connection.status);
// The user asks to stop sharing their DoorDash orders:
await knot.accounts.unlink({ external_user_id: externalUserId, merchant_id: 19 });
// #endregion
check(accounts.some((a) => a.merchant.id === 19), 'the linked DoorDash account is listed');

// #region close
await knot.close(); // closes the client's connection pool; the process can exit
// #endregion
