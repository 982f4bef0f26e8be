/**
 * A node:http server on 127.0.0.1 whose behaviour each test sets, recording the raw request line
 * and headers exactly as they arrived (no msw, no URL normalisation in between).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback.js';

export interface RawRequest {
  method: string;
  /** The request target exactly as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  rawHeaders: string[];
  body: string;
}

export type Behaviour = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface RawServer {
  url: string;
  requests: RawRequest[];
  behave(fn: Behaviour): void;
  close(): Promise<void>;
}

export const jsonReply =
  (status: number, payload: unknown, headers: Record<string, string> = {}): Behaviour =>
  (_req, res) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
  };

export async function startRawServer(): Promise<RawServer> {
  const requests: RawRequest[] = [];
  let behaviour: Behaviour = jsonReply(200, { session: 'ok' });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, body });
      behaviour(req, res, body);
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    requests,
    behave(fn) {
      behaviour = fn;
    },
    close,
  };
}
