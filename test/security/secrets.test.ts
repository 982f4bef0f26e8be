/**
 * The secret, the Basic header and its base64 never show up anywhere a user could print or ship:
 * error messages, stacks, properties, causes, JSON.stringify / util.inspect (even with showHidden
 * and without custom inspectors) of errors and of the client, or log lines at debug level, even
 * when a hostile or misconfigured server echoes the credentials back in bodies and headers.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnotClient, KnotError } from '../../src/index.js';
import { jsonReply, type RawServer, startRawServer } from '../helpers/raw-server.js';

const CLIENT_ID = 'client_id_visible';
// Characters that JSON, regexes and base64 treat specially, so every escaping path is exercised.
const SECRET = 'sk_live_Zq9"x\\y+/=$.*?(P)4k';
const BASIC = Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64');
const FORMS = [SECRET, BASIC, `Basic ${BASIC}`, JSON.stringify(SECRET).slice(1, -1), 'SUPERSECRET-MARKER'];

function everything(value: unknown): string {
  const parts: string[] = [];
  const add = (fn: () => unknown) => {
    try {
      parts.push(String(fn()));
    } catch (error) {
      parts.push(`(threw ${String(error)})`);
    }
  };
  add(() => inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
  add(() => inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, customInspect: false }));
  add(() => JSON.stringify(value));
  if (value instanceof Error) {
    add(() => value.message);
    add(() => value.stack);
    let cause: unknown = value.cause;
    for (let i = 0; i < 5 && cause !== undefined; i++) {
      add(() => inspect(cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
    for (const key of Object.keys(value)) add(() => inspect((value as unknown as Record<string, unknown>)[key], { depth: 20, showHidden: true }));
    const headers = (value as { headers?: unknown }).headers;
    if (headers instanceof Headers) add(() => JSON.stringify([...headers.entries()]));
  }
  return parts.join('\n');
}

function expectNoSecret(text: string, where: string): void {
  for (const form of FORMS.slice(0, 4)) expect(text.includes(form), `${where} contains ${JSON.stringify(form)}`).toBe(false);
}

describe('secrets never leak', () => {
  let server: RawServer;
  const logs: unknown[][] = [];
  const logger = {
    debug: (...a: unknown[]) => logs.push(a),
    info: (...a: unknown[]) => logs.push(a),
    warn: (...a: unknown[]) => logs.push(a),
    error: (...a: unknown[]) => logs.push(a),
  };
  let knot: KnotClient;

  beforeAll(async () => {
    server = await startRawServer();
    knot = new KnotClient({
      clientId: CLIENT_ID,
      secret: SECRET,
      baseUrl: server.url,
      maxRetries: 1,
      retryBackoff: { initialDelayMs: 1, maxDelayMs: 2 },
      timeoutMs: 300,
      logger,
      logLevel: 'debug',
    });
  });
  afterAll(async () => {
    await knot?.close();
    await server?.close();
  });

  /** What a server sees of the credentials, to be echoed back. */
  const echoed = (auth: string) => `auth=${auth} secret=${SECRET} basic=${BASIC} json=${JSON.stringify({ s: SECRET })}`;

  const scenarios: { name: string; behaviour: Parameters<RawServer['behave']>[0] }[] = [
    {
      name: '4xx JSON error echoing the credentials in every field',
      behaviour: (req, res) =>
        jsonReply(401, { error_type: echoed(String(req.headers.authorization)), error_code: SECRET, error_message: echoed(String(req.headers.authorization)), debug: { headers: req.headers } })(req, res, ''),
    },
    { name: '5xx text body echoing the credentials', behaviour: (req, res) => jsonReply(502, echoed(String(req.headers.authorization)))(req, res, '') },
    { name: '5xx {message} echoing the credentials', behaviour: (req, res) => jsonReply(500, { message: echoed(String(req.headers.authorization)) })(req, res, '') },
    {
      name: '429 echoing the credentials in headers and body',
      behaviour: (req, res) =>
        jsonReply(429, { error_type: 'RATE_LIMIT_ERROR', error_code: 'TOO_MANY_REQUESTS', error_message: echoed(String(req.headers.authorization)) }, {
          'retry-after': '3600',
          'x-echo-authorization': String(req.headers.authorization),
          'x-echo-secret': BASIC,
        })(req, res, ''),
    },
    {
      name: '4xx with the Authorization header echoed as response headers',
      behaviour: (req, res) =>
        jsonReply(400, { error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD', error_message: 'no' }, {
          'x-echo-authorization': String(req.headers.authorization),
          'www-authenticate': `Basic realm="${BASIC}"`,
        })(req, res, ''),
    },
    { name: '2xx body that is not JSON, starting with the credentials', behaviour: (req, res) => jsonReply(200, `${req.headers.authorization} ${SECRET} <html>`)(req, res, '') },
    { name: '2xx JSON of the wrong shape containing the credentials', behaviour: (req, res) => jsonReply(200, { session: { auth: req.headers.authorization, secret: SECRET } })(req, res, '') },
    {
      name: 'connection reset after reading the request',
      behaviour: (req) => req.socket.destroy(),
    },
    { name: 'no answer (timeout)', behaviour: () => {} },
  ];

  for (const scenario of scenarios) {
    it(`${scenario.name}: not in the error, its cause, or the logs`, async () => {
      server.behave(scenario.behaviour);
      logs.length = 0;
      const error = await knot.sessions.extend({ session_id: 's' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KnotError);
      expectNoSecret(everything(error), 'the error');
      expectNoSecret(logs.map((line) => inspect(line, { depth: 20 })).join('\n'), 'the logs');
      // The requests did carry the credentials: the absence above is redaction, not a missing header.
      expect(server.requests.at(-1)?.headers.authorization).toBe(`Basic ${BASIC}`);
    });
  }

  it('debug logs of successful requests carry no credentials, and logging is at debug level', async () => {
    server.behave(jsonReply(200, { session: 'fine' }));
    logs.length = 0;
    await knot.sessions.extend({ session_id: 's' });
    expect(logs.length).toBeGreaterThan(0);
    expectNoSecret(logs.map((line) => inspect(line, { depth: 20 })).join('\n'), 'the logs');
  });

  it('the client itself: JSON.stringify, util.inspect (also without custom inspectors), its resources and keys', () => {
    expectNoSecret(everything(knot), 'the client');
    for (const key of Object.keys(knot)) expectNoSecret(everything((knot as unknown as Record<string, unknown>)[key]), `client.${key}`);
    expectNoSecret(everything(knot.transactions), 'client.transactions');
    const webhooks = (knot as unknown as { webhooks?: unknown }).webhooks;
    if (webhooks !== undefined) expectNoSecret(everything(webhooks), 'client.webhooks');
  });

  it('bad options and params never echo the secret', () => {
    const attempts: (() => unknown)[] = [
      () => new KnotClient({ clientId: CLIENT_ID, secret: `${SECRET}\r\n`, baseUrl: server.url }),
      () => new KnotClient({ clientId: `${CLIENT_ID}:x`, secret: SECRET, baseUrl: server.url }),
      () => new KnotClient({ clientId: CLIENT_ID, secret: SECRET, baseUrl: `http://${CLIENT_ID}:${encodeURIComponent(SECRET)}@127.0.0.1:1` }),
      () => new KnotClient({ clientId: CLIENT_ID, secret: SECRET, baseUrl: `http://evil.example/?k=${encodeURIComponent(SECRET)}` }),
    ];
    for (const attempt of attempts) {
      let thrown: unknown;
      try {
        attempt();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(KnotError);
      expectNoSecret(everything(thrown), 'a config error');
      expect(everything(thrown).includes(encodeURIComponent(SECRET))).toBe(false);
    }
  });
});
