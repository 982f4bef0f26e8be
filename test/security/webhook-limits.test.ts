/**
 * The webhook handler with its default cap (1 MiB): a body one byte above the cap is refused with
 * 413 and never reaches user code, even when validly signed (the cap comes before anything else);
 * a body of exactly 1 MiB is accepted; a chunked body that grows past the cap is cut off.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/webhooks/handler.js';
import { signWebhook, Webhooks } from '../../src/webhooks/index.js';

const SECRET = 'whsec_test_value';
const seen: unknown[] = [];
let server: Server;
let port: number;

beforeAll(async () => {
  const handler = new Webhooks({ secret: SECRET, logger: { warn: () => {}, error: () => {} } }).handler({
    on: { NEW_TRANSACTIONS_AVAILABLE: (event) => void seen.push(event) },
  });
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

/** A NEW_TRANSACTIONS_AVAILABLE body padded to exactly `size` bytes. */
function bodyOfSize(size: number): string {
  const base = { event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: 'u', merchant: { id: 19, name: 'DoorDash' }, timestamp: 1, padding: '' };
  const overhead = Buffer.byteLength(JSON.stringify(base));
  return JSON.stringify({ ...base, padding: 'p'.repeat(size - overhead) });
}

function post(body: string, headers: Record<string, string>, chunked = false): Promise<{ status: number } | { cut: true }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/webhooks', headers, agent: false });
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', () => resolve({ cut: true }));
    });
    req.on('error', () => resolve({ cut: true }));
    if (chunked) {
      const buffer = Buffer.from(body);
      let offset = 0;
      const next = () => {
        if (req.destroyed) return;
        if (offset >= buffer.length) {
          req.end();
          return;
        }
        const slice = buffer.subarray(offset, offset + 64 * 1024);
        offset += slice.length;
        if (req.write(slice)) setImmediate(next);
        else req.once('drain', next);
      };
      next();
    } else {
      req.end(body);
    }
  });
}

describe('webhook body cap (default 1 MiB)', () => {
  it('the default cap is 1 MiB', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1024 * 1024);
  });

  it('exactly 1 MiB, validly signed: 200 and the handler runs', async () => {
    seen.length = 0;
    const body = bodyOfSize(DEFAULT_MAX_BODY_BYTES);
    expect(Buffer.byteLength(body)).toBe(DEFAULT_MAX_BODY_BYTES);
    const reply = await post(body, { ...signWebhook({ body, secret: SECRET }) });
    expect(reply).toEqual({ status: 200 });
    expect(seen).toHaveLength(1);
  });

  it('1 MiB + 1 byte, validly signed: 413 and the handler never runs', async () => {
    seen.length = 0;
    const body = bodyOfSize(DEFAULT_MAX_BODY_BYTES + 1);
    const reply = await post(body, { ...signWebhook({ body, secret: SECRET }) });
    expect(reply).toEqual({ status: 413 });
    expect(seen).toHaveLength(0);
  });

  it('a chunked body (no Content-Length) growing to 4 MiB: 413 or a cut connection, never the handler', async () => {
    seen.length = 0;
    const body = bodyOfSize(4 * 1024 * 1024);
    const signed = signWebhook({ body, secret: SECRET });
    const { 'Content-Length': _dropped, ...headers } = signed;
    const reply = await post(body, { ...headers, 'Transfer-Encoding': 'chunked' }, true);
    if ('status' in reply) expect(reply.status).toBe(413);
    expect(seen).toHaveLength(0);
    // The server is still serving.
    const small = bodyOfSize(1_000);
    expect(await post(small, { ...signWebhook({ body: small, secret: SECRET }) })).toEqual({ status: 200 });
  });

  it('a lying Content-Length (small) with a huge body does not get past the cap', async () => {
    seen.length = 0;
    const body = bodyOfSize(2 * 1024 * 1024);
    const reply = await post(body, { ...signWebhook({ body: '{"event":"NEW_TRANSACTIONS_AVAILABLE"}', secret: SECRET }), 'Content-Length': '10' });
    // Node's parser reads 10 bytes as the body: not JSON, not the signed body: refused, never handled.
    if ('status' in reply) expect([400, 401, 413]).toContain(reply.status);
    expect(seen).toHaveLength(0);
  });
});
