/**
 * docs/shopping.md: a cart at a merchant, synced and changed, its outcome read from the webhooks.
 * An in-process fake Knot API links the account and sends the signed webhooks to a receiver on
 * 127.0.0.1.
 */
import { type Cart, KnotClient } from 'knotapi-node';
import { createMockKnot } from 'knotapi-node/testing';
import { listen, waitFor } from './support/receiver.js';

const fake = createMockKnot(); // a fake Knot API of our own, so it can POST webhooks to us
const api = await fake.listen();
const knot = new KnotClient({ clientId: fake.clientId, secret: fake.secret, baseUrl: api.url });
const user = { external_user_id: 'shopper-1', merchant_id: 45 }; // Walmart
await knot.development.linkAccount(user); // the user has linked their Walmart account

// #region handler
// What your app knows of each cart: the latest one Knot reported, or why the last change failed.
const carts = new Map<string, { cart?: Cart; failure?: string }>();
const key = (userId: string | undefined, merchantId: number) => `${userId}/${merchantId}`;

const handler = knot.webhooks.handler({
  on: {
    SYNC_CART_SUCCEEDED: (event) => {
      carts.set(key(event.external_user_id, event.merchant.id), { cart: event.data.cart });
    },
    SYNC_CART_FAILED: (event) => {
      // `data` may be missing (Knot's overview shows none): read the reason with `?.`.
      carts.set(key(event.external_user_id, event.merchant.id), { failure: event.data?.reason ?? 'unknown reason' });
    },
  },
});
// #endregion

const receiver = await listen(handler);
fake.setWebhookUrl(`${receiver.url}/knot/webhooks`);

/** The outcome of the cart call just made: Knot answers 202 at once and reports by webhook. */
async function outcome(): Promise<{ cart?: Cart; failure?: string }> {
  await waitFor('the cart webhook', () => carts.has(key(user.external_user_id, user.merchant_id)));
  const result = carts.get(key(user.external_user_id, user.merchant_id))!;
  carts.delete(key(user.external_user_id, user.merchant_id));
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

if (!express || failure !== 'product out of stock') throw new Error(`unexpected outcome: ${JSON.stringify({ express, failure })}`);
await fake.webhooksSettled();
await receiver.close();
await knot.close();
await fake.close();
