/**
 * `fetchHandler` (knotapi-node/webhooks) and `knot.webhooks.fetchHandler`, driven with real Fetch
 * `Request` objects and read back as real `Response`s: the same semantics as the Node handler.
 */
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { KnotClient } from '../../src/client.js';
import { KnotConfigError } from '../../src/core/errors.js';
import { signWebhook, type WebhookDeliveryReport } from '../../src/webhooks/index.js';
import { fetchHandler, type WebhookFetchHandlerOptions } from '../../src/webhooks.js';
import { authenticated, newTransactions, SECRET, updatedTransactions, within } from './fixtures.js';

const quiet = { warn: vi.fn(), error: vi.fn() };
const URL_ = 'http://127.0.0.1/knot/webhooks';

function signedRequest(payload: object, secret = SECRET): Request {
  const body = JSON.stringify(payload);
  return new Request(URL_, { method: 'POST', headers: signWebhook({ body, secret }), body });
}

function handlerWith(options: Omit<WebhookFetchHandlerOptions, 'secret'>) {
  return fetchHandler({ secret: SECRET, logger: quiet, ...options });
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

let unhandled: Mock<(reason: unknown) => void>;
const onUnhandled = (reason: unknown) => unhandled(reason);
beforeEach(() => {
  quiet.warn.mockReset();
  quiet.error.mockReset();
  unhandled = vi.fn();
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('fetchHandler: answers after the handler', () => {
  it('200 once the handler for the event resolved, with the typed event', async () => {
    const gate = deferred();
    const seen = vi.fn();
    const handler = handlerWith({
      on: {
        UPDATED_TRANSACTIONS_AVAILABLE: async (event) => {
          seen(event.updated.map((u) => u.id));
          await gate.promise;
        },
      },
    });
    let answered = false;
    const response = handler(signedRequest(updatedTransactions)).then((r) => {
      answered = true;
      return r;
    });
    await vi.waitFor(() => expect(seen).toHaveBeenCalledWith(['13da3c28-a068-4642-9ce2-b730cfda5f5f']), { timeout: 2_000 });
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    gate.resolve();
    const res = await response;
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ received: true });
  });

  it('500 when the handler throws (Knot delivers again); onError gets the error and the event', async () => {
    const onError = vi.fn();
    const handler = handlerWith({
      on: {
        AUTHENTICATED: () => {
          throw new Error('db down');
        },
      },
      onError,
    });
    const res = await handler(signedRequest(authenticated));
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: 'handler_failed' });
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    expect(onError.mock.calls[0]).toEqual([expect.objectContaining({ message: 'db down' }), authenticated]);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('200 after ackTimeoutMs with the handler still running; it runs on under ctx.waitUntil and a late failure reaches onError', async () => {
    const gate = deferred();
    const onError = vi.fn();
    const deliveries: WebhookDeliveryReport[] = [];
    const kept: Promise<unknown>[] = [];
    const handler = handlerWith({
      ackTimeoutMs: 30,
      on: {
        NEW_TRANSACTIONS_AVAILABLE: async () => {
          await gate.promise;
          throw new Error('late');
        },
      },
      onError,
      onDelivery: (d) => void deliveries.push(d),
    });
    // Next.js passes { params }; Workers pass ctx with waitUntil: both shapes are accepted.
    const res = await handler(signedRequest(newTransactions), { params: {}, waitUntil: (p) => void kept.push(p) });
    expect(res.status).toBe(200);
    expect(deliveries).toMatchObject([{ status: 200, outcome: 'running' }]);
    expect(kept).toHaveLength(1);
    gate.resolve();
    await within(kept[0]!, 2_000, 'the handler kept alive by waitUntil');
    expect(onError).toHaveBeenCalledTimes(1); // reported before the waitUntil promise settled
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('unknown events go to onUnknown; known events without a handler get 200', async () => {
    const onUnknown = vi.fn();
    const handler = handlerWith({ onUnknown });
    expect((await handler(signedRequest({ event: 'BRAND_NEW_EVENT', x: 1 }))).status).toBe(200);
    expect(onUnknown.mock.calls[0]?.[0].unknown_event).toBe('BRAND_NEW_EVENT');
    expect((await handler(signedRequest(newTransactions))).status).toBe(200);
  });
});

describe('fetchHandler: refusals, before any handler runs', () => {
  const spy = vi.fn();
  const handler = () => handlerWith({ on: { NEW_TRANSACTIONS_AVAILABLE: spy } });
  beforeEach(() => spy.mockReset());

  it('401 missing_signature and invalid_signature', async () => {
    const body = JSON.stringify(newTransactions);
    const { 'Knot-Signature': _, ...unsigned } = signWebhook({ body, secret: SECRET });
    const missing = await handler()(new Request(URL_, { method: 'POST', headers: unsigned, body }));
    expect([missing.status, ((await missing.json()) as any).error]).toEqual([401, 'missing_signature']);
    const invalid = await handler()(signedRequest(newTransactions, 'another_environment'));
    const json = (await invalid.json()) as any;
    expect([invalid.status, json.error]).toEqual([401, 'invalid_signature']);
    expect(json.message).toMatch(/environment/);
    expect(spy).not.toHaveBeenCalled();
  });

  it('400 invalid_json and invalid_payload (with issues)', async () => {
    const headers = { ...signWebhook({ body: newTransactions, secret: SECRET }), 'Content-Length': '9' };
    const json = await handler()(new Request(URL_, { method: 'POST', headers, body: 'not json!' }));
    expect([json.status, ((await json.json()) as any).error]).toEqual([400, 'invalid_json']);
    const payload = await handler()(signedRequest({ ...authenticated, merchant: null }));
    const answer = (await payload.json()) as any;
    expect([payload.status, answer.error, answer.issues[0].path]).toEqual([400, 'invalid_payload', 'merchant']);
    expect(spy).not.toHaveBeenCalled();
  });

  it('405 with Allow: POST for other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await handler()(new Request(URL_, { method }));
      expect([res.status, res.headers.get('allow')]).toEqual([405, 'POST']);
    }
  });

  it('413 on a declared Content-Length over maxBodyBytes, and on a streamed body that grows past it', async () => {
    const small = handlerWith({ maxBodyBytes: 1024, on: { NEW_TRANSACTIONS_AVAILABLE: spy } });
    const big = JSON.stringify({ ...newTransactions, pad: 'x'.repeat(4096) });
    const declared = await small(new Request(URL_, { method: 'POST', headers: signWebhook({ body: big, secret: SECRET }), body: big }));
    expect(declared.status).toBe(413);
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(512).fill(0x20));
        if (pulls >= 100) controller.close(); // bounded: 50 KiB at most
      },
    });
    const streamed = await small(
      new Request(URL_, { method: 'POST', headers: { 'Knot-Signature': 'x' }, body: endless, duplex: 'half' } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(pulls).toBeLessThan(100); // reading stopped at the cap
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('fetchHandler: configuration', () => {
  it('a missing secret or a bad ackTimeoutMs is a KnotConfigError when the handler is made', () => {
    expect(() => fetchHandler({ secret: '' })).toThrow(KnotConfigError);
    expect(() => fetchHandler({ secret: SECRET, ackTimeoutMs: -5 })).toThrow(KnotConfigError);
    expect(() => fetchHandler({ secret: SECRET, maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
  });

  it("knot.webhooks.fetchHandler verifies with the client's secret", async () => {
    const seen = vi.fn();
    const knot = new KnotClient({ clientId: 'id', secret: SECRET, logLevel: 'off' });
    const handler = knot.webhooks.fetchHandler({ on: { NEW_TRANSACTIONS_AVAILABLE: seen } });
    expect((await handler(signedRequest(newTransactions))).status).toBe(200);
    expect(seen).toHaveBeenCalledWith(newTransactions);
    expect((await handler(signedRequest(newTransactions, 'other'))).status).toBe(401);
    await knot.close();
  });

  it('never leaks the secret through the handler object', async () => {
    const { inspect } = await import('node:util');
    const handler = fetchHandler({ secret: 'sk_fetch_secret_value' });
    expect(inspect(handler, { showHidden: true, depth: 5 })).not.toContain('sk_fetch_secret_value');
    expect(JSON.stringify(handler)).toBeUndefined();
  });
});
