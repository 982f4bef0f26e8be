import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnotClient, KnotConfigError, type Logger } from '../../src/index.js';
import { serveStubs, type StubServer } from '../helpers/stub-server.js';

const KEYS = ['KNOT_CLIENT_ID', 'KNOT_SECRET', 'KNOT_ENVIRONMENT', 'KNOT_LOG'] as const;
let saved: Record<string, string | undefined>;
let stub: StubServer | undefined;
let knot: KnotClient | undefined;

beforeEach(() => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
});
afterEach(async () => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await knot?.close();
  await stub?.close();
  knot = undefined;
  stub = undefined;
});

function capture() {
  const lines: { level: string; text: string }[] = [];
  const at = (level: string) => (...args: unknown[]) => lines.push({ level, text: args.map(String).join(' ') });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

describe('environment variables drive a real client', () => {
  it('KNOT_CLIENT_ID and KNOT_SECRET become the Basic credentials', async () => {
    stub = await serveStubs(http.post('*/session/extend', () => HttpResponse.json({ session: 's' })));
    process.env.KNOT_CLIENT_ID = 'env_id';
    process.env.KNOT_SECRET = 'env_secret';
    knot = new KnotClient({ baseUrl: stub.url, logLevel: 'off' });
    await knot.sessions.extend({ session_id: 's' });
    expect(stub.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('env_id:env_secret').toString('base64')}`);
  });

  it('KNOT_LOG=debug turns on debug lines; the default level is warn', async () => {
    stub = await serveStubs(http.post('*/session/extend', () => HttpResponse.json({ session: 's' })));
    const loud = capture();
    process.env.KNOT_LOG = 'debug';
    knot = new KnotClient({ clientId: 'id', secret: 'secret_log', baseUrl: stub.url, logger: loud.logger });
    await knot.sessions.extend({ session_id: 's' });
    expect(loud.lines.some((l) => l.level === 'debug' && /POST \/session\/extend → 200/.test(l.text))).toBe(true);
    await knot.close();

    delete process.env.KNOT_LOG;
    const quiet = capture();
    knot = new KnotClient({ clientId: 'id', secret: 'secret_log', baseUrl: stub.url, logger: quiet.logger });
    await knot.sessions.extend({ session_id: 's' });
    expect(quiet.lines).toEqual([]);
  });

  it('KNOT_ENVIRONMENT picks the base URL; baseUrl overrides it', () => {
    process.env.KNOT_CLIENT_ID = 'id';
    process.env.KNOT_SECRET = 'secret';
    expect(new KnotClient().baseUrl).toBe('https://development.knotapi.com');
    process.env.KNOT_ENVIRONMENT = 'production';
    expect(new KnotClient().baseUrl).toBe('https://production.knotapi.com');
    expect(new KnotClient({ environment: 'development' }).baseUrl).toBe('https://development.knotapi.com');
    expect(new KnotClient({ baseUrl: 'http://127.0.0.5:8080' }).baseUrl).toBe('http://127.0.0.5:8080');
  });

  it('the constructor names the option and the env var', () => {
    for (const [env, name] of [
      [{}, 'KNOT_CLIENT_ID'],
      [{ KNOT_CLIENT_ID: 'id' }, 'KNOT_SECRET'],
      [{ KNOT_CLIENT_ID: 'id', KNOT_SECRET: 's', KNOT_ENVIRONMENT: 'staging' }, 'KNOT_ENVIRONMENT'],
      [{ KNOT_CLIENT_ID: 'id', KNOT_SECRET: 's', KNOT_LOG: 'chatty' }, 'KNOT_LOG'],
    ] as const) {
      for (const k of KEYS) delete process.env[k];
      Object.assign(process.env, env);
      let error: unknown;
      try {
        new KnotClient();
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(KnotConfigError);
      expect((error as Error).message).toContain(name);
    }
  });

  it('a userAgent with CR/LF and a non-loopback http: URL are KnotConfigErrors', () => {
    expect(() => new KnotClient({ clientId: 'i', secret: 's', userAgent: 'app\r\nX-Evil: 1' })).toThrow(KnotConfigError);
    expect(() => new KnotClient({ clientId: 'i', secret: 's', baseUrl: 'http://development.knotapi.com' })).toThrow(KnotConfigError);
    expect(() => new KnotClient({ clientId: 'i', secret: 's', baseUrl: 'http://[::1]:1234' })).not.toThrow();
    expect(() => new KnotClient({ clientId: 'i', secret: 's', baseUrl: 'http://localhost:1234' })).not.toThrow();
  });

  it.each([
    [{ maxConcurrent: 0 }, /maxConcurrent must be an integer ≥ 1/],
    [{ maxConcurrent: 2.5 }, /maxConcurrent/],
    [{ minTime: -1 }, /minTime must be a number of milliseconds ≥ 0/],
    [{ reservoir: Number.NaN }, /reservoir must be an integer ≥ 0/],
    [{ highWater: '5' }, /highWater/],
    [5, /expected Bottleneck options, a Bottleneck instance or false/],
  ])('refuses the limiter setting %j at construction, before any request', (limiter, message) => {
    const build = () => new KnotClient({ clientId: 'i', secret: 's', limiter: limiter as never });
    expect(build).toThrow(KnotConfigError);
    expect(build).toThrow(message);
  });

  it('accepts Bottleneck options with null for "no limit"', async () => {
    const client = new KnotClient({ clientId: 'i', secret: 's', limiter: { maxConcurrent: null, minTime: 0, reservoir: null } });
    await client.close();
  });

  it('a client that sends nothing opens nothing and closes cleanly', async () => {
    const client = new KnotClient({ clientId: 'i', secret: 's' });
    await client.close();
    await client.close();
  });
});
