/**
 * The demo's database: Postgres in-process (PGlite), with the schema Knot's integration guide
 * recommends: transactions upserted on id, one sync cursor per linked account.
 */
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '../../src/index.js';

export interface Account {
  external_user_id: string;
  merchant_id: number;
}

export type Store = Awaited<ReturnType<typeof createStore>>;

export async function createStore(account: Account) {
  const db = new PGlite();
  await db.exec(`
    CREATE TABLE knot_transactions (
      id TEXT PRIMARY KEY,
      external_user_id TEXT NOT NULL,
      merchant_id INTEGER NOT NULL,
      order_status TEXT NOT NULL,
      total NUMERIC NOT NULL,
      currency TEXT,
      datetime TIMESTAMPTZ NOT NULL,
      raw JSONB NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE TABLE knot_sync_cursors (
      external_user_id TEXT NOT NULL,
      merchant_id INTEGER NOT NULL,
      cursor TEXT NOT NULL,
      PRIMARY KEY (external_user_id, merchant_id)
    );`);
  return {
    db,
    async upsert(txn: Transaction): Promise<void> {
      await db.query(
        `INSERT INTO knot_transactions (id, external_user_id, merchant_id, order_status, total, currency, datetime, raw)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET order_status = EXCLUDED.order_status, total = EXCLUDED.total,
           currency = EXCLUDED.currency, raw = EXCLUDED.raw, updated_at = now()`,
        [
          txn.id,
          account.external_user_id,
          account.merchant_id,
          txn.order_status,
          txn.price.total,
          txn.price.currency,
          txn.datetime,
          JSON.stringify(txn),
        ],
      );
    },
    /** The stored copy's status and total, as text, or undefined when the id is not stored. */
    async find(id: string): Promise<{ order_status: string; total: string } | undefined> {
      const { rows } = await db.query<{ order_status: string; total: string }>(
        'SELECT order_status, total::text AS total FROM knot_transactions WHERE id = $1',
        [id],
      );
      return rows[0];
    },
    async loadCursor(): Promise<string | null> {
      const { rows } = await db.query<{ cursor: string }>(
        'SELECT cursor FROM knot_sync_cursors WHERE external_user_id = $1 AND merchant_id = $2',
        [account.external_user_id, account.merchant_id],
      );
      return rows[0]?.cursor ?? null;
    },
    async saveCursor(cursor: string): Promise<void> {
      await db.query(
        `INSERT INTO knot_sync_cursors VALUES ($1, $2, $3)
         ON CONFLICT (external_user_id, merchant_id) DO UPDATE SET cursor = EXCLUDED.cursor`,
        [account.external_user_id, account.merchant_id, cursor],
      );
    },
    async count(): Promise<number> {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM knot_transactions');
      return rows[0]?.n ?? 0;
    },
  };
}

/** Spend, order statuses and top products: what the synced data is for. */
export async function printReport(db: PGlite): Promise<void> {
  const spend = await db.query<{ currency: string | null; total: string; n: number }>(
    'SELECT currency, sum(total)::text AS total, count(*)::int AS n FROM knot_transactions GROUP BY currency ORDER BY n DESC',
  );
  const statuses = await db.query<{ order_status: string; n: number }>(
    'SELECT order_status, count(*)::int AS n FROM knot_transactions GROUP BY order_status ORDER BY n DESC',
  );
  const products = await db.query<{ name: string; qty: number }>(
    `SELECT p->>'name' AS name, sum(coalesce((p->>'quantity')::int, 1))::int AS qty
       FROM knot_transactions, jsonb_array_elements(raw->'products') AS p
      GROUP BY 1 ORDER BY qty DESC, name LIMIT 5`,
  );
  console.log('\nReport');
  for (const row of spend.rows) console.log(`  ${row.n} transactions, total spend ${row.total} ${row.currency ?? '(no currency)'}`);
  console.log(`  order statuses: ${statuses.rows.map((r) => `${r.order_status} ${r.n}`).join(', ')}`);
  console.log('  top products:');
  for (const row of products.rows) console.log(`    ${String(row.qty).padStart(4)} × ${row.name}`);
}
