/**
 * A Redis for examples/guides/scaling.ts: REDIS_URL when set; else a throwaway redis-server on a
 * free 127.0.0.1 port when the binary is installed (CI installs it); else `null`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

export interface Redis {
  host: string;
  port: number;
  stop(): Promise<void>;
}

export async function redis(): Promise<Redis | null> {
  if (process.env.REDIS_URL) {
    const url = new URL(process.env.REDIS_URL);
    return { host: url.hostname, port: Number(url.port || 6379), stop: async () => {} };
  }
  if (spawnSync('redis-server', ['--version']).status !== 0) return null;
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 100 && !(await ping(port)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!(await ping(port))) {
    await stop();
    throw new Error(`redis-server did not answer on port ${port}`);
  }
  return { host: '127.0.0.1', port, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
    socket.once('error', () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}
