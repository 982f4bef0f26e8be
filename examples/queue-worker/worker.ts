/**
 * A worker process (run as many as you like): takes sync jobs from BullMQ and syncs that account
 * from its stored cursor, writing each page and its checkpoint in one database transaction. Every
 * request to Knot goes through one bottleneck limiter clustered over Redis, so `maxConcurrent` and
 * `minTime` hold across all worker processes together.
 */
import { type Job, Worker } from 'bullmq';
import { KnotClient } from '../../src/index.js'; // in your app: from 'knotapi-node'
import { type AccountRef, accountKey, announce, knotCredentials, limits, onShutdown, QUEUE_NAME, redisOptions, sharedLimiter } from './shared.js';

const storeUrl = process.env.STORE_URL;
if (!storeUrl) throw new Error('STORE_URL is required (the store process of examples/queue-worker.ts)');

const limiter = sharedLimiter();
const knot = new KnotClient({ ...knotCredentials(), limiter, timeoutMs: 15_000, logLevel: 'warn' });

async function store(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${storeUrl}${path}`, body === undefined ? undefined : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`store ${path} → ${res.status}: ${await res.text()}`);
  return res.json();
}

let pages = 0;

async function syncAccount(job: Job<AccountRef>): Promise<{ pages: number; transactions: number }> {
  const ref = { external_user_id: job.data.external_user_id, merchant_id: job.data.merchant_id };
  const key = accountKey(ref);
  const query = new URLSearchParams({ external_user_id: ref.external_user_id, merchant_id: String(ref.merchant_id) });
  await store('/jobs/start', { key, pid: process.pid });
  try {
    const { cursor } = (await store(`/cursor?${query}`)) as { cursor: string | null };
    let count = 0;
    let done = 0;
    // pages(): the page and the cursor after it are written together (one SQL transaction).
    for await (const page of knot.transactions.sync({ ...ref, cursor }).pages()) {
      await store('/pages', { ...ref, transactions: page.transactions, checkpoint: page.checkpoint });
      count += page.transactions.length;
      done += 1;
      pages += 1;
    }
    return { pages: done, transactions: count };
  } finally {
    await store('/jobs/end', { key, pid: process.pid });
  }
}

// A job whose worker died is taken back after its lock expires (checked every stalledInterval).
const lockMs = Number(process.env.WORKER_LOCK_MS ?? 30_000);
const worker = new Worker<AccountRef>(QUEUE_NAME, syncAccount, {
  connection: { ...redisOptions(), maxRetriesPerRequest: null },
  concurrency: limits.jobConcurrency,
  lockDuration: lockMs,
  stalledInterval: lockMs,
});
worker.on('failed', (job, error) => console.error(`[worker ${process.pid}] job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));
worker.on('error', (error) => console.error(`[worker ${process.pid}] ${String(error)}`));
await worker.waitUntilReady();
await limiter.ready();
announce({ type: 'ready', role: 'worker', pid: process.pid });

onShutdown(async () => {
  await worker.close(); // lets running jobs finish
  await limiter.disconnect();
  await knot.close();
  announce({ type: 'stopped', role: 'worker', pid: process.pid, pages });
});
