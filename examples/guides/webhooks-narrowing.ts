/**
 * docs/webhooks.md, "Narrowing, and the unknown member": check `isKnownWebhookEvent` first, then
 * `switch (event.event)` narrows each known event to its own type. Runs with a known and an
 * unknown event; TypeScript checks the narrowing (see the @ts-expect-error below).
 */
import type { IncomingMessage } from 'node:http';
import { isKnownWebhookEvent, KnotClient, type KnotWebhookEvent, parseWebhook, signWebhook, webhookEventName } from 'knotapi-node';

const knot = new KnotClient(); // its secret (KNOT_SECRET) is the webhook signing key

function onWebhook(rawBody: Buffer, req: Pick<IncomingMessage, 'headers'>): void {
  // #region narrowing
  const event = knot.webhooks.unwrap(rawBody, req.headers);
  if (!isKnownWebhookEvent(event)) {
    console.info('new event type', event.unknown_event); // also: webhookEventName(event)
    return;
  }
  switch (event.event) {
    case 'UPDATED_TRANSACTIONS_AVAILABLE':
      event.updated; // { id: string }[] — only reachable here
      break;
    // ...
  }
  // #endregion
}

function beforeNarrowing(event: KnotWebhookEvent): unknown {
  // @ts-expect-error `updated` exists on UPDATED_TRANSACTIONS_AVAILABLE only
  return event.updated;
}

/** What onWebhook printed for a signed body. */
function run(payload: object): string[] {
  const body = JSON.stringify(payload);
  const printed: string[] = [];
  const info = console.info;
  console.info = (...args: unknown[]) => void printed.push(args.join(' '));
  try {
    onWebhook(Buffer.from(body), { headers: signWebhook({ body, secret: process.env.KNOT_SECRET! }) });
  } finally {
    console.info = info;
  }
  return printed;
}

const merchant = { id: 19, name: 'DoorDash' };
const known = run({ event: 'UPDATED_TRANSACTIONS_AVAILABLE', external_user_id: 'user-1', merchant, updated: [{ id: 'txn-1' }], timestamp: Date.now() });
const unknown = run({ event: 'SOMETHING_NEW', timestamp: Date.now() });
if (known.length !== 0 || unknown.join() !== 'new event type SOMETHING_NEW') throw new Error(`printed: ${[...known, ...unknown].join('; ')}`);

// Unknown events keep exactly what Knot sent: `event` is the name, also from webhookEventName.
const parsed = parseWebhook({ event: 'SOMETHING_NEW', timestamp: 1 });
if (isKnownWebhookEvent(parsed) || webhookEventName(parsed) !== 'SOMETHING_NEW' || JSON.stringify(parsed) !== '{"event":"SOMETHING_NEW","timestamp":1}') {
  throw new Error(`unknown event parsed as ${JSON.stringify(parsed)}`);
}
if (beforeNarrowing(parsed) !== undefined) throw new Error('an unknown event has `updated`');
console.log(`known event: narrowed, nothing printed; unknown event: "${unknown[0]}"`);
await knot.close();
