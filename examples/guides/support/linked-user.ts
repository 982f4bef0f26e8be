/**
 * Setup for the guides' examples, kept out of the snippets: links user-1's DoorDash account
 * (merchant 19, 205 transactions) at the Knot API the environment points at (the fake, in the docs
 * test). Import it first, for its effect: `import './support/linked-user.js';`.
 */
import { KnotClient } from 'knotapi-node';

export const LINKED = { external_user_id: 'user-1', merchant_id: 19, transactions: 205 } as const;

const setup = new KnotClient();
await setup.development.linkAccount({
  external_user_id: LINKED.external_user_id,
  merchant_id: LINKED.merchant_id,
  transactions: { new: true },
});
await setup.close();
