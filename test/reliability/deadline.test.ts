/**
 * timeoutMs bounds the whole attempt, the connection phase included (DESIGN §2.2): a server that
 * accepts the TCP connection and never answers the TLS handshake must not hold a request past its
 * deadline. undici acts on an abort only once a request has a socket, and its own connect timer
 * is coarse (it fired on a ~500 ms grid: ~1 s for timeoutMs 300). Bounds here are loose on purpose
 * (2 shared cores): they separate "on time" from that old floor, not milliseconds.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KnotAbortError, KnotClient, KnotTimeoutError } from '../../src/index.js';

let server: Server;
let url: string;
const sockets = new Set<Socket>();
const unhandled = vi.fn();
const clients: KnotClient[] = [];

beforeAll(async () => {
  process.on('unhandledRejection', unhandled);
  // Accepts, reads whatever comes (the TLS ClientHello) and never says a word.
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Warm up before anything is timed: the first request loads undici, the first TLS connection
  // node:tls and its root certificates (hundreds of ms of blocked event loop on a busy machine).
  await client(100).merchants.list({ type: 'transaction_link' }).catch(() => {});
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  for (const knot of clients) await knot.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  process.off('unhandledRejection', unhandled);
});

function client(timeoutMs: number): KnotClient {
  const knot = new KnotClient({ clientId: 'id', secret: 'secret', baseUrl: url, timeoutMs, maxRetries: 0, logLevel: 'off' });
  clients.push(knot);
  return knot;
}

async function timedFailure(run: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await run().then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
}

describe('a TLS handshake that never completes', () => {
  it('timeoutMs 300 → KnotTimeoutError after ~300 ms, well before the old ~1 s floor', async () => {
    const knot = client(300);
    const { error, ms } = await timedFailure(() => knot.merchants.list({ type: 'transaction_link' }));
    expect(error).toBeInstanceOf(KnotTimeoutError);
    expect((error as Error).message).toMatch(/timed out after 300 ms/);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(700);
  });

  it('the per-request timeoutMs bounds it the same way', async () => {
    const knot = client(60_000);
    const { error, ms } = await timedFailure(() => knot.merchants.list({ type: 'transaction_link' }, { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(KnotTimeoutError);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(700);
  });

  it("the caller's signal stops it at once too: KnotAbortError", async () => {
    const knot = client(60_000);
    const { error, ms } = await timedFailure(() => knot.merchants.list({ type: 'transaction_link' }, { signal: AbortSignal.timeout(100) }));
    expect(error).toBeInstanceOf(KnotAbortError);
    expect(ms).toBeLessThan(500);
  });

  it('retries get a full deadline each: 1 + 2 attempts of 200 ms', async () => {
    const knot = new KnotClient({
      clientId: 'id',
      secret: 'secret',
      baseUrl: url,
      timeoutMs: 200,
      maxRetries: 2,
      retryBackoff: { initialDelayMs: 1, maxDelayMs: 1 },
      logLevel: 'off',
    });
    clients.push(knot);
    const { error, ms } = await timedFailure(() => knot.merchants.list({ type: 'transaction_link' }));
    expect(error).toBeInstanceOf(KnotTimeoutError);
    expect(ms).toBeGreaterThanOrEqual(590);
    expect(ms).toBeLessThan(1_400);
  });

  it('nothing rejects unhandled when the abandoned connection attempts fail later', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).not.toHaveBeenCalled();
  });
});
