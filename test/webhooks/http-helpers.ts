/** A tiny HTTP client and server harness for the handler tests (127.0.0.1, port 0, bounded waits). */

import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { within } from './fixtures.js';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/** Starts `server` on 127.0.0.1 with a random port; returns its port. */
export async function listen(server: Server): Promise<number> {
  await within(
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    }),
    5_000,
    'listen',
  );
  return (server.address() as AddressInfo).port;
}

/** Closes a server and every connection it still holds. */
export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await within(new Promise<void>((resolve) => server.close(() => resolve())), 5_000, 'server close');
}

/** A node:http server around a request handler. */
export function httpServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Server {
  return createServer(handler);
}

function collect(res: IncomingMessage): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', reject);
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
    });
  });
}

/** One request with a complete body. `agent: false`: a fresh connection per request. */
export function send(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string | number>; body?: string | Buffer },
): Promise<Reply> {
  const promise = new Promise<Reply>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/webhooks', headers: options.headers, agent: false },
      (res) => collect(res).then(resolve, reject),
    );
    req.on('error', reject);
    req.end(options.body);
  });
  return within(promise, 10_000, `${options.method ?? 'POST'} ${options.path ?? '/webhooks'}`);
}

export type PartialOutcome = { kind: 'reply'; reply: Reply } | { kind: 'cut'; error: NodeJS.ErrnoException | null };

/**
 * Sends the headers and `first` bytes, then writes `more` (if any) without ending the request.
 * Resolves with the reply, or 'cut' when the server closes the connection without one.
 */
export function sendPartial(
  port: number,
  options: { headers: Record<string, string | number>; first: Buffer | string; more?: () => Iterable<Buffer> },
): Promise<PartialOutcome> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: PartialOutcome) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve(outcome);
    };
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/webhooks', headers: options.headers, agent: false },
      (res) => collect(res).then((reply) => finish({ kind: 'reply', reply }), (error) => finish({ kind: 'cut', error })),
    );
    req.on('error', (error) => finish({ kind: 'cut', error }));
    req.on('close', () => setTimeout(() => finish({ kind: 'cut', error: null }), 50));
    req.write(options.first);
    if (options.more) {
      for (const chunk of options.more()) {
        if (done) break;
        req.write(chunk);
      }
    }
  });
}
