/**
 * Runs a TypeScript script in a child `node --import tsx` process and collects its output. The child
 * must exit by itself (no process.exit in the scripts): one that is still alive after `timeoutMs`
 * is killed and reported as `timedOut`, which is how tests catch leaked sockets and timers.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

export interface RunningChild {
  child: ChildProcess;
  /** Resolves with the first stdout line that satisfies `match`. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  result: Promise<ChildResult>;
  kill(): void;
}

export function startScript(script: string, env: Record<string, string>, timeoutMs: number): RunningChild {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const lineWaiters: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  const seen: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    partial += chunk.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      seen.push(line);
      for (const w of [...lineWaiters]) {
        if (w.match(line)) {
          lineWaiters.splice(lineWaiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const result = new Promise<ChildResult>((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
  return {
    child,
    result,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    waitForLine(match, waitMs) {
      const already = seen.find(match);
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching line within ${waitMs} ms; stderr: ${stderr.slice(-2000)}`)), waitMs);
        lineWaiters.push({
          match,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void result.then(() => {
          clearTimeout(timer);
          reject(new Error(`child exited before a matching line; stderr: ${stderr.slice(-2000)}`));
        });
      });
    },
  };
}

/** The last stdout line that parses as JSON with `type === kind`. */
export function lastJson<T>(stdout: string, kind: string): T | undefined {
  const lines = stdout.split('\n').reverse();
  for (const line of lines) {
    try {
      const value = JSON.parse(line) as { type?: string };
      if (value && value.type === kind) return value as T;
    } catch {
      // not a JSON line
    }
  }
  return undefined;
}
