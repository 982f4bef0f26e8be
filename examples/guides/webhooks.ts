/**
 * docs/webhooks.md, Setup: a node:http server that receives Knot's webhooks through
 * `knot.webhooks.handler()`, syncs on NEW_TRANSACTIONS_AVAILABLE, re-fetches on
 * UPDATED_TRANSACTIONS_AVAILABLE and tracks the connection state. The fake Knot API links an
 * account and disconnects it; the example checks what the handlers did.
 */
import { fake } from './support/webhook-fake.js'; // a fake Knot API that sends webhooks; sets KNOT_* and PORT=0
import { type KnotWebhookEvent, signWebhook, type Transaction } from 'knotapi-node';
import { memory } from './support/memory.js';
import { started, waitFor } from './support/receiver.js';
// #region server
import { createServer } from 'node:http';
import { KnotClient } from 'knotapi-node';

const knot = new KnotClient(); // KNOT_CLIENT_ID, KNOT_SECRET (the signing key), KNOT_ENVIRONMENT

const handler = knot.webhooks.handler({
  on: {
    NEW_TRANSACTIONS_AVAILABLE: async (event) => {
      // event is NewTransactionsAvailableEvent: event.external_user_id, event.merchant.id, ...
      for await (const txn of knot.transactions.sync(
        { merchant_id: event.merchant.id, external_user_id: event.external_user_id, cursor: await loadCursor(event) },
        { onCheckpoint: (cursor) => saveCursor(event, cursor) },
      )) await upsert(txn);
    },
    UPDATED_TRANSACTIONS_AVAILABLE: async (event) => {
      for (const { id } of event.updated) await upsert(await knot.transactions.get(id));
    },
    ACCOUNT_LOGIN_REQUIRED: (event) => markDisconnected(event.external_user_id, event.merchant.id),
    AUTHENTICATED: (event) => markConnected(event.external_user_id, event.merchant.id),
  },
  onUnknown: (event) => console.info('new Knot event type', event.unknown_event),
  onError: (error, event) => report(error, event), // a handler failed: Knot got a 500 and delivers again
});

const server = createServer((req, res) => (req.url === '/knot/webhooks' ? handler(req, res) : res.writeHead(404).end()));
server.listen(Number(process.env.PORT ?? 3000));
// #endregion

const connection = new Map<string, 'connected' | 'disconnected'>();
const states: string[] = [];
const reported: { error: unknown; event: KnotWebhookEvent }[] = [];
const receiver = await started(server);
fake.setWebhookUrl(`${receiver.url}/knot/webhooks`);

// user-1 links DoorDash: AUTHENTICATED, NEW_TRANSACTIONS_AVAILABLE (205) and UPDATED_TRANSACTIONS_AVAILABLE (3).
const account = { external_user_id: 'user-1', merchant_id: 19 };
await fake.linkAccount({ ...account, transactions: { new: true, updated: true } });
// user-2 links, then loses the connection: AUTHENTICATED, ACCOUNT_LOGIN_REQUIRED.
await fake.linkAccount({ external_user_id: 'user-2', merchant_id: 19 });
fake.disconnectAccount({ external_user_id: 'user-2', merchant_id: 19 });
// An event type this SDK version does not know: acknowledged, handed to onUnknown.
// (Without Content-Length: fetch sets the same value itself, and Node 20's fetch refuses an explicit
// one once undici 7 is loaded, as it is here by the fake and by the client's first request.)
const body = JSON.stringify({ event: 'SOMETHING_NEW', timestamp: Date.now() });
const { 'Content-Length': _, ...headers } = signWebhook({ body, secret: fake.secret });
const unknown = await fetch(`${receiver.url}/knot/webhooks`, { method: 'POST', headers, body });
if (unknown.status !== 200) throw new Error(`an unknown event was answered ${unknown.status}`);
const missing = await fetch(`${receiver.url}/elsewhere`);
if (missing.status !== 404) throw new Error(`expected 404 off the webhook path, got ${missing.status}`);

await fake.webhooksSettled();
if (!fake.webhooks.every((w) => w.delivered && w.attempts === 1)) throw new Error('a webhook was not accepted at once');
// Each handler ran before its 200; wait until the fake has seen every answer. The sync ends with a 4th, empty page.
const expected = fake.transactionsOf(account);
const requested = (path: string) => fake.requests.filter((r) => r.path.startsWith(path)).length;
await waitFor('the handlers', () => {
  const stored = expected.every((t) => JSON.stringify(memory.transactions.get(t.id)) === JSON.stringify(t));
  return stored && requested('/transactions/sync') === 4 && requested('/transactions/') === 4 + 3 && states.length === 3;
});
await knot.close(); // lets the last request finish
await new Promise((resolve) => setImmediate(resolve));
const final = `user-1 ${connection.get('user-1/19')}, user-2 ${connection.get('user-2/19')}`;
if (final !== 'user-1 connected, user-2 disconnected') throw new Error(final);
if (memory.transactions.size !== 205 || reported.length > 0) throw new Error(`${memory.transactions.size} stored, ${reported.length} reported`);
console.log(`handled ${fake.webhooks.map((w) => w.event).join(', ')}; 205 transactions; ${final}`);

await receiver.close();
await fake.close();

// Your application's code, in memory here.
function keyOf(event: { external_user_id: string; merchant: { id: number } }): string {
  return `${event.external_user_id}/${event.merchant.id}`;
}
async function loadCursor(event: { external_user_id: string; merchant: { id: number } }): Promise<string | null> {
  return memory.cursors.get(keyOf(event)) ?? null;
}
async function saveCursor(event: { external_user_id: string; merchant: { id: number } }, cursor: string): Promise<void> {
  memory.cursors.set(keyOf(event), cursor);
}
async function upsert(txn: Transaction): Promise<void> {
  memory.transactions.set(txn.id, txn);
}
function markConnected(userId: string, merchantId: number): void {
  connection.set(`${userId}/${merchantId}`, 'connected');
  states.push('connected');
}
function markDisconnected(userId: string, merchantId: number): void {
  connection.set(`${userId}/${merchantId}`, 'disconnected');
  states.push('disconnected');
}
function report(error: unknown, event: KnotWebhookEvent): void {
  reported.push({ error, event });
  console.warn('webhook work failed', event, error);
}
