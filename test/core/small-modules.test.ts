import Bottleneck from 'bottleneck';
import { describe, expect, it } from 'vitest';
import { KnotConnectionError } from '../../src/core/errors.js';
import { createLimiter } from '../../src/internal/create-limiter.js';
import { createLogger, isLogLevel, type Logger } from '../../src/core/logger.js';
import { redactString } from '../../src/internal/redact.js';
import { encodePathSegment, queryString } from '../../src/internal/path.js';
import { RateLimitMemory } from '../../src/internal/rate-limit-memory.js';

describe('encodePathSegment', () => {
  it('encodes every reserved character so the value stays one segment', () => {
    expect(encodePathSegment('a/b?c#d', 'id')).toBe('a%2Fb%3Fc%23d');
    expect(encodePathSegment('13da3c28-a068-4642-9ce2-b730cfda5f5f', 'id')).toBe('13da3c28-a068-4642-9ce2-b730cfda5f5f');
    expect(encodePathSegment('%2e%2e', 'id')).toBe('%252e%252e');
    expect(encodePathSegment('a b&c=d;e', 'id')).toBe('a%20b%26c%3Dd%3Be');
    expect(encodePathSegment('ünï', 'id')).toBe('%C3%BCn%C3%AF');
    expect(encodePathSegment('...', 'id')).toBe('...');
    expect(encodePathSegment('😀', 'id')).toBe('%F0%9F%98%80');
  });
});

describe('queryString', () => {
  it('keeps defined values in order and encodes them', () => {
    expect(queryString({ external_user_id: 'u 1&x', merchant_id: 19, type: undefined, other: null })).toBe(
      '?external_user_id=u+1%26x&merchant_id=19',
    );
    expect(queryString({})).toBe('');
    expect(queryString(undefined)).toBe('');
  });
});

describe('createLogger', () => {
  function capture(level: Parameters<typeof createLogger>[1], secrets: string[] = []) {
    const lines: { method: string; args: unknown[] }[] = [];
    const target: Logger = {
      debug: (...args) => lines.push({ method: 'debug', args }),
      info: (...args) => lines.push({ method: 'info', args }),
      warn: (...args) => lines.push({ method: 'warn', args }),
      error: (...args) => lines.push({ method: 'error', args }),
    };
    return { logger: createLogger(target, level, secrets), lines };
  }

  it('drops lines below the level and prefixes the rest', () => {
    const { logger, lines } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines).toEqual([
      { method: 'warn', args: ['[knotapi-node]', 'w'] },
      { method: 'error', args: ['[knotapi-node]', 'e'] },
    ]);
    const off = capture('off');
    off.logger.error('x');
    expect(off.lines).toEqual([]);
    const all = capture('debug');
    all.logger.debug('x');
    expect(all.lines).toHaveLength(1);
  });

  it('scrubs secrets from strings, objects, arrays and errors', () => {
    const secret = 'sk_test_123456';
    const b64 = Buffer.from(`id:${secret}`).toString('base64');
    const { logger, lines } = capture('debug', [secret, b64]);
    logger.info(`secret ${secret} and ${b64}`, { nested: { value: secret, list: [b64] }, authorization: 'anything', Secret: 'x' });
    logger.error(new Error(`failed with ${secret}`));
    const text = JSON.stringify(lines);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(b64);
    expect(text).toContain('[redacted]');
    expect(text).toContain('failed with [redacted]');
  });

  it('never passes on a secret nested deeper than it scrubs: the deep part is dropped instead', () => {
    const secret = 'sk_test_deep_98765';
    const { logger, lines } = capture('debug', [secret]);
    let deep: unknown = { token: secret };
    for (let i = 0; i < 10; i++) deep = { level: i, inner: deep };
    logger.info('context', deep);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(secret);
    expect(text).toContain('[nested too deep to log]');
    expect(text).toContain('"level":9');
  });

  it('scrubs any Basic or Bearer authorization value, even one it was not told about', () => {
    expect(redactString('authorization: Basic Zm9vOmJhcg==', [])).toBe('authorization: [redacted]');
    expect(redactString('{"Authorization":"Bearer abc.def"}', [])).toBe('{"Authorization":"[redacted]"}');
    expect(redactString('plain text', ['xyz'])).toBe('plain text');
  });

  it('knows its levels', () => {
    expect(isLogLevel('debug')).toBe(true);
    expect(isLogLevel('trace')).toBe(false);
    expect(isLogLevel('toString')).toBe(false);
  });
});

describe('RateLimitMemory', () => {
  it('remembers until the deadline, per key, and forgets after', () => {
    let now = 1_000;
    const memory = new RateLimitMemory(() => now);
    expect(memory.remainingMs('a')).toBe(0);
    memory.remember('a', 1_000 + 3_600_000);
    expect(memory.remainingMs('a')).toBe(3_600_000);
    expect(memory.remainingMs('b')).toBe(0);
    now += 3_599_999;
    expect(memory.remainingMs('a')).toBe(1);
    now += 1;
    expect(memory.remainingMs('a')).toBe(0);
  });

  it('ignores deadlines in the past', () => {
    const memory = new RateLimitMemory(() => 5_000);
    memory.remember('a', 4_000);
    expect(memory.remainingMs('a')).toBe(0);
  });
});

describe('createLimiter', () => {
  it('runs jobs with no limiter at all when false', async () => {
    const limiter = createLimiter(false, 1_000);
    expect(await limiter.schedule(async () => 7)).toBe(7);
  });

  it('caps concurrency with bottleneck options', async () => {
    const limiter = createLimiter({ maxConcurrent: 2 }, 1_000);
    let running = 0;
    let peak = 0;
    const job = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 15));
      running--;
      return peak;
    };
    await Promise.all(Array.from({ length: 6 }, () => limiter.schedule(job)));
    expect(peak).toBe(2);
  });

  it('defaults to 10 concurrent jobs', async () => {
    const limiter = createLimiter(undefined, 1_000);
    let running = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const all = Promise.all(
      Array.from({ length: 15 }, () =>
        limiter.schedule(async () => {
          running++;
          await gate;
        }),
      ),
    );
    for (let i = 0; i < 100 && running < 10; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 30));
    expect(running).toBe(10);
    release();
    await all;
    expect(running).toBe(15);
  });

  it('uses a Bottleneck instance as given', async () => {
    const bottleneck = new Bottleneck({ maxConcurrent: 1 });
    const limiter = createLimiter(bottleneck, 1_000);
    expect(await limiter.schedule(async () => 'x')).toBe('x');
    expect(bottleneck.counts().EXECUTING).toBe(0);
    await bottleneck.disconnect();
  });

  it('fails with KnotConnectionError when the limiter never becomes ready, and tries again next time', async () => {
    let ready: () => Promise<void> = () => new Promise<void>(() => {});
    const fake = {
      datastore: 'ioredis',
      ready: () => ready(),
      schedule: <T>(job: () => Promise<T>) => job(),
    } as unknown as Bottleneck;
    const limiter = createLimiter(fake, 30);
    await expect(limiter.schedule(async () => 1)).rejects.toBeInstanceOf(KnotConnectionError);
    ready = () => Promise.resolve();
    expect(await limiter.schedule(async () => 2)).toBe(2);
  });

  it('propagates a job failure unchanged', async () => {
    const limiter = createLimiter({ maxConcurrent: 1 }, 1_000);
    const error = new Error('job failed');
    await expect(limiter.schedule(() => Promise.reject(error))).rejects.toBe(error);
  });
});
