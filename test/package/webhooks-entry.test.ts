/**
 * `knotapi-node/webhooks` is for runtimes without Node built-ins (Workers, Vercel Edge, Deno): its
 * built output (not the source: tsup strips `node:` prefixes) must import no Node built-in and not
 * undici. Proven two ways: esbuild bundles it for `--platform=neutral` and fails on any such import,
 * and the bundle runs in a V8 context that has Web globals only (no require, process or Buffer).
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/webhooks/index.js';

const repo = resolve(import.meta.dirname, '../..');

/** Records (and keeps external, so the list is complete) every Node built-in or undici import. */
function forbiddenImports(found: string[]): Plugin {
  return {
    name: 'forbidden-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, ({ path, importer }) => {
        if (isBuiltin(path) || path.startsWith('node:') || path === 'undici' || path.startsWith('undici/')) {
          found.push(`${path} (imported by ${importer.replace(repo, '.')})`);
          return { path, external: true };
        }
        return undefined;
      });
    },
  };
}

/** `entry`: a file of the repository, or `{ contents }` to bundle a snippet. */
async function bundle(entry: string | { contents: string }, format: 'esm' | 'iife') {
  const found: string[] = [];
  const result = await build({
    ...(typeof entry === 'string' ? { entryPoints: [resolve(repo, entry)] } : { stdin: { ...entry, resolveDir: repo } }),
    bundle: true,
    platform: 'neutral',
    format,
    globalName: format === 'iife' ? 'knotWebhooks' : undefined,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [forbiddenImports(found)],
  });
  return { found, code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

describe('the knotapi-node/webhooks entry, as built', () => {
  it.each(['dist/webhooks.js', 'dist/webhooks.cjs'])('%s bundles for --platform=neutral with no Node built-in and no undici', async (entry) => {
    const { found, inputs } = await bundle(entry, 'esm');
    expect(found).toEqual([]);
    expect(inputs.some((input) => input.includes('node_modules/undici'))).toBe(false);
  });

  it('the check catches what tsup would emit: a bare built-in, a node: one, undici', async () => {
    const { found } = await bundle(
      { contents: "import { createHmac } from 'crypto'; import 'node:buffer'; import { Agent } from 'undici'; console.log(createHmac, Agent);" },
      'esm',
    );
    expect(found.map((f) => f.split(' ')[0])).toEqual(['crypto', 'node:buffer', 'undici']);
  });

  it('runs in a context with Web globals only: fetchHandler verifies with Web Crypto and answers', async () => {
    const { code } = await bundle('dist/webhooks.js', 'iife');
    const webGlobals = { crypto, TextEncoder, TextDecoder, Request, Response, Headers, ReadableStream, URL, btoa, atob, setTimeout, clearTimeout, performance, console };
    const sandbox: Record<string, unknown> = { ...webGlobals };
    runInNewContext(code, sandbox);
    expect(runInNewContext('typeof require + typeof process + typeof Buffer', sandbox)).toBe('undefinedundefinedundefined');
    const entry = sandbox.knotWebhooks as typeof import('../../src/webhooks.js');

    const seen: string[] = [];
    const handler = entry.fetchHandler({
      secret: 'test_secret',
      logger: { warn() {}, error() {} },
      on: { NEW_TRANSACTIONS_AVAILABLE: (event) => void seen.push(event.external_user_id) },
    });
    const body = JSON.stringify({ event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: 'user-1', merchant: { id: 19, name: 'DoorDash' }, timestamp: 1 });
    const post = (secret: string) => new Request('http://worker/knot', { method: 'POST', headers: signWebhook({ body, secret }), body });
    expect((await handler(post('test_secret'))).status).toBe(200);
    expect(seen).toEqual(['user-1']);
    expect((await handler(post('other'))).status).toBe(401);
    await expect(entry.verifyWebhookSignatureAsync({ body, headers: signWebhook({ body, secret: 'k' }), secret: 'k' })).resolves.toBe(true);
    expect(() => entry.parseWebhook('{')).toThrow(entry.KnotWebhookError);
    // Synchronously, with no require() to load zod by: the entry brought it.
    expect(entry.parseWebhook(body)).toEqual({ ...JSON.parse(body) });
    expect(() => entry.parseWebhook('{"event":"NEW_TRANSACTIONS_AVAILABLE"}')).toThrow(/does not have the expected structure/);
  });

  it('declares the subpath for every resolution: exports (types per condition) and typesVersions', () => {
    const pkg = JSON.parse(readFileSync(resolve(repo, 'package.json'), 'utf8'));
    expect(pkg.exports['./webhooks']).toEqual({
      import: { types: './dist/webhooks.d.ts', default: './dist/webhooks.js' },
      require: { types: './dist/webhooks.d.cts', default: './dist/webhooks.cjs' },
    });
    expect(pkg.typesVersions['*'].webhooks).toEqual(['./dist/webhooks.d.cts']);
  });
});
