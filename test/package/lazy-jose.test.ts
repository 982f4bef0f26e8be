/**
 * jose is loaded by the first card call, never at import, and from the CommonJS build too (jose is
 * ESM-only): in separate Node processes, on built output.
 *
 * The main entry is checked as `npm run build` left it in dist/ (knot.cards loads jose at its first
 * card call); the card JWE module alone is also built here with the package's own tsup config.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as jose from 'jose';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tsupConfig from '../../tsup.config.js';

const repo = resolve(import.meta.dirname, '../..');
let work: string;

function node(args: string[], cwd: string): string {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } });
}

/** Node's resolve hook, off-thread: any attempt to resolve jose fails loudly. */
const REFUSE_JOSE_HOOKS = `export async function resolve(specifier, context, next) {
  if (specifier === 'jose' || specifier.startsWith('jose/')) throw new Error('JOSE-RESOLVED');
  return next(specifier, context);
}`;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'knot-lazy-jose-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the main entry (dist/)', () => {
  it('does not resolve jose when imported as ESM, nor when a client is made', () => {
    const dir = join(work, 'esm-main');
    mkdirSync(dir);
    node(['-e', `require('fs').writeFileSync('hooks.mjs', ${JSON.stringify(REFUSE_JOSE_HOOKS)})`], dir);
    const program = `
      import { register } from 'node:module';
      register(${JSON.stringify(new URL('hooks.mjs', `file://${dir}/`).href)});
      const { KnotClient, parseWebhook } = await import(${JSON.stringify(join(repo, 'dist/index.js'))});
      const knot = new KnotClient({ clientId: 'a', secret: 'b', baseUrl: 'http://127.0.0.1:9' });
      await knot.close();
      // The hook is live: resolving jose now fails.
      const probe = await import('jose').then(() => 'loaded', (e) => e.message);
      console.log(JSON.stringify({ ok: typeof parseWebhook, probe }));`;
    const out = node(['--input-type=module', '-e', program], dir);
    expect(JSON.parse(out)).toEqual({ ok: 'function', probe: expect.stringContaining('JOSE-RESOLVED') });
  });

  it('does not resolve jose for TransactionLink requests; the first card call is what needs it', async () => {
    const dir = join(work, 'esm-requests');
    mkdirSync(dir);
    node(['-e', `require('fs').writeFileSync('hooks.mjs', ${JSON.stringify(REFUSE_JOSE_HOOKS)})`], dir);
    const { publicKey } = await jose.generateKeyPair('RSA-OAEP-256', { extractable: true });
    const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'k1', alg: 'RSA-OAEP-256' };
    const card = {
      task_id: 1,
      user: {
        name: { first_name: 'Ada', last_name: 'Lovelace' },
        address: { street: '100 Main Street', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
        phone_number: '+11234567890',
      },
      card: { number: '4242424242424242', expiration: '08/2030', cvv: '012' },
    };
    const program = `
      import { register } from 'node:module';
      import { createServer } from 'node:http';
      register(${JSON.stringify(new URL('hooks.mjs', `file://${dir}/`).href)});
      const answers = { '/merchant/list': [], '/jwe/key': ${JSON.stringify(jwk)}, '/card': { message: 'Success' } };
      const server = createServer((req, res) => {
        req.resume();
        req.on('end', () => res.setHeader('content-type', 'application/json').end(JSON.stringify(answers[req.url])));
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { KnotClient } = await import(${JSON.stringify(join(repo, 'dist/index.js'))});
      const knot = new KnotClient({ clientId: 'a', secret: 'b', baseUrl: 'http://127.0.0.1:' + server.address().port, maxRetries: 0 });
      const merchants = await knot.merchants.list({ type: 'transaction_link' });
      const cardCall = await knot.cards.switch(${JSON.stringify(card)}).then(() => 'sent', (e) => e.name + ': ' + e.message);
      await knot.close();
      server.close();
      console.log(JSON.stringify({ merchants, cardCall }));`;
    const out = JSON.parse(node(['--input-type=module', '-e', program], dir));
    expect(out.merchants).toEqual([]);
    expect(out.cardCall).toMatch(/^KnotConfigError: Encrypting card data needs the "jose" package/);
  });

  it('does not load jose when required as CommonJS', () => {
    const out = node(
      ['-e', `require(${JSON.stringify(join(repo, 'dist/index.cjs'))}); console.log(JSON.stringify(Object.keys(require.cache).filter((p) => /[\\\\/]jose[\\\\/]/.test(p))))`],
      work,
    );
    expect(JSON.parse(out)).toEqual([]);
  });
});

describe('the card JWE module, built with the package tsup config', () => {
  const PAN = '4242424242424242';
  const payload = {
    user: {
      name: { first_name: 'Ada', last_name: 'Lovelace' },
      address: { street: '100 Main Street', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
      phone_number: '+11234567890',
    },
    card: { number: PAN, expiration: '08/2030', cvv: '012' },
  };
  let out: string;
  let bare: string;
  let key: { jwk: Record<string, unknown>; privateKey: Awaited<ReturnType<typeof jose.generateKeyPair>>['privateKey'] };

  beforeAll(async () => {
    out = join(work, 'with-jose');
    bare = join(work, 'no-jose');
    const config = tsupConfig as Exclude<typeof tsupConfig, unknown[] | ((...args: never[]) => unknown)>;
    await build({ ...config, config: false, entry: { 'card-jwe': join(repo, 'src/cards/jwe.ts') }, outDir: join(out, 'dist'), dts: false, silent: true });
    cpSync(join(out, 'dist'), join(bare, 'dist'), { recursive: true });
    mkdirSync(join(out, 'node_modules'));
    symlinkSync(join(repo, 'node_modules/jose'), join(out, 'node_modules/jose'), 'dir');
    const { publicKey, privateKey } = await jose.generateKeyPair('RSA-OAEP-256', { extractable: true });
    key = { jwk: { ...(await jose.exportJWK(publicKey)), kid: 'k1', alg: 'RSA-OAEP-256' }, privateKey };
  }, 60_000);

  /** Encrypts `payload` in a child process from the built `file`, with Node's require(esm) switched off. */
  function encryptIn(cwd: string, file: string): { requiredAtLoad: string[]; jwe?: string; error?: { name: string; message: string } } {
    const program = `
      const { encryptCardPayload } = require(${JSON.stringify(file)});
      const requiredAtLoad = Object.keys(require.cache).filter((p) => /[\\\\/]jose[\\\\/]/.test(p));
      encryptCardPayload(${JSON.stringify(payload)}, ${JSON.stringify(key.jwk)}).then(
        (jwe) => console.log(JSON.stringify({ requiredAtLoad, jwe })),
        (e) => console.log(JSON.stringify({ requiredAtLoad, error: { name: e.name, message: e.message } })),
      );`;
    return JSON.parse(node(['--no-experimental-require-module', '-e', program], cwd));
  }

  it('keeps jose external, behind a dynamic import() in the CommonJS build', () => {
    const cjs = readFileSync(join(out, 'dist/card-jwe.cjs'), 'utf8');
    expect(cjs).toMatch(/import\(["']jose["']\)/);
    expect(cjs).not.toMatch(/require\(["']jose["']\)/);
    expect(cjs).not.toContain('class CompactEncrypt');
  });

  it('encrypts from the CommonJS build without require(esm), loading jose only at the first call', async () => {
    const result = encryptIn(out, join(out, 'dist/card-jwe.cjs'));
    expect(result.requiredAtLoad).toEqual([]);
    const { plaintext } = await jose.compactDecrypt(result.jwe!, key.privateKey);
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual(payload);
  });

  it('rejects with a KnotConfigError, without card data, where jose cannot be found', () => {
    const result = encryptIn(bare, join(bare, 'dist/card-jwe.cjs'));
    expect(result.error?.name).toBe('KnotConfigError');
    expect(result.error?.message).toMatch(/^Encrypting card data needs the "jose" package, which could not be loaded \(ERR_MODULE_NOT_FOUND\)\./);
    expect(result.error?.message).not.toContain(PAN.slice(0, 6));
  });
});
