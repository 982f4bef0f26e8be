/**
 * docs/testing.md, "Without a socket": the client sends through `mock.dispatcher`, which answers
 * from the fake's handlers in memory. The base URL is only used to build requests.
 */
import { KnotClient } from 'knotapi-node';
import { createMockKnot } from 'knotapi-node/testing';

const mock = createMockKnot({ seed: 1 });
// #region dispatcher
const knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: 'https://development.knotapi.com', dispatcher: mock.dispatcher });
// #endregion

await mock.linkAccount({ external_user_id: 'u1', merchant_id: 19, transactions: { new: true } });
let n = 0;
for await (const _ of knot.transactions.sync({ merchant_id: 19, external_user_id: 'u1' })) n++;
const syncRequests = mock.requests.filter((r) => r.path === '/transactions/sync').length;
if (n !== 205 || syncRequests !== 4) throw new Error(`${n} transactions in ${syncRequests} requests`);
console.log(`${n} transactions in ${syncRequests} in-memory requests, no socket`);
await knot.close();
await mock.close();
