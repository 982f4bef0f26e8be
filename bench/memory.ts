/**
 * Memory while streaming N transactions through `sync()`. The client runs in a fresh child process
 * (bench/lib/memory-child.mjs, plain node on dist/, so neither the other benchmarks nor tsx are in
 * its memory) and the fake Knot API in another (not counted either). The client samples its RSS
 * after every page.
 *
 * Figures: baseline RSS (after import, client creation and a first warm-up sync of one page, then
 * a GC), peak growth over it, and the growth at 10%, 50% and 100% of the stream: a flat profile has
 * the same growth at 10% as at 100%.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startFakeServer } from './lib/fake-server.js';
import { CREDENTIALS } from './lib/sdk.js';

// The child syncs these two accounts (names fixed in memory-child.mjs).
const MERCHANT_ID = 19;
const USER = 'memory-user';

export interface MemoryResult {
  transactions: number;
  pages: number;
  seconds: number;
  baselineMb: number;
  peakGrowthMb: number;
  /** RSS growth over the baseline at 10%, 25%, 50%, 75% and 100% of the pages. */
  growthAtMb: { at: string; mb: number }[];
  heapPeakMb: number;
  heapBaselineMb: number;
  /** Heap used after the sync and a full GC, minus the baseline: what the SDK kept. */
  heapRetainedMb: number;
}

export async function runMemory(opts: { transactions: number; log?: (line: string) => void }): Promise<MemoryResult> {
  const fake = await startFakeServer();
  try {
    await fake.setup(
      [
        { external_user_id: USER, merchant_id: MERCHANT_ID, count: opts.transactions },
        { external_user_id: 'warm-up', merchant_id: MERCHANT_ID, count: 100 },
      ],
      0,
    );
    // Plain node on the built SDK: no tsx loader in the measured memory.
    const script = fileURLToPath(new URL('./lib/memory-child.mjs', import.meta.url));
    const child = fork(script, [fake.url, String(opts.transactions), CREDENTIALS.clientId, CREDENTIALS.secret], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return await new Promise<MemoryResult>((resolve, reject) => {
      child.on('message', (message: { progress?: string } & Partial<MemoryResult>) => {
        if (message.progress) opts.log?.(`  memory ${message.progress}`);
        else resolve(message as MemoryResult);
      });
      child.once('exit', (code) => reject(new Error(`memory child exited (${code})`)));
    });
  } finally {
    await fake.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runMemory({ transactions: Number(process.argv[2] ?? 1_000_000), log: console.log });
  console.log(JSON.stringify(r));
}
