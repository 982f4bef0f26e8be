/**
 * docs/subscriptions.md: keeping a store of subscriptions current from Subscription Manager's
 * webhooks, and a cancellation's outcome. The fake Knot API (in-process, so it can POST its webhooks
 * to this example's server) sends NEW_SUBSCRIPTIONS_AVAILABLE when a card switch finds
 * subscriptions, and CANCELLATION_SUCCEEDED then UPDATED_SUBSCRIPTIONS_AVAILABLE after a cancel.
 */
import { fake } from './support/webhook-fake.js'; // a fake Knot API that sends webhooks; sets KNOT_* and PORT=0
import { started, waitFor } from './support/receiver.js';
// #region webhook
import { createServer } from 'node:http';
import { KnotClient, type Subscription } from 'knotapi-node';

const knot = new KnotClient(); // KNOT_CLIENT_ID, KNOT_SECRET (the signing key), KNOT_ENVIRONMENT
const subscriptions = new Map<string, Subscription>(); // your store, keyed on Knot's id
const cancelled = new Set<string>();

/** Fetches each subscription named by a webhook and upserts it. */
async function refetch(ids: { id: string }[] = []): Promise<void> {
  for (const { id } of ids) subscriptions.set(id, await knot.subscriptions.get(id));
}

const handler = knot.webhooks.handler({
  on: {
    NEW_SUBSCRIPTIONS_AVAILABLE: (event) => refetch(event.data.subscriptions),
    UPDATED_SUBSCRIPTIONS_AVAILABLE: (event) => refetch(event.data.subscriptions),
    CANCELLATION_SUCCEEDED: (event) => {
      if (event.data.subscription_id) cancelled.add(event.data.subscription_id);
    },
    CANCELLATION_FAILED: (event) => {
      console.warn(`cancellation of ${event.data?.subscription_id} failed: ${event.data?.reason ?? 'no reason given'}`);
    },
  },
});
const server = createServer((req, res) => (req.url === '/knot/webhooks' ? handler(req, res) : res.writeHead(404).end()));
server.listen(Number(process.env.PORT ?? 3000));
// #endregion

const receiver = await started(server);
fake.setWebhookUrl(`${receiver.url}/knot/webhooks`);
const userId = 'user-42';

await knot.development.linkAccount({ external_user_id: userId, merchant_id: 16, card_switcher: true, card_id: 'card-1' });
await waitFor('NEW_SUBSCRIPTIONS_AVAILABLE', () => subscriptions.size > 0);
const [first] = subscriptions.values();

// #region cancel
await knot.subscriptions.cancel(first!.id, { external_user_id: userId, merchant_id: first!.merchant.id });
// #endregion

await waitFor('CANCELLATION_SUCCEEDED', () => cancelled.has(first!.id));
await waitFor('UPDATED_SUBSCRIPTIONS_AVAILABLE', () => subscriptions.get(first!.id)?.status === 'ACTIVE_CANCELLATION');
if (subscriptions.get(first!.id)?.expiration_date === null) throw new Error('subscriptions: a cancelled subscription has an expiration date');

await knot.close();
await receiver.close();
await fake.close();
