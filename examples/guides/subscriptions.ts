/**
 * docs/subscriptions.md and docs/pagination.md: a user's subscriptions (Subscription Manager), every
 * page of them, one by id, and a cancellation.
 *
 * The tests run it against the fake Knot API (KNOT_BASE_URL points at it). With your development
 * keys in KNOT_CLIENT_ID / KNOT_SECRET (and Subscription Manager enabled) it runs against Knot's
 * development environment, where a card switch at Netflix finds test subscriptions.
 */
import { randomUUID } from 'node:crypto';
import { KnotApiError, KnotClient, type Subscription } from 'knotapi-node';

const knot = new KnotClient(); // reads KNOT_CLIENT_ID, KNOT_SECRET and KNOT_ENVIRONMENT
const externalUserId = `user-${randomUUID()}`;
// Development: a card switch at a subscription merchant (Netflix, 16) is how test subscriptions appear.
await knot.development.linkAccount({ external_user_id: externalUserId, merchant_id: 16, card_switcher: true, card_id: 'card-1' });

function check(condition: boolean, claim: string): void {
  if (!condition) throw new Error(`subscriptions: ${claim}`);
}

const saved = new Map<string, Subscription>();
async function upsertSubscription(sub: Subscription): Promise<void> {
  saved.set(sub.id, sub);
}

// #region list
// Every subscription of the user, across all their merchants and all pages.
for await (const sub of knot.subscriptions.list({ external_user_id: externalUserId })) {
  await upsertSubscription(sub);
}
// #endregion
check(saved.size > 0, 'the card switch at Netflix found subscriptions');

// #region first-page
const page = await knot.subscriptions.list({ external_user_id: externalUserId, limit: 10 });
console.log(`${page.subscriptions.length} on the first page; more: ${page.next_cursor ? 'yes' : 'no'}`);
// #endregion

// #region pages
let pages = 0;
for await (const page of knot.subscriptions.list({ external_user_id: externalUserId, limit: 1 }).pages()) {
  pages++;
  await Promise.all(page.subscriptions.map(upsertSubscription)); // one batch per page
}
// #endregion
check(pages >= saved.size, 'a page of one per subscription');

// #region get
const [id] = saved.keys();
const sub = await knot.subscriptions.get(id!);
console.log(sub.name, sub.status, `${sub.price.total} ${sub.price.currency} ${sub.billing_cycle}`);
// #endregion

// #region cancel
if (sub.is_cancellable) {
  await knot.subscriptions.cancel(sub.id, { external_user_id: externalUserId, merchant_id: sub.merchant.id });
  // 202: Knot is on it. CANCELLATION_SUCCEEDED (or CANCELLATION_FAILED) arrives as a webhook.
}
// #endregion

// #region not-found
try {
  await knot.subscriptions.get('no-such-subscription');
} catch (error) {
  if (!(error instanceof KnotApiError && error.errorCode === 'SUBSCRIPTION_NOT_FOUND')) throw error;
  console.log('no such subscription');
}
// #endregion
await knot.close();
