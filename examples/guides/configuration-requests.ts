/**
 * docs/configuration.md: per-request options, `.withResponse()`, logging with redaction, and the
 * `dispatcher` option (undici MockAgent, ProxyAgent). It starts its own fake Knot API to check what
 * was sent.
 */
import { format } from 'node:util';
import { KnotClient, type Logger } from 'knotapi-node';
import { createMockKnot } from 'knotapi-node/testing';
import { MockAgent, ProxyAgent } from 'undici';

function check(condition: boolean, claim: string): void {
  if (!condition) throw new Error(`configuration-requests: ${claim}`);
}

const mock = createMockKnot();
const server = await mock.listen();
const credentials = { clientId: mock.clientId, secret: mock.secret, baseUrl: server.url };
const knot = new KnotClient(credentials);

// #region per-request
const merchants = await knot.merchants.list(
  { type: 'transaction_link' },
  {
    timeoutMs: 5_000, // this call only: 5 s per attempt
    maxRetries: 0, // this call only: a single attempt
    headers: { 'x-request-id': 'req-7f3a' }, // extra headers (not Authorization, Host, ...)
    signal: AbortSignal.timeout(10_000), // your own deadline for the whole call, retries included
  },
);
// #endregion
const sent = mock.requests.at(-1)!;
check(merchants.length > 0, 'merchants listed');
check(sent.headers['x-request-id'] === 'req-7f3a', 'the extra header was sent');

// #region with-response
const { data, response } = await knot.merchants.list({ type: 'transaction_link' }).withResponse();
console.log(response.status, response.headers.get('content-type'), data.length);
// #endregion
check(response.status === 200 && data.length === merchants.length, 'withResponse gives the data and the status');

// #region logging
const lines: string[] = [];
const collect = (...args: unknown[]) => void lines.push(format(...args));
const logger: Logger = { debug: collect, info: collect, warn: collect, error: collect }; // or pino(), winston, console

const logged = new KnotClient({ ...credentials, logger, logLevel: 'debug', userAgent: 'my-app/1.4.2' });
await logged.merchants.list({ type: 'transaction_link' });
console.log(lines); // [ '[knotapi-node] POST /merchant/list → 200 (attempt 1, 3 ms)' ]
// #endregion
check(lines.length === 1 && lines[0]!.startsWith('[knotapi-node] POST /merchant/list → 200 (attempt 1'), 'one debug line per attempt');
check(!lines.join('\n').includes(mock.secret), 'no secret in the logs');
check(/^knotapi-node\/\S+ node\/\S+ my-app\/1\.4\.2$/.test(mock.requests.at(-1)!.headers['user-agent']!), 'userAgent is appended');

// #region mock-agent
const agent = new MockAgent();
agent.disableNetConnect(); // nothing may leave the process
agent
  .get('https://development.knotapi.com')
  .intercept({ path: '/merchant/list', method: 'POST' })
  .reply(200, [{ id: 19, name: 'DoorDash' }]); // an object or array is sent as JSON

const offline = new KnotClient({ clientId: 'id', secret: 'secret', environment: 'development', dispatcher: agent });
console.log(await offline.merchants.list({ type: 'transaction_link' })); // [ { id: 19, name: 'DoorDash' } ]
await offline.close(); // leaves `agent` open: an injected dispatcher belongs to you
await agent.close();
// #endregion

// #region proxy
const proxy = new ProxyAgent(process.env.HTTPS_PROXY ?? 'http://proxy.internal:3128');
const proxied = new KnotClient({ dispatcher: proxy }); // every request goes through the proxy
// ... use `proxied`, then at shutdown:
await proxied.close();
await proxy.close();
// #endregion

// #region close
await knot.close(); // the client's own keep-alive pool
await logged.close();
// #endregion
await server.close();
await mock.close();
