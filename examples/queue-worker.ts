/**
 * Scale-out: webhooks → BullMQ (Redis) → N worker processes → Postgres, with one Knot rate limit
 * shared by every worker through Redis. docs/scaling.md explains the design and its limits.
 *
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/queue-worker.ts
 *     The demo: starts the fake Knot API (knotapi-node/testing) and, as child processes, the store
 *     (one PGlite), the webhook receiver and WORKERS workers (default 3). Links ACCOUNTS accounts
 *     (default 10, 205 transactions each: the fake sends NEW_TRANSACTIONS_AVAILABLE), then adds
 *     EXTRA (default 50) transactions to each while their first syncs run, waits until the queue
 *     is drained, checks that every transaction landed exactly once per id, that no account ever
 *     had two syncs at once, and that the fake never saw more than KNOT_MAX_CONCURRENT (default 4)
 *     requests at once. Prints a JSON summary, stops everything, exits 0 (1 on a failed check).
 *     The fake answers in 5–30 ms; FAULTS=1 adds 5% 5xx and 2% connection resets; KILL_WORKER=1
 *     SIGKILLs one worker mid-job (set WORKER_LOCK_MS and LIMITER_CLIENT_TIMEOUT_MS low, e.g. 2000,
 *     so its jobs and limiter slots come back quickly).
 *
 *   Each role on its own, as you would deploy it (same env as below):
 *     npx tsx examples/queue-worker.ts store    # STORE_PORT; owns the database
 *     npx tsx examples/queue-worker.ts web      # WEB_PORT; POST /webhooks/knot; KNOT_SECRET
 *     npx tsx examples/queue-worker.ts worker   # STORE_URL; KNOT_CLIENT_ID, KNOT_SECRET, KNOT_BASE_URL?
 *   Shared: REDIS_URL, QUEUE_NAME (knot-sync), LIMITER_ID (knot-api), KNOT_MAX_CONCURRENT (4),
 *   KNOT_MIN_TIME (0 ms), WORKER_CONCURRENCY (4 jobs per worker), WORKER_LOCK_MS (30 000),
 *   LIMITER_CLIENT_TIMEOUT_MS (10 000).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { createMockKnot } from '../src/testing.js'; // in your tests: from 'knotapi-node/testing'
import { limits, QUEUE_NAME, redisOptions } from './queue-worker/shared.js';

const role = process.argv[2] ?? 'demo';

if (role === 'store') await import('./queue-worker/store.js');
else if (role === 'web') await import('./queue-worker/web.js');
else if (role === 'worker') await import('./queue-worker/worker.js');
else if (role === 'demo') await demo();
else {
  console.error(`unknown role ${JSON.stringify(role)}: use demo, store, web or worker`);
  process.exitCode = 2;
}

interface Child {
  name: string;
  process: ChildProcess;
  /** The first JSON line with type "ready". */
  ready: Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

function startRole(name: string, which: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), which], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const message = JSON.parse(line) as Record<string, unknown>;
          if (message.type === 'ready') resolve(message);
        } catch {
          process.stdout.write(`[${name}] ${line}\n`);
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
  });
  ready.catch(() => {});
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, process: child, ready, exited };
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function stop(child: Child): Promise<boolean> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return child.process.exitCode === 0;
  child.process.kill('SIGTERM');
  try {
    return (await within(child.exited, 15_000, `${child.name} shutdown`)) === 0;
  } catch {
    child.process.kill('SIGKILL');
    await child.exited;
    return false;
  }
}

async function demo(): Promise<void> {
  const started = Date.now();
  const accounts = Number(process.env.ACCOUNTS ?? 10);
  const workers = Number(process.env.WORKERS ?? 3);
  const extra = Number(process.env.EXTRA ?? 50);
  const seed = Number(process.env.SEED ?? 1);
  // A run of its own in a shared Redis: its own queue and limiter keys.
  const runId = randomUUID().slice(0, 8);
  const queueName = `${QUEUE_NAME}-${runId}`;
  const env = { QUEUE_NAME: queueName, LIMITER_ID: `knot-api-${runId}` };

  const mock = createMockKnot({ seed, webhookRetryDelayMs: 200 });
  const api = await mock.listen();
  const knotEnv = { KNOT_BASE_URL: api.url, KNOT_CLIENT_ID: mock.clientId, KNOT_SECRET: mock.secret };
  const queue = new Queue(queueName, { connection: redisOptions() });
  const children: Child[] = [];
  const checks: Record<string, boolean> = {};
  const killed = new Set<string>();
  const summary: Record<string, unknown> = { type: 'queue-worker', accounts, workers, maxConcurrent: limits.maxConcurrent };

  try {
    const store = startRole('store', 'store', { ...env });
    children.push(store);
    const storeUrl = String((await within(store.ready, 30_000, 'store start')).url);
    const web = startRole('web', 'web', { ...env, ...knotEnv });
    children.push(web);
    const webUrl = String((await within(web.ready, 30_000, 'web start')).url);
    mock.setWebhookUrl(`${webUrl}/webhooks/knot`);
    const pool = Array.from({ length: workers }, (_, i) => startRole(`worker-${i}`, 'worker', { ...env, ...knotEnv, STORE_URL: storeUrl }));
    children.push(...pool);
    await within(Promise.all(pool.map((w) => w.ready)), 30_000, 'workers start');

    // Some latency, as a real network has: it lets requests overlap, so the shared limit matters.
    const latencyMs = [5, 30] as const;
    mock.faults.set(process.env.FAULTS === '1' ? { serverErrorRate: 0.05, resetRate: 0.02, latencyMs } : { latencyMs });
    mock.resetStats();

    const refs = Array.from({ length: accounts }, (_, i) => ({ external_user_id: `qw-${runId}-${i}`, merchant_id: 19 }));
    // Wave 1: link (205 transactions each, a NEW_TRANSACTIONS_AVAILABLE each).
    for (const ref of refs) await mock.linkAccount({ ...ref, transactions: { new: true } });
    // Wave 2, while the first syncs run: more transactions, more webhooks for the same accounts.
    await new Promise((r) => setTimeout(r, 150));
    for (const ref of refs) mock.addTransactions({ ...ref, count: extra });
    if (process.env.KILL_WORKER === '1') {
      // A worker dies mid-job: its jobs are taken back after their lock expires (WORKER_LOCK_MS)
      // and resume from the stored cursors; its limiter slots come back after
      // LIMITER_CLIENT_TIMEOUT_MS.
      await new Promise((r) => setTimeout(r, 300));
      const victim = pool[0]!;
      victim.process.kill('SIGKILL');
      await victim.exited;
      killed.add(victim.name);
      const gone = await fetch(`${storeUrl}/workers/gone`, { method: 'POST', body: JSON.stringify({ pid: victim.process.pid }) });
      summary.jobsKilledMidSync = ((await gone.json()) as { dropped: number }).dropped;
    }

    // Wait until every account is complete in the store and the queue is idle.
    const expected = refs.map((ref) => mock.transactionCount(ref));
    const counts = async () =>
      Promise.all(
        refs.map(async (ref) => {
          const q = new URLSearchParams({ external_user_id: ref.external_user_id, merchant_id: String(ref.merchant_id) });
          const res = await fetch(`${storeUrl}/accounts/ids?${q}`);
          return ((await res.json()) as { ids: string[] }).ids;
        }),
      );
    const deadline = Date.now() + 90_000;
    let ids: string[][] = [];
    for (;;) {
      await mock.webhooksSettled();
      const jobs = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      ids = await counts();
      const idle = Object.values(jobs).every((n) => n === 0);
      if (idle && ids.every((list, i) => list.length === expected[i])) break;
      if (Date.now() > deadline) {
        summary.timeout = { jobs, stored: ids.map((l) => l.length), expected };
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }

    const missing: string[] = [];
    refs.forEach((ref, i) => {
      const want = new Set(mock.transactionsOf(ref).map((t) => t.id));
      const got = new Set(ids[i]);
      for (const id of want) if (!got.has(id)) missing.push(`${ref.external_user_id}/${id}`);
      for (const id of got) if (!want.has(id)) missing.push(`unexpected ${ref.external_user_id}/${id}`);
    });
    const stats = (await (await fetch(`${storeUrl}/stats`)).json()) as Record<string, number>;
    const failed = await queue.getJobCounts('failed');
    Object.assign(summary, {
      expected: expected.reduce((a, b) => a + b, 0),
      stored: stats.transactions,
      missing: missing.slice(0, 10),
      jobsStarted: stats.jobsStarted,
      pagesWritten: stats.pagesWritten,
      failedJobs: failed.failed ?? 0,
      maxParallelPerAccount: stats.maxParallelPerAccount,
      peakInFlight: mock.stats.peakInFlight,
      apiRequests: mock.stats.requests,
      webhooksSent: mock.webhooks.length,
    });
    checks.complete = missing.length === 0 && summary.timeout === undefined;
    checks.oneJobPerAccountAtATime = stats.maxParallelPerAccount === 1;
    checks.limiterHeld = mock.stats.peakInFlight <= limits.maxConcurrent;
    checks.noFailedJobs = (failed.failed ?? 0) === 0;
  } finally {
    mock.faults.clear();
    // Workers first (they finish running jobs), then the receiver, then the store.
    const alive = children.filter((c) => !killed.has(c.name));
    const stopped = await Promise.all(alive.filter((c) => c.name.startsWith('worker')).map(stop));
    stopped.push(...(await Promise.all(alive.filter((c) => !c.name.startsWith('worker')).map(stop))));
    summary.killedWorkers = killed.size;
    checks.cleanShutdown = stopped.every(Boolean);
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await api.close();
    await mock.close();
  }
  summary.checks = checks;
  summary.ok = Object.values(checks).length >= 5 && Object.values(checks).every(Boolean);
  summary.ms = Date.now() - started;
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (!summary.ok) process.exitCode = 1;
}
