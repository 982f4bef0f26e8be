/**
 * Serves the fake's msw handlers on a real socket (127.0.0.1): IncomingMessage → Fetch Request →
 * msw `getResponse` → ServerResponse. A network-error response (an injected reset) destroys the
 * socket without answering. `close()` also ends keep-alive and in-flight connections.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'msw';
import { isNetworkError, respond } from './respond.js';

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
    for await (const chunk of req) chunks.push(chunk as Buffer);
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

export async function serve(handlers: () => RequestHandler[], options: ListenOptions = {}): Promise<RunningServer> {
  let origin = 'http://127.0.0.1';
  const server = createServer((req, res) => {
    // The client hung up before the answer: let a handler sleeping on injected latency stop early.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    void (async () => {
      try {
        const response = await respond(handlers(), await toRequest(req, origin, gone.signal));
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
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: origin,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
