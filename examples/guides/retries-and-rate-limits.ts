/**
 * docs/retries-and-rate-limits.md: refresh's rate limit, per-request retries, timeouts and aborts,
 * Retry-After, and the limiter. It starts its own fake Knot API, whose faults (5xx, 429, latency)
 * can be switched on per path, and checks what the client sent.
 */
// #region setup
import {
  KnotAbortError,
  KnotClient,
  KnotRateLimitError,
  KnotServerError,
  KnotTimeoutError,
  type RefreshParams,
} from 'knotapi-node';
import { createMockKnot } from 'knotapi-node/testing';

const mock = createMockKnot(); // the fake Knot API, in your tests
const server = await mock.listen();
const credentials = { clientId: mock.clientId, secret: mock.secret, baseUrl: server.url };
const knot = new KnotClient(credentials);
const onlyMerchantList = (r: { path: string }) => r.path === '/merchant/list'; // where faults apply
// #endregion

function check(condition: boolean, claim: string): void {
  if (!condition) throw new Error(`retries-and-rate-limits: ${claim}`);
}
const sentTo = (path: string) => mock.requests.filter((r) => r.path === path).length;

const account = { external_user_id: 'user-1', merchant_id: 19 };
await knot.development.linkAccount({ ...account, transactions: { new: true } });

// #region refresh
const scheduled: { account: RefreshParams; at: Date }[] = []; // stands in for your job queue

async function refreshOrSchedule(account: RefreshParams): Promise<void> {
  try {
    await knot.transactions.refresh(account); // 202: Knot extracts again, then sends webhooks
  } catch (err) {
    if (!(err instanceof KnotRateLimitError) || err.retryAt === null) throw err;
    scheduled.push({ account, at: err.retryAt }); // e.g. a delayed job: delay = retryAt - now
    const by = err.requestSent ? 'Knot' : 'the client, without a request';
    console.log(`next refresh allowed at ${err.retryAt.toISOString()} (said by ${by})`);
  }
}

await refreshOrSchedule(account); // sent: 202
await refreshOrSchedule(account); // sent: Knot answers 429 with Retry-After (about an hour)
await refreshOrSchedule(account); // not sent: the client remembers this account's retryAt
// #endregion
check(sentTo('/transactions/refresh') === 2, 'the third refresh was refused without a request');
check(scheduled.length === 2 && scheduled[0]!.at.getTime() > Date.now() + 3_500_000, 'refresh was scheduled by retryAt, an hour ahead');

// #region no-retry
mock.faults.set({ serverErrorRate: 1, only: onlyMerchantList }); // every list answers 500 or 503
try {
  await knot.merchants.list({ type: 'transaction_link' }, { maxRetries: 0 }); // one attempt only
} catch (err) {
  if (!(err instanceof KnotServerError)) throw err;
  console.log('failed at once with', err.status);
}
// #endregion
check(sentTo('/merchant/list') === 1, 'maxRetries: 0 sends exactly one request');

// #region backoff
const patient = new KnotClient({ ...credentials, retryBackoff: { initialDelayMs: 100, maxDelayMs: 1_000 } });
const started = Date.now();
await patient.merchants.list({ type: 'transaction_link' }).catch((err) => {
  if (!(err instanceof KnotServerError)) throw err;
  console.log(`gave up after 3 attempts and ${Date.now() - started} ms`); // waits of 75-100 and 150-200 ms
});
// #endregion
check(sentTo('/merchant/list') === 4, 'the default maxRetries (2) makes 3 attempts');
check(Date.now() - started >= 220, 'backoff waited about 75 % of 100 + 200 ms or more');

// #region retry-after
let injected = 0;
mock.faults.set({ rateLimitRate: 1, retryAfterSeconds: 0.2, only: (r) => onlyMerchantList(r) && injected++ === 0 });
const before = Date.now();
const merchants = await knot.merchants.list({ type: 'transaction_link' }); // 429, waits 200 ms, retries: 200
console.log(`${merchants.length} merchants after ${Date.now() - before} ms`);

const impatient = new KnotClient({ ...credentials, maxRetryAfterMs: 100 });
injected = 0;
try {
  await impatient.merchants.list({ type: 'transaction_link' }); // Retry-After 200 ms > maxRetryAfterMs
} catch (err) {
  if (!(err instanceof KnotRateLimitError)) throw err;
  console.log(`rejected at once: retry in ${err.retryAfterMs} ms`);
}
// #endregion
check(merchants.length > 0 && Date.now() - before >= 195, 'a short Retry-After is waited out');
check(sentTo('/merchant/list') === 7, 'the 429 over maxRetryAfterMs was not retried');

// #region timeout-abort
mock.faults.set({ latencyMs: 500, only: onlyMerchantList }); // Knot is slow today
try {
  await knot.merchants.list({ type: 'transaction_link' }, { timeoutMs: 100, maxRetries: 0 });
} catch (err) {
  if (!(err instanceof KnotTimeoutError)) throw err; // a KnotConnectionError too
  console.log('timed out:', err.name);
}

const controller = new AbortController();
setTimeout(() => controller.abort(), 100); // e.g. the user went away
try {
  await knot.merchants.list({ type: 'transaction_link' }, { signal: controller.signal });
} catch (err) {
  if (!(err instanceof KnotAbortError)) throw err; // never retried
  console.log('aborted:', err.name);
}
// #endregion
check(sentTo('/merchant/list') === 9, 'neither the timeout nor the abort was retried');
// The fake drops the two requests given up above once it sees their sockets close: a moment.
for (let i = 0; i < 50 && mock.stats.inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
check(mock.stats.inFlight === 0, 'the fake stopped counting the abandoned requests');

// #region limiter
const gentle = new KnotClient({ ...credentials, limiter: { maxConcurrent: 2, minTime: 20 } });
mock.faults.set({ latencyMs: 30, only: onlyMerchantList }); // (in your tests)
mock.resetStats();
await Promise.all(Array.from({ length: 10 }, () => gentle.merchants.list({ type: 'transaction_link' })));
console.log('most requests in flight at once:', mock.stats.peakInFlight); // 2
// #endregion
check(mock.stats.peakInFlight <= 2, 'the limiter kept at most 2 requests in flight');

mock.faults.clear();
for (const client of [knot, patient, impatient, gentle]) await client.close();
await server.close();
await mock.close();
