import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnotClient } from '../../src/client.js';
import { isLoopbackHost, normalizeHost, resolveConfig } from '../../src/core/config.js';
import { checkRequestOptions } from '../../src/core/request-options.js';
import { KnotConfigError, KnotValidationError } from '../../src/core/errors.js';
import { thrownBy } from '../helpers/thrown.js';

const creds = { clientId: 'id', secret: 'secret-value' };

describe('resolveConfig', () => {
  it('fills every default', () => {
    const c = resolveConfig(creds, {});
    expect(c).toMatchObject({
      clientId: 'id',
      secret: 'secret-value',
      baseUrl: 'https://development.knotapi.com',
      isProduction: false,
      knotVersion: '2.0',
      timeoutMs: 60_000,
      maxRetries: 2,
      maxRetryAfterMs: 60_000,
      initialDelayMs: 500,
      maxDelayMs: 8_000,
      logLevel: 'warn',
      userAgentSuffix: undefined,
    });
  });

  it('names the option and the env var when credentials are missing', () => {
    const noId = thrownBy(KnotConfigError, () => resolveConfig({ secret: 's' }, {}));
    expect(noId.message).toMatch(/`clientId`/);
    expect(noId.message).toMatch(/KNOT_CLIENT_ID/);
    const noSecret = thrownBy(KnotConfigError, () => resolveConfig({ clientId: 'i' }, {}));
    expect(noSecret.message).toMatch(/`secret`/);
    expect(noSecret.message).toMatch(/KNOT_SECRET/);
    expect(thrownBy(KnotConfigError, () => resolveConfig({ clientId: '', secret: 's' }, {})).message).toMatch(/KNOT_CLIENT_ID/);
    expect(thrownBy(KnotConfigError, () => resolveConfig({ clientId: 'i', secret: '' }, {})).message).toMatch(/KNOT_SECRET/);
  });

  it('reads credentials, environment and log level from env', () => {
    const c = resolveConfig({}, { KNOT_CLIENT_ID: 'env-id', KNOT_SECRET: 'env-secret', KNOT_ENVIRONMENT: 'production', KNOT_LOG: 'debug' });
    expect(c.clientId).toBe('env-id');
    expect(c.secret).toBe('env-secret');
    expect(c.baseUrl).toBe('https://production.knotapi.com');
    expect(c.isProduction).toBe(true);
    expect(c.logLevel).toBe('debug');
  });

  it('lets options win over env', () => {
    const c = resolveConfig(
      { clientId: 'opt', secret: 'opt-secret', environment: 'development', logLevel: 'error' },
      { KNOT_CLIENT_ID: 'env-id', KNOT_SECRET: 'env-secret', KNOT_ENVIRONMENT: 'production', KNOT_LOG: 'debug' },
    );
    expect(c).toMatchObject({ clientId: 'opt', secret: 'opt-secret', baseUrl: 'https://development.knotapi.com', logLevel: 'error' });
  });

  it('maps environment to the base URL and rejects unknown ones, naming the env var', () => {
    expect(resolveConfig({ ...creds, environment: 'development' }, {}).baseUrl).toBe('https://development.knotapi.com');
    expect(resolveConfig({ ...creds, environment: 'production' }, {}).baseUrl).toBe('https://production.knotapi.com');
    const err = thrownBy(KnotConfigError, () => resolveConfig(creds, { KNOT_ENVIRONMENT: 'sandbox' }));
    expect(err.message).toMatch(/environment/);
    expect(err.message).toMatch(/KNOT_ENVIRONMENT/);
    expect(err.message).toMatch(/sandbox/);
  });

  it('treats an empty KNOT_LOG or KNOT_ENVIRONMENT (e.g. `KNOT_LOG=` in a .env file) as unset', () => {
    const c = resolveConfig(creds, { KNOT_LOG: '', KNOT_ENVIRONMENT: '' });
    expect(c.logLevel).toBe('warn');
    expect(c.baseUrl).toBe('https://development.knotapi.com');
  });

  it('rejects a bad log level, naming KNOT_LOG', () => {
    expect(thrownBy(KnotConfigError, () => resolveConfig(creds, { KNOT_LOG: 'loud' })).message).toMatch(/KNOT_LOG/);
    expect(thrownBy(KnotConfigError, () => resolveConfig({ ...creds, logLevel: 'loud' as never }, {})).message).toMatch(/logLevel/);
  });

  it('lets baseUrl override environment and trims trailing slashes', () => {
    const c = resolveConfig({ ...creds, environment: 'production', baseUrl: 'https://proxy.example.com/knot/' }, {});
    expect(c.baseUrl).toBe('https://proxy.example.com/knot');
    expect(c.isProduction).toBe(false);
  });

  it('reads KNOT_BASE_URL from the environment (how examples reach the fake Knot API), under the same rules', () => {
    const env = { KNOT_BASE_URL: 'http://127.0.0.1:4010/', KNOT_ENVIRONMENT: 'production' };
    expect(resolveConfig(creds, env)).toMatchObject({ baseUrl: 'http://127.0.0.1:4010', isProduction: false });
    const err = thrownBy(KnotConfigError, () => resolveConfig(creds, { KNOT_BASE_URL: 'http://knot.example.com' }));
    expect(err.message).toMatch(/KNOT_BASE_URL/);
    expect(err.message).toMatch(/https:/);
  });

  it('lets explicit baseUrl or environment options win over KNOT_BASE_URL', () => {
    const env = { KNOT_BASE_URL: 'http://127.0.0.1:4010' };
    expect(resolveConfig({ ...creds, environment: 'production' }, env).baseUrl).toBe('https://production.knotapi.com');
    expect(resolveConfig({ ...creds, baseUrl: 'https://proxy.example.com' }, env).baseUrl).toBe('https://proxy.example.com');
    expect(resolveConfig(creds, { KNOT_BASE_URL: '' }).baseUrl).toBe('https://development.knotapi.com');
  });

  it.each(['http://127.0.0.1:8080', 'http://127.0.0.5', 'http://localhost:3000', 'http://LOCALHOST', 'http://[::1]:9000'])(
    'allows http: to the loopback host %s',
    (baseUrl) => {
      expect(resolveConfig({ ...creds, baseUrl }, {}).baseUrl).toBe(new URL(baseUrl).toString().replace(/\/$/, ''));
    },
  );

  it.each([
    'http://development.knotapi.com',
    'http://10.0.0.1',
    'http://128.0.0.1',
    'http://127.0.0.1.nip.io',
    'http://localhost.example.com',
    'ftp://127.0.0.1',
  ])('rejects %s', (baseUrl) => {
    expect(thrownBy(KnotConfigError, () => resolveConfig({ ...creds, baseUrl }, {})).message).toMatch(/baseUrl/);
  });

  it('rejects a relative URL, credentials, query or fragment in baseUrl', () => {
    for (const baseUrl of ['/v1', 'not a url', 'https://u:p@example.com', 'https://example.com/?a=1', 'https://example.com/#x']) {
      expect(thrownBy(KnotConfigError, () => resolveConfig({ ...creds, baseUrl }, {})).message).toMatch(/baseUrl/);
    }
  });

  it('treats baseUrl equal to the production host as production', () => {
    for (const baseUrl of [
      'https://production.knotapi.com',
      'https://production.knotapi.com/',
      'https://PRODUCTION.knotapi.com:443',
      // The normalised host: a trailing dot (a fully qualified name) and any case are the same host.
      'https://production.knotapi.com.',
      'https://PRODUCTION.KnotAPI.com./',
      'https://production.knotapi.com.:443/v2',
    ]) {
      expect(resolveConfig({ ...creds, baseUrl }, {}).isProduction).toBe(true);
    }
    for (const baseUrl of ['https://development.knotapi.com', 'https://production.knotapi.com.evil.example', 'https://xproduction.knotapi.com']) {
      expect(resolveConfig({ ...creds, baseUrl }, {}).isProduction).toBe(false);
    }
    expect(normalizeHost('PRODUCTION.knotapi.COM.')).toBe('production.knotapi.com');
  });

  it('rejects numeric options out of range, naming them', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ timeoutMs: 0 }, 'timeoutMs'],
      [{ timeoutMs: -1 }, 'timeoutMs'],
      [{ timeoutMs: Number.NaN }, 'timeoutMs'],
      [{ maxRetries: -1 }, 'maxRetries'],
      [{ maxRetries: 1.5 }, 'maxRetries'],
      [{ maxRetryAfterMs: -1 }, 'maxRetryAfterMs'],
      [{ retryBackoff: { initialDelayMs: -1 } }, 'retryBackoff.initialDelayMs'],
      [{ retryBackoff: { maxDelayMs: '5' } }, 'retryBackoff.maxDelayMs'],
    ];
    for (const [extra, name] of cases) {
      expect(thrownBy(KnotConfigError, () => resolveConfig({ ...creds, ...extra } as never, {})).message).toContain(name);
    }
    const ok = resolveConfig({ ...creds, maxRetries: 0, retryBackoff: { initialDelayMs: 1, maxDelayMs: 5 } }, {});
    expect(ok).toMatchObject({ maxRetries: 0, initialDelayMs: 1, maxDelayMs: 5 });
  });

  it('rejects header-breaking credentials, version and user agent', () => {
    expect(thrownBy(KnotConfigError, () => resolveConfig({ clientId: 'a:b', secret: 's' }, {})).message).toMatch(/clientId/);
    expect(thrownBy(KnotConfigError, () => resolveConfig({ clientId: 'a\r\nX: y', secret: 's' }, {})).message).toMatch(/clientId/);
    expect(thrownBy(KnotConfigError, () => resolveConfig({ clientId: 'a', secret: 's\n' }, {})).message).toMatch(/secret/);
    expect(thrownBy(KnotConfigError, () => resolveConfig({ ...creds, knotVersion: '2.0\r\nX: y' }, {})).message).toMatch(/knotVersion/);
    expect(thrownBy(KnotConfigError, () => resolveConfig({ ...creds, userAgent: 'app/1\r\nX-Evil: 1' }, {})).message).toMatch(/userAgent/);
    expect(thrownBy(KnotConfigError, () => resolveConfig({ ...creds, userAgent: 'app/1\n' }, {})).message).toMatch(/userAgent/);
  });

  it('never puts the secret into a config error', () => {
    const secret = 'sk_live_do_not_print\n';
    const err = thrownBy(KnotConfigError, () => resolveConfig({ clientId: 'a', secret }, {}));
    expect(err.message).not.toContain('sk_live_do_not_print');
  });

  it('rejects options that are not an object', () => {
    expect(thrownBy(KnotConfigError, () => resolveConfig(null as never, {})).message).toMatch(/object/);
  });
});

describe('isLoopbackHost', () => {
  it('knows 127.0.0.0/8, localhost and ::1', () => {
    for (const host of ['127.0.0.1', '127.255.255.254', 'localhost', '[::1]', '::1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['128.0.0.1', '10.0.0.1', 'example.com', '1127.0.0.1', '127.0.0.1.evil.com']) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('new KnotClient() with env defaults', () => {
  const keys = ['KNOT_CLIENT_ID', 'KNOT_SECRET', 'KNOT_ENVIRONMENT', 'KNOT_LOG'] as const;
  let saved: Record<string, string | undefined>;
  beforeEach(() => {
    saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    for (const k of keys) delete process.env[k];
  });
  afterEach(() => {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('throws KnotConfigError from the constructor when nothing is configured', () => {
    const err = thrownBy(KnotConfigError, () => new KnotClient());
    expect(err.message).toMatch(/KNOT_CLIENT_ID/);
  });

  it('reads KNOT_CLIENT_ID, KNOT_SECRET and KNOT_ENVIRONMENT', () => {
    process.env.KNOT_CLIENT_ID = 'env-id';
    process.env.KNOT_SECRET = 'env-secret';
    process.env.KNOT_ENVIRONMENT = 'production';
    process.env.KNOT_LOG = 'off';
    const knot = new KnotClient();
    expect(knot.baseUrl).toBe('https://production.knotapi.com');
    expect(JSON.parse(JSON.stringify(knot))).toMatchObject({ clientId: 'env-id' });
  });

  it('rejects a bad KNOT_LOG from the constructor', () => {
    process.env.KNOT_LOG = 'verbose';
    expect(thrownBy(KnotConfigError, () => new KnotClient(creds)).message).toMatch(/KNOT_LOG/);
  });
});

describe('checkRequestOptions', () => {
  function issues(options: unknown): { path: string; message: string }[] {
    try {
      checkRequestOptions(options as never);
    } catch (error) {
      expect(error).toBeInstanceOf(KnotValidationError);
      expect((error as Error).message).toMatch(/Nothing was sent/);
      return (error as KnotValidationError).issues;
    }
    return [];
  }

  it('accepts undefined, {} and good options', () => {
    expect(issues(undefined)).toEqual([]);
    expect(issues({})).toEqual([]);
    expect(
      issues({ timeoutMs: 5, maxRetries: 0, signal: new AbortController().signal, headers: { 'X-Trace-Id': 'abc', 'idempotency-key': 'k' } }),
    ).toEqual([]);
  });

  it('names each bad option by path', () => {
    const found = issues({ timeoutMs: 0, maxRetries: -1, signal: {}, headers: { 'x-a': 'ok\r\nX-Evil: 1', 'bad name': 'v', 'x-b': 5 } });
    expect(found.map((i) => i.path).sort()).toEqual(['headers.bad name', 'headers.x-a', 'headers.x-b', 'maxRetries', 'signal', 'timeoutMs']);
  });

  it('rejects CR or LF alone in a header value', () => {
    expect(issues({ headers: { 'x-a': 'a\rb' } }).map((i) => i.path)).toEqual(['headers.x-a']);
    expect(issues({ headers: { 'x-a': 'a\nb' } }).map((i) => i.path)).toEqual(['headers.x-a']);
  });

  it('rejects header values undici cannot send', () => {
    expect(issues({ headers: { 'x-a': 'snow☃man' } }).map((i) => i.path)).toEqual(['headers.x-a']);
  });

  it('refuses to let a request replace the Authorization header', () => {
    expect(issues({ headers: { Authorization: 'Basic eA==' } }).map((i) => i.path)).toEqual(['headers.Authorization']);
  });

  it('rejects options that are not an object', () => {
    expect(issues('fast')).toHaveLength(1);
    expect(issues(null)).toHaveLength(1);
  });
});

describe('checkRequestOptions: framing headers and header shapes', () => {
  function paths(options: unknown): string[] {
    try {
      checkRequestOptions(options as never);
    } catch (error) {
      expect(error).toBeInstanceOf(KnotValidationError);
      return (error as KnotValidationError).issues.map((i) => i.path);
    }
    return [];
  }

  it('refuses headers that frame the message', () => {
    expect(paths({ headers: { 'Content-Length': '5', Host: 'evil', 'transfer-encoding': 'chunked' } })).toEqual([
      'headers.Content-Length',
      'headers.Host',
      'headers.transfer-encoding',
    ]);
  });

  it('refuses headers that are not a record', () => {
    expect(paths({ headers: 'x-a: 1' })).toEqual(['headers']);
    expect(paths({ headers: [['x-a', '1']] })).toEqual(['headers']);
    expect(paths({ headers: null })).toEqual(['headers']);
  });

  it('accepts Latin-1 values', () => {
    expect(paths({ headers: { 'x-name': 'café' } })).toEqual([]);
  });
});

describe('limits and shapes of other client options', () => {
  it('rejects timers Node cannot hold (they would fire after 1 ms)', () => {
    for (const extra of [{ timeoutMs: 3e9 }, { maxRetryAfterMs: 3e9 }, { retryBackoff: { maxDelayMs: 3e9 } }]) {
      const err = thrownBy(KnotConfigError, () => resolveConfig({ ...creds, ...extra }, {}));
      expect(err.message).toMatch(/at most 2147483647/);
    }
    expect(resolveConfig({ ...creds, timeoutMs: 2_147_483_647 }, {}).timeoutMs).toBe(2_147_483_647);
  });

  it('rejects a per-request timeoutMs Node cannot hold', () => {
    let error: unknown;
    try {
      checkRequestOptions({ timeoutMs: 3e9 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KnotValidationError);
    expect((error as KnotValidationError).issues.map((i) => i.path)).toEqual(['timeoutMs']);
  });

  it('rejects a logger without the four methods and a dispatcher without dispatch()', () => {
    expect(thrownBy(KnotConfigError, () => resolveConfig({ ...creds, logger: { info: () => {} } as never }, {})).message).toMatch(/logger/);
    expect(thrownBy(KnotConfigError, () => resolveConfig({ ...creds, logger: 'console' as never }, {})).message).toMatch(/logger/);
    expect(thrownBy(KnotConfigError, () => resolveConfig({ ...creds, dispatcher: {} as never }, {})).message).toMatch(/dispatcher/);
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    expect(() => resolveConfig({ ...creds, logger }, {})).not.toThrow();
  });
});
