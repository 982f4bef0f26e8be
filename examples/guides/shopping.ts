/**
 * docs/shopping.md: a cart at a merchant, synced, changed and checked out with a card, each outcome
 * read from the webhooks.
 * An in-process fake Knot API links the account and sends the signed webhooks to a receiver on
 * 127.0.0.1.
 */
import { type Cart, KnotClient, type Transaction } from 'knotapi-node';
import { createMockKnot } from 'knotapi-node/testing';
import { listen, waitFor } from './support/receiver.js';

const fake = createMockKnot(); // a fake Knot API of our own, so it can POST webhooks to us
const api = await fake.listen();
const knot = new KnotClient({ clientId: fake.clientId, secret: fake.secret, baseUrl: api.url });
const user = { external_user_id: 'shopper-1', merchant_id: 45 }; // Walmart
await knot.development.linkAccount(user); // the user has linked their Walmart account

// #region handler
// What your app knows of each cart: the latest one Knot reported, the order it became, or why the
// last call failed.
interface Outcome {
  cart?: Cart;
  order?: Transaction[];
  failure?: string;
}
const outcomes = new Map<string, Outcome>();
const key = (userId: string | undefined, merchantId: number) => `${userId}/${merchantId}`;

const handler = knot.webhooks.handler({
  on: {
    SYNC_CART_SUCCEEDED: (event) => {
      outcomes.set(key(event.external_user_id, event.merchant.id), { cart: event.data.cart });
    },
    CHECKOUT_SUCCEEDED: async (event) => {
      // The order confirmation: one transaction per id (most merchants make one).
      const order = await Promise.all((event.data?.transactions ?? []).map(({ id }) => knot.transactions.get(id)));
      outcomes.set(key(event.external_user_id, event.merchant.id), { order });
    },
    // `data` may be missing on the failures (Knot's overview shows none): read the reason with `?.`.
    SYNC_CART_FAILED: (event) => {
      outcomes.set(key(event.external_user_id, event.merchant.id), { failure: event.data?.reason ?? 'unknown reason' });
    },
    CHECKOUT_FAILED: (event) => {
      outcomes.set(key(event.external_user_id, event.merchant.id), { failure: event.data?.reason ?? 'unknown reason' });
    },
  },
});
// #endregion

const receiver = await listen(handler);
fake.setWebhookUrl(`${receiver.url}/knot/webhooks`);

/** The outcome of the call just made: Knot answers 202 at once and reports by webhook. */
async function outcome(): Promise<Outcome> {
  const at = key(user.external_user_id, user.merchant_id);
  await waitFor('the shopping webhook', () => outcomes.has(at));
  const result = outcomes.get(at)!;
  outcomes.delete(at);
  return result;
}

// #region sync
await knot.shopping.syncCart({
  ...user,
  products: [{ external_id: '3324893784' }],
  delivery_location: {
    address: { line1: '123 Main St', line2: 'Floor 4', city: 'Los Angeles', region: 'CA', postal_code: '90012', country: 'US' },
    first_name: 'Ada',
    last_name: 'Lovelace',
    phone_number: '+11234567890',
  },
});
const { cart } = await outcome(); // from SYNC_CART_SUCCEEDED
console.log(`total ${cart?.price?.total} ${cart?.price?.currency}`);
// #endregion

// #region fulfillment
// Faster delivery: send the product again with one of its fulfillment options.
const product = cart!.products![0]!;
const express = product.fulfillment?.options?.find((option) => option.type === 'SCHEDULED_DELIVERY');
if (express) {
  await knot.shopping.syncCart({ ...user, products: [{ external_id: product.external_id, fulfillment: { id: express.id } }] });
  const { cart: updated } = await outcome(); // a fresh SYNC_CART_SUCCEEDED with the new total
  console.log(`${express.label}: total now ${updated?.price?.total}`);
}
// #endregion

// #region simulate
// Development only: `simulate: 'failed'` makes Knot send SYNC_CART_FAILED. A production client
// refuses it with a KnotValidationError, sending nothing.
await knot.shopping.syncCart({ ...user, products: [{ external_id: '3324893784' }], simulate: 'failed' });
const { failure } = await outcome(); // e.g. 'product out of stock'
// #endregion

// #region checkout
// The card is checked, then sent only encrypted (a JWE to your client's key, fetched once).
await knot.shopping.checkout({
  ...user,
  payment_method: {
    id: 'card-on-file-1', // your own id for this card
    user: {
      name: { first_name: 'Ada', last_name: 'Lovelace' },
      address: { street: '100 Main Street', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
      phone_number: '+11234567890',
    },
    card: { number: '4242424242424242', expiration: '08/2030', cvv: '012' },
  },
});
const { order } = await outcome(); // from CHECKOUT_SUCCEEDED
console.log(`order placed: ${order?.map((txn) => txn.id).join(', ')}`);
// #endregion

if (!express || failure !== 'product out of stock' || order?.length !== 1) {
  throw new Error(`unexpected outcome: ${JSON.stringify({ express, failure, order: order?.length })}`);
}
await fake.webhooksSettled();
await receiver.close();
await knot.close();
await fake.close();
