/**
 * A hostile or broken server cannot make the client buffer without bound or wait forever: bodies
 * above 16 MiB are aborted while streaming (declared or not, success or error status), compressed
 * bodies are not inflated, and a body that trickles in hits the attempt timeout.
 */
import { createServer, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RESPONSE_BYTES } from '../../src/internal/transport.js';
import { KnotClient, KnotError, KnotResponseValidationError, KnotTimeoutError } from '../../src/index.js';
import { type Loopback, listenOnLoopback } from '../helpers/loopback.js';

const MiB = 1024 * 1024;
type Mode = 'endless' | 'endless-500' | 'declared-huge' | 'gzip-bomb' | 'trickle' | 'just-under' | 'huge-headers' | 'many-headers';

let mode: Mode = 'endless';
let written = 0;
let requests = 0;
const chunk = Buffer.alloc(64 * 1024, 0x20);
const bomb = gzipSync(Buffer.alloc(200 * MiB, 0x20));

function pump(res: ServerResponse, limit: number): void {
  // Writes until the client goes away (or `limit` bytes), respecting backpressure.
  const write = () => {
    while (written < limit && !res.destroyed) {
      written += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', write);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  write();
}

const server = createServer((req, res) => {
  requests += 1;
  req.resume();
  res.on('error', () => {});
  res.setHeader('content-type', 'application/json');
  if (mode === 'endless' || mode === 'endless-500') {
    res.statusCode = mode === 'endless' ? 200 : 500;
    res.write('{"session":"');
    pump(res, 256 * MiB);
  } else if (mode === 'declared-huge') {
    res.setHeader('content-length', String(1024 * MiB));
    res.write('{"session":"');
    pump(res, 256 * MiB);
  } else if (mode === 'gzip-bomb') {
    res.setHeader('content-encoding', 'gzip');
    res.end(bomb);
  } else if (mode === 'huge-headers') {
    res.setHeader('x-big', 'a'.repeat(256 * 1024));
    res.end('{"session":"ok"}');
  } else if (mode === 'many-headers') {
    for (let i = 0; i < 5_000; i++) res.setHeader(`x-h-${i}`, 'v'.repeat(20));
    res.end('{"session":"ok"}');
  } else if (mode === 'trickle') {
    res.write('{"session":"');
    const timer = setInterval(() => {
      if (res.destroyed) clearInterval(timer);
      else res.write(' ');
    }, 50);
    res.on('close', () => clearInterval(timer));
  } else {
    // A valid answer just under the cap: must be accepted.
    const padding = 'x'.repeat(MAX_RESPONSE_BYTES - 64);
    res.end(JSON.stringify({ session: 'ok', padding }));
  }
});

let listening: Loopback;
let knot: KnotClient;
beforeAll(async () => {
  listening = await listenOnLoopback(server);
  knot = new KnotClient({
    clientId: 'id',
    secret: 'secret_value',
    baseUrl: listening.url,
    timeoutMs: 5_000,
    maxRetries: 2,
    retryBackoff: { initialDelayMs: 1, maxDelayMs: 2 },
    logLevel: 'off',
  });
});
afterAll(async () => {
  await knot?.close();
  await listening?.close();
});

async function run(m: Mode, options?: { timeoutMs?: number; maxRetries?: number }) {
  mode = m;
  written = 0;
  requests = 0;
  const before = process.memoryUsage();
  const started = Date.now();
  const result = await knot.sessions.extend({ session_id: 's' }, options).then(
    (v) => ({ ok: true as const, value: v }),
    (e: unknown) => ({ ok: false as const, error: e }),
  );
  const after = process.memoryUsage();
  return {
    result,
    ms: Date.now() - started,
    arrayBuffersGrowth: after.arrayBuffers - before.arrayBuffers,
    rssGrowth: after.rss - before.rss,
    written,
    requests,
  };
}

describe('response size cap (16 MiB)', () => {
  it('an endless 200 body is aborted with a KnotResponseValidationError, once, without buffering it', async () => {
    const r = await run('endless');
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) {
      expect(r.result.error).toBeInstanceOf(KnotResponseValidationError);
      expect((r.result.error as Error).message).toMatch(/exceeds/);
    }
    // Not a transient failure: no retry.
    expect(r.requests).toBe(1);
    // The server could write 256 MiB; the client stopped reading just past the cap (socket buffers aside).
    expect(r.written).toBeLessThan(MAX_RESPONSE_BYTES + 16 * MiB);
    expect(r.arrayBuffersGrowth).toBeLessThan(MAX_RESPONSE_BYTES + 16 * MiB);
    expect(r.rssGrowth).toBeLessThan(128 * MiB);
  });

  it('an endless 500 body is capped the same way (error bodies are read too)', async () => {
    const r = await run('endless-500');
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) expect(r.result.error).toBeInstanceOf(KnotError);
    expect(r.written).toBeLessThan(MAX_RESPONSE_BYTES + 16 * MiB);
    expect(r.arrayBuffersGrowth).toBeLessThan(MAX_RESPONSE_BYTES + 16 * MiB);
  });

  it('a declared Content-Length above the cap is refused before reading the body', async () => {
    const r = await run('declared-huge');
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) expect(r.result.error).toBeInstanceOf(KnotResponseValidationError);
    expect(r.requests).toBe(1);
    expect(r.arrayBuffersGrowth).toBeLessThan(16 * MiB);
  });

  it('a gzip bomb is not inflated: the compressed bytes are not JSON', async () => {
    const r = await run('gzip-bomb');
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) expect(r.result.error).toBeInstanceOf(KnotResponseValidationError);
    expect(r.arrayBuffersGrowth).toBeLessThan(32 * MiB);
    expect(r.rssGrowth).toBeLessThan(128 * MiB);
  });

  it('a valid answer just under the cap is accepted', async () => {
    const r = await run('just-under');
    expect(r.result.ok).toBe(true);
  });
});

describe('oversized response headers', () => {
  for (const m of ['huge-headers', 'many-headers'] as const) {
    it(`${m}: a KnotError, not a crash or an untyped error`, async () => {
      const r = await run(m, { maxRetries: 0 });
      expect(r.result.ok).toBe(false);
      if (!r.result.ok) expect(r.result.error).toBeInstanceOf(KnotError);
      expect(r.rssGrowth).toBeLessThan(128 * MiB);
    });
  }
});

describe('a body that trickles in', () => {
  it('fails with KnotTimeoutError after each attempt hits timeoutMs (bounded by attempts × timeoutMs)', async () => {
    const r = await run('trickle', { timeoutMs: 300, maxRetries: 1 });
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) expect(r.result.error).toBeInstanceOf(KnotTimeoutError);
    expect(r.requests).toBe(2);
    expect(r.ms).toBeGreaterThanOrEqual(2 * 300 - 50);
    expect(r.ms).toBeLessThan(2 * 300 + 1_500);
  });
});
