/**
 * docs/testing.md, "With a real socket": the fake Knot API on 127.0.0.1, a client pointed at it,
 * a linked account synced end to end. (This example starts its own fake; it does not use the one
 * the environment points at.)
 */
// #region socket
import { KnotClient } from 'knotapi-node';
import { createMockKnot } from 'knotapi-node/testing';

const mock = createMockKnot({ seed: 1 });           // credentials: mock.clientId / mock.secret
const { url, close } = await mock.listen();          // http://127.0.0.1:<port>
const knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url });

await mock.linkAccount({ external_user_id: 'u1', merchant_id: 19, transactions: { new: true } }); // 205 txns
let n = 0;
for await (const _ of knot.transactions.sync({ merchant_id: 19, external_user_id: 'u1' })) n++;
// n === 205
await knot.close();
await close();
// #endregion

if (n !== 205) throw new Error(`synced ${n} transactions, expected 205`);
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`unexpected URL ${url}`);
console.log(`${n} transactions from ${url}`);
await mock.close();
