// The measured process of bench/memory.ts: plain node (no tsx loader in its memory) importing the
// built SDK, streaming one account's transactions and sampling RSS after every page.
// argv: <baseUrl> <transactions> <clientId> <secret>
import { KnotClient } from '../../dist/index.js';

const [url, total, clientId, secret] = process.argv.slice(2);
const transactions = Number(total);
const MB = 1024 * 1024;
const knot = new KnotClient({ clientId, secret, baseUrl: url });

// Warm-up on a separate small account: loads undici, opens the connection, compiles the checker.
for await (const _ of knot.transactions.sync({ merchant_id: 19, external_user_id: 'warm-up' })) {
}
globalThis.gc();
await new Promise((resolve) => setTimeout(resolve, 50));
globalThis.gc();
const baseline = process.memoryUsage.rss();
const heapBaseline = process.memoryUsage().heapUsed;

const rss = [];
let heapPeak = 0;
let seen = 0;
const t0 = performance.now();
let lastReport = t0;
for await (const page of knot.transactions.sync({ merchant_id: 19, external_user_id: 'memory-user' }).pages()) {
  seen += page.transactions.length;
  const usage = process.memoryUsage();
  rss.push(usage.rss);
  if (usage.heapUsed > heapPeak) heapPeak = usage.heapUsed;
  if (performance.now() - lastReport > 10_000) {
    lastReport = performance.now();
    process.send({ progress: `${seen}/${transactions} transactions, RSS +${((usage.rss - baseline) / MB).toFixed(1)} MB` });
  }
}
if (seen !== transactions) throw new Error(`saw ${seen} of ${transactions}`);
// What the sync left behind once its garbage is collected: a leak would show here.
globalThis.gc();
const heapRetained = process.memoryUsage().heapUsed - heapBaseline;
const at = (share) => rss[Math.min(rss.length - 1, Math.max(0, Math.ceil(rss.length * share) - 1))];
process.send({
  transactions,
  pages: rss.length,
  seconds: (performance.now() - t0) / 1000,
  baselineMb: baseline / MB,
  peakGrowthMb: (Math.max(...rss) - baseline) / MB,
  growthAtMb: [0.1, 0.25, 0.5, 0.75, 1].map((share) => ({ at: `${share * 100}%`, mb: (at(share) - baseline) / MB })),
  heapPeakMb: heapPeak / MB,
  heapBaselineMb: heapBaseline / MB,
  heapRetainedMb: heapRetained / MB,
});
await knot.close();
process.disconnect();
