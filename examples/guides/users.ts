/**
 * docs/users.md: deleting a user and their data at Knot, e.g. for a GDPR erasure request.
 *
 * The tests run it against the fake Knot API (KNOT_BASE_URL points at it). With your development
 * keys in KNOT_CLIENT_ID / KNOT_SECRET it runs against Knot's development environment.
 */
import { randomUUID } from 'node:crypto';
import { KnotApiError, KnotClient } from 'knotapi-node';

const knot = new KnotClient(); // reads KNOT_CLIENT_ID, KNOT_SECRET and KNOT_ENVIRONMENT
const externalUserId = `user-${randomUUID()}`;
await knot.development.linkAccount({ external_user_id: externalUserId, merchant_id: 19, transactions: { new: true } });

function check(condition: boolean, claim: string): void {
  if (!condition) throw new Error(`users: ${claim}`);
}

// #region delete
/** Erases the user at Knot; a user Knot no longer knows counts as erased, so a retry is safe. */
async function eraseAtKnot(userId: string): Promise<void> {
  try {
    await knot.users.delete({ external_user_id: userId });
  } catch (error) {
    if (error instanceof KnotApiError && error.errorCode === 'USER_NOT_FOUND') return;
    throw error;
  }
}

await eraseAtKnot(externalUserId);
// then delete your own copy: stored transactions, cursors, accounts
// #endregion

await eraseAtKnot(externalUserId); // a second time: nothing left, no error
const gone = await knot.accounts.list({ external_user_id: externalUserId }).then(
  () => false,
  (error: unknown) => error instanceof KnotApiError && error.errorCode === 'USER_NOT_FOUND',
);
check(gone, 'Knot no longer knows the deleted user');
await knot.close();
