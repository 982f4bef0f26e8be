/**
 * The list glue (HttpCore.list + KnotPagePromise) on the wire, against a scripted loopback server
 * that plays a well-behaved and a hostile list endpoint: what is sent for each page, how often params
 * are validated, and which typed error a bad walk ends with. The row is a test row of the same shape
 * as the table's list rows (listRow), so every list endpoint behaves as shown here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Agent } from 'undici';
import { z } from 'zod';
import { resolveConfig } from '../../src/core/config.js';
import { KnotAbortError, KnotResponseValidationError, KnotServerError, KnotValidationError } from '../../src/core/errors.js';
import { createLogger } from '../../src/core/logger.js';
import { listRow } from '../../src/endpoints.js';
import { HttpCore } from '../../src/internal/http.js';
import * as validate from '../../src/internal/validate.js';
import { jsonReply, type RawServer, startRawServer } from '../helpers/raw-server.js';

// Holds the schemas' load while `gate.hold` is pending (the first request of a process waits for it).
const gate = vi.hoisted(() => ({ hold: undefined as Promise<void> | undefined }));
vi.mock('../../src/schemas/load.js', async (original) => {
  const actual = await original<typeof import('../../src/schemas/load.js')>();
  const loadSchemas = async () => {
    await gate.hold;
    return actual.loadSchemas();
  };
  return { ...actual, loadSchemas };
});

// Counts parseParams calls (the original still runs): how often params are validated.
vi.mock('../../src/internal/validate.js', async (original) => {
  const actual = await original<typeof import('../../src/internal/validate.js')>();
  return { ...actual, parseParams: vi.fn(actual.parseParams) };
});

const THINGS = listRow({
  operation: 'things.list',
  method: 'POST',
  path: '/things/list',
  status: 200,
  paramsSchema: () =>
    z.strictObject({ external_user_id: z.string().min(1), cursor: z.string().min(1).nullish(), limit: z.int().min(1).max(100).optional() }),
  payload: ({ cursor, ...rest }) => (cursor == null ? rest : { ...rest, cursor }),
  response: () => z.looseObject({ things: z.array(z.looseObject({ id: z.string() })), next_cursor: z.string().nullish() }),
  pageItems: 'things',
});

let server: RawServer;
let agent: Agent;
const warnings: string[] = [];

afterEach(async () => {
  await agent?.close();
  await server?.close();
  warnings.length = 0;
  vi.mocked(validate.parseParams).mockClear();
});

/** `pages[cursor]` answers the request for `cursor` (`first` when none is sent); a function answers itself. */
type Script = Record<string, unknown | ((res: Parameters<Parameters<RawServer['behave']>[0]>[1]) => void)>;

async function setup(script: Script, maxRetries = 0) {
  server = await startRawServer();
  server.behave((req, res, body) => {
    const cursor = (JSON.parse(body || '{}') as { cursor?: string }).cursor ?? 'first';
    const answer = script[cursor];
    if (typeof answer === 'function') return answer(res);
    if (answer === undefined) return jsonReply(404, { error_code: 'NOT_SCRIPTED' })(req, res, body);
    jsonReply(200, answer)(req, res, body);
  });
  agent = new Agent();
  const collect = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  const logger = { debug: () => {}, info: () => {}, warn: collect, error: collect };
  const config = resolveConfig({ clientId: 'id', secret: 'secret', baseUrl: server.url, maxRetries, retryBackoff: { initialDelayMs: 1, maxDelayMs: 2 } }, {});
  const core = new HttpCore({
    config,
    authorization: 'Basic aWQ6c2VjcmV0',
    secrets: ['secret'],
    userAgent: 'test',
    dispatcher: () => agent,
    limiter: { schedule: (job) => job() },
    logger: createLogger(logger, 'warn', ['secret']),
  });
  return { list: (params: unknown, options?: Parameters<HttpCore['list']>[2]) => core.list(THINGS, params, options) };
}

const sent = () => server.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
const page = (ids: string[], next: string | null) => ({ things: ids.map((id) => ({ id })), next_cursor: next, limit: 2 });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('HttpCore.list on the wire', () => {
  it('sends the params on every page, the cursor left out of the first and set on each later one', async () => {
    const { list } = await setup({ first: page(['a', 'b'], 'c2'), c2: page(['c'], 'c3'), c3: page([], null) });
    const things = await collect(list({ external_user_id: 'user-1', limit: 2 }));
    expect(things.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(sent()).toEqual([
      { external_user_id: 'user-1', limit: 2 },
      { external_user_id: 'user-1', limit: 2, cursor: 'c2' },
      { external_user_id: 'user-1', limit: 2, cursor: 'c3' },
    ]);
    expect(server.requests.every((r) => r.method === 'POST' && r.url === '/things/list')).toBe(true);
    // Validated once for the whole walk, not once per page.
    expect(validate.parseParams).toHaveBeenCalledTimes(1);
  });

  it('starts from the cursor given in params', async () => {
    const { list } = await setup({ c2: page(['c'], null) });
    expect((await collect(list({ external_user_id: 'user-1', cursor: 'c2' }))).map((t) => t.id)).toEqual(['c']);
    expect(sent()).toEqual([{ external_user_id: 'user-1', cursor: 'c2' }]);
  });

  it('awaits to the first page as sent (unknown fields kept), with withResponse; iterating then reuses it', async () => {
    const { list } = await setup({ first: { ...page(['a'], 'c2'), extra: 1 }, c2: page(['b'], null) });
    const things = list({ external_user_id: 'user-1' });
    expect(await things).toEqual({ ...page(['a'], 'c2'), extra: 1 });
    const { response } = await things.withResponse();
    expect(response.status).toBe(200);
    expect((await collect(things)).map((t) => t.id)).toEqual(['a', 'b']);
    expect(sent().map((b) => b.cursor)).toEqual([undefined, 'c2']);
  });

  it('bad params reject with KnotValidationError, from the promise and from the loop, and send nothing', async () => {
    const { list } = await setup({});
    await expect(list({ external_user_id: '' })).rejects.toBeInstanceOf(KnotValidationError);
    await expect(collect(list({ external_user_id: 'u', limit: 0 }))).rejects.toBeInstanceOf(KnotValidationError);
    await expect(list({ external_user_id: 'u' }, { timeoutMs: -1 })).rejects.toBeInstanceOf(KnotValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it('break sends no further request', async () => {
    const { list } = await setup({ first: page(['a', 'b'], 'c2'), c2: page(['c'], null) });
    for await (const thing of list({ external_user_id: 'user-1' })) {
      if (thing.id === 'a') break;
    }
    expect(server.requests).toHaveLength(1);
  });

  it('a signal fired between pages rejects with KnotAbortError and sends nothing more', async () => {
    const { list } = await setup({ first: page(['a'], 'c2'), c2: page(['b'], null) });
    const controller = new AbortController();
    const run = async () => {
      for await (const _ of list({ external_user_id: 'user-1' }, { signal: controller.signal }).pages()) controller.abort();
    };
    await expect(run()).rejects.toBeInstanceOf(KnotAbortError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('HttpCore.list while the schemas load', () => {
  it('the signal ends the wait at once: KnotAbortError, nothing sent', async () => {
    const { list } = await setup({ first: page(['a'], null) });
    let release = () => {};
    let released = false;
    gate.hold = new Promise<void>((resolve) => {
      release = () => {
        released = true;
        resolve();
      };
    });
    // Without the abort ending the wait, the load goes on until this fallback releases it.
    const fallback = setTimeout(release, 3000);
    try {
      const controller = new AbortController();
      const pending = list({ external_user_id: 'user-1' }, { signal: controller.signal }).then(
        () => undefined,
        (e: unknown) => e,
      );
      controller.abort();
      const error = await pending;
      expect(error).toBeInstanceOf(KnotAbortError);
      expect(released).toBe(false);
      expect(server.requests).toHaveLength(0);
    } finally {
      clearTimeout(fallback);
      release();
      gate.hold = undefined;
    }
  });
});

describe('HttpCore.list against a hostile server', () => {
  it('a cursor cycle A→B→A is a KnotResponseValidationError after A and B were handed over', async () => {
    const { list } = await setup({ first: page(['x'], 'A'), A: page(['y'], 'B'), B: page(['z'], 'A') });
    const seen: string[] = [];
    const run = async () => {
      for await (const thing of list({ external_user_id: 'user-1' })) seen.push(thing.id);
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect((error as KnotResponseValidationError).issues).toEqual([{ path: 'next_cursor', message: 'repeats a cursor already sent in this run' }]);
    expect(seen).toEqual(['x', 'y']);
    expect(sent().map((b) => b.cursor)).toEqual([undefined, 'A', 'B']);
  });

  it.each(['', ' \t'])('a blank next_cursor %j ends the walk (warned), never sent back', async (blank) => {
    const { list } = await setup({ first: page(['a'], blank) });
    expect((await collect(list({ external_user_id: 'user-1' }))).map((t) => t.id)).toEqual(['a']);
    expect(server.requests).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/things\.list: Knot answered a blank next_cursor/);
  });

  it('101 empty pages in a row pointing on: KnotResponseValidationError after 101 requests', async () => {
    const script: Script = {};
    script.first = page([], 'e1');
    for (let i = 1; i <= 101; i++) script[`e${i}`] = page([], `e${i + 1}`);
    const { list } = await setup(script);
    await expect(collect(list({ external_user_id: 'user-1' }))).rejects.toThrow(/more than 100 empty pages in a row/);
    expect(server.requests).toHaveLength(101);
  });

  it('a 500 mid-walk surfaces as KnotServerError after the retries, once the loop reaches it', async () => {
    const fail = (res: { statusCode: number; setHeader(n: string, v: string): void; end(b: string): void }) => {
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ message: 'Internal Server Error' }));
    };
    const { list } = await setup({ first: page(['a', 'b'], 'c2'), c2: fail }, 2);
    const seen: string[] = [];
    const run = async () => {
      for await (const thing of list({ external_user_id: 'user-1' })) seen.push(thing.id);
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotServerError);
    expect((error as KnotServerError).status).toBe(500);
    expect(seen).toEqual(['a', 'b']);
    // The first page, then the failing one three times (maxRetries 2).
    expect(sent().map((b) => b.cursor)).toEqual([undefined, 'c2', 'c2', 'c2']);
  });
});
