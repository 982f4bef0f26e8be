/**
 * docs/webhooks.md, "Events of the other products": `on` functions for CardSwitcher,
 * SubscriptionManager, Detect and Shopping events, each typed by its key. Runs them on payloads
 * shaped like Knot's documented examples, through parseWebhook (what the handler does after
 * verifying), and checks what they recorded.
 */
import { KnotClient, parseWebhook, type WebhookEventHandlers } from 'knotapi-node';

const knot = new KnotClient(); // its secret (KNOT_SECRET) is the webhook signing key
const log: string[] = [];
const tellUser = async (user: string | undefined, message: string) => void log.push(`${user}: ${message}`);
const refetchSubscription = async (id: string) => void log.push(`refetch subscription ${id}`);
const showDetected = async (user: string, names: string[]) => void log.push(`${user} detected: ${names.join(', ')}`);

// #region products
const on: WebhookEventHandlers = {
  CARD_FAILED: (event) => tellUser(event.external_user_id, `card not switched at ${event.merchant.name}: ${event.data.reason ?? 'unknown'}`),
  NEW_SUBSCRIPTIONS_AVAILABLE: async (event) => {
    for (const { id } of event.data.subscriptions ?? []) await refetchSubscription(id);
  },
  NEW_DETECTED_ACCOUNTS_AVAILABLE: async (event) => {
    // Two documented payloads: the accounts themselves, or only whether there are any.
    if (event.data?.detected_accounts) {
      await showDetected(event.external_user_id, event.data.detected_accounts.map((m) => m.name));
    } else if (event.has_supported_merchants) {
      await showDetected(event.external_user_id, ['(some: list them)']);
    }
  },
  // `data` may be missing on Shopping failures: read the reason with `?.`.
  SYNC_CART_FAILED: (event) => tellUser(event.external_user_id, `cart not synced: ${event.data?.reason ?? 'no reason given'}`),
  CANCELLATION_FAILED: (event) => tellUser(event.external_user_id, 'the subscription could not be cancelled'),
};
const handler = knot.webhooks.handler({ on });
// #endregion

const merchant = { id: 36, name: 'Netflix' };
const timestamp = 1710864923198;
const payloads = [
  { event: 'CARD_FAILED', session_id: 's-1', task_id: 1, external_user_id: 'user-1', merchant, data: { card_id: 'c-1', reason: 'card expired' }, timestamp },
  { event: 'NEW_SUBSCRIPTIONS_AVAILABLE', external_user_id: 'user-1', merchant, data: { subscriptions: [{ id: 'sub-1' }] }, timestamp },
  { event: 'NEW_DETECTED_ACCOUNTS_AVAILABLE', external_user_id: 'user-1', data: { detected_accounts: [{ id: 13, name: 'Spotify', logo: null }] }, timestamp },
  { event: 'NEW_DETECTED_ACCOUNTS_AVAILABLE', external_user_id: 'user-2', has_supported_merchants: true, timestamp },
  { event: 'SYNC_CART_FAILED', external_user_id: 'user-1', merchant, timestamp: String(timestamp) }, // no data, as Knot's overview shows it
  { event: 'CANCELLATION_FAILED', timestamp }, // payload undocumented: only event and timestamp are sure
];
for (const payload of payloads) {
  const event = parseWebhook(payload);
  const fn = on[event.event as keyof WebhookEventHandlers] as ((e: typeof event) => unknown) | undefined;
  await fn?.(event);
}

const expected = [
  'user-1: card not switched at Netflix: card expired',
  'refetch subscription sub-1',
  'user-1 detected: Spotify',
  'user-2 detected: (some: list them)',
  'user-1: cart not synced: no reason given',
  'undefined: the subscription could not be cancelled',
];
if (JSON.stringify(log) !== JSON.stringify(expected)) throw new Error(`recorded: ${JSON.stringify(log)}`);
if (typeof handler !== 'function') throw new Error('no handler');
console.log(log.join('\n'));
await knot.close();
