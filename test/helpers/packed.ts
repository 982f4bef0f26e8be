/**
 * A fresh consumer project with the packed tarball installed, as a user gets it from npm: for the
 * tests that must see exactly what is published (no source files, no devDependencies, msw only
 * when asked for).
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repo = resolve(import.meta.dirname, '../..');

export interface Consumer {
  /** The project folder (holds package.json and node_modules). */
  dir: string;
  /** The temp folder around it, for files that must live outside the project. */
  work: string;
  write(relative: string, text: string): string;
  run(cmd: string, args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): string;
  remove(): void;
}

/** `npm pack`s the repository (build it first) and installs the tarball, plus `extra` packages. */
export function installPacked(extra: string[] = []): Consumer {
  const work = mkdtempSync(join(tmpdir(), 'knot-packed-'));
  const run: Consumer['run'] = (cmd, args, options = {}) =>
    execFileSync(cmd, args, {
      cwd: options.cwd ?? dir,
      env: options.env ?? process.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
  const dir = join(work, 'app');
  mkdirSync(dir);
  run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: repo });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball), ...extra]);
  return {
    dir,
    work,
    run,
    write(relative, text) {
      const path = join(dir, relative);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}

export interface KnotMockProcess {
  /** Everything printed up to "Press Ctrl+C". */
  banner: string;
  /** The `export NAME=value` lines of the banner, as printed. */
  exports: string[];
  stop(): Promise<void>;
}

/** Starts the installed `knot-mock` bin of `consumer` on a free port and waits for its banner. */
export async function startKnotMock(consumer: Consumer, args: string[] = []): Promise<KnotMockProcess> {
  const child = spawn(join(consumer.dir, 'node_modules/.bin/knot-mock'), ['--port', '0', ...args], {
    cwd: consumer.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const banner = await new Promise<string>((done, fail) => {
      let out = '';
      const timer = setTimeout(() => fail(new Error(`knot-mock printed no banner: ${out}`)), 30_000);
      const onData = (chunk: Buffer) => {
        out += chunk;
        if (out.includes('Press Ctrl+C')) {
          clearTimeout(timer);
          done(out);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`knot-mock exited with ${code}: ${out}`));
      });
    });
    const exports = banner.split('\n').filter((line) => /^\s*export KNOT_/.test(line)).map((line) => line.trim());
    return { banner, exports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
