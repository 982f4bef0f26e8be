/**
 * End to end with the fake Knot API: the fake signs and POSTs webhooks to a real handler, which
 * verifies them and drives the client (sync from the stored cursor, get updated transactions),
 * the flow of examples/webhook-server.ts.
 */

import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KnotClient, type Transaction } from '../../src/index.js';
import { createMockKnot } from '../../src/testing.js';
import { Webhooks } from '../../src/webhooks/index.js';
import { within } from './fixtures.js';
import { closeServer, listen } from './http-helpers.js';

let server: Server | undefined;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await closeServer(server);
  server = undefined;
});

describe('webhooks against the fake Knot API', () => {
  it('receives signed AUTHENTICATED, NEW/UPDATED_TRANSACTIONS_AVAILABLE, ACCOUNT_LOGIN_REQUIRED and syncs', async () => {
    const seen: string[] = [];
    const connection = new Map<string, string>();
    const stored = new Map<string, Transaction>();
    let cursor: string | null = null;
    const errors: unknown[] = [];
    let knot: KnotClient | undefined;

    const handler = new Webhooks({ secret: 'e2e_secret', logger: { warn: vi.fn(), error: vi.fn() } }).handler({
      on: {
        AUTHENTICATED: (e) => {
          seen.push(e.event);
          connection.set(e.external_user_id, 'connected');
        },
        NEW_TRANSACTIONS_AVAILABLE: async (e) => {
          const sync = knot!.transactions.sync(
            { merchant_id: e.merchant.id, external_user_id: e.external_user_id, cursor },
            {
              onCheckpoint: (c) => {
                cursor = c;
              },
            },
          );
          for await (const txn of sync) stored.set(txn.id, txn);
          seen.push(e.event);
        },
        UPDATED_TRANSACTIONS_AVAILABLE: async (e) => {
          for (const { id } of e.updated) stored.set(id, await knot!.transactions.get(id));
          seen.push(`${e.event}:${e.updated.length}`);
        },
        ACCOUNT_LOGIN_REQUIRED: (e) => {
          seen.push(e.event);
          connection.set(e.external_user_id, 'disconnected');
        },
      },
      onError: (error) => void errors.push(error),
    });
    server = createServer((req, res) => handler(req, res));
    const port = await listen(server);

    const mock = createMockKnot({ clientId: 'e2e_id', secret: 'e2e_secret', webhookUrl: `http://127.0.0.1:${port}/knot` });
    const running = await mock.listen();
    cleanups.push(() => running.close());
    knot = new KnotClient({ clientId: 'e2e_id', secret: 'e2e_secret', baseUrl: running.url, logLevel: 'off' });
    cleanups.push(() => knot!.close());

    await knot.development.linkAccount({ external_user_id: 'user-e2e', merchant_id: 19, transactions: { new: true, updated: true } });
    await within(mock.webhooksSettled(), 10_000, 'webhook deliveries');
    await vi.waitFor(() => expect(seen).toContain('UPDATED_TRANSACTIONS_AVAILABLE:3'), { timeout: 10_000 });
    await vi.waitFor(() => expect(seen).toContain('NEW_TRANSACTIONS_AVAILABLE'), { timeout: 10_000 });
    expect(connection.get('user-e2e')).toBe('connected');
    expect(stored.size).toBe(205);
    expect(cursor).not.toBeNull();

    await knot.development.disconnectAccount({ external_user_id: 'user-e2e', merchant_id: 19 });
    await within(mock.webhooksSettled(), 10_000, 'disconnect webhook');
    await vi.waitFor(() => expect(connection.get('user-e2e')).toBe('disconnected'), { timeout: 5_000 });

    // Every delivery was accepted on the first attempt: the signatures verified.
    expect(mock.webhooks.map((d) => [d.event, d.status, d.attempts])).toEqual(
      mock.webhooks.map((d) => [d.event, 200, 1]),
    );
    expect(errors).toEqual([]);
  });

  it('a receiver with another secret answers 401 to every delivery (and the fake retries)', async () => {
    const ran = vi.fn();
    const handler = new Webhooks({ secret: 'production_secret', logger: { warn() {}, error() {} } }).handler({
      on: { AUTHENTICATED: ran },
    });
    server = createServer((req, res) => handler(req, res));
    const port = await listen(server);
    const mock = createMockKnot({
      clientId: 'e2e_id',
      secret: 'e2e_secret',
      webhookUrl: `http://127.0.0.1:${port}/knot`,
      webhookRetryDelayMs: 10,
    });
    const running = await mock.listen();
    cleanups.push(() => running.close());
    const knot = new KnotClient({ clientId: 'e2e_id', secret: 'e2e_secret', baseUrl: running.url, logLevel: 'off' });
    cleanups.push(() => knot.close());

    await knot.development.linkAccount({ external_user_id: 'user-x', merchant_id: 19 });
    await within(mock.webhooksSettled(), 10_000, 'webhook deliveries');
    expect(mock.webhooks.length).toBeGreaterThan(0);
    for (const delivery of mock.webhooks) {
      expect(delivery.status).toBe(401);
      expect(delivery.delivered).toBe(false);
    }
    expect(ran).not.toHaveBeenCalled();
  });
});
