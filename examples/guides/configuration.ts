/**
 * docs/configuration.md: client options, where each value comes from, and what is refused.
 * Nothing here sends a request: building a client opens no connection.
 *
 * The tests run it with KNOT_BASE_URL, KNOT_CLIENT_ID and KNOT_SECRET set (pointing at a fake).
 */
// #region explicit
import { KnotClient, KnotConfigError } from 'knotapi-node';

const knot = new KnotClient({
  clientId: process.env.KNOT_CLIENT_ID, // these two are also the defaults
  secret: process.env.KNOT_SECRET,
  environment: 'development', // https://development.knotapi.com
  timeoutMs: 30_000, // per attempt
  maxRetries: 3, // 4 attempts at most
  maxRetryAfterMs: 10_000, // wait out a Retry-After of up to 10 s, reject beyond
  retryBackoff: { initialDelayMs: 250, maxDelayMs: 4_000 },
  limiter: { maxConcurrent: 5 }, // requests in flight from this client
  logLevel: 'info', // logs each retry
  userAgent: 'my-app/1.4.2', // appended to knotapi-node/<version> node/<version>
});
console.log(knot.baseUrl); // https://development.knotapi.com
// #endregion

function check(condition: boolean, claim: string): void {
  if (!condition) throw new Error(`configuration: ${claim}`);
}
check(knot.baseUrl === 'https://development.knotapi.com', 'environment development → the development host');
check(!JSON.stringify(knot).includes(process.env.KNOT_SECRET!), 'JSON.stringify(client) never shows the secret');

// #region precedence
// Here KNOT_BASE_URL is set in the environment (e.g. to a local fake Knot API).
const fromEnv = new KnotClient(); // no baseUrl, no environment: KNOT_BASE_URL is used
const production = new KnotClient({ environment: 'production' }); // an explicit option wins
const pinned = new KnotClient({ baseUrl: 'http://127.0.0.1:4010/' }); // wins over everything
console.log(fromEnv.baseUrl, production.baseUrl, pinned.baseUrl);

// The development endpoints refuse a client that points at production, and send nothing:
try {
  await production.development.linkAccount({ external_user_id: 'user-1', merchant_id: 19 });
} catch (err) {
  if (!(err instanceof KnotConfigError)) throw err;
  console.log('refused:', err.name);
}
// #endregion
check(fromEnv.baseUrl === new URL(process.env.KNOT_BASE_URL!).origin, 'KNOT_BASE_URL is used without baseUrl/environment');
check(production.baseUrl === 'https://production.knotapi.com', 'environment beats KNOT_BASE_URL');
check(pinned.baseUrl === 'http://127.0.0.1:4010', 'baseUrl wins, trailing slash removed');

// #region config-errors
const attempts: Record<string, () => KnotClient> = {
  'empty clientId': () => new KnotClient({ clientId: '' }),
  'http to a public host': () => new KnotClient({ baseUrl: 'http://knot.example.com' }),
  'credentials in the URL': () => new KnotClient({ baseUrl: 'https://id:secret@development.knotapi.com' }),
  'zero timeout': () => new KnotClient({ timeoutMs: 0 }),
  'fractional retries': () => new KnotClient({ maxRetries: 1.5 }),
  'unknown log level': () => new KnotClient({ logLevel: 'verbose' as 'info' }),
  'Redis options instead of a Bottleneck': () => new KnotClient({ limiter: { datastore: 'ioredis' } }),
};
for (const [what, create] of Object.entries(attempts)) {
  try {
    create();
    console.log(`${what}: accepted`);
  } catch (err) {
    if (!(err instanceof KnotConfigError)) throw err;
    console.log(`${what} → ${err.message}`);
  }
}
// #endregion
for (const [what, create] of Object.entries(attempts)) {
  let refused = false;
  try {
    create();
  } catch (err) {
    refused = err instanceof KnotConfigError;
  }
  check(refused, `${what} is a KnotConfigError thrown by the constructor`);
}
