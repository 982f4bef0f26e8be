import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  KnotAbortError,
  type KnotClientOptions,
  KnotConnectionError,
  KnotRateLimitError,
  KnotResponseValidationError,
  KnotServerError,
  KnotTimeoutError,
} from '../../src/index.js';
import { listenOnLoopback } from '../helpers/loopback.js';
import { stubClients } from '../helpers/stub-client.js';

const serverError = () => HttpResponse.json({ message: 'Server Error' }, { status: 503 });
const session = () => HttpResponse.json({ session: 'ok' });

const { clientFor, clientAt, closeAfterTest } = stubClients({
  clientId: 'id',
  secret: 'secret_retry',
  logLevel: 'off',
  retryBackoff: { initialDelayMs: 1, maxDelayMs: 5 },
});

/** A plain node:http server on 127.0.0.1, for what msw cannot do (reset a socket, stall a body). */
async function rawServer(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void, options: KnotClientOptions = {}) {
  let n = 0;
  const raw = closeAfterTest(await listenOnLoopback(createServer((req, res) => handler(req, res, ++n))));
  return { knot: clientAt(raw.url, options), count: () => n };
}

/** Answers from a list, one entry per request; the last entry repeats. */
function sequence(...responses: (() => Response)[]) {
  let i = 0;
  return () => responses[Math.min(i++, responses.length - 1)]!();
}

describe('retries', () => {
  it('503, 503, 200 → success in exactly 3 requests', async () => {
    const { stub, knot } = await clientFor([http.post('*/session/extend', sequence(serverError, serverError, session))]);
    expect(await knot.sessions.extend({ session_id: 's' })).toEqual({ session: 'ok' });
    expect(stub.requests).toHaveLength(3);
    // every attempt is the same request
    expect(new Set(stub.requests.map((r) => JSON.stringify([r.method, r.path, r.body, r.headers.authorization])))).toHaveProperty('size', 1);
  });

  it('retries exhausted → KnotServerError after maxRetries + 1 requests', async () => {
    const { stub, knot } = await clientFor([http.post('*/session/extend', serverError)], { maxRetries: 3 });
    const error = await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotServerError);
    expect((error as KnotServerError).status).toBe(503);
    expect(stub.requests).toHaveLength(4);
  });

  it('the default is 2 retries', async () => {
    const { stub, knot } = await clientFor([http.post('*/session/extend', serverError)]);
    await expect(knot.sessions.extend({ session_id: 's' })).rejects.toBeInstanceOf(KnotServerError);
    expect(stub.requests).toHaveLength(3);
  });

  it('honours per-request maxRetries', async () => {
    const { stub, knot } = await clientFor([http.post('*/session/extend', serverError)]);
    await expect(knot.sessions.extend({ session_id: 's' }, { maxRetries: 0 })).rejects.toBeInstanceOf(KnotServerError);
    expect(stub.requests).toHaveLength(1);
    await expect(knot.sessions.extend({ session_id: 's' }, { maxRetries: 4 })).rejects.toBeInstanceOf(KnotServerError);
    expect(stub.requests).toHaveLength(6);
  });

  it('retries 408 and GET requests too', async () => {
    const { stub, knot } = await clientFor([
      http.get('*/accounts/get', sequence(() => new HttpResponse(null, { status: 408 }), () => HttpResponse.json([]))),
    ]);
    expect(await knot.accounts.list({ external_user_id: 'u' })).toEqual([]);
    expect(stub.requests).toHaveLength(2);
  });

  it('does not retry a 400', async () => {
    const { stub, knot } = await clientFor([
      http.post('*/session/extend', () => HttpResponse.json({ error_type: 'SESSION_ERROR', error_code: 'SESSION_NOT_FOUND', error_message: 'x' }, { status: 400 })),
    ]);
    await expect(knot.sessions.extend({ session_id: 's' })).rejects.toMatchObject({ status: 400 });
    expect(stub.requests).toHaveLength(1);
  });

  it('waits out a short Retry-After (seconds) on a 429, then succeeds', async () => {
    const times: number[] = [];
    const { stub, knot } = await clientFor([
      http.post('*/merchant/list', () => {
        times.push(Date.now());
        return times.length === 1
          ? HttpResponse.json({ error_type: 'RATE_LIMIT_ERROR', error_code: 'TOO_MANY_REQUESTS', error_message: 'slow down' }, { status: 429, headers: { 'retry-after': '1' } })
          : HttpResponse.json([]);
      }),
    ]);
    expect(await knot.merchants.list({ type: 'transaction_link' })).toEqual([]);
    expect(stub.requests).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
    expect(times[1]! - times[0]!).toBeLessThan(5_000);
  });

  it('waits out a Retry-After given as an HTTP date', async () => {
    const times: number[] = [];
    const { stub, knot } = await clientFor([
      http.post('*/merchant/list', () => {
        times.push(Date.now());
        // whole seconds: this date is 1-2 s ahead
        const date = new Date(Math.floor(Date.now() / 1000) * 1000 + 2_000).toUTCString();
        return times.length === 1 ? new HttpResponse(null, { status: 429, headers: { 'retry-after': date } }) : HttpResponse.json([]);
      }),
    ]);
    expect(await knot.merchants.list({ type: 'transaction_link' })).toEqual([]);
    expect(stub.requests).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
    expect(times[1]! - times[0]!).toBeLessThan(5_000);
  });

  it('rejects a Retry-After longer than maxRetryAfterMs at once, after one request', async () => {
    const { stub, knot } = await clientFor([
      http.post('*/merchant/list', () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '120' } })),
    ]);
    const started = Date.now();
    const error = (await knot.merchants.list({ type: 'transaction_link' }).catch((e: unknown) => e)) as KnotRateLimitError;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(KnotRateLimitError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.retryAt!.getTime()).toBeGreaterThan(Date.now() + 118_000);
    expect(stub.requests).toHaveLength(1);
  });

  it('the maxRetryAfterMs option decides what is long', async () => {
    const { stub, knot } = await clientFor(
      [http.post('*/merchant/list', () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '2' } }))],
      { maxRetryAfterMs: 1_000 },
    );
    await expect(knot.merchants.list({ type: 'transaction_link' })).rejects.toBeInstanceOf(KnotRateLimitError);
    expect(stub.requests).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('a server that delays its headers past timeoutMs → KnotTimeoutError', async () => {
    const { stub, knot } = await clientFor(
      [
        http.post('*/session/extend', async () => {
          await delay(4_000);
          return session();
        }),
      ],
      { timeoutMs: 100, maxRetries: 0 },
    );
    const started = Date.now();
    const error = await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotTimeoutError);
    expect(error).toBeInstanceOf(KnotConnectionError);
    expect((error as Error).message).toMatch(/timed out after 100 ms/);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(stub.requests).toHaveLength(1);
  });

  it('a timeout is retried', async () => {
    let calls = 0;
    const { stub, knot } = await clientFor(
      [
        http.post('*/session/extend', async () => {
          calls++;
          if (calls === 1) await delay(1_000);
          return session();
        }),
      ],
      { timeoutMs: 150 },
    );
    expect(await knot.sessions.extend({ session_id: 's' })).toEqual({ session: 'ok' });
    expect(stub.requests).toHaveLength(2);
  });

  it('per-request timeoutMs overrides the client option', async () => {
    const { knot } = await clientFor(
      [
        http.post('*/session/extend', async () => {
          await delay(4_000);
          return session();
        }),
      ],
      { timeoutMs: 30_000, maxRetries: 0 },
    );
    const started = Date.now();
    await expect(knot.sessions.extend({ session_id: 's' }, { timeoutMs: 80 })).rejects.toBeInstanceOf(KnotTimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a body that stalls after the headers → KnotTimeoutError', async () => {
    const { knot, count } = await rawServer(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"session":');
      },
      { timeoutMs: 150, maxRetries: 1 },
    );
    await expect(knot.sessions.extend({ session_id: 's' })).rejects.toBeInstanceOf(KnotTimeoutError);
    expect(count()).toBe(2);
  });
});

describe('per-request timeoutMs above the client default', () => {
  it('is not cut short by the connection pool timeouts', async () => {
    const { stub, knot } = await clientFor(
      [
        http.post('*/session/extend', async () => {
          await delay(400);
          return session();
        }),
      ],
      { timeoutMs: 100, maxRetries: 0 },
    );
    expect(await knot.sessions.extend({ session_id: 's' }, { timeoutMs: 3_000 })).toEqual({ session: 'ok' });
    expect(stub.requests).toHaveLength(1);
  });

  it('a stalled body is also given the per-request time', async () => {
    const { knot } = await rawServer(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"session":');
        setTimeout(() => res.end('"late"}'), 400);
      },
      { timeoutMs: 100, maxRetries: 0 },
    );
    expect(await knot.sessions.extend({ session_id: 's' }, { timeoutMs: 3_000 })).toEqual({ session: 'late' });
  });
});

describe('429 within maxRetries', () => {
  it('a short Retry-After is not waited out when no retry is left', async () => {
    const { stub, knot } = await clientFor([http.post('*/merchant/list', () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '10' } }))]);
    const started = Date.now();
    const error = (await knot.merchants.list({ type: 'transaction_link' }, { maxRetries: 0 }).catch((e: unknown) => e)) as KnotRateLimitError;
    expect(error).toBeInstanceOf(KnotRateLimitError);
    expect(error.retryAfterMs).toBe(10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stub.requests).toHaveLength(1);
  });
});

describe('abort', () => {
  it('a signal fired mid-request → KnotAbortError, exactly one request, no retry', async () => {
    const { stub, knot } = await clientFor([
      http.post('*/session/extend', async () => {
        await delay(8_000);
        return session();
      }),
    ]);
    const controller = new AbortController();
    const pending = knot.sessions.extend({ session_id: 's' }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user navigated away')), 50);
    const started = Date.now();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotAbortError);
    expect(error).not.toBeInstanceOf(KnotConnectionError);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stub.requests).toHaveLength(1);
  });

  it('an already-aborted signal → KnotAbortError and nothing is sent', async () => {
    const { stub, knot } = await clientFor([http.post('*/session/extend', session)]);
    const error = await knot.sessions.extend({ session_id: 's' }, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotAbortError);
    expect(stub.requests).toHaveLength(0);
  });

  it('a signal fired during the backoff between retries → KnotAbortError, no further request', async () => {
    const { stub, knot } = await clientFor([http.post('*/session/extend', serverError)], {
      retryBackoff: { initialDelayMs: 15_000, maxDelayMs: 15_000 },
    });
    const controller = new AbortController();
    const pending = knot.sessions.extend({ session_id: 's' }, { signal: controller.signal });
    for (let i = 0; i < 200 && stub.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(pending).rejects.toBeInstanceOf(KnotAbortError);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(stub.requests).toHaveLength(1);
  });
});

describe('connection failures', () => {
  it('a reset connection is retried, then KnotConnectionError', async () => {
    const { knot, count } = await rawServer((req) => req.socket.destroy(), { maxRetries: 2 });
    const error = await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotConnectionError);
    expect(error).not.toBeInstanceOf(KnotTimeoutError);
    expect((error as KnotConnectionError).cause).toBeDefined();
    expect(count()).toBe(3);
  });

  it('a reset then a good answer succeeds', async () => {
    const { knot, count } = await rawServer((req, res, n) => {
      if (n === 1) return req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"session":"second"}');
    });
    expect(await knot.sessions.extend({ session_id: 's' })).toEqual({ session: 'second' });
    expect(count()).toBe(2);
  });

  it('a refused connection → KnotConnectionError after the retries', async () => {
    const probe = await listenOnLoopback(createServer());
    await probe.close();
    const knot = clientAt(probe.url, { secret: 's3cret' });
    const error = await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotConnectionError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});

describe('response bodies', () => {
  it('a body over 16 MiB is aborted while streaming → KnotResponseValidationError, not retried', async () => {
    let written = 0;
    const { knot, count } = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const write = () => {
        // bounded: at most 40 MiB, stops when the client goes away
        while (written < 40 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      write();
    });
    const error = await knot.merchants.list({ type: 'transaction_link' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect((error as Error).message).toMatch(/exceeds 16777216 bytes/);
    expect(count()).toBe(1);
    expect(written).toBeLessThan(40 * 1024 * 1024);
  });

  it('a declared Content-Length over 16 MiB is refused before reading', async () => {
    const { knot, count } = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(17 * 1024 * 1024) });
      res.write('[');
    });
    await expect(knot.merchants.list({ type: 'transaction_link' })).rejects.toBeInstanceOf(KnotResponseValidationError);
    expect(count()).toBe(1);
  });
});
