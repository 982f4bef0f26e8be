/**
 * The knotapi-node demo: link an account, receive the webhooks, sync every transaction into
 * Postgres (PGlite) with a checkpoint per page, apply the updates, then refresh and follow the
 * refresh → webhook → sync loop, and print a report. It exits 0 only when every step verified.
 *
 *   npm run demo                                             the built-in fake Knot API (default)
 *   KNOT_BASE_URL=http://127.0.0.1:4010 KNOT_CLIENT_ID=… KNOT_SECRET=… npm run demo
 *                                                            any server, e.g. `npx knot-mock --port 4010`
 *   KNOT_ENVIRONMENT=development KNOT_CLIENT_ID=… KNOT_SECRET=… npm run demo
 *                                                            Knot's development environment
 *
 * The first line says which mode runs and why (examples/demo/mode.ts): credentials alone never
 * switch the demo away from the fake. Only the fake mode has a webhook receiver; the others poll
 * sync instead, and skip (saying so) what only a webhook can tell: which transactions were updated.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KnotApiError, KnotClient, KnotRateLimitError, type KnotWebhookEvent } from '../src/index.js';
import { createMockKnot, type MockKnot } from '../src/testing.js';
import { chooseMode, type DemoMode, DemoSetupError, describeMode } from './demo/mode.js';
import { isLiveTerminal, SyncProgress } from './demo/progress.js';
import { type Account, createStore, printReport, type Store } from './demo/store.js';

const WAIT_MS = 60_000;
/** How often the modes without webhooks ask Knot whether data arrived (gently: it is a real API). */
const POLL_MS = 1_000;

const results: { ok: boolean | null; name: string; detail: string }[] = [];

/** A verified step (✔ or ✘). */
function check(name: string, ok: boolean, detail = ''): void {
  results.push({ ok, name, detail });
  console.log(`${ok ? '✔' : '✘'} ${name}${detail ? ` (${detail})` : ''}`);
}

/** A step this mode cannot verify, and why: not a failure. */
function skip(name: string, why: string): void {
  results.push({ ok: null, name, detail: why });
  console.log(`– ${name} (skipped: ${why})`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the first truthy value of `probe`, asking every `everyMs`; undefined after `ms`. */
async function poll<T>(probe: () => Promise<T | undefined> | T | undefined, everyMs: number, ms = WAIT_MS): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() + everyMs > deadline) return undefined;
    await sleep(everyMs);
  }
}

/** Webhooks the receiver accepted (the handler verified their signatures), in arrival order. */
class Inbox {
  readonly events: KnotWebhookEvent[] = [];
  readonly record = (event: KnotWebhookEvent): void => void this.events.push(event);

  /** The first `name` event at or after position `from`; rejects after WAIT_MS. */
  async next(name: KnotWebhookEvent['event'], from: number): Promise<KnotWebhookEvent> {
    const found = await poll(() => this.events.slice(from).find((e) => e.event === name), 20);
    if (!found) throw new Error(`no ${name} webhook within ${WAIT_MS / 1000} s`);
    return found;
  }
}

/** The transaction ids an UPDATED_TRANSACTIONS_AVAILABLE event lists (none for any other event). */
const updatedIds = (event: KnotWebhookEvent): string[] =>
  event.event === 'UPDATED_TRANSACTIONS_AVAILABLE' ? event.updated.map((u) => u.id) : [];

interface Connection {
  knot: KnotClient;
  /** Only in the fake mode: the fake itself (for expected counts) and the receiver's inbox. */
  fake: { mock: MockKnot; inbox: Inbox } | null;
  close(): Promise<void>;
}

async function connect(mode: DemoMode): Promise<Connection> {
  if (mode.kind !== 'fake') {
    // No options: the client reads KNOT_BASE_URL / KNOT_ENVIRONMENT and the credentials itself,
    // exactly as an app of yours would.
    const knot = new KnotClient();
    return { knot, fake: null, close: () => knot.close() };
  }
  const mock = createMockKnot({ seed: 19 });
  const server = await mock.listen();
  let receiver: Server | undefined;
  let knot: KnotClient | undefined;
  // Everything started so far is stopped on the way out, also when a later step throws (a bad
  // KNOT_LOG, say): a server left listening would keep the demo from exiting.
  const close = async () => {
    await knot?.close();
    await mock.close();
    receiver?.closeAllConnections();
    await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  };
  try {
    // Explicit options, so credentials left in the shell cannot leak into the fake mode.
    knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: server.url });
    const inbox = new Inbox();
    // A webhook receiver in this process, verified with the client's secret like a real one.
    const listening: Server = createServer(
      knot.webhooks.handler({
        on: { AUTHENTICATED: inbox.record, NEW_TRANSACTIONS_AVAILABLE: inbox.record, UPDATED_TRANSACTIONS_AVAILABLE: inbox.record },
        onError: (err) => console.error('webhook handler failed:', err),
      }),
    );
    receiver = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/webhooks`;
    mock.setWebhookUrl(webhookUrl);
    console.log(`  fake Knot API at ${server.url}, webhooks to ${webhookUrl}`);
    return { knot, fake: { mock, inbox }, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Syncs from the stored cursor into the store, saving each checkpoint; returns the ids received. */
async function syncIntoStore(label: string, knot: KnotClient, store: Store, account: Account): Promise<string[]> {
  const progress = new SyncProgress(label, process.stdout, isLiveTerminal(process.stdout, process.env));
  const ids: string[] = [];
  const sync = knot.transactions.sync(
    { ...account, cursor: await store.loadCursor() },
    {
      onCheckpoint: async (cursor) => {
        await store.saveCursor(cursor);
        progress.checkpoint(cursor);
      },
    },
  );
  let ok = false;
  try {
    for await (const page of sync.pages()) {
      progress.page(page.transactions.length);
      for (const txn of page.transactions) {
        await store.upsert(txn);
        ids.push(txn.id);
        progress.transaction();
      }
    }
    ok = true;
  } finally {
    progress.finish(ok);
  }
  return ids;
}

/** Fetches each updated transaction and overwrites the stored copy; how many now match, and one change to show. */
async function applyUpdates(knot: KnotClient, store: Store, ids: string[]): Promise<{ matching: number; example: string }> {
  let matching = 0;
  let example = '';
  for (const id of ids) {
    const before = await store.find(id);
    const fresh = await knot.transactions.get(id);
    await store.upsert(fresh);
    const after = await store.find(id);
    if (after?.order_status === fresh.order_status && Number(after.total) === Number(fresh.price.total)) matching += 1;
    if (!example && before && after) example = `e.g. ${before.order_status} ${before.total} → ${after.order_status} ${after.total}`;
  }
  return { matching, example };
}

/** Whether Knot has transactions after the stored cursor (the modes without webhooks ask this). */
async function hasNewTransactions(knot: KnotClient, store: Store, account: Account): Promise<true | undefined> {
  const page = await knot.transactions.syncPage({ ...account, cursor: await store.loadCursor(), limit: 1 });
  return page.transactions.length > 0 ? true : undefined;
}

async function run(mode: DemoMode): Promise<void> {
  const account: Account = { external_user_id: `demo-${randomUUID()}`, merchant_id: 19 }; // DoorDash; a fresh user per run, as Knot asks
  console.log('  starting Postgres in this process (PGlite)…');
  const store = await createStore(account);
  try {
    const connection = await connect(mode);
    try {
      console.log(`  user ${account.external_user_id}, merchant 19 (DoorDash)\n`);
      await steps(connection, store, account);
      await printReport(store.db);
    } finally {
      await connection.close();
    }
  } finally {
    await store.db.close();
  }
}

async function steps({ knot, fake }: Connection, store: Store, account: Account): Promise<void> {
  // 1. Link an account with generated transactions and a few updates.
  await knot.development.linkAccount({ ...account, transactions: { new: true, updated: true } });
  check('linked a DoorDash account', true);

  // 2. Wait until Knot says transactions are ready: a webhook, or polling without a receiver.
  if (fake) {
    await fake.inbox.next('NEW_TRANSACTIONS_AVAILABLE', 0);
    check('received AUTHENTICATED', fake.inbox.events.some((e) => e.event === 'AUTHENTICATED'));
    check('received NEW_TRANSACTIONS_AVAILABLE (signature verified)', true);
  } else {
    const ready = await poll(() => hasNewTransactions(knot, store, account), POLL_MS);
    check('transactions are available (polled: no webhook receiver in this mode)', ready === true);
    if (!ready) return;
  }

  // 3. Sync every transaction, saving the cursor after each processed page.
  const known = new Set(await syncIntoStore('initial sync', knot, store, account));
  const stored = await store.count();
  const expected = fake ? fake.mock.transactionCount(account) : known.size;
  check('synced every transaction into Postgres', stored === expected && stored > 0, `${stored} stored, ${expected} expected`);
  check('saved a resume cursor', (await store.loadCursor()) !== null);

  // 4. Apply the updates Knot announced for the link.
  if (fake) {
    const ids = updatedIds(await fake.inbox.next('UPDATED_TRANSACTIONS_AVAILABLE', 0));
    const { matching } = await applyUpdates(knot, store, ids);
    check('applied the updated transactions', ids.length > 0 && matching === ids.length, `${matching}/${ids.length}`);
  } else {
    skip('applied the updated transactions', 'their ids arrive only in UPDATED_TRANSACTIONS_AVAILABLE, and this mode has no webhook receiver');
  }

  // 5. Refresh: Knot extracts again and announces what it found; follow that back into the store.
  await refreshLoop(knot, store, account, known, fake);

  // 6. Nothing is left behind the stored cursor.
  const again = await syncIntoStore('sync from the stored cursor', knot, store, account);
  check('a sync from the stored cursor returns nothing new', again.length === 0, `${again.length} new`);
}

async function refreshLoop(knot: KnotClient, store: Store, account: Account, known: Set<string>, fake: Connection['fake']): Promise<void> {
  const mark = fake?.inbox.events.length ?? 0;
  const countBefore = fake?.mock.transactionCount(account) ?? 0;
  try {
    await knot.transactions.refresh(account);
  } catch (error) {
    if (error instanceof KnotApiError && error.errorCode === 'NO_ACCESS') {
      skip('refresh → webhook → sync', 'refresh answered 403 NO_ACCESS: Knot enables it per customer');
      return;
    }
    throw error;
  }
  check('asked Knot to refresh the account', true, '202 Accepted');

  if (fake) {
    await fake.inbox.next('NEW_TRANSACTIONS_AVAILABLE', mark);
    const ids = updatedIds(await fake.inbox.next('UPDATED_TRANSACTIONS_AVAILABLE', mark));
    check('received NEW_ and UPDATED_TRANSACTIONS_AVAILABLE for the refresh (signatures verified)', ids.length > 0);
    const added = await syncIntoStore('sync after the refresh', knot, store, account);
    const expected = fake.mock.transactionCount(account) - countBefore;
    const onlyNew = added.every((id) => !known.has(id));
    check(`the sync from the stored cursor got exactly the ${expected} new transactions`, added.length === expected && expected > 0 && onlyNew, `${added.length} received`);
    const { matching, example } = await applyUpdates(knot, store, ids);
    check(`applied the ${ids.length} updated transactions from the refresh`, ids.length > 0 && matching === ids.length, example || `${matching}/${ids.length}`);
  } else {
    const arrived = await poll(() => hasNewTransactions(knot, store, account), POLL_MS);
    if (arrived) {
      const added = await syncIntoStore('sync after the refresh', knot, store, account);
      check('the sync from the stored cursor got the new transactions', added.length > 0 && added.every((id) => !known.has(id)), `${added.length} new`);
    } else {
      skip('new transactions after the refresh', `none within ${WAIT_MS / 1000} s: Knot extracts in the background and sends NEW_TRANSACTIONS_AVAILABLE when done`);
    }
  }

  // Knot allows one refresh per hour per account: the client reports when, instead of sleeping.
  const second = await knot.transactions.refresh(account).then(
    () => null,
    (error: unknown) => error,
  );
  check(
    'a second refresh within the hour is refused with the time to retry',
    second instanceof KnotRateLimitError,
    second instanceof KnotRateLimitError ? `429, retry at ${second.retryAt?.toISOString() ?? 'a time Knot did not say'}` : `got ${String(second)}`,
  );
}

async function main(): Promise<void> {
  let mode: DemoMode;
  try {
    mode = chooseMode(process.env);
  } catch (error) {
    if (!(error instanceof DemoSetupError)) throw error;
    check('chose where to run', false, error.message);
    return;
  }
  console.log(describeMode(mode));
  for (const note of mode.notes) console.log(`  note: ${note}`);
  await run(mode);
}

main()
  .catch((error) => {
    check('demo finished', false, error instanceof Error ? error.message : String(error));
  })
  .finally(() => {
    const failed = results.filter((r) => r.ok === false).length;
    const skipped = results.filter((r) => r.ok === null).length;
    const skippedNote = skipped > 0 ? ` (${skipped} skipped in this mode)` : '';
    console.log(failed === 0 ? `\nAll steps verified.${skippedNote}` : `\n${failed} step(s) failed.`);
    process.exitCode = failed === 0 ? 0 : 1;
  });
