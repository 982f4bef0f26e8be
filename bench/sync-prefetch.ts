/**
 * Does prefetch overlap the network with the consumer's work?
 *
 * A sync of 50 pages (20 realistic transactions each) from a server that answers every page after
 * 20 ms, with 10 ms of consumer work per page (an awaited timer: the shape of a database write,
 * which waits on I/O rather than burning this process's CPU). Without prefetch each page costs
 * request + work ≈ 30 ms; with prefetch the next request runs during the work, so a page costs
 * max(20, 10) ≈ 20 ms. The ideal bound is 50 × 20 ms = 1000 ms.
 *
 * Each round runs both variants (order alternated) against the same server; ratios are taken per
 * round, medians reported. Run: `BENCH_SDK=src npx tsx bench/sync-prefetch.ts [rounds]`
 * (or build first and drop BENCH_SDK to measure dist/). Not a test: timings depend on the machine.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { buildPages } from './lib/fixtures.js';
import { CREDENTIALS, loadSdk } from './lib/sdk.js';
import { fmtMs, fmtRatio, type Summary, summarize } from './lib/stats.js';

const PAGES = 50;
const PER_PAGE = 20;
const LATENCY_MS = 20;
const WORK_MS = 10;

export interface SyncPrefetchResult {
  rounds: number;
  idealMs: number;
  prefetchMs: Summary;
  sequentialMs: Summary;
  /** prefetch / ideal: 1.0 is perfect overlap. */
  prefetchVsIdeal: Summary;
  /** no prefetch / ideal: about (20 + 10) / 20 = 1.5 expected. */
  sequentialVsIdeal: Summary;
  /** no prefetch / prefetch: the speed-up prefetch buys. */
  speedup: Summary;
  /**
   * The same sync with no consumer work: the real floor on this machine (each request needs the
   * previous page's cursor, so 50 × (latency + round trip + parsing) is the best any client can do).
   */
  noWorkMs: Summary;
  /** prefetch (with work) / no work: 1.0 means the consumer's work is completely hidden. */
  prefetchVsNoWork: Summary;
  /** A hand-written undici loop, no validation, no work: the machine's floor. */
  rawMs: Summary;
  /** prefetch (SDK, with work) / raw loop (no work). */
  prefetchVsRaw: Summary;
}

/** Serves the pre-serialised pages, each after LATENCY_MS. */
async function startSlowServer(): Promise<{ url: string; close(): Promise<void> }> {
  const { bodies } = buildPages(PAGES * PER_PAGE, PER_PAGE);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { cursor } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { cursor?: string };
      const body = bodies.get(cursor ?? '');
      setTimeout(() => {
        if (!body) res.writeHead(400, { 'content-type': 'application/json' }).end('{"error_code":"INVALID_CURSOR_FORMAT"}');
        else res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
      }, LATENCY_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function runSyncPrefetch(opts: { rounds: number; log?: (line: string) => void }): Promise<SyncPrefetchResult> {
  const { KnotClient } = await loadSdk();
  const server = await startSlowServer();
  const knot = new KnotClient({ ...CREDENTIALS, baseUrl: server.url, logLevel: 'off' });
  if (typeof knot.transactions.sync !== 'function') throw new Error('this build has no transactions.sync(): run `npm run build` or set BENCH_SDK=src');

  const once = async (prefetch: boolean, workMs = WORK_MS): Promise<number> => {
    const started = performance.now();
    let pages = 0;
    for await (const page of knot.transactions.sync({ merchant_id: 19, external_user_id: 'bench-user', limit: PER_PAGE }, { prefetch }).pages()) {
      void page;
      if (workMs > 0) await sleep(workMs);
      pages++;
    }
    if (pages !== PAGES) throw new Error(`expected ${PAGES} pages, got ${pages}`);
    return performance.now() - started;
  };

  // The hand-written loop of Knot's docs (undici, JSON.parse, no validation, no work): what the
  // machine itself allows for 50 chained round trips of 20 ms.
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const raw = async (): Promise<number> => {
    const started = performance.now();
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof request>> = await request(`${server.url}/transactions/sync`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(cursor === null ? { limit: PER_PAGE } : { cursor, limit: PER_PAGE }),
      });
      cursor = ((await res.body.json()) as { next_cursor: string | null }).next_cursor;
    } while (cursor !== null);
    return performance.now() - started;
  };

  try {
    // Warm-up: connection, JIT, schema caches.
    await raw();
    await once(true);
    await once(false);
    const on: number[] = [];
    const off: number[] = [];
    const floor: number[] = [];
    const rawFloor: number[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      const runs = [
        async () => on.push(await once(true)),
        async () => off.push(await once(false)),
        async () => floor.push(await once(false, 0)),
        async () => rawFloor.push(await raw()),
      ];
      if (round % 2 === 1) runs.reverse();
      for (const run of runs) await run();
      opts.log?.(
        `  round ${round + 1}/${opts.rounds}: prefetch ${on.at(-1)!.toFixed(0)} ms, none ${off.at(-1)!.toFixed(0)} ms, SDK no work ${floor.at(-1)!.toFixed(0)} ms, raw no work ${rawFloor.at(-1)!.toFixed(0)} ms`,
      );
    }
    const idealMs = PAGES * LATENCY_MS;
    return {
      rounds: opts.rounds,
      idealMs,
      prefetchMs: summarize(on),
      sequentialMs: summarize(off),
      prefetchVsIdeal: summarize(on.map((ms) => ms / idealMs)),
      sequentialVsIdeal: summarize(off.map((ms) => ms / idealMs)),
      speedup: summarize(off.map((ms, i) => ms / on[i]!)),
      noWorkMs: summarize(floor),
      prefetchVsNoWork: summarize(on.map((ms, i) => ms / floor[i]!)),
      rawMs: summarize(rawFloor),
      prefetchVsRaw: summarize(on.map((ms, i) => ms / rawFloor[i]!)),
    };
  } finally {
    await agent.close();
    await knot.close();
    await server.close();
  }
}

// Standalone: `tsx bench/sync-prefetch.ts [rounds]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = Number(process.argv[2] ?? 7);
  console.log(`sync of ${PAGES} pages × ${PER_PAGE} transactions, server ${LATENCY_MS} ms/page, consumer ${WORK_MS} ms/page`);
  const r = await runSyncPrefetch({ rounds, log: console.log });
  console.log(`ideal bound (${PAGES} × ${LATENCY_MS} ms): ${r.idealMs} ms`);
  console.log(`prefetch on : ${fmtMs(r.prefetchMs)}  → ${fmtRatio(r.prefetchVsIdeal)} × ideal`);
  console.log(`prefetch off: ${fmtMs(r.sequentialMs)}  → ${fmtRatio(r.sequentialVsIdeal)} × ideal`);
  console.log(`no consumer work: SDK ${fmtMs(r.noWorkMs)}, raw undici loop ${fmtMs(r.rawMs)}  (the real floor: latency + round trip + parsing)`);
  console.log(`prefetch on / SDK no work: ${fmtRatio(r.prefetchVsNoWork)}  (1.00 = the consumer's work is fully hidden)`);
  console.log(`prefetch on / raw loop with no work: ${fmtRatio(r.prefetchVsRaw)}`);
  console.log(`speed-up of prefetch (off / on): ${fmtRatio(r.speedup)}  (median, min–max over ${r.rounds} rounds)`);
}
