/**
 * Cold import: a fresh `node` per sample, net of bare node start-up measured in the same round.
 * Two measures per case: the wall time of the whole process (what `time node -e ...` shows) minus
 * bare start-up, and the import timed inside the process (less noisy: no process start/exit).
 * The baseline is stripe-node (a devDependency), imported the same way in the same rounds: the
 * figure to read is the SDK ÷ stripe ratio, which the machine's load shifts much less than the
 * milliseconds. zod alone is measured too: it is what the SDK defers to its first request.
 * Run from the repo root so `require('knotapi-node')` resolves to the built package (self-reference).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Summary, summarize } from './lib/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Case {
  name: string;
  esm: boolean;
  /** Where node runs: the checkout whose `knotapi-node` is resolved. */
  cwd?: string;
  /** The code whose cost is measured; empty = bare start-up. */
  load: string;
}

const BASE_CASES: Case[] = [
  { name: 'bare node (CJS)', esm: false, load: '' },
  { name: "require('knotapi-node')", esm: false, load: "require('knotapi-node')" },
  { name: "require('stripe')", esm: false, load: "require('stripe')" },
  { name: "require('zod')", esm: false, load: "require('zod')" },
  { name: 'bare node (ESM)', esm: true, load: '' },
  { name: "import('knotapi-node')", esm: true, load: "await import('knotapi-node')" },
  { name: "import('stripe')", esm: true, load: "await import('stripe')" },
  { name: "import('zod')", esm: true, load: "await import('zod')" },
];

function sample(c: Case): { wallMs: number; inProcessMs: number } {
  const code = `const t0 = performance.now(); ${c.load}; process.stdout.write(String(performance.now() - t0));`;
  const args = c.esm ? ['--input-type=module', '-e', code] : ['-e', code];
  const t0 = performance.now();
  const out = spawnSync(process.execPath, args, { cwd: c.cwd ?? ROOT, encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (out.status !== 0) throw new Error(`${c.name} failed: ${out.stderr}`);
  return { wallMs, inProcessMs: Number(out.stdout) };
}

export interface ColdImportResult {
  rounds: number;
  /** `ratioToStripe`: in-process time ÷ stripe's in the same round, same module system. */
  rows: { name: string; netWallMs: Summary; inProcessMs: Summary; ratioToStripe: Summary | null }[];
  bare: { cjs: Summary; esm: Summary };
}

export function runColdImport(opts: { rounds: number; compareRoot?: string; log?: (line: string) => void }): ColdImportResult {
  const CASES = [...BASE_CASES];
  if (opts.compareRoot) {
    CASES.push(
      { name: "before: require('knotapi-node')", esm: false, load: "require('knotapi-node')", cwd: opts.compareRoot },
      { name: "before: import('knotapi-node')", esm: true, load: "await import('knotapi-node')", cwd: opts.compareRoot },
    );
  }
  const samples = CASES.map(() => [] as { wallMs: number; inProcessMs: number }[]);
  for (const c of CASES) sample(c); // warm the file-system cache
  for (let round = 0; round < opts.rounds; round++) {
    for (let k = 0; k < CASES.length; k++) {
      const i = (k + round) % CASES.length;
      samples[i]!.push(sample(CASES[i]!));
    }
    opts.log?.(`  import round ${round + 1}/${opts.rounds}`);
  }
  const index = (name: string) => CASES.findIndex((c) => c.name === name);
  const net = (i: number, bare: number) => samples[i]!.map((s, r) => s.wallMs - samples[bare]!.map((b) => b.wallMs)[r]!);
  const bareCjs = index('bare node (CJS)');
  const bareEsm = index('bare node (ESM)');
  const rows: ColdImportResult['rows'] = [];
  for (const c of CASES) {
    if (c.load === '') continue;
    const i = index(c.name);
    const stripe = index(c.esm ? "import('stripe')" : "require('stripe')");
    const own = samples[i]!.map((x) => x.inProcessMs);
    rows.push({
      name: c.name,
      netWallMs: summarize(net(i, c.esm ? bareEsm : bareCjs)),
      inProcessMs: summarize(own),
      ratioToStripe: i === stripe ? null : summarize(own.map((x, r) => x / samples[stripe]![r]!.inProcessMs)),
    });
  }
  return {
    rounds: opts.rounds,
    rows,
    bare: { cjs: summarize(samples[bareCjs]!.map((x) => x.wallMs)), esm: summarize(samples[bareEsm]!.map((x) => x.wallMs)) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { fmtMs, fmtRatio } = await import('./lib/stats.js');
  const result = runColdImport({ rounds: Number(process.argv[2] ?? 15), compareRoot: process.argv[3] });
  console.log(`bare start-up: CJS ${fmtMs(result.bare.cjs)}, ESM ${fmtMs(result.bare.esm)}`);
  for (const row of result.rows) {
    console.log(`${row.name}: net ${fmtMs(row.netWallMs)}, in-process ${fmtMs(row.inProcessMs)}${row.ratioToStripe ? `, ÷ stripe ${fmtRatio(row.ratioToStripe)}` : ''}`);
  }
}
