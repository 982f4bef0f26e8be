/**
 * Sync every transaction of a linked merchant account into Postgres, crash-safe.
 *
 *   npx tsx examples/sync-to-postgres.ts
 *     Starts the fake Knot API (knotapi-node/testing), links a development account (205
 *     transactions), syncs it into an in-memory PGlite, adds 5 transactions, syncs again (only the 5
 *     come), checks the table and exits 0.
 *
 *   KNOT_BASE_URL=https://development.knotapi.com KNOT_CLIENT_ID=... KNOT_SECRET=... \
 *   KNOT_EXTERNAL_USER_ID=user-1 KNOT_MERCHANT_ID=19 PGLITE_DATA_DIR=./knot-data \
 *     npx tsx examples/sync-to-postgres.ts
 *     One sync of that account from the cursor stored in PGLITE_DATA_DIR (a directory that
 *     persists between runs). KNOT_SYNC_LIMIT sets the page size (default 100).
 *
 * The loop is Knot's recommended one, done in batches: resume from the stored cursor, collect the
 * transactions of a page, and in `onCheckpoint` (called once after every finished page, the last
 * one included) upsert them on `id` and store the checkpoint in one database transaction. Kill the
 * process at any point and run it again: no transaction is ever missed; at most the page in
 * progress comes again, and the upsert absorbs it. (test/sync/crash.test.ts does exactly that with
 * SIGKILL.)
 *
 * Real Postgres instead of PGlite: `npm install pg`, then give it the same `transaction` method:
 *   import pg from 'pg';
 *   const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 *   const db: Db = {
 *     query: (sql, params) => pool.query(sql, params),
 *     async transaction(fn) {
 *       const client = await pool.connect();
 *       try {
 *         await client.query('BEGIN');
 *         const result = await fn(client);
 *         await client.query('COMMIT');
 *         return result;
 *       } catch (error) {
 *         await client.query('ROLLBACK');
 *         throw error;
 *       } finally {
 *         client.release();
 *       }
 *     },
 *   };
 */

import { PGlite } from '@electric-sql/pglite';
import { KnotClient, type Transaction } from '../src/index.js'; // in your app: from 'knotapi-node'

/** What this example needs from a database: PGlite fits as it is, pg's Pool with the adapter above. */
interface Query {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
}
interface Db extends Query {
  /** Runs `fn` in one database transaction: all of its writes, or none. */
  transaction<T>(fn: (tx: Query) => Promise<T>): Promise<T>;
}

interface AccountKey {
  external_user_id: string;
  merchant_id: number;
}

// Knot's recommended schema, adapted: `external_user_id` instead of a foreign key to a users
// table, `raw` keeps every field exactly as Knot sent it (Knot adds fields without notice), and the
// cursor table has a primary key so the cursor can be upserted.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS knot_transactions (
  id               TEXT PRIMARY KEY,           -- Knot's transaction id: the dedup key
  external_user_id TEXT NOT NULL,
  merchant_id      INTEGER NOT NULL,
  external_id      TEXT,                       -- the merchant's order id
  datetime         TIMESTAMPTZ NOT NULL,
  order_status     TEXT NOT NULL,
  url              TEXT,
  price_total      TEXT NOT NULL,              -- decimal strings, as sent: no float rounding
  price_sub_total  TEXT,
  price_currency   TEXT,
  products         JSONB,
  payment_methods  JSONB,
  shipping         JSONB,
  raw              JSONB NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_knot_txn_user_merchant ON knot_transactions (external_user_id, merchant_id);
CREATE TABLE IF NOT EXISTS knot_sync_cursors (
  external_user_id TEXT NOT NULL,
  merchant_id      INTEGER NOT NULL,
  cursor           TEXT NOT NULL,              -- never NULL: see saveCursor
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (external_user_id, merchant_id)
);`;

async function migrate(db: Query): Promise<void> {
  for (const statement of SCHEMA.split(';').filter((s) => s.trim() !== '')) await db.query(statement);
}

async function loadCursor(db: Query, account: AccountKey): Promise<string | null> {
  const { rows } = await db.query('SELECT cursor FROM knot_sync_cursors WHERE external_user_id = $1 AND merchant_id = $2', [
    account.external_user_id,
    account.merchant_id,
  ]);
  return (rows[0]?.cursor as string | undefined) ?? null;
}

/** The SDK never hands over `null` here: storing null would restart the next sync from scratch. */
async function saveCursor(db: Query, account: AccountKey, cursor: string): Promise<void> {
  await db.query(
    `INSERT INTO knot_sync_cursors (external_user_id, merchant_id, cursor) VALUES ($1, $2, $3)
     ON CONFLICT (external_user_id, merchant_id) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
    [account.external_user_id, account.merchant_id, cursor],
  );
}

/** Insert or overwrite by id: a transaction delivered twice (after a crash, a retry) is harmless. */
async function upsertTransaction(db: Query, account: AccountKey, t: Transaction): Promise<void> {
  await db.query(
    `INSERT INTO knot_transactions (id, external_user_id, merchant_id, external_id, datetime, order_status, url,
       price_total, price_sub_total, price_currency, products, payment_methods, shipping, raw)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (id) DO UPDATE SET
       external_id = EXCLUDED.external_id, datetime = EXCLUDED.datetime, order_status = EXCLUDED.order_status,
       url = EXCLUDED.url, price_total = EXCLUDED.price_total, price_sub_total = EXCLUDED.price_sub_total,
       price_currency = EXCLUDED.price_currency, products = EXCLUDED.products,
       payment_methods = EXCLUDED.payment_methods, shipping = EXCLUDED.shipping, raw = EXCLUDED.raw, updated_at = now()`,
    [
      t.id,
      account.external_user_id,
      account.merchant_id,
      t.external_id,
      t.datetime,
      t.order_status,
      t.url,
      t.price.total,
      t.price.sub_total,
      t.price.currency,
      JSON.stringify(t.products),
      JSON.stringify(t.payment_methods),
      t.shipping == null ? null : JSON.stringify(t.shipping),
      JSON.stringify(t),
    ],
  );
}

/**
 * One sync of one account: everything new since the stored cursor. Returns how many transactions
 * were handed over (a page interrupted by a crash last time is counted again).
 * Call it when NEW_TRANSACTIONS_AVAILABLE arrives, one sync per account at a time.
 */
async function syncAccount(knot: KnotClient, db: Db, account: AccountKey, limit = 100): Promise<number> {
  let count = 0;
  let checkpoints = 0;
  let page: Transaction[] = [];
  /** The page's rows and its cursor, in one database transaction: a crash keeps both or neither. */
  const flush = async (cursor: string | null) => {
    await db.transaction(async (tx) => {
      for (const transaction of page) await upsertTransaction(tx, account, transaction);
      if (cursor !== null) await saveCursor(tx, account, cursor);
    });
    count += page.length;
    page = [];
  };
  const sync = knot.transactions.sync(
    { ...account, cursor: await loadCursor(db, account), limit },
    {
      // Awaited once after every finished page, the final one included: everything before
      // `cursor` has been through the loop below and sits in `page`.
      onCheckpoint: async (cursor) => {
        checkpoints++;
        await flush(cursor);
        console.log(`checkpoint: ${count} transaction(s) stored so far`);
      },
    },
  );
  for await (const transaction of sync) page.push(transaction);
  // The one page onCheckpoint never sees: a first sync (no stored cursor) whose first page is
  // already the last has no cursor to report (it is never null). Its rows are written here.
  if (checkpoints === 0 && page.length > 0) await flush(null);
  return count;
}

async function storedCount(db: Query, account: AccountKey): Promise<number> {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM knot_transactions WHERE external_user_id = $1 AND merchant_id = $2', [
    account.external_user_id,
    account.merchant_id,
  ]);
  return rows[0].n as number;
}

async function main(): Promise<number> {
  const env = process.env;
  const account: AccountKey = {
    external_user_id: env.KNOT_EXTERNAL_USER_ID ?? 'user-1',
    merchant_id: Number(env.KNOT_MERCHANT_ID ?? 19),
  };
  const limit = Number(env.KNOT_SYNC_LIMIT ?? 100);

  // No KNOT_BASE_URL: run against the fake Knot API, in this process.
  const fake = env.KNOT_BASE_URL ? undefined : await startFake();
  const knot = new KnotClient(fake ? { baseUrl: fake.url, clientId: fake.mock.clientId, secret: fake.mock.secret } : { baseUrl: env.KNOT_BASE_URL });
  // A directory keeps the data (and the cursor) between runs; without one, PGlite lives in memory.
  const db = await PGlite.create(env.PGLITE_DATA_DIR || 'memory://');
  try {
    await migrate(db);
    if (!fake) {
      const synced = await syncAccount(knot, db, account, limit);
      console.log(`synced ${synced} transaction(s); ${await storedCount(db, account)} stored`);
      return 0;
    }

    await knot.development.linkAccount({ ...account, transactions: { new: true } });
    const first = await syncAccount(knot, db, account, limit);
    console.log(`first sync: ${first} transaction(s); ${await storedCount(db, account)} stored`);
    // Later, Knot has more (in production: a NEW_TRANSACTIONS_AVAILABLE webhook says so).
    fake.mock.addTransactions({ ...account, count: 5, notify: false });
    const second = await syncAccount(knot, db, account, limit);
    const stored = await storedCount(db, account);
    console.log(`second sync: ${second} transaction(s); ${stored} stored`);

    const expected = fake.mock.transactionCount(account);
    if (second !== 5 || stored !== expected) {
      console.error(`unexpected: second sync ${second} (want 5), stored ${stored} (want ${expected})`);
      return 1;
    }
    return 0;
  } finally {
    await db.close();
    await knot.close();
    await fake?.close();
  }
}

async function startFake() {
  const { createMockKnot } = await import('../src/testing.js'); // in your tests: 'knotapi-node/testing'
  const mock = createMockKnot({ seed: 1 });
  const server = await mock.listen();
  return { mock, url: server.url, close: () => mock.close() };
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
