/**
 * JSON with `__proto__` / `constructor.prototype` keys (from a hostile server or webhook sender)
 * pollutes nothing: Object.prototype stays clean, results keep the plain prototype, and the
 * response data the client hands over carries no own `__proto__` key (zod drops it; every decoding
 * path must agree), so a caller's `Object.assign(row, data)` cannot swap a prototype.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnotClient } from '../../src/index.js';
import { parseWebhook } from '../../src/webhooks/index.js';
import { SAMPLE_TRANSACTION } from '../property/support.js';
import { jsonReply, type RawServer, startRawServer } from '../helpers/raw-server.js';

const POISON = '{"polluted":"yes"}';

function ownProtoKeys(value: unknown, path = '$'): string[] {
  if (value === null || typeof value !== 'object') return [];
  const found = Object.hasOwn(value, '__proto__') ? [path] : [];
  for (const [k, v] of Object.entries(value)) found.push(...ownProtoKeys(v, `${path}.${k}`));
  return found;
}

function expectClean(value: unknown): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf(value)).toBe(Array.isArray(value) ? Array.prototype : Object.prototype);
  expect(ownProtoKeys(value)).toEqual([]);
  const target = Object.assign({}, value) as Record<string, unknown>;
  expect(target.polluted).toBeUndefined();
}

describe('prototype pollution', () => {
  let server: RawServer;
  let knot: KnotClient;
  beforeAll(async () => {
    server = await startRawServer();
    knot = new KnotClient({ clientId: 'id', secret: 'secret_value', baseUrl: server.url, maxRetries: 0, logLevel: 'off' });
  });
  afterAll(async () => {
    await knot?.close();
    await server?.close();
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it('sync page with __proto__ at the top, in the merchant and in a transaction', async () => {
    const txn = JSON.stringify(SAMPLE_TRANSACTION).replace(/^\{/, `{"__proto__":${POISON},"constructor":{"prototype":${POISON}},`);
    server.behave(
      jsonReply(
        200,
        `{"__proto__":${POISON},"merchant":{"id":19,"name":"D","__proto__":${POISON}},"transactions":[${txn}],"next_cursor":null,"limit":100}`,
      ),
    );
    const page = await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'u' });
    expectClean(page);
    expectClean(page.merchant);
    expectClean(page.transactions[0]);
  });

  it('merchant list and session answers', async () => {
    server.behave(jsonReply(200, `[{"id":1,"name":"M","__proto__":${POISON}}]`));
    expectClean(await knot.merchants.list({ type: 'transaction_link' }));
    server.behave(jsonReply(200, `{"session":"s","__proto__":${POISON}}`));
    expectClean(await knot.sessions.extend({ session_id: 's' }));
  });

  it('webhooks: known events do not pollute', () => {
    const event = parseWebhook(
      `{"event":"NEW_TRANSACTIONS_AVAILABLE","external_user_id":"u","merchant":{"id":1,"name":"M","__proto__":${POISON}},"timestamp":1,"__proto__":${POISON}}`,
    );
    expectClean(event);
  });

  it('webhooks: unknown events keep their fields but pollute nothing global', () => {
    const event = parseWebhook(`{"event":"SOMETHING_NEW","__proto__":${POISON},"constructor":{"prototype":${POISON}}}`) as unknown as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(event.polluted).toBeUndefined();
  });
});
