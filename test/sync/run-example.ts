/** Runs examples/sync-to-postgres.ts in a child process (tsx), optionally SIGKILLing it mid-sync. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const EXAMPLE = fileURLToPath(new URL('../../examples/sync-to-postgres.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const children = new Set<ChildProcess>();

/**
 * Runs the example. With `kill`, SIGKILLs it `kill.delayMs` ms after its `kill.afterLines`-th checkpoint
 * line. Resolves once the process has exited (PGlite must never have two writers).
 */
export function runExample(env: Record<string, string>, kill?: { afterLines: number; delayMs: number }): Promise<Outcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', EXAMPLE], {
    cwd: ROOT,
    env: { ...process.env, KNOT_LOG: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  let lines = 0;
  let timer: NodeJS.Timeout | undefined;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    lines += chunk.split('\n').filter((l) => l.startsWith('checkpoint:')).length;
    if (kill && lines >= kill.afterLines && timer === undefined) {
      timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** For afterAll: no child outlives the test file. */
export function killAllExamples(): void {
  for (const child of children) child.kill('SIGKILL');
}
