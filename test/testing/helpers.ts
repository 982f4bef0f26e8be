import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Dispatcher, request } from 'undici';
import type { MockKnot } from '../../src/testing.js';

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export interface Api {
  call(method: 'GET' | 'POST', path: string, body?: unknown, options?: { auth?: string | null }): Promise<ApiResponse>;
  get(path: string): Promise<ApiResponse>;
  post(path: string, body?: unknown): Promise<ApiResponse>;
}

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** A tiny client over undici: through a real socket (`base` = server URL) or the mock's dispatcher. */
export function apiClient(mock: MockKnot, base: string, dispatcher?: Dispatcher): Api {
  const call: Api['call'] = async (method, path, body, options = {}) => {
    const auth = options.auth === undefined ? basic(mock.clientId, mock.secret) : options.auth;
    const headers: Record<string, string> = { 'knot-version': '2.0' };
    if (auth !== null) headers.authorization = auth;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await request(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      ...(dispatcher ? { dispatcher } : {}),
    });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: res.headers, text, json };
  };
  return { call, get: (path) => call('GET', path), post: (path, body) => call('POST', path, body ?? {}) };
}

/** The two socket-free/socket transports every API test runs over. */
export type Transport = 'server' | 'dispatcher';

export async function connect(mock: MockKnot, transport: Transport): Promise<{ api: Api; close: () => Promise<void> }> {
  if (transport === 'dispatcher') return { api: apiClient(mock, 'http://knot.invalid', mock.dispatcher), close: async () => {} };
  const server = await mock.listen();
  return { api: apiClient(mock, server.url), close: server.close };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status codes to answer, in order; 200 once exhausted. `'hang'` never answers. */
  script: Array<number | 'hang'>;
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that records raw bodies and headers. */
export async function startReceiver(script: Array<number | 'hang'> = []): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const next = receiver.script.shift() ?? 200;
      if (next === 'hang') return;
      res.writeHead(next).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return receiver;
}

/** A clock tests move by hand. */
export function fakeClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}
