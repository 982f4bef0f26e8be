/**
 * docs/webhooks.md, "The same event may arrive again": skip work already done, keyed on the event
 * name + session id + a hash of the body. A failed attempt (500) stores no key, so the redelivery
 * runs the work again; a redelivery after success is skipped.
 */
import { KnotClient, type AuthenticatedEvent, type KnotWebhookEvent, signWebhook, webhookEventName } from 'knotapi-node';

const knot = new KnotClient(); // its secret (KNOT_SECRET) is the webhook signing key
const connected: string[] = [];
let failNext = true; // the first attempt fails, as a database outage would
async function markConnected(userId: string, merchantId: number): Promise<void> {
  if (failNext) {
    failNext = false;
    throw new Error('database unavailable');
  }
  connected.push(`${userId}/${merchantId}`);
}

// #region dedup
const processed = new Set<string>(); // in production: a table with a unique key, rows kept for a few days

/** event name + session id + SHA-256 of the body: equal only for a repeated delivery of one event. */
async function deliveryKey(event: KnotWebhookEvent): Promise<string> {
  // parseWebhook keeps every field in order, so this is the body Knot sent (timestamp as a number).
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(event)));
  const hash = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const session = (event as { session_id?: unknown }).session_id ?? '';
  return `${webhookEventName(event)}:${session}:${hash}`;
}

/** Runs `work` once per event: a repeat after success is skipped; after a failure it runs again. */
function once<E extends KnotWebhookEvent>(work: (event: E) => Promise<void>): (event: E) => Promise<void> {
  return async (event) => {
    const key = await deliveryKey(event);
    if (processed.has(key)) return; // done before: answer 200 again, do nothing
    await work(event); // throws → 500 → Knot delivers again; no key stored
    processed.add(key); // stored only once the work is done
  };
}

const handler = knot.webhooks.fetchHandler({
  on: {
    AUTHENTICATED: once(async (event: AuthenticatedEvent) => markConnected(event.external_user_id, event.merchant.id)),
  },
  onError: (error) => console.warn('will be delivered again:', (error as Error).message),
});
// #endregion

const body = JSON.stringify({
  event: 'AUTHENTICATED',
  session_id: 'fb5aa994-ed1c-4c3e-b29a-b2a53222e584',
  external_user_id: 'user-1',
  merchant: { id: 19, name: 'DoorDash' },
  data: { card_id: null },
  timestamp: Date.now(),
});
const deliver = async () =>
  (await handler(new Request('https://app.example/knot/webhooks', { method: 'POST', headers: signWebhook({ body, secret: process.env.KNOT_SECRET! }), body }))).status;

const warn = console.warn;
console.warn = () => {};
let statuses: number[];
try {
  statuses = [await deliver(), await deliver(), await deliver()]; // fails, succeeds, repeats
} finally {
  console.warn = warn;
}
if (statuses.join() !== '500,200,200' || connected.join() !== 'user-1/19') {
  throw new Error(`statuses ${statuses.join()}, connected ${connected.join()}`);
}
console.log(`three deliveries of one event: ${statuses.join(', ')}; the work ran once (${connected.join()})`);
await knot.close();
