/**
 * docs/detect.md: start Detect for a user, receive NEW_DETECTED_ACCOUNTS_AVAILABLE, then ask about
 * companies by name. The fake Knot API (in-process, so it can POST its webhook to this example's
 * server) finishes detection shortly after the 202; the example checks what the handler got and
 * what search answered.
 */
import { fake } from './support/webhook-fake.js'; // a fake Knot API that sends webhooks; sets KNOT_* and PORT=0
import type { DetectedAccount } from 'knotapi-node';
import { started, waitFor } from './support/receiver.js';
// #region webhook
import { createServer } from 'node:http';
import { KnotClient } from 'knotapi-node';

const knot = new KnotClient(); // KNOT_CLIENT_ID, KNOT_SECRET (the signing key), KNOT_ENVIRONMENT
const detected = new Map<string, string[]>(); // your store: user → merchants to feature

const handler = knot.webhooks.handler({
  on: {
    NEW_DETECTED_ACCOUNTS_AVAILABLE: (event) => {
      // Knot documents two payloads: the merchants found (`data.detected_accounts`), or only
      // whether any were found at merchants it supports (`has_supported_merchants`).
      const merchants = event.data?.detected_accounts?.map((m) => m.name) ?? [];
      detected.set(event.external_user_id, [...(detected.get(event.external_user_id) ?? []), ...merchants]);
    },
  },
});
const server = createServer((req, res) => (req.url === '/knot/webhooks' ? handler(req, res) : res.writeHead(404).end()));
server.listen(Number(process.env.PORT ?? 3000));
// #endregion

const cursors = new Map<string, string | null>();
const loadDetectCursor = async (user: string) => cursors.get(user) ?? null;
const saveDetectCursor = async (user: string, cursor: string | null) => void cursors.set(user, cursor);
const saveDetected = async (user: string, accounts: DetectedAccount[]) => void console.log(`${user}: ${accounts.length} stored`);

const receiver = await started(server);
fake.setWebhookUrl(`${receiver.url}/knot/webhooks`);
const userId = 'user-42';

// #region start
// 202: Knot looks in the background and sends NEW_DETECTED_ACCOUNTS_AVAILABLE if it finds anything.
await knot.detect.start({ external_user_id: userId, email: 'ada@example.com', phone_number: '+14155551234' });
// #endregion

await waitFor('NEW_DETECTED_ACCOUNTS_AVAILABLE', () => detected.has(userId));
const merchants = detected.get(userId)!;
const askAbout = [merchants[0]!, 'Acme Anvils'];

// #region search
// Any company, supported by Knot or not: one answer per name, in the order asked, each echoing its name.
const results = await knot.detectedAccounts.search({ external_user_id: userId, names: askAbout });
for (const { name, detected, detected_at } of results) {
  console.log(detected ? `${name}: account detected at ${detected_at}` : `${name}: none detected`);
}
// #endregion

if (results.length !== 2 || !results[0]!.detected || results[1]!.detected || results[1]!.detected_at !== null) {
  throw new Error(`detect: unexpected search answer ${JSON.stringify(results)}`);
}

// #region list
// Every account found so far, across pages: each page is requested as the loop reaches it.
const featured: number[] = [];
for await (const account of knot.detectedAccounts.list({ external_user_id: userId })) {
  featured.push(account.merchant.id); // a merchant_id: e.g. open the Knot SDK on that merchant
  console.log(`${account.merchant.name}: detected at ${account.detected_at}`);
}
// #endregion

if (featured.length !== merchants.length) throw new Error(`detect: listed ${featured.length}, the webhook named ${merchants.length}`);

// #region resume
// Page by page, keeping the last next_cursor: a later list from it returns only newly detected accounts.
let cursor = await loadDetectCursor(userId);
for await (const page of knot.detectedAccounts.list({ external_user_id: userId, cursor }).pages()) {
  await saveDetected(userId, page.detected_accounts);
  cursor = page.next_cursor ?? cursor; // null on the last page: keep the one before
}
await saveDetectCursor(userId, cursor);
// #endregion

const again = await knot.detectedAccounts.list({ external_user_id: userId, cursor });
if (again.detected_accounts.length !== 0) throw new Error('detect: a stored cursor listed old accounts again');

await knot.close();
await receiver.close();
await fake.close();
