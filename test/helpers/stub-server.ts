import { createServer as createHttpServer } from 'node:http';
import { createServer } from '@mswjs/http-middleware';
import type { RequestHandler } from 'msw';
import { listenOnLoopback } from './loopback.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface StubServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Serves scenario-specific msw handlers on 127.0.0.1 (a real socket: undici bypasses msw's
 * interceptors) and records each request. For whole-API behaviour use the fake in src/testing.
 */
export async function serveStubs(...handlers: RequestHandler[]): Promise<StubServer> {
  const requests: RecordedRequest[] = [];
  // http-middleware is CJS and sees msw's CJS typings; ours are msw's ESM typings of the same classes.
  const app = createServer(...(handlers as unknown as Parameters<typeof createServer>));
  const server = createHttpServer(app);
  const { url, close } = await listenOnLoopback(server);
  server.on('request', (req) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    const entry: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: undefined,
    };
    requests.push(entry);
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        entry.body = text ? JSON.parse(text) : undefined;
      } catch {
        entry.body = text;
      }
    });
  });
  return { url, requests, close };
}
