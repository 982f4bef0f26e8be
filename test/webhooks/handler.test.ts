import type { Server, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { type KnotWebhookEvent, signWebhook, type WebhookHandlerOptions, Webhooks } from '../../src/webhooks/index.js';
import { authenticated, newTransactions, SECRET, updatedTransactions, within } from './fixtures.js';
import { closeServer, httpServer, listen, send, sendPartial } from './http-helpers.js';

const logger = { warn: vi.fn(), error: vi.fn() };
let server: Server | undefined;
let lastResponse: ServerResponse | undefined;

/** Serves `knot.webhooks.handler(options)` on a real node:http server; returns the port. */
async function serve(options: WebhookHandlerOptions, secret = SECRET): Promise<number> {
  const handler = new Webhooks({ secret, logger }).handler(options);
  server = httpServer((req, res) => {
    lastResponse = res;
    handler(req, res);
  });
  return listen(server);
}

function signed(payload: object, secret = SECRET) {
  const body = JSON.stringify(payload);
  return { body, headers: signWebhook({ body, secret }) };
}

/** A promise plus its resolver, for ordering proofs. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

beforeEach(() => {
  logger.warn.mockReset();
  logger.error.mockReset();
});

afterEach(async () => {
  await closeServer(server);
  server = undefined;
});

describe('webhook handler on node:http', () => {
  it('answers 200 before the event handler runs, then runs it with the parsed event', async () => {
    const gate = deferred();
    const started = deferred<{ ended: boolean; event: KnotWebhookEvent }>();
    const finished = deferred();
    const port = await serve({
      on: {
        UPDATED_TRANSACTIONS_AVAILABLE: async (event) => {
          started.resolve({ ended: lastResponse?.writableEnded ?? false, event });
          await gate.promise; // still pending when the client reads the 200
          finished.resolve();
        },
      },
    });
    const { body, headers } = signed(updatedTransactions);
    let handlerDone = false;
    void finished.promise.then(() => {
      handlerDone = true;
    });

    const reply = await send(port, { body, headers });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ received: true });
    expect(handlerDone).toBe(false); // the response did not wait for user code

    const { ended, event } = await within(started.promise, 2_000, 'handler start');
    expect(ended).toBe(true); // the response was already ended when user code started
    expect(event).toEqual(updatedTransactions);
    gate.resolve();
    await within(finished.promise, 2_000, 'handler end');
    expect(handlerDone).toBe(true);
  });

  it('401 without Knot-Signature; the handler does not run', async () => {
    const spy = vi.fn();
    const port = await serve({ on: { NEW_TRANSACTIONS_AVAILABLE: spy } });
    const { body, headers } = signed(newTransactions);
    const { 'Knot-Signature': _drop, ...unsigned } = headers;
    const reply = await send(port, { body, headers: unsigned });
    expect(reply.status).toBe(401);
    expect(reply.json.error).toBe('missing_signature');
    expect(logger.warn).toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 20));
    expect(spy).not.toHaveBeenCalled();
  });

  it('401 for an invalid signature (a secret from another environment)', async () => {
    const spy = vi.fn();
    const port = await serve({ on: { NEW_TRANSACTIONS_AVAILABLE: spy } });
    const { body, headers } = signed(newTransactions, 'production_secret');
    const reply = await send(port, { body, headers });
    expect(reply.status).toBe(401);
    expect(reply.json.error).toBe('invalid_signature');
    expect(reply.json.message).toMatch(/environment/);
    await new Promise((r) => setTimeout(r, 20));
    expect(spy).not.toHaveBeenCalled();
  });

  it('400 for a signed body that is not JSON', async () => {
    const port = await serve({});
    const headers = { ...signWebhook({ body: newTransactions, secret: SECRET }), 'Content-Length': '9' };
    const reply = await send(port, { body: 'not json!', headers });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe('invalid_json');
  });

  it('400 for a body without an event', async () => {
    const port = await serve({});
    const body = JSON.stringify({ merchant: { id: 1, name: 'x' } });
    const headers = { ...signWebhook({ body: newTransactions, secret: SECRET }), 'Content-Length': String(body.length) };
    const reply = await send(port, { body, headers });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe('invalid_payload');
    expect(reply.json.issues).toEqual([{ path: 'event', message: 'required' }]);
  });

  it('400 for a validly signed known event with the wrong shape', async () => {
    const port = await serve({});
    const { body, headers } = signed({ ...authenticated, merchant: null });
    const reply = await send(port, { body, headers });
    expect(reply.status).toBe(400);
    expect(reply.json.issues[0].path).toBe('merchant');
  });

  it('405 for other methods, with Allow: POST', async () => {
    const port = await serve({});
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const reply = await send(port, { method });
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe('POST');
    }
  });

  it('413 when Content-Length announces more than maxBodyBytes, and the server keeps serving', async () => {
    const port = await serve({});
    const outcome = await within(
      sendPartial(port, {
        headers: { 'Content-Type': 'application/json', 'Content-Length': 2 * 1024 * 1024 },
        first: '{"event":"',
      }),
      5_000,
      'oversized request',
    );
    expect(outcome.kind).toBe('reply');
    if (outcome.kind === 'reply') {
      expect(outcome.reply.status).toBe(413);
      expect(outcome.reply.json.error).toBe('payload_too_large');
      expect(outcome.reply.headers.connection).toBe('close');
    }
    const { body, headers } = signed(newTransactions);
    expect((await send(port, { body, headers })).status).toBe(200);
  });

  it('413 (or a cut connection) for a chunked body that grows past the cap; reading stops; the server keeps serving', async () => {
    const seen = vi.fn();
    const port = await serve({ maxBodyBytes: 64 * 1024, on: { NEW_TRANSACTIONS_AVAILABLE: seen } });
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const outcome = await within(
      sendPartial(port, {
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Knot-Signature': 'x' },
        first: '{"event":"NEW_TRANSACTIONS_AVAILABLE",',
        *more() {
          for (let i = 0; i < 64; i++) yield chunk; // 1 MiB in total, bounded
        },
      }),
      5_000,
      'oversized chunked request',
    );
    if (outcome.kind === 'reply') {
      expect(outcome.reply.status).toBe(413);
    } else {
      expect(outcome.kind).toBe('cut');
    }
    expect(seen).not.toHaveBeenCalled();
    const { body, headers } = signed(newTransactions);
    expect((await send(port, { body, headers })).status).toBe(200);
  });

  it('1 MiB is the default cap', async () => {
    const port = await serve({});
    const big = await within(
      sendPartial(port, { headers: { 'Content-Length': 1024 * 1024 + 1 }, first: '{' }),
      5_000,
      'default cap',
    );
    expect(big.kind === 'reply' && big.reply.status).toBe(413);
  });

  it('a slow client that stalls mid-body gets 408 within the bounded timeout; the server keeps serving', async () => {
    const port = await serve({ bodyTimeoutMs: 300 });
    const { body, headers } = signed(newTransactions);
    const startedAt = Date.now();
    const outcome = await within(
      sendPartial(port, { headers, first: body.slice(0, 10) }), // promises the full length, sends 10 bytes
      5_000,
      'slow client',
    );
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3_000);
    expect(outcome.kind).toBe('reply');
    if (outcome.kind === 'reply') {
      expect(outcome.reply.status).toBe(408);
      expect(outcome.reply.json.error).toBe('body_timeout');
    }
    expect((await send(port, { body, headers })).status).toBe(200);
  });

  it('a client that disconnects mid-body does not crash the server', async () => {
    const spy = vi.fn();
    const port = await serve({ on: { NEW_TRANSACTIONS_AVAILABLE: spy } });
    const { body, headers } = signed(newTransactions);
    const { request } = await import('node:http');
    await within(
      new Promise<void>((resolve) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers, agent: false });
        req.on('error', () => resolve());
        req.write(body.slice(0, 5), () => {
          req.destroy();
          resolve();
        });
      }),
      2_000,
      'abort',
    );
    await new Promise((r) => setTimeout(r, 50));
    expect((await send(port, { body, headers })).status).toBe(200);
    await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(1), { timeout: 2_000 });
  });
});

describe('webhook handler: errors in user code', () => {
  let unhandled: Mock<(reason: unknown) => void>;
  const onUnhandled = (reason: unknown) => unhandled(reason);
  beforeEach(() => {
    unhandled = vi.fn();
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('sync boom');
      },
    ],
    ['rejects', async () => Promise.reject(new Error('async boom'))],
  ])('a handler that %s → onError(error, event), response still 200, no unhandled rejection', async (_name, fn) => {
    const onError = vi.fn();
    const port = await serve({ on: { NEW_TRANSACTIONS_AVAILABLE: fn }, onError });
    const { body, headers } = signed(newTransactions);
    const reply = await send(port, { body, headers });
    expect(reply.status).toBe(200);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    const [error, event] = onError.mock.calls[0]!;
    expect((error as Error).message).toMatch(/boom/);
    expect(event).toEqual(newTransactions);
    await new Promise((r) => setTimeout(r, 20));
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('without onError the failure is logged with the event name', async () => {
    const port = await serve({
      on: {
        AUTHENTICATED: () => {
          throw new Error('db down');
        },
      },
    });
    const { body, headers } = signed(authenticated);
    expect((await send(port, { body, headers })).status).toBe(200);
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    expect(String(logger.error.mock.calls[0]?.join(' '))).toMatch(/AUTHENTICATED failed/);
  });

  it('an onError that itself rejects is logged, not thrown', async () => {
    const port = await serve({
      on: { AUTHENTICATED: () => Promise.reject(new Error('first')) },
      onError: () => Promise.reject(new Error('second')),
    });
    const { body, headers } = signed(authenticated);
    expect((await send(port, { body, headers })).status).toBe(200);
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    expect(String(logger.error.mock.calls[0]?.join(' '))).toMatch(/onError threw/);
    await new Promise((r) => setTimeout(r, 20));
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('unknown events go to onUnknown; known events without a handler are acknowledged', async () => {
    const onUnknown = vi.fn();
    const port = await serve({ onUnknown });
    const unknown = signed({ event: 'BRAND_NEW_EVENT', external_user_id: 'u' });
    expect((await send(port, unknown)).status).toBe(200);
    await vi.waitFor(() => expect(onUnknown).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    expect(onUnknown.mock.calls[0]?.[0].unknown_event).toBe('BRAND_NEW_EVENT');
    expect((await send(port, signed(newTransactions))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect(onUnknown).toHaveBeenCalledTimes(1);
  });

  it('dispatches each event to its own handler only', async () => {
    const calls: string[] = [];
    const port = await serve({
      on: {
        NEW_TRANSACTIONS_AVAILABLE: (e) => void calls.push(`new:${e.merchant.id}`),
        UPDATED_TRANSACTIONS_AVAILABLE: (e) => void calls.push(`updated:${e.updated.map((u) => u.id).join(',')}`),
      },
    });
    await send(port, signed(newTransactions));
    await send(port, signed(updatedTransactions));
    await vi.waitFor(() => expect(calls).toHaveLength(2), { timeout: 2_000 });
    expect(calls.sort()).toEqual(['new:36', 'updated:13da3c28-a068-4642-9ce2-b730cfda5f5f']);
  });

  it('logs never contain the secret', async () => {
    const secret = 'sk_super_secret_for_logs';
    const port = await serve({ on: { NEW_TRANSACTIONS_AVAILABLE: () => Promise.reject(new Error('x')) } }, secret);
    await send(port, signed(newTransactions, 'wrong'));
    await send(port, { body: '{', headers: { 'Knot-Signature': 'x' } });
    await send(port, signed(newTransactions, secret));
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalled(), { timeout: 2_000 });
    const { inspect } = await import('node:util');
    const logged = inspect([logger.warn.mock.calls, logger.error.mock.calls], { depth: 10 });
    expect(logger.warn.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(logged).not.toContain(secret);
  });
});
