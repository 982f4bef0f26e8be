import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'undici';
import { afterEach, expect, it } from 'vitest';
import { basic, startReceiver } from './helpers.js';

let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  child = undefined;
});

/** Starts the CLI with tsx and resolves with everything printed once the URL line appears. */
function startCli(args: string[]): Promise<{ url: string; output: () => string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/testing/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, output: () => output });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}:\n${output}`));
    });
  });
}

it('serves the fake, prints URL and credentials, sends webhooks and stops on SIGTERM', async () => {
  const receiver = await startReceiver();
  try {
    const cli = await startCli(['--port', '0', '--client-id', 'cli_id', '--secret', 'cli_secret', '--seed', '3', '--webhook-url', receiver.url]);
    expect(cli.output()).toContain('cli_id');
    expect(cli.output()).toContain('cli_secret');
    const res = await request(`${cli.url}/development/accounts/link`, {
      method: 'POST',
      headers: { authorization: basic('cli_id', 'cli_secret'), 'content-type': 'application/json' },
      body: JSON.stringify({ external_user_id: 'cli-user', merchant_id: 19, transactions: { new: true } }),
    });
    expect(res.statusCode).toBe(200);
    await res.body.text();
    const sync = await request(`${cli.url}/transactions/sync`, {
      method: 'POST',
      headers: { authorization: basic('cli_id', 'cli_secret'), 'content-type': 'application/json' },
      body: JSON.stringify({ external_user_id: 'cli-user', merchant_id: 19, limit: 100 }),
    });
    expect(((await sync.body.json()) as { transactions: unknown[] }).transactions).toHaveLength(100);
    for (let i = 0; i < 100 && receiver.received.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received.map((r) => JSON.parse(r.body).event)).toEqual(['AUTHENTICATED', 'NEW_TRANSACTIONS_AVAILABLE']);

    child!.kill('SIGTERM');
    const [code] = await once(child!, 'exit');
    expect(code).toBe(0);
    await expect(request(`${cli.url}/merchant/list`, { method: 'POST', body: '{}' })).rejects.toThrow();
  } finally {
    await receiver.close();
  }
});

it('rejects bad arguments with a usage message and exit code 2', async () => {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/testing/cli.ts', '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const [code] = await once(proc, 'exit');
  expect(code).toBe(2);
  expect(stderr).toContain('--port must be a non-negative integer');
  expect(stderr).toContain('Usage: knot-mock');
});
