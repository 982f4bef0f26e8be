/**
 * docs/errors.md: branch on the error class and `errorCode`, rethrow the rest. The fake Knot API
 * answers a refresh of a disconnected account with MERCHANT_ACCOUNT_DISCONNECTED, and a second
 * refresh within the hour with a 429 whose Retry-After says when; the client then refuses a third,
 * unsent, with the same KnotRateLimitError.
 */
import './support/linked-user.js'; // user-1 has linked DoorDash (merchant 19) at the fake Knot API
import { KnotApiError, KnotClient, KnotRateLimitError } from 'knotapi-node';

const knot = new KnotClient();
const reactions: string[] = [];

async function refresh(): Promise<void> {
  // #region refresh
  try {
    await knot.transactions.refresh({ merchant_id: 19, external_user_id: 'user-1' });
  } catch (err) {
    if (err instanceof KnotRateLimitError) scheduleRefresh(err.retryAt);
    else if (err instanceof KnotApiError && err.errorCode === 'MERCHANT_ACCOUNT_DISCONNECTED') askUserToReconnect();
    else throw err;
  }
  // #endregion
}

// Your application's reactions.
function scheduleRefresh(at: Date | null): void {
  const minutes = at === null ? '?' : Math.round((at.getTime() - Date.now()) / 60_000);
  reactions.push(`rate limited, retry in ${minutes} min`);
}
function askUserToReconnect(): void {
  reactions.push('asked the user to reconnect');
}

/** One refresh; what came of it. */
async function attempt(): Promise<string> {
  const before = reactions.length;
  await refresh();
  return reactions.length > before ? reactions.at(-1)! : 'refreshed';
}

const account = { external_user_id: 'user-1', merchant_id: 19 };
await knot.development.disconnectAccount(account); // the user changed their DoorDash password, say
const outcomes = [await attempt()];
await knot.development.linkAccount(account); // reconnected through a new session
outcomes.push(await attempt());
outcomes.push(await attempt()); // within the hour: 429 from Knot, Retry-After 3600
outcomes.push(await attempt()); // refused by the client, unsent

const expected = ['asked the user to reconnect', 'refreshed', 'rate limited, retry in 60 min', 'rate limited, retry in 60 min'];
if (outcomes.join('\n') !== expected.join('\n')) throw new Error(`outcomes:\n${outcomes.join('\n')}`);
console.log(outcomes.join('; '));
await knot.close();
