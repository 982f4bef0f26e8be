/**
 * docs/webhooks.md, "Next.js, Hono, Bun, Deno, Workers": a Next.js App Router route handler made with
 * `fetchHandler` from `knotapi-node/webhooks` (Web Crypto, no Node built-in), and the same handler
 * as a Cloudflare Worker. Both are driven here with real `Request` objects, as the runtime would.
 */
import { signWebhook } from 'knotapi-node';
import { memory } from './support/memory.js';

const queue = { add: async (name: string, job: object) => void memory.cursors.set(`${name}:${JSON.stringify(job)}`, 'queued') };

// #region nextjs
// app/api/knot/webhooks/route.ts
import { fetchHandler } from 'knotapi-node/webhooks';

export const POST = fetchHandler({
  secret: process.env.KNOT_SECRET!,
  on: {
    NEW_TRANSACTIONS_AVAILABLE: (event) => queue.add('sync', { user: event.external_user_id, merchant: event.merchant.id }),
    ACCOUNT_LOGIN_REQUIRED: (event) => queue.add('disconnected', { user: event.external_user_id, merchant: event.merchant.id }),
  },
  onDelivery: ({ event, status, ms }) => console.info(`knot webhook ${event?.event ?? 'refused'} → ${status} in ${Math.round(ms)} ms`),
});
// #endregion

// #region worker
// A Cloudflare Worker: pass ctx, so a handler still running after ackTimeoutMs is kept alive.
const worker = {
  fetch: (request: Request, _env: unknown, ctx: { waitUntil(promise: Promise<unknown>): void }) => POST(request, ctx),
};
export default worker;
// #endregion

const secret = process.env.KNOT_SECRET!;
const body = JSON.stringify({ event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: 'user-1', merchant: { id: 19, name: 'DoorDash' }, timestamp: Date.now() });
const post = (signingSecret: string) =>
  new Request('https://app.example/api/knot/webhooks', { method: 'POST', headers: signWebhook({ body, secret: signingSecret }), body });

const printed: string[] = [];
const info = console.info;
console.info = (...args: unknown[]) => void printed.push(args.join(' '));
let statuses: number[];
const kept: Promise<unknown>[] = [];
try {
  statuses = [
    (await POST(post(secret), { params: Promise.resolve({}) })).status, // Next.js passes { params }
    (await POST(post('another_environment'))).status,
    (await POST(new Request('https://app.example/api/knot/webhooks'))).status, // GET
    (await worker.fetch(post(secret), {}, { waitUntil: (p) => void kept.push(p) })).status,
  ];
} finally {
  console.info = info;
}
if (statuses.join() !== '200,401,405,200' || kept.length !== 1) throw new Error(`statuses: ${statuses.join()}, kept ${kept.length}`);
if (!memory.cursors.has('sync:{"user":"user-1","merchant":19}')) throw new Error('the sync job was not queued');
if (!/^knot webhook NEW_TRANSACTIONS_AVAILABLE → 200 in \d+ ms$/.test(printed[0] ?? '')) throw new Error(`onDelivery printed ${printed[0]}`);
console.log(`Next.js route: ${statuses.slice(0, 3).join(', ')}; Worker: ${statuses[3]}; ${printed.length} deliveries metered`);
