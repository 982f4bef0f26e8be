/**
 * Latency-bound sync against the fake Knot API (child process): every request gets `latencyMs`
 * added by the fake, the consumer spends `workMs` per page (awaited, like a database write).
 *
 * Baselines measured or computed in the same run:
 * - the ideal bound of the issue: pages × max(latency, work);
 * - the request floor: a raw undici loop doing only the requests (no consumer work), i.e. what the
 *   fake itself allows: pages × (latency + the fake's own time per page + transfer).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { startFakeServer } from './lib/fake-server.js';
import { startPageServer } from './lib/page-server.js';
import { CREDENTIALS, loadSdk } from './lib/sdk.js';
import { type Summary, summarize } from './lib/stats.js';

const MERCHANT_ID = 19;
const USER = 'latency-user';

export interface LatencyResult {
  target: 'fake' | 'static';
  transactions: number;
  latencyMs: number;
  workMs: number;
  pages: number;
  rounds: number;
  idealMs: number;
  floorMs: Summary;
  rows: { name: string; ms: Summary; vsIdeal: Summary; vsFloor: Summary; pages: number }[];
}

const authorization = `Basic ${Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.secret}`).toString('base64')}`;

/** Raw sequential loop: Knot's guide shape (or, with work 0 and limit 100, the request floor). */
async function rawLoop(agent: Agent, url: string, limit: number, workMs: number): Promise<number> {
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await request(`${url}/transactions/sync`, {
      method: 'POST',
      dispatcher: agent,
      headers: { authorization, 'content-type': 'application/json', 'knot-version': '2.0' },
      body: JSON.stringify({ merchant_id: MERCHANT_ID, external_user_id: USER, limit, ...(cursor === null ? {} : { cursor }) }),
    });
    const page = JSON.parse(await res.body.text()) as { next_cursor: string | null };
    pages++;
    if (workMs > 0) await sleep(workMs);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return pages;
}

export async function runLatency(opts: {
  /** The fake Knot API, or the pre-serialised page server (near-zero server time: isolates the client). */
  target: 'fake' | 'static';
  transactions: number;
  rounds: number;
  guideRounds: number;
  latencyMs?: number;
  workMs?: number;
  log?: (line: string) => void;
}): Promise<LatencyResult> {
  const latencyMs = opts.latencyMs ?? 20;
  const workMs = opts.workMs ?? 10;
  const sdk = await loadSdk();
  const fake = opts.target === 'fake' ? await startFakeServer() : undefined;
  const server = fake ?? (await startPageServer({ total: opts.transactions, limit: 100, latencyMs }));
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const knot = new sdk.KnotClient({ ...CREDENTIALS, baseUrl: server.url });
  try {
    await fake?.setup([{ external_user_id: USER, merchant_id: MERCHANT_ID, count: opts.transactions }], 0);
    const sdkRun = (prefetch: boolean) => async () => {
      let pages = 0;
      for await (const _page of knot.transactions.sync({ merchant_id: MERCHANT_ID, external_user_id: USER }, { prefetch }).pages()) {
        pages++;
        await sleep(workMs);
      }
      return pages;
    };
    const variants = [
      { name: 'raw request floor (limit 100, no work)', run: () => rawLoop(agent, server.url, 100, 0), rounds: opts.rounds },
      { name: 'SDK sync(), prefetch on (default)', run: sdkRun(true), rounds: opts.rounds },
      { name: 'SDK sync(), prefetch off', run: sdkRun(false), rounds: opts.rounds },
    ];
    // The static server only has limit-100 pages.
    if (fake) variants.push({ name: 'Knot guide loop (limit 5, sequential)', run: () => rawLoop(agent, server.url, 5, workMs), rounds: opts.guideRounds });
    // Warm-up (the fake without latency): JIT on both sides, connections.
    for (const v of variants.slice(0, 3)) await v.run();
    await fake?.setLatency(latencyMs);

    const times = new Map(variants.map((v) => [v.name, [] as number[]]));
    const pages = new Map<string, number>();
    for (let round = 0; round < opts.rounds; round++) {
      for (let k = 0; k < variants.length; k++) {
        const v = variants[(k + round) % variants.length]!;
        if (round >= v.rounds) continue;
        const t0 = performance.now();
        pages.set(v.name, await v.run());
        times.get(v.name)!.push(performance.now() - t0);
      }
      opts.log?.(`  latency round ${round + 1}/${opts.rounds}`);
    }
    const floorName = variants[0]!.name;
    const sdkPages = pages.get(floorName)!;
    const idealMs = sdkPages * Math.max(latencyMs, workMs);
    const floor = times.get(floorName)!;
    return {
      target: opts.target,
      transactions: opts.transactions,
      latencyMs,
      workMs,
      pages: sdkPages,
      rounds: opts.rounds,
      idealMs,
      floorMs: summarize(floor),
      rows: variants.slice(1).map((v) => {
        const t = times.get(v.name)!;
        return {
          name: v.name,
          ms: summarize(t),
          vsIdeal: summarize(t.map((x) => x / idealMs)),
          // Paired with the floor of the same round.
          vsFloor: summarize(t.map((x, i) => x / floor[i]!)),
          pages: pages.get(v.name)!,
        };
      }),
    };
  } finally {
    await knot.close();
    await agent.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { fmtMs, fmtRatio } = await import('./lib/stats.js');
  const r = await runLatency({ target: process.argv[4] === 'static' ? 'static' : 'fake', transactions: Number(process.argv[2] ?? 1000), rounds: Number(process.argv[3] ?? 5), guideRounds: 2, log: console.log });
  console.log(`${r.transactions} transactions, ${r.pages} pages, latency ${r.latencyMs} ms, work ${r.workMs} ms/page`);
  console.log(`ideal bound ${r.idealMs} ms; raw request floor ${fmtMs(r.floorMs)}`);
  for (const row of r.rows) console.log(`${row.name}: ${fmtMs(row.ms)} (${row.pages} pages) vs ideal ${fmtRatio(row.vsIdeal)} vs floor ${fmtRatio(row.vsFloor)}`);
}
