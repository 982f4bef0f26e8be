/**
 * docs/migrating-from-fetch.md, "before": the hand-written fetch client many Knot integrations
 * start with. Compare with migrating-from-fetch-after.ts, which does the same with KnotClient.
 *
 * The tests run it against the fake Knot API (KNOT_BASE_URL).
 */
import { randomUUID } from 'node:crypto';
import { createStore } from './support/store.js';

// #region client
const BASE_URL = process.env.KNOT_BASE_URL ?? 'https://development.knotapi.com';
const AUTH = `Basic ${Buffer.from(`${process.env.KNOT_CLIENT_ID}:${process.env.KNOT_SECRET}`).toString('base64')}`;

class KnotHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function knotRequest<T>(method: 'GET' | 'POST', path: string, body?: object, attempt = 0): Promise<T> {
  let res: Response;
  try {
    res = await fetch(BASE_URL + path, {
      method,
      headers: { Authorization: AUTH, 'Content-Type': 'application/json', 'Knot-Version': '2.0' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (err) {
    if (attempt < 2) {
      await sleep(500 * 2 ** attempt);
      return knotRequest(method, path, body, attempt + 1);
    }
    throw err;
  }
  if ((res.status === 429 || res.status >= 500) && attempt < 2) {
    const retryAfter = Number(res.headers.get('retry-after')); // seconds; an HTTP date would be NaN
    if (retryAfter <= 60) {
      await sleep(retryAfter > 0 ? retryAfter * 1000 : 500 * 2 ** attempt);
      return knotRequest(method, path, body, attempt + 1);
    }
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined; // a proxy's HTML page throws a SyntaxError here
  if (!res.ok) {
    // 4xx: { error_type, error_code, error_message }; 5xx: { message }
    throw new KnotHttpError(res.status, json?.error_code, json?.error_message ?? json?.message ?? text);
  }
  return json as T;
}
// #endregion

function check(condition: boolean, claim: string): void {
  if (!condition) throw new Error(`migrating-from-fetch-before: ${claim}`);
}

const account = { external_user_id: `user-${randomUUID()}`, merchant_id: 19 };
const { store, cursors, upsert, loadCursor, saveCursor } = createStore(); // your database
await knotRequest('POST', '/development/accounts/link', { ...account, transactions: { new: true } });

// #region sync
type SyncResponse = { transactions: { id: string }[]; next_cursor: string | null };
let cursor = await loadCursor(account); // null the first time
for (;;) {
  const page: SyncResponse = await knotRequest('POST', '/transactions/sync', {
    ...account,
    limit: 100,
    ...(cursor ? { cursor } : {}),
  });
  for (const txn of page.transactions) await upsert(txn); // upsert on id
  if (page.next_cursor === null) break; // nothing more now: keep the last real cursor
  cursor = page.next_cursor;
  await saveCursor(account, cursor); // only after the page's rows are written
}
// #endregion
check(store.size > 0 && cursors.size === 1, 'synced transactions and stored a cursor');

// #region errors
try {
  await knotRequest('GET', `/accounts/get?external_user_id=${encodeURIComponent(account.external_user_id)}&merchant_id=45`);
} catch (err) {
  if (err instanceof KnotHttpError && err.code === 'MERCHANT_ACCOUNT_NOT_FOUND') console.log('not linked at Walmart');
  else throw err;
}
// #endregion
console.log(`synced ${store.size} transactions`);
