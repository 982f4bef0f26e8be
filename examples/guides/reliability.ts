/**
 * docs/reliability.md, "Checkpoints: nothing lost": the resume loop of the fault soak. A fake Knot
 * API of this example's own injects 5xx, connection resets and malformed bodies; the client gives
 * up quickly (one retry), so the loop itself resumes from the stored cursor. Every transaction
 * arrives, none is missing; a page interrupted mid-way would come again, which upserts absorb.
 */
import { KnotClient, KnotError, type Transaction } from 'knotapi-node';
import { createMockKnot } from 'knotapi-node/testing';
import { memory } from './support/memory.js';

const mock = createMockKnot({ seed: 3, transactionsPerLink: 1_000 });
const api = await mock.listen();
const knot = new KnotClient({
  clientId: mock.clientId,
  secret: mock.secret,
  baseUrl: api.url,
  maxRetries: 1,
  retryBackoff: { initialDelayMs: 5, maxDelayMs: 20 },
  logLevel: 'error', // the retries' warnings are expected here
});
const account = { external_user_id: 'user-1', merchant_id: 19 };
await mock.linkAccount({ ...account, transactions: { new: true } });
mock.faults.set({ serverErrorRate: 0.25, resetRate: 0.1, malformedRate: 0.1 });

let runs = 0;
// #region resume
for (let run = 0; run < 200; run++) {
  try {
    const sync = knot.transactions.sync({ ...account, cursor: await loadCursor(account) }, {
      onCheckpoint: (cursor) => saveCursor(account, cursor),
    });
    for await (const txn of sync) await upsert(txn);
    break;                                   // caught up
  } catch (error) {
    if (!(error instanceof KnotError)) throw error;  // a bug, not a fault
    // retries inside the client were exhausted, or the page was malformed: resume from the cursor
  }
}
// #endregion

mock.faults.clear();
const expected = mock.transactionsOf(account);
const missing = expected.filter((t) => JSON.stringify(memory.transactions.get(t.id)) !== JSON.stringify(t)).length;
if (missing > 0 || memory.transactions.size !== expected.length) throw new Error(`${missing} missing of ${expected.length}`);
if (runs < 2) throw new Error('the faults never made the loop resume');
console.log(`${expected.length} transactions in ${runs} runs (${runs - 1} resumed from a checkpoint), ${memory.upserts - expected.length} duplicates, none missing`);
await knot.close();
await mock.close();

// Your database, in memory here (one account).
async function loadCursor(_: typeof account): Promise<string | null> {
  runs++;
  return memory.cursors.get('user-1/19') ?? null;
}
async function saveCursor(_: typeof account, cursor: string): Promise<void> {
  memory.cursors.set('user-1/19', cursor);
}
async function upsert(txn: Transaction): Promise<void> {
  memory.upserts++;
  memory.transactions.set(txn.id, txn);
}
