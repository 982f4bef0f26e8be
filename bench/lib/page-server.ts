/**
 * A minimal POST /transactions/sync server that answers from pre-serialised pages, run in a child
 * process (see `startPageServer`). The CPU benchmark uses it so the SDK and the raw undici loop get
 * byte-identical answers and the server's own work is neither in the client's CPU time nor
 * competing with it inside one event loop.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { buildPages } from './fixtures.js';

export interface PageServer {
  url: string;
  pages: number;
  bytes: number;
  close(): Promise<void>;
}

/** Forks this file as a server child; resolves once it listens. */
export function startPageServer(options: { total: number; limit: number; latencyMs?: number }): Promise<PageServer> {
  const child = fork(fileURLToPath(import.meta.url), [String(options.total), String(options.limit), String(options.latencyMs ?? 0)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`page server exited early (${code})`)));
    child.once('message', (message: { url: string; pages: number; bytes: number }) => {
      child.removeAllListeners('exit');
      resolve({
        ...message,
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill();
          }),
      });
    });
  });
}

function serve(total: number, limit: number, latencyMs: number): void {
  const set = buildPages(total, limit);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let cursor = '';
      try {
        cursor = (JSON.parse(Buffer.concat(chunks).toString()) as { cursor?: string }).cursor ?? '';
      } catch {}
      const body = set.bodies.get(cursor);
      if (!body) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error_type":"INVALID_REQUEST","error_code":"INVALID_CURSOR_FORMAT","error_message":"bad cursor"}');
        return;
      }
      const send = () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        res.end(body);
      };
      if (latencyMs > 0) setTimeout(send, latencyMs);
      else send();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.send?.({ url: `http://127.0.0.1:${port}`, pages: set.pages, bytes: set.bytes });
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  serve(Number(process.argv[2]), Number(process.argv[3]), Number(process.argv[4] ?? 0));
}
