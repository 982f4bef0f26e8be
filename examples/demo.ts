/**
 * The knotapi-node demo: link an account, receive the webhooks, sync every transaction into
 * Postgres (PGlite), apply the updates, and print a report.
 *
 * Without credentials it runs against the built-in fake Knot API (and its signed webhooks) on
 * 127.0.0.1. With KNOT_CLIENT_ID and KNOT_SECRET set it runs the same flow against Knot's development
 * environment; there, without a public KNOT_WEBHOOK_URL, it polls sync instead of waiting for
 * webhooks. It exits 0 only when every step verified.
 *
 *   npm run demo
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { type KnotWebhookEvent, KnotClient, type Transaction } from '../src/index.js';
import { createMockKnot, type MockKnot } from '../src/testing.js';

const MERCHANT_ID = 19; // DoorDash: Knot's recommended TransactionLink test merchant
const EXPECTED_ABOUT = 205; // what the development link generates
const WAIT_MS = 60_000;

const live = Boolean(process.env.KNOT_CLIENT_ID && process.env.KNOT_SECRET);
const externalUserId = `demo-${randomUUID()}`; // Knot asks for a fresh user per test run
const checks: { name: string; ok: boolean; detail: string }[] = [];

function check(name: string, ok: boolean, detail = ''): void {
  checks.push({ name, ok, detail });
  console.log(`${ok ? '✔' : '✘'} ${name}${detail ? ` (${detail})` : ''}`);
}

function progress(done: number, total: number): void {
  const width = 30;
  const filled = Math.min(width, Math.round((done / Math.max(total, done, 1)) * width));
  const line = `  syncing [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done} transactions`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
  else console.log(line);
}

/** Resolves when `predicate` holds, polling every 50 ms; rejects after `ms`. */
async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function createStore() {
  const db = new PGlite();
  // The schema Knot's integration guide recommends: transactions upserted on id, one cursor per account.
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
    async upsert(txn: Transaction) {
      await db.query(
        `INSERT INTO knot_transactions (id, external_user_id, merchant_id, order_status, total, currency, datetime, raw)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET order_status = EXCLUDED.order_status, total = EXCLUDED.total,
           currency = EXCLUDED.currency, raw = EXCLUDED.raw, updated_at = now()`,
        [txn.id, externalUserId, MERCHANT_ID, txn.order_status, txn.price.total, txn.price.currency, txn.datetime, JSON.stringify(txn)],
      );
    },
    async loadCursor(): Promise<string | null> {
      const { rows } = await db.query<{ cursor: string }>(
        'SELECT cursor FROM knot_sync_cursors WHERE external_user_id = $1 AND merchant_id = $2',
        [externalUserId, MERCHANT_ID],
      );
      return rows[0]?.cursor ?? null;
    },
    async saveCursor(cursor: string) {
      await db.query(
        `INSERT INTO knot_sync_cursors VALUES ($1, $2, $3)
         ON CONFLICT (external_user_id, merchant_id) DO UPDATE SET cursor = EXCLUDED.cursor`,
        [externalUserId, MERCHANT_ID, cursor],
      );
    },
    async count(): Promise<number> {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM knot_transactions');
      return rows[0]?.n ?? 0;
    },
  };
}

async function main(): Promise<void> {
  const store = await createStore();
  const received: KnotWebhookEvent[] = [];
  let mock: MockKnot | undefined;
  let knot: KnotClient;
  let receiver: Server | undefined;
  let closeMock: (() => Promise<void>) | undefined;

  if (live) {
    knot = new KnotClient({ environment: 'development' });
    console.log(`Knot development environment, user ${externalUserId}`);
  } else {
    mock = createMockKnot({ seed: 19 });
    const server = await mock.listen();
    closeMock = server.close;
    knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: server.url });
    // A webhook receiver in this process, verified with the client's secret like a real one.
    receiver = createServer(
      knot.webhooks.handler({
        on: {
          AUTHENTICATED: (e) => void received.push(e),
          NEW_TRANSACTIONS_AVAILABLE: (e) => void received.push(e),
          UPDATED_TRANSACTIONS_AVAILABLE: (e) => void received.push(e),
        },
        onError: (err) => console.error('webhook handler failed:', err),
      }),
    );
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
    mock.setWebhookUrl(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`);
    console.log(`Fake Knot API at ${server.url} (no credentials needed), user ${externalUserId}`);
  }

  try {
    // 1. Link an account at DoorDash with generated transactions and a few updates.
    await knot.development.linkAccount({
      external_user_id: externalUserId,
      merchant_id: MERCHANT_ID,
      transactions: { new: true, updated: true },
    });
    check('linked a DoorDash account', true);

    // 2. Wait for Knot to say transactions are ready (webhooks locally, polling live).
    if (mock) {
      await waitFor('NEW_TRANSACTIONS_AVAILABLE', () => received.some((e) => e.event === 'NEW_TRANSACTIONS_AVAILABLE'));
      check('received AUTHENTICATED', received.some((e) => e.event === 'AUTHENTICATED'));
      check('received NEW_TRANSACTIONS_AVAILABLE (signature verified)', true);
    } else {
      await waitFor('the first transactions', async () => {
        const page = await knot.transactions.syncPage({ merchant_id: MERCHANT_ID, external_user_id: externalUserId, limit: 1 });
        return page.transactions.length > 0;
      });
      check('transactions are available (polled)', true);
    }

    // 3. Sync every transaction, saving the cursor after each processed page.
    let synced = 0;
    const sync = knot.transactions.sync(
      { merchant_id: MERCHANT_ID, external_user_id: externalUserId, cursor: await store.loadCursor() },
      { onCheckpoint: (cursor) => store.saveCursor(cursor) },
    );
    for await (const txn of sync) {
      await store.upsert(txn);
      synced += 1;
      if (synced % 25 === 0) progress(synced, EXPECTED_ABOUT);
    }
    progress(synced, synced);
    if (process.stdout.isTTY) process.stdout.write('\n');
    const stored = await store.count();
    const expected = mock ? mock.transactionCount({ external_user_id: externalUserId, merchant_id: MERCHANT_ID }) : synced;
    check('synced every transaction into Postgres', stored === expected && stored > 0, `${stored} stored, ${expected} expected`);
    check('saved a resume cursor', (await store.loadCursor()) !== null);

    // 4. Apply the updates Knot announced: fetch each updated transaction and overwrite it.
    if (mock) {
      await waitFor('UPDATED_TRANSACTIONS_AVAILABLE', () => received.some((e) => e.event === 'UPDATED_TRANSACTIONS_AVAILABLE'));
      const ids = received.flatMap((e) => (e.event === 'UPDATED_TRANSACTIONS_AVAILABLE' ? e.updated.map((u) => u.id) : []));
      let matching = 0;
      for (const id of ids) {
        const fresh = await knot.transactions.get(id);
        await store.upsert(fresh);
        const { rows } = await store.db.query<{ order_status: string }>('SELECT order_status FROM knot_transactions WHERE id = $1', [id]);
        if (rows[0]?.order_status === fresh.order_status) matching += 1;
      }
      check('applied the updated transactions', ids.length > 0 && matching === ids.length, `${matching}/${ids.length}`);
    }

    // 5. A second sync from the stored cursor finds nothing new.
    let again = 0;
    for await (const _ of knot.transactions.sync({ merchant_id: MERCHANT_ID, external_user_id: externalUserId, cursor: await store.loadCursor() })) {
      again += 1;
    }
    check('a sync from the stored cursor returns nothing new', again === 0, `${again} new`);

    await report(store.db);
  } finally {
    await knot.close();
    await closeMock?.();
    await mock?.close();
    if (receiver) await new Promise((resolve) => receiver!.close(resolve));
    await store.db.close();
  }
}

async function report(db: PGlite): Promise<void> {
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

main()
  .catch((error) => {
    check('demo finished', false, error instanceof Error ? error.message : String(error));
  })
  .finally(() => {
    const failed = checks.filter((c) => !c.ok);
    console.log(failed.length === 0 ? '\nAll steps verified.' : `\n${failed.length} step(s) failed.`);
    process.exitCode = failed.length === 0 ? 0 : 1;
  });
