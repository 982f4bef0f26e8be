/**
 * A real redis-server for tests: on 127.0.0.1, a free port, no persistence, in a temp dir, always
 * stopped by the caller (`await redis.stop()` in afterAll/finally). When REDIS_URL is set, that
 * server is used instead and `stop()` leaves it alone.
 *
 * A missing binary is a failure with an install hint, never a skip: CI (.ci/run) installs it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisHandle {
  host: string;
  port: number;
  url: string;
  /** True when this helper started the server (so `kill()` is possible). */
  owned: boolean;
  /** Stops the server this helper started (SIGKILL after 5 s); no-op for REDIS_URL. */
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'redis-server is not installed. Install it with `apt-get update && apt-get install -y --no-install-recommends redis-server` ' +
  '(.ci/run does this), or set REDIS_URL=redis://127.0.0.1:<port> to use a running server.';

/** A port nobody listens on right now (the kernel picked it and we closed it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One PING over a raw socket: true on +PONG within `timeoutMs`. */
export function ping(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let data = '';
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      if (data.includes('\r\n')) done(data.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

export function redisServerInstalled(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.status === 0;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a dedicated redis-server (ignores REDIS_URL): for tests that must kill it. */
export async function startOwnRedis(atPort?: number): Promise<RedisHandle & { kill(): Promise<void> }> {
  if (!redisServerInstalled()) throw new Error(INSTALL_HINT);
  const port = atPort ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'knot-redis-'));
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await ping('127.0.0.1', port, 200))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not start on 127.0.0.1:${port} within 10 s: ${stderr.trim() || `exit ${child.exitCode}`}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host: '127.0.0.1',
    port,
    url: `redis://127.0.0.1:${port}`,
    owned: true,
    stop,
    // Kills the server but keeps the temp dir until stop(): simulates a crash.
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/** REDIS_URL if set (must answer PING), else a fresh server of our own. */
export async function startRedis(): Promise<RedisHandle> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    const url = new URL(fromEnv);
    const host = url.hostname || '127.0.0.1';
    const port = Number(url.port || 6379);
    if (!(await ping(host, port, 2_000))) throw new Error(`REDIS_URL=${fromEnv} does not answer PING.`);
    return { host, port, url: fromEnv, owned: false, stop: async () => {} };
  }
  return startOwnRedis();
}
