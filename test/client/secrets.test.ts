import { createServer } from 'node:http';
import { inspect } from 'node:util';
import { delay, HttpResponse, http, type RequestHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  KnotAbortError,
  KnotAuthenticationError,
  KnotClient,
  type KnotClientOptions,
  KnotConfigError,
  KnotConnectionError,
  KnotError,
  KnotRateLimitError,
  KnotResponseValidationError,
  KnotServerError,
  KnotTimeoutError,
  KnotValidationError,
  type Logger,
} from '../../src/index.js';
import { listenOnLoopback } from '../helpers/loopback.js';
import { stubClients } from '../helpers/stub-client.js';

const CLIENT_ID = 'client_id_visible';
const SECRET = 'sk_secret_must_never_leak_7f3a';
const B64 = Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64');
const BASIC = `Basic ${B64}`;
const FORBIDDEN = [SECRET, B64, BASIC];

const stubs = stubClients({ clientId: CLIENT_ID, secret: SECRET, logLevel: 'debug', retryBackoff: { initialDelayMs: 1, maxDelayMs: 5 } });

function capturingLogger() {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      lines.push(`${level} ${args.map((a) => (typeof a === 'string' ? a : inspect(a, { showHidden: true, depth: null }))).join(' ')}`);
  const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  return { logger, lines };
}

async function clientFor(handlers: RequestHandler[], options: KnotClientOptions = {}) {
  const log = capturingLogger();
  return { ...(await stubs.clientFor(handlers, { logger: log.logger, ...options })), lines: log.lines };
}

/** Every string reachable through own properties (enumerable or not, string or symbol keys). */
function reachableStrings(root: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value === 'string') return void out.push(value);
    if (typeof value === 'symbol') return void out.push(String(value.description));
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value) || depth > 12) return;
    seen.add(value);
    if (value instanceof Headers) {
      for (const [k, v] of value) out.push(k, v);
    }
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'string') out.push(key);
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) visit(descriptor.value, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

function expectNoSecret(what: string, text: string) {
  for (const secret of FORBIDDEN) expect(text.includes(secret), `${what} contains a secret: ${text.slice(0, 300)}`).toBe(false);
}

function expectErrorClean(error: unknown) {
  expect(error).toBeInstanceOf(KnotError);
  const e = error as Error;
  expectNoSecret('message', e.message);
  expectNoSecret('stack', e.stack ?? '');
  expectNoSecret('String()', String(e));
  expectNoSecret('own properties', reachableStrings(e).join('\n'));
  expectNoSecret('inspect', inspect(e, { showHidden: true, depth: null }));
  expectNoSecret('JSON', JSON.stringify(e) ?? '');
}

describe('the client object', () => {
  it('shows no secret through inspect, JSON or its properties', async () => {
    const { stub, knot } = await clientFor([http.post('*/session/extend', () => HttpResponse.json({ session: 's' }))]);
    await knot.sessions.extend({ session_id: 's' });
    for (const target of [knot, knot.sessions, knot.transactions, knot.development, knot.webhooks]) {
      expectNoSecret('inspect', inspect(target, { showHidden: true, depth: null }));
      expectNoSecret('inspect', inspect(target));
      expectNoSecret('JSON', JSON.stringify(target) ?? '');
      expectNoSecret('properties', reachableStrings(target).join('\n'));
    }
    expect(JSON.parse(JSON.stringify(knot))).toEqual({ baseUrl: stub.url, clientId: CLIENT_ID, knotVersion: '2.0' });
    expect(`${inspect(knot)}`).toContain(CLIENT_ID);
  });

  it('even when the secret comes from KNOT_SECRET', () => {
    const saved = process.env.KNOT_SECRET;
    process.env.KNOT_SECRET = SECRET;
    try {
      const client = new KnotClient({ clientId: CLIENT_ID, logLevel: 'off' });
      expectNoSecret('inspect', inspect(client, { showHidden: true, depth: null }));
      expectNoSecret('JSON', JSON.stringify(client));
    } finally {
      if (saved === undefined) delete process.env.KNOT_SECRET;
      else process.env.KNOT_SECRET = saved;
    }
  });
});

describe('errors and log lines carry no secret', () => {
  it('a success, logged at debug', async () => {
    const { knot, lines } = await clientFor([http.post('*/session/extend', () => HttpResponse.json({ session: 's' }))]);
    await knot.sessions.extend({ session_id: 's' });
    expect(lines.length).toBeGreaterThan(0);
    expectNoSecret('log', lines.join('\n'));
  });

  it('a retry then success, logged', async () => {
    let n = 0;
    const { knot, lines } = await clientFor([
      http.post('*/session/extend', () => (++n === 1 ? HttpResponse.json({ message: 'Server Error' }, { status: 503 }) : HttpResponse.json({ session: 's' }))),
    ]);
    await knot.sessions.extend({ session_id: 's' });
    expect(lines.some((l) => /retrying/.test(l))).toBe(true);
    expectNoSecret('log', lines.join('\n'));
  });

  it('a 401 (KnotAuthenticationError)', async () => {
    const { knot, lines } = await clientFor([
      http.post('*/session/extend', () =>
        HttpResponse.json(
          { error_type: 'INVALID_INPUT', error_code: 'INVALID_API_KEYS', error_message: 'Invalid client_id or secret provided.' },
          { status: 401 },
        ),
      ),
    ]);
    const error = await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotAuthenticationError);
    expectErrorClean(error);
    expectNoSecret('log', lines.join('\n'));
  });

  it('an error body that echoes the credentials back (a misbehaving proxy) is scrubbed', async () => {
    const { knot, lines } = await clientFor([
      http.post('*/session/extend', ({ request }) =>
        HttpResponse.json(
          { error_type: 'INVALID_INPUT', error_code: 'INVALID_API_KEYS', error_message: `Bad header: ${request.headers.get('authorization')}` },
          { status: 401 },
        ),
      ),
      http.post('*/session/create', ({ request }) => new HttpResponse(`oops ${request.headers.get('authorization')}`, { status: 502 })),
      http.post('*/merchant/list', ({ request }) => new HttpResponse(`${request.headers.get('authorization')} is not JSON`, { status: 200 })),
    ]);
    const echoed = (await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e)) as KnotAuthenticationError;
    expect(echoed).toBeInstanceOf(KnotAuthenticationError);
    expect(echoed.errorCode).toBe('INVALID_API_KEYS');
    expect(echoed.errorMessage).toMatch(/^Bad header: /);
    expectErrorClean(echoed);
    const text = await knot.sessions.create({ type: 'link', external_user_id: 'u' }, { maxRetries: 0 }).catch((e: unknown) => e);
    expect(text).toBeInstanceOf(KnotServerError);
    expectErrorClean(text);
    const notJson = await knot.merchants.list({ type: 'transaction_link' }).catch((e: unknown) => e);
    expect(notJson).toBeInstanceOf(KnotResponseValidationError);
    expectErrorClean(notJson);
    expectNoSecret('log', lines.join('\n'));
  });

  it('a 5xx after retries (KnotServerError)', async () => {
    const { knot, lines } = await clientFor([http.post('*/session/extend', () => HttpResponse.json({ message: 'Server Error' }, { status: 500 }))]);
    const error = await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotServerError);
    expectErrorClean(error);
    expect(lines.filter((l) => /retrying/.test(l))).toHaveLength(2);
    expectNoSecret('log', lines.join('\n'));
  });

  it('a timeout (KnotTimeoutError) with its cause', async () => {
    const { knot, lines } = await clientFor(
      [
        http.post('*/session/extend', async () => {
          await delay(1_000);
          return HttpResponse.json({ session: 's' });
        }),
      ],
      { timeoutMs: 50, maxRetries: 1 },
    );
    const error = await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotTimeoutError);
    expectErrorClean(error);
    expectNoSecret('log', lines.join('\n'));
  });

  it('an abort (KnotAbortError)', async () => {
    const { knot } = await clientFor([
      http.post('*/session/extend', async () => {
        await delay(1_000);
        return HttpResponse.json({ session: 's' });
      }),
    ]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await knot.sessions.extend({ session_id: 's' }, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotAbortError);
    expectErrorClean(error);
  });

  it('a reset connection (KnotConnectionError) with its undici cause', async () => {
    const raw = stubs.closeAfterTest(await listenOnLoopback(createServer((req) => req.socket.destroy())));
    const log = capturingLogger();
    const knot = stubs.clientAt(raw.url, { logger: log.logger });
    const error = await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotConnectionError);
    expect((error as Error).cause).toBeDefined();
    expectErrorClean(error);
    expectNoSecret('log', log.lines.join('\n'));
  });

  it('a refused refresh (KnotRateLimitError), sent and remembered', async () => {
    const { knot } = await clientFor([http.post('*/transactions/refresh', () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '3600' } }))]);
    const first = await knot.transactions.refresh({ merchant_id: 1, external_user_id: 'u' }).catch((e: unknown) => e);
    const second = await knot.transactions.refresh({ merchant_id: 1, external_user_id: 'u' }).catch((e: unknown) => e);
    for (const error of [first, second]) {
      expect(error).toBeInstanceOf(KnotRateLimitError);
      expectErrorClean(error);
    }
  });

  it('a bad response (KnotResponseValidationError), bad params (KnotValidationError), production refusal (KnotConfigError)', async () => {
    const { knot } = await clientFor([http.post('*/session/extend', () => new HttpResponse('not json'))]);
    const bad = await knot.sessions.extend({ session_id: 's' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(KnotResponseValidationError);
    expectErrorClean(bad);
    const params = await knot.sessions.extend({ session_id: '' }, { headers: { authorization: BASIC } }).catch((e: unknown) => e);
    expect(params).toBeInstanceOf(KnotValidationError);
    expectErrorClean(params);
    const prod = new KnotClient({ clientId: CLIENT_ID, secret: SECRET, environment: 'production', logLevel: 'off' });
    const refused = await prod.development.disconnectAccount({ external_user_id: 'u', merchant_id: 1 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KnotConfigError);
    expectErrorClean(refused);
  });

  it('a config error for a bad secret', () => {
    let error: unknown;
    try {
      new KnotClient({ clientId: CLIENT_ID, secret: `${SECRET}\r\n` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KnotConfigError);
    expectErrorClean(error);
  });
});
