/**
 * A profiling target, not a benchmark: pages through the CPU benchmark's payload with the SDK in a
 * loop so `node --cpu-prof` sees the hot path and little else.
 *
 *   BENCH_SDK=src node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-cpu.ts [loops] [limiter]
 */
import { CREDENTIALS, loadSdk } from './lib/sdk.js';
import { startPageServer } from './lib/page-server.js';

const loops = Number(process.argv[2] ?? 10);
const limiter = process.argv[3] === 'limiter';
const sdk = await loadSdk();
const server = await startPageServer({ total: 20_000, limit: 100 });
const knot = new sdk.KnotClient({ ...CREDENTIALS, baseUrl: server.url, ...(limiter ? {} : { limiter: false }) });
const t0 = performance.now();
for (let i = 0; i < loops; i++) {
  let cursor: string | null = null;
  do {
    const page = await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'bench-user', cursor });
    cursor = page.next_cursor;
  } while (cursor !== null);
}
console.log(`${loops} × 200 pages in ${(performance.now() - t0).toFixed(0)} ms`);
await knot.close();
await server.close();
