/**
 * Cold import: a fresh `node` per sample, net of bare node start-up measured in the same round.
 * Two measures per case: the wall time of the whole process (what `time node -e ...` shows) minus
 * bare start-up, and the import timed inside the process (less noisy: no process start/exit).
 * The baseline is stripe-node (a devDependency), imported the same way in the same rounds: the
 * figure to read is the SDK ÷ stripe ratio, which the machine's load shifts much less than the
 * milliseconds. zod alone is measured too: the SDK loads it with the first request or webhook.
 * "+ first parseWebhook" cases time the import and one webhook parse together: the parse is where
 * zod's cost went, so it shows the whole bill of a process that only receives one webhook.
 * With a compare root (the SDK built at an older commit), its cases run in the same rounds and each
 * SDK row gets an after ÷ before ratio too.
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
  /** For a row measured at the compare root too: the name of that row. */
  before?: string;
}

const EVENT = JSON.stringify({ event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: 'user-1', merchant: { id: 19, name: 'DoorDash' }, timestamp: 1710864923198 });
const PARSE_CJS = `require('knotapi-node').parseWebhook(${JSON.stringify(EVENT)})`;
const PARSE_ESM = `(await import('knotapi-node')).parseWebhook(${JSON.stringify(EVENT)})`;

/** The SDK's own cases, measured here and, with a compare root, there as "before: <name>". */
const SDK_CASES: Case[] = [
  { name: "require('knotapi-node')", esm: false, load: "require('knotapi-node')" },
  { name: "import('knotapi-node')", esm: true, load: "await import('knotapi-node')" },
  { name: "require('knotapi-node') + first parseWebhook", esm: false, load: PARSE_CJS },
  { name: "import('knotapi-node') + first parseWebhook", esm: true, load: PARSE_ESM },
];

const BASE_CASES: Case[] = [
  { name: 'bare node (CJS)', esm: false, load: '' },
  { name: "require('stripe')", esm: false, load: "require('stripe')" },
  { name: "require('zod')", esm: false, load: "require('zod')" },
  { name: 'bare node (ESM)', esm: true, load: '' },
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
  /**
   * `ratioToStripe`: in-process time ÷ stripe's in the same round, same module system.
   * `ratioToBefore`: in-process time ÷ the same case at the compare root, same round.
   */
  rows: { name: string; netWallMs: Summary; inProcessMs: Summary; ratioToStripe: Summary | null; ratioToBefore: Summary | null }[];
  bare: { cjs: Summary; esm: Summary };
}

function casesFor(compareRoot: string | undefined): Case[] {
  const sdk = SDK_CASES.map((c) => ({ ...c, before: compareRoot ? `before: ${c.name}` : undefined }));
  const before = compareRoot ? SDK_CASES.map((c) => ({ ...c, name: `before: ${c.name}`, cwd: compareRoot })) : [];
  return [...sdk, ...BASE_CASES, ...before];
}

export function runColdImport(opts: { rounds: number; compareRoot?: string; log?: (line: string) => void }): ColdImportResult {
  const CASES = casesFor(opts.compareRoot);
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
  const inProcess = (i: number) => samples[i]!.map((s) => s.inProcessMs);
  /** Per-round ratio of case `i` to case `j`, summarised. */
  const ratio = (i: number, j: number) => summarize(inProcess(i).map((x, r) => x / inProcess(j)[r]!));
  const net = (i: number, bare: number) => samples[i]!.map((s, r) => s.wallMs - samples[bare]![r]!.wallMs);
  const bareCjs = index('bare node (CJS)');
  const bareEsm = index('bare node (ESM)');
  const rows: ColdImportResult['rows'] = [];
  for (const c of CASES) {
    if (c.load === '') continue;
    const i = index(c.name);
    const stripe = index(c.esm ? "import('stripe')" : "require('stripe')");
    rows.push({
      name: c.name,
      netWallMs: summarize(net(i, c.esm ? bareEsm : bareCjs)),
      inProcessMs: summarize(inProcess(i)),
      ratioToStripe: i === stripe ? null : ratio(i, stripe),
      ratioToBefore: c.before ? ratio(i, index(c.before)) : null,
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
    const stripe = row.ratioToStripe ? `, ÷ stripe ${fmtRatio(row.ratioToStripe)}` : '';
    const before = row.ratioToBefore ? `, ÷ before ${fmtRatio(row.ratioToBefore)}` : '';
    console.log(`${row.name}: net ${fmtMs(row.netWallMs)}, in-process ${fmtMs(row.inProcessMs)}${stripe}${before}`);
  }
}
