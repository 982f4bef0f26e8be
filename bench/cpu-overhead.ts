/**
 * CPU overhead: page through N realistic transactions (100 per page, no added latency) with the SDK
 * and with a hand-written `undici.request` + `JSON.parse` loop over the same pages, byte-identical,
 * served by a child process. Each round runs every variant once (order rotated) and a ratio is
 * taken within the round, so machine noise that hits a whole round cancels out.
 *
 * Two figures per variant: wall time (what the user waits) and this process's CPU time (what the
 * SDK costs the user's machine; the server's CPU is in the child and not counted).
 */
import { Agent, request } from 'undici';
import { CursorGuard, resumePoint } from '../src/core/cursor-guard.js';
import { CREDENTIALS, loadSdk, type Sdk } from './lib/sdk.js';
import { startPageServer } from './lib/page-server.js';
import { type Summary, summarize, timed } from './lib/stats.js';

export interface CpuOverheadResult {
  total: number;
  pages: number;
  pageBytes: number;
  rounds: number;
  /** The baseline: `JSON.parse(await body.text())`. */
  raw: { wallMs: Summary; cpuMs: Summary };
  variants: {
    name: string;
    note: string;
    wallMs: Summary;
    cpuMs: Summary;
    wallRatio: Summary;
    cpuRatio: Summary;
    bestWallRatio: number;
    bestCpuRatio: number;
  }[];
  /**
   * The sync's cursor guards (src/core/cursor-guard.ts: cycle, blank cursor, empty-page bound, the
   * checkpoint's resume point) timed alone per page, against the time the SDK spends per page in
   * the same round (`sdk sync(), prefetch off`, wall): their share of a page.
   */
  guard: { perPageUs: Summary; shareOfPage: Summary };
}

/** Cursors shaped like Knot's (base64 JSON, ~50 characters), one per page. */
function knotLikeCursors(pages: number): string[] {
  return Array.from({ length: pages }, (_, p) => Buffer.from(JSON.stringify({ id: 22781 + p * 100, _pointsToNextItems: true })).toString('base64'));
}

/** What the guards cost per page: a whole run of `cursors.length` pages, repeated for ≥ 50 ms. */
function timeGuardPerPageUs(cursors: string[]): number {
  let runs = 0;
  let sink = 0;
  const started = performance.now();
  do {
    const guard = new CursorGuard(null, { method: 'POST', path: '/transactions/sync' });
    let sent: string | null = null;
    for (const next of cursors) {
      const step = guard.follow(next, 100);
      if (resumePoint(next, sent) !== null) sink++;
      sent = step.next;
    }
    runs++;
  } while (performance.now() - started < 50);
  if (sink === 0) throw new Error('guard bench: nothing followed');
  return ((performance.now() - started) * 1000) / (runs * cursors.length);
}

const MERCHANT_ID = 19;
const USER = 'bench-user';

type Runner = (url: string) => Promise<number>;

/**
 * What Knot's docs show, done well: keep-alive agent, one request per page, JSON.parse.
 * `read: 'text'` is the idiomatic `JSON.parse(await body.text())` and the baseline; `read: 'chunks'`
 * collects the body the way the SDK does (chunks, one concat, one toString), shown beside it so the
 * read technique cannot flatter the SDK.
 */
function rawLoop(read: 'text' | 'chunks'): Runner {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const authorization = `Basic ${Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.secret}`).toString('base64')}`;
  return async (url) => {
    let cursor: string | null = null;
    let seen = 0;
    do {
      const res = await request(`${url}/transactions/sync`, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization, 'content-type': 'application/json', 'knot-version': '2.0' },
        body: JSON.stringify(cursor === null ? { merchant_id: MERCHANT_ID, external_user_id: USER, limit: 100 } : { merchant_id: MERCHANT_ID, external_user_id: USER, cursor, limit: 100 }),
      });
      if (res.statusCode !== 200) throw new Error(`raw loop: status ${res.statusCode}`);
      let text: string;
      if (read === 'text') text = await res.body.text();
      else {
        const chunks: Buffer[] = [];
        for await (const chunk of res.body) chunks.push(chunk as Buffer);
        text = Buffer.concat(chunks).toString('utf8');
      }
      const page = JSON.parse(text) as { transactions: { id: string }[]; next_cursor: string | null };
      for (const txn of page.transactions) if (txn.id) seen++;
      cursor = page.next_cursor;
    } while (cursor !== null);
    return seen;
  };
}

type ClientOptions = ConstructorParameters<Sdk['KnotClient']>[0];

/** The SDK's item iterator when `sync()` exists, else a `syncPage` loop (what sync() does inside). */
function sdkLoop(sdk: Sdk, options: ClientOptions, syncOptions: Record<string, unknown> | null): (url: string) => Promise<number> {
  let knot: InstanceType<Sdk['KnotClient']> | undefined;
  return async (url) => {
    knot ??= new sdk.KnotClient({ ...CREDENTIALS, baseUrl: url, ...options });
    let seen = 0;
    const transactions = knot.transactions as unknown as { sync?: (p: unknown, o?: unknown) => AsyncIterable<{ id: string }> };
    if (syncOptions && typeof transactions.sync === 'function') {
      for await (const txn of transactions.sync({ merchant_id: MERCHANT_ID, external_user_id: USER }, syncOptions)) if (txn.id) seen++;
      return seen;
    }
    let cursor: string | null = null;
    do {
      const page = await knot.transactions.syncPage({ merchant_id: MERCHANT_ID, external_user_id: USER, cursor });
      for (const txn of page.transactions) if (txn.id) seen++;
      cursor = page.next_cursor;
    } while (cursor !== null);
    return seen;
  };
}

export async function runCpuOverhead(opts: {
  total: number;
  rounds: number;
  /** Also measure the SDK built in this checkout (before/after in one run). */
  compareRoot?: string;
  log?: (line: string) => void;
}): Promise<CpuOverheadResult> {
  const log = opts.log ?? (() => {});
  const sdk = await loadSdk();
  const before = opts.compareRoot ? await loadSdk(opts.compareRoot) : undefined;
  const server = await startPageServer({ total: opts.total, limit: 100 });
  try {
    const variants: { name: string; note: string; run: Runner }[] = [
      { name: 'raw', note: 'undici.request + JSON.parse(await body.text())', run: rawLoop('text') },
      { name: 'raw (chunks)', note: 'undici.request + chunks + JSON.parse', run: rawLoop('chunks') },
      { name: 'sdk syncPage loop', note: 'defaults: validation on, limiter { maxConcurrent: 10 }', run: sdkLoop(sdk, {}, null) },
      { name: 'sdk sync(), prefetch off', note: 'item iterator, sequential like the raw loop', run: sdkLoop(sdk, {}, { prefetch: false }) },
      { name: 'sdk sync(), prefetch on', note: 'item iterator, default options', run: sdkLoop(sdk, {}, {}) },
      { name: 'sdk syncPage loop, limiter: false', note: 'no client-side throttling', run: sdkLoop(sdk, { limiter: false }, null) },
    ];
    if (before) {
      variants.push(
        { name: 'before: sdk syncPage loop', note: `${opts.compareRoot}: defaults`, run: sdkLoop(before, {}, null) },
        { name: 'before: sdk syncPage loop, limiter: false', note: `${opts.compareRoot}`, run: sdkLoop(before, { limiter: false }, null) },
        { name: 'before: sdk sync(), prefetch off', note: `${opts.compareRoot}: item iterator`, run: sdkLoop(before, {}, { prefetch: false }) },
        { name: 'before: sdk sync(), prefetch on', note: `${opts.compareRoot}: item iterator, default options`, run: sdkLoop(before, {}, {}) },
      );
    }
    // Warm-up: JIT, connection pools, zod's compiled parsers.
    for (const v of variants) {
      const seen = await v.run(server.url);
      if (seen !== opts.total) throw new Error(`${v.name} saw ${seen} of ${opts.total} transactions`);
    }
    const samples = new Map(variants.map((v) => [v.name, [] as { wallMs: number; cpuMs: number }[]]));
    const cursors = knotLikeCursors(server.pages);
    const guardUs: number[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      // Rotate the order so no variant always runs right after the garbage of the previous one.
      for (let k = 0; k < variants.length; k++) {
        const v = variants[(k + round) % variants.length]!;
        samples.get(v.name)!.push(await timed(() => v.run(server.url)));
      }
      guardUs.push(timeGuardPerPageUs(cursors));
      log(`  cpu round ${round + 1}/${opts.rounds}`);
    }
    const syncPerPageUs = samples.get('sdk sync(), prefetch off')!.map((x) => (x.wallMs * 1000) / server.pages);
    const raw = samples.get('raw')!;
    const best = (xs: number[]) => Math.min(...xs);
    return {
      total: opts.total,
      pages: server.pages,
      pageBytes: Math.round(server.bytes / server.pages),
      rounds: opts.rounds,
      raw: { wallMs: summarize(raw.map((s) => s.wallMs)), cpuMs: summarize(raw.map((s) => s.cpuMs)) },
      variants: variants.slice(1).map((v) => {
        const s = samples.get(v.name)!;
        return {
          name: v.name,
          note: v.note,
          wallMs: summarize(s.map((x) => x.wallMs)),
          cpuMs: summarize(s.map((x) => x.cpuMs)),
          wallRatio: summarize(s.map((x, i) => x.wallMs / raw[i]!.wallMs)),
          cpuRatio: summarize(s.map((x, i) => x.cpuMs / raw[i]!.cpuMs)),
          // Best run ÷ best run: the least disturbed sample of each, robust on a shared machine.
          bestWallRatio: best(s.map((x) => x.wallMs)) / best(raw.map((x) => x.wallMs)),
          bestCpuRatio: best(s.map((x) => x.cpuMs)) / best(raw.map((x) => x.cpuMs)),
        };
      }),
      guard: { perPageUs: summarize(guardUs), shareOfPage: summarize(guardUs.map((g, i) => g / syncPerPageUs[i]!)) },
    };
  } finally {
    await server.close();
  }
}

// Standalone: `tsx bench/cpu-overhead.ts [total] [rounds]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const total = Number(process.argv[2] ?? 20_000);
  const rounds = Number(process.argv[3] ?? 7);
  const result = await runCpuOverhead({ total, rounds, compareRoot: process.argv[4], log: console.log });
  const { fmtMs, fmtRatio } = await import('./lib/stats.js');
  console.log(`${result.total} transactions, ${result.pages} pages of ~${result.pageBytes} bytes, ${result.rounds} rounds`);
  console.log(`raw: wall ${fmtMs(result.raw.wallMs)}, cpu ${fmtMs(result.raw.cpuMs)}`);
  for (const v of result.variants) {
    console.log(`${v.name}: wall ${fmtMs(v.wallMs)} ratio ${fmtRatio(v.wallRatio)} | cpu ${fmtMs(v.cpuMs)} ratio ${fmtRatio(v.cpuRatio)}`);
  }
  console.log(`cursor guards: ${result.guard.perPageUs.median.toFixed(2)} µs per page = ${(result.guard.shareOfPage.median * 100).toFixed(3)} % of a page`);
}
