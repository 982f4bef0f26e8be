/**
 * docs/sync.md, "Updates come through webhooks, not sync": NEW_TRANSACTIONS_AVAILABLE runs a sync
 * from the stored cursor, UPDATED_TRANSACTIONS_AVAILABLE re-fetches each changed transaction.
 * An in-process fake Knot API sends the signed webhooks to a receiver on 127.0.0.1.
 */
import { KnotClient, type Transaction } from 'knotapi-node';
import { createMockKnot } from 'knotapi-node/testing';
import { memory } from './support/memory.js';
import { listen, waitFor } from './support/receiver.js';

const fake = createMockKnot(); // a fake Knot API of our own, so it can POST webhooks to us
const api = await fake.listen();
const knot = new KnotClient({ clientId: fake.clientId, secret: fake.secret, baseUrl: api.url });

// #region handler
const handler = knot.webhooks.handler({
  on: {
    NEW_TRANSACTIONS_AVAILABLE: (e) => syncAccount({ external_user_id: e.external_user_id, merchant_id: e.merchant.id }),
    UPDATED_TRANSACTIONS_AVAILABLE: async (e) => {
      for (const { id } of e.updated) await upsert(await knot.transactions.get(id));
    },
  },
});
// #endregion

const receiver = await listen(handler);
fake.setWebhookUrl(`${receiver.url}/knot/webhooks`);
// Links user-1 at DoorDash: 205 transactions, 3 of them then updated; sends AUTHENTICATED,
// NEW_TRANSACTIONS_AVAILABLE and UPDATED_TRANSACTIONS_AVAILABLE.
await fake.linkAccount({ external_user_id: 'user-1', merchant_id: 19, transactions: { new: true, updated: true } });
await fake.webhooksSettled();

const expected = fake.transactionsOf({ external_user_id: 'user-1', merchant_id: 19 });
const gets = () => fake.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/transactions/')).length;
await waitFor('the handlers to store every transaction', () => {
  return gets() === 3 && expected.every((t) => JSON.stringify(memory.transactions.get(t.id)) === JSON.stringify(t));
});
if (memory.transactions.size !== 205) throw new Error(`expected 205 transactions, stored ${memory.transactions.size}`);
console.log(`webhooks: ${fake.webhooks.map((w) => `${w.event} ${w.status}`).join(', ')}; 205 transactions stored, 3 re-fetched`);

await receiver.close();
await knot.close();
await fake.close();

// Your application's code, in memory here.
async function syncAccount(account: { external_user_id: string; merchant_id: number }): Promise<void> {
  const key = `${account.external_user_id}/${account.merchant_id}`;
  const sync = knot.transactions.sync(
    { ...account, cursor: memory.cursors.get(key) ?? null },
    { onCheckpoint: (cursor) => void memory.cursors.set(key, cursor) },
  );
  for await (const txn of sync) await upsert(txn);
}
async function upsert(txn: Transaction): Promise<void> {
  memory.transactions.set(txn.id, txn);
}
