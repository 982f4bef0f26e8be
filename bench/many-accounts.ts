/**
 * Many accounts: A accounts synced concurrently (one `sync()` each, all started at once) through
 * one client whose limiter has maxConcurrent = 1, 4, 16, 64. The fake Knot API (child process)
 * adds latency per request and reports the peak number of requests it had in flight, which must
 * equal the setting: the limiter, not luck, bounds the load on Knot.
 */
import { startFakeServer } from './lib/fake-server.js';
import { CREDENTIALS, loadSdk } from './lib/sdk.js';

const MERCHANT_ID = 19;

export interface ManyAccountsResult {
  accounts: number;
  perAccount: number;
  latencyMs: number;
  rows: { maxConcurrent: number; seconds: number; requests: number; txnPerSecond: number; speedup: number; peakInFlight: number }[];
}

export async function runManyAccounts(opts: {
  accounts: number;
  perAccount: number;
  latencyMs: number;
  settings: number[];
  log?: (line: string) => void;
}): Promise<ManyAccountsResult> {
  const sdk = await loadSdk();
  const fake = await startFakeServer();
  try {
    const users = Array.from({ length: opts.accounts }, (_, i) => `acct-${i}`);
    await fake.setup(
      users.map((external_user_id) => ({ external_user_id, merchant_id: MERCHANT_ID, count: opts.perAccount })),
      0,
    );
    const syncAll = async (maxConcurrent: number) => {
      const knot = new sdk.KnotClient({ ...CREDENTIALS, baseUrl: fake.url, limiter: { maxConcurrent } });
      try {
        const counts = await Promise.all(
          users.map(async (external_user_id) => {
            let n = 0;
            for await (const txn of knot.transactions.sync({ merchant_id: MERCHANT_ID, external_user_id })) if (txn.id) n++;
            return n;
          }),
        );
        const total = counts.reduce((a, b) => a + b, 0);
        if (total !== opts.accounts * opts.perAccount) throw new Error(`synced ${total} transactions`);
        return total;
      } finally {
        await knot.close();
      }
    };
    await syncAll(16); // warm-up, no latency
    await fake.setLatency(opts.latencyMs);
    const rows: ManyAccountsResult['rows'] = [];
    for (const maxConcurrent of opts.settings) {
      await fake.resetStats();
      const t0 = performance.now();
      const total = await syncAll(maxConcurrent);
      const seconds = (performance.now() - t0) / 1000;
      const stats = await fake.stats();
      rows.push({
        maxConcurrent,
        seconds,
        requests: stats.requests,
        txnPerSecond: total / seconds,
        speedup: rows.length ? rows[0]!.seconds / seconds : 1,
        peakInFlight: stats.peakInFlight,
      });
      opts.log?.(`  many accounts: maxConcurrent ${maxConcurrent} done in ${seconds.toFixed(2)} s, peak ${stats.peakInFlight}`);
    }
    return { accounts: opts.accounts, perAccount: opts.perAccount, latencyMs: opts.latencyMs, rows };
  } finally {
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runManyAccounts({
    accounts: Number(process.argv[2] ?? 200),
    perAccount: Number(process.argv[3] ?? 10),
    latencyMs: Number(process.argv[4] ?? 50),
    settings: [1, 4, 16, 64],
    log: console.log,
  });
  console.log(JSON.stringify(r, null, 1));
}
