/**
 * The fake Knot API (`knotapi-node/testing`) in a child process, for the benchmarks that must run
 * against it: its CPU and memory stay out of the measured process. Driven over IPC: set up
 * accounts, set latency, read and reset the server-observed stats.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CREDENTIALS } from './sdk.js';

export interface AccountSpec {
  external_user_id: string;
  merchant_id: number;
  count: number;
}

type Command =
  | { cmd: 'setup'; accounts: AccountSpec[]; latencyMs: number }
  | { cmd: 'latency'; latencyMs: number }
  | { cmd: 'stats' }
  | { cmd: 'resetStats' };

export interface FakeServer {
  url: string;
  setup(accounts: AccountSpec[], latencyMs?: number): Promise<void>;
  setLatency(latencyMs: number): Promise<void>;
  stats(): Promise<{ requests: number; inFlight: number; peakInFlight: number }>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeServer(): Promise<FakeServer> {
  const child = fork(fileURLToPath(import.meta.url), ['--child'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env },
  });
  let pending: ((value: unknown) => void) | undefined;
  let failed: ((error: Error) => void) | undefined;
  child.on('message', (message) => {
    const resolve = pending;
    pending = undefined;
    resolve?.(message);
  });
  child.once('exit', (code) => failed?.(new Error(`fake server exited (${code})`)));
  // One command at a time: the benchmarks drive it sequentially.
  const call = (command: Command | { cmd: 'hello' }) =>
    new Promise<any>((resolve, reject) => {
      pending = resolve;
      failed = reject;
      if (command.cmd !== 'hello') child.send(command);
    });
  const { url } = (await call({ cmd: 'hello' })) as { url: string };
  return {
    url,
    setup: async (accounts, latencyMs = 0) => void (await call({ cmd: 'setup', accounts, latencyMs })),
    setLatency: async (latencyMs) => void (await call({ cmd: 'latency', latencyMs })),
    stats: () => call({ cmd: 'stats' }),
    resetStats: async () => void (await call({ cmd: 'resetStats' })),
    close: () =>
      new Promise<void>((done) => {
        failed = undefined;
        child.once('exit', () => done());
        child.kill();
      }),
  };
}

async function serveChild(): Promise<void> {
  const testing =
    process.env.BENCH_SDK === 'src'
      ? ((await import('../../src/testing.js')) as typeof import('../../src/testing.js'))
      : ((await import('../../dist/testing.js' as string)) as typeof import('../../src/testing.js'));
  const mock = testing.createMockKnot({ ...CREDENTIALS, seed: 7 });
  const server = await mock.listen();
  process.on('message', async (message: Command) => {
    switch (message.cmd) {
      case 'setup':
        for (const { count, ...ref } of message.accounts) {
          await mock.linkAccount(ref);
          if (count > 0) mock.addTransactions({ ...ref, count, notify: false });
        }
        mock.faults.set({ latencyMs: message.latencyMs });
        process.send!({ ok: true });
        break;
      case 'latency':
        mock.faults.set({ latencyMs: message.latencyMs });
        process.send!({ ok: true });
        break;
      case 'stats':
        process.send!({ ...mock.stats });
        break;
      case 'resetStats':
        mock.resetStats();
        process.send!({ ok: true });
        break;
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send!({ url: server.url });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--child') await serveChild();
