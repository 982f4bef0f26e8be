import type { Server, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { KnotConfigError } from '../../src/core/errors.js';
import { type KnotWebhookEvent, signWebhook, type WebhookDeliveryReport, type WebhookHandlerOptions, Webhooks } from '../../src/webhooks/index.js';
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
  it('answers only after the event handler finished, with the parsed event (200)', async () => {
    const gate = deferred();
    const started = deferred<KnotWebhookEvent>();
    const port = await serve({
      on: {
        UPDATED_TRANSACTIONS_AVAILABLE: async (event) => {
          started.resolve(event);
          await gate.promise;
        },
      },
    });
    const { body, headers } = signed(updatedTransactions);
    let answered = false;
    const reply = send(port, { body, headers }).then((r) => {
      answered = true;
      return r;
    });

    expect(await within(started.promise, 2_000, 'handler start')).toEqual(updatedTransactions);
    // Give a premature answer every chance to arrive: the socket round trip is well under this.
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    expect(lastResponse?.headersSent).toBe(false);
    gate.resolve();
    const { status, json } = await reply;
    expect(status).toBe(200);
    expect(json).toEqual({ received: true });
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
  ])('a handler that %s → 500 (Knot delivers again), onError(error, event), no unhandled rejection', async (_name, fn) => {
    const onError = vi.fn();
    const port = await serve({ on: { NEW_TRANSACTIONS_AVAILABLE: fn }, onError });
    const { body, headers } = signed(newTransactions);
    const reply = await send(port, { body, headers });
    expect(reply.status).toBe(500);
    expect(reply.json.error).toBe('handler_failed');
    expect(reply.text).not.toMatch(/boom/); // the handler's error stays on the server
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    const [error, event] = onError.mock.calls[0]!;
    expect((error as Error).message).toMatch(/boom/);
    expect(event).toEqual(newTransactions);
    await new Promise((r) => setTimeout(r, 20));
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('a handler still running after ackTimeoutMs gets its 200 then, runs on, and a later failure goes to onError', async () => {
    const gate = deferred();
    const onError = vi.fn();
    const deliveries: WebhookDeliveryReport[] = [];
    const port = await serve({
      ackTimeoutMs: 50,
      on: {
        NEW_TRANSACTIONS_AVAILABLE: async () => {
          await gate.promise;
          throw new Error('late boom');
        },
      },
      onError,
      onDelivery: (d) => void deliveries.push(d),
    });
    const reply = await send(port, signed(newTransactions));
    expect(reply.status).toBe(200);
    expect(deliveries).toMatchObject([{ status: 200, outcome: 'running', event: newTransactions }]);
    expect(onError).not.toHaveBeenCalled();
    gate.resolve();
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    expect((onError.mock.calls[0]![0] as Error).message).toBe('late boom');
    expect(deliveries).toHaveLength(1); // one answer, one report
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
    expect((await send(port, { body, headers })).status).toBe(500);
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    expect(String(logger.error.mock.calls[0]?.join(' '))).toMatch(/AUTHENTICATED failed/);
  });

  it('an onError that itself rejects is logged, not thrown', async () => {
    const port = await serve({
      on: { AUTHENTICATED: () => Promise.reject(new Error('first')) },
      onError: () => Promise.reject(new Error('second')),
    });
    const { body, headers } = signed(authenticated);
    expect((await send(port, { body, headers })).status).toBe(500);
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    expect(String(logger.error.mock.calls[0]?.join(' '))).toMatch(/onError threw/);
    await new Promise((r) => setTimeout(r, 20));
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('an onUnknown that throws → 500 too, like any handler', async () => {
    const onError = vi.fn();
    const port = await serve({ onUnknown: () => Promise.reject(new Error('unknown boom')), onError });
    expect((await send(port, signed({ event: 'BRAND_NEW_EVENT' }))).status).toBe(500);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1), { timeout: 2_000 });
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

describe('webhook handler: onDelivery, kept raw bodies, options', () => {
  it('onDelivery gets { event, status, ms, outcome } once per request: handled, failed, refused', async () => {
    const deliveries: WebhookDeliveryReport[] = [];
    const port = await serve({
      on: { AUTHENTICATED: () => Promise.reject(new Error('no')) },
      onError: () => {},
      onDelivery: (d) => void deliveries.push(d),
    });
    await send(port, signed(newTransactions));
    await send(port, signed(authenticated));
    await send(port, signed(newTransactions, 'other'));
    await send(port, { method: 'GET' });
    expect(deliveries.map(({ status, outcome }) => `${status} ${outcome}`)).toEqual(['200 handled', '500 failed', '401 refused', '405 refused']);
    expect(deliveries.map((d) => d.event?.event ?? null)).toEqual(['NEW_TRANSACTIONS_AVAILABLE', 'AUTHENTICATED', null, null]);
    for (const { ms } of deliveries) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('an onDelivery that throws is logged; the answer is unchanged', async () => {
    const port = await serve({
      onDelivery: () => {
        throw new Error('metrics down');
      },
    });
    expect((await send(port, signed(newTransactions))).status).toBe(200);
    expect(String(logger.error.mock.calls[0]?.join(' '))).toMatch(/onDelivery threw/);
  });

  it.each([
    ['req.rawBody (a Buffer), with req.body parsed', (raw: Buffer) => ({ rawBody: raw, body: JSON.parse(raw.toString()) })],
    ['req.rawBody as a string', (raw: Buffer) => ({ rawBody: raw.toString() })],
    ['req.body as a plain Uint8Array', (raw: Buffer) => ({ body: new Uint8Array(raw) })],
  ])('uses %s when a framework already drained the stream', async (_name, kept) => {
    const seen = vi.fn();
    const handler = new Webhooks({ secret: SECRET, logger }).handler({ on: { NEW_TRANSACTIONS_AVAILABLE: seen } });
    server = httpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handler(Object.assign(req, kept(Buffer.concat(chunks))), res));
    });
    const port = await listen(server);
    expect((await send(port, signed(newTransactions))).status).toBe(200);
    expect(seen).toHaveBeenCalledWith(newTransactions);
  });

  it('400 body_consumed, naming the fix, when the stream was drained and nothing kept', async () => {
    const handler = new Webhooks({ secret: SECRET, logger }).handler({});
    server = httpServer((req, res) => {
      req.resume();
      req.on('end', () => handler(req, res));
    });
    const port = await listen(server);
    const reply = await send(port, signed(newTransactions));
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe('body_consumed');
    expect(reply.json.message).toMatch(/req\.rawBody/);
    expect(reply.json.message).toContain("express.raw({ type: 'application/json' })");
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('ackTimeoutMs %s is a KnotConfigError when the handler is made', (value) => {
    const webhooks = new Webhooks({ secret: SECRET, logger });
    expect(() => webhooks.handler({ ackTimeoutMs: value })).toThrow(KnotConfigError);
    expect(() => webhooks.fetchHandler({ ackTimeoutMs: value })).toThrow(/ackTimeoutMs/);
  });
});
