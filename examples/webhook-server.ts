/**
 * A Knot webhook receiver that keeps a local copy of each user's transactions.
 *
 *   KNOT_CLIENT_ID=... KNOT_SECRET=... npx tsx examples/webhook-server.ts
 *   # then point the Dashboard's webhook URL (development) at http(s)://<host>/knot/webhooks
 *
 * What it shows:
 * - `knot.webhooks.handler()` on a plain node:http server: raw body, signature check, the typed
 *   handler for the event, then 200 (500 if it threw, so Knot delivers the event again).
 * - NEW_TRANSACTIONS_AVAILABLE → resume the sync from the stored cursor, upsert every transaction,
 *   store the checkpoint after each page (a crash re-fetches at most one page, never skips one).
 * - UPDATED_TRANSACTIONS_AVAILABLE → re-fetch each changed transaction by id and upsert it.
 * - AUTHENTICATED / ACCOUNT_LOGIN_REQUIRED → mark the account connected / disconnected.
 *
 * Webhook contents are treated as a hint, not as data: the signature does not cover the body and
 * cannot stop replays (docs/webhooks.md), so everything stored comes from the API itself, and every
 * step is idempotent (Knot may deliver an event up to three times, in any order).
 */

import { createServer } from 'node:http';
import { KnotClient, type Transaction } from '../src/index.js';

// ---------------------------------------------------------------------------------------------
// Storage: an interface your database implements; an in-memory version for this example.

interface AccountKey {
  external_user_id: string;
  merchant_id: number;
}

type ConnectionState = 'connected' | 'disconnected';

interface Store {
  loadCursor(account: AccountKey): Promise<string | null>;
  saveCursor(account: AccountKey, cursor: string): Promise<void>;
  /** Insert or replace by `transaction.id`: duplicates are expected and harmless. */
  upsertTransaction(account: AccountKey, transaction: Transaction): Promise<void>;
  /** Applies the state only if `at` is not older than the last state stored (events arrive in any order). */
  setConnection(account: AccountKey, state: ConnectionState, at: number): Promise<void>;
}

class MemoryStore implements Store {
  readonly cursors = new Map<string, string>();
  readonly transactions = new Map<string, Transaction>();
  readonly connections = new Map<string, { state: ConnectionState; at: number }>();

  async loadCursor(account: AccountKey) {
    return this.cursors.get(keyOf(account)) ?? null;
  }
  async saveCursor(account: AccountKey, cursor: string) {
    this.cursors.set(keyOf(account), cursor);
  }
  async upsertTransaction(account: AccountKey, transaction: Transaction) {
    this.transactions.set(`${keyOf(account)}:${transaction.id}`, transaction);
  }
  async setConnection(account: AccountKey, state: ConnectionState, at: number) {
    const current = this.connections.get(keyOf(account));
    if (!current || current.at <= at) this.connections.set(keyOf(account), { state, at });
  }
}

function keyOf(account: AccountKey): string {
  return `${account.external_user_id}/${account.merchant_id}`;
}

/**
 * Runs work for one account at a time. Two NEW_TRANSACTIONS_AVAILABLE for the same account (a retry,
 * or a second event while the first sync runs) then share one cursor instead of racing over it.
 */
const queues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(account: AccountKey, work: () => Promise<T>): Promise<T> {
  const key = keyOf(account);
  const next = (queues.get(key) ?? Promise.resolve()).catch(() => {}).then(work);
  queues.set(key, next);
  void next.finally(() => {
    if (queues.get(key) === next) queues.delete(key);
  }).catch(() => {});
  return next;
}

// ---------------------------------------------------------------------------------------------
// The work for each event.

const knot = new KnotClient(); // KNOT_CLIENT_ID, KNOT_SECRET, KNOT_ENVIRONMENT from the environment
const store = new MemoryStore();

async function syncAccount(account: AccountKey): Promise<number> {
  const sync = knot.transactions.sync(
    { merchant_id: account.merchant_id, external_user_id: account.external_user_id, cursor: await store.loadCursor(account) },
    // Called only once every transaction before this cursor was upserted below.
    { onCheckpoint: (cursor) => store.saveCursor(account, cursor) },
  );
  let count = 0;
  for await (const transaction of sync) {
    await store.upsertTransaction(account, transaction);
    count += 1;
  }
  return count;
}

const handler = knot.webhooks.handler({
  on: {
    NEW_TRANSACTIONS_AVAILABLE: async (event) => {
      const account = { external_user_id: event.external_user_id, merchant_id: event.merchant.id };
      const count = await oneAtATime(account, () => syncAccount(account));
      console.info(`synced ${count} transaction(s) for ${keyOf(account)}`);
    },
    UPDATED_TRANSACTIONS_AVAILABLE: async (event) => {
      const account = { external_user_id: event.external_user_id, merchant_id: event.merchant.id };
      for (const { id } of event.updated) {
        // Re-fetch instead of trusting the webhook: the body is not covered by the signature.
        await store.upsertTransaction(account, await knot.transactions.get(id));
      }
    },
    ACCOUNT_LOGIN_REQUIRED: async (event) => {
      // No more data until the user reconnects through the Knot SDK (a new session, same merchant).
      const account = { external_user_id: event.external_user_id, merchant_id: event.merchant.id };
      await store.setConnection(account, 'disconnected', event.timestamp);
    },
    AUTHENTICATED: async (event) => {
      const account = { external_user_id: event.external_user_id, merchant_id: event.merchant.id };
      await store.setConnection(account, 'connected', event.timestamp);
    },
  },
  onUnknown: (event) => console.info(`ignoring webhook ${event.unknown_event} (not known to this SDK version)`),
  // Every failure: Knot got a 500 and delivers again (or, after 8 s, the 200 was already sent).
  onError: (error, event) => console.error('webhook work failed', event, error),
});

const port = Number(process.env.PORT ?? 3000);
const server = createServer((req, res) => {
  if (req.url?.split('?')[0] === '/knot/webhooks') return handler(req, res);
  res.statusCode = 404;
  res.end();
});

server.listen(port, () => console.info(`Knot webhooks on http://localhost:${port}/knot/webhooks`));

process.once('SIGINT', () => server.close());
