/**
 * Serves the fake's app (app.ts) on a real socket (127.0.0.1): IncomingMessage → Fetch Request →
 * app → ServerResponse. A network-error response (an injected reset) destroys the
 * socket without answering. `close()` also ends keep-alive and in-flight connections.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KnotApp } from './app.js';
import { isNetworkError } from './connection-reset.js';

/**
 * Options of `mock.listen()`.
 *
 * @example
 * ```ts
 * const server = await mock.listen({ port: 4010 });
 * ```
 */
export interface ListenOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash): use it as the client's `baseUrl`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch (error) {
      // The client hung up mid-body: still hand the request on (aborted), so that mock.requests
      // shows it, unanswered, like any request abandoned while the fake was working on it.
      if (!signal.aborted && !req.destroyed) throw error;
    }
    body = Buffer.concat(chunks);
  }
  return new Request(new URL(req.url ?? '/', origin), { method, headers, body, signal });
}

async function writeResponse(response: Response, res: ServerResponse, method: string): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    const previous = headers[name];
    headers[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  });
  const body = method === 'HEAD' || !response.body ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
  if (headers['content-length'] === undefined) headers['content-length'] = String(body.length);
  res.writeHead(response.status, response.statusText, headers);
  res.end(body);
}

/**
 * Pure: `options.port` checked before Node sees it, so `listen({ port: -1 })` says what is wrong in
 * the kit's words instead of Node's `ERR_SOCKET_BAD_PORT`.
 */
export function listenPort(options: ListenOptions): number {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`mock.listen(): port must be an integer from 0 to 65535 (0 picks a free port), got ${String(port)}.`);
  }
  return port;
}

/** Node's listen error, with a message that names the port and what to do. */
function listenError(error: NodeJS.ErrnoException, port: number): Error {
  const reason =
    error.code === 'EADDRINUSE'
      ? `port ${port} on 127.0.0.1 is already in use; pick another port, or 0 for any free one`
      : error.code === 'EACCES'
        ? `no permission to listen on port ${port}; use a port above 1023, or 0 for any free one`
        : error.message;
  return Object.assign(new Error(`mock.listen(): ${reason} (${error.code ?? 'listen failed'}).`, { cause: error }), { code: error.code });
}

export async function serve(app: KnotApp, options: ListenOptions = {}): Promise<RunningServer> {
  const port = listenPort(options);
  let origin = 'http://127.0.0.1';
  const server = createServer((req, res) => {
    // The client hung up before the answer: let a handler sleeping on injected latency stop early.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    void (async () => {
      let request: Request;
      try {
        request = await toRequest(req, origin, gone.signal);
      } catch {
        // A request Node parsed but Fetch rejects (e.g. a URL it cannot represent): the client's fault.
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Bad Request' }));
        return;
      }
      try {
        const response = await app(request);
        if (isNetworkError(response)) {
          req.socket.destroy();
          return;
        }
        await writeResponse(response, res, req.method ?? 'GET');
      } catch {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Server Error' }));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, port)));
    server.listen(port, '127.0.0.1', () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url: origin,
    port: address.port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
