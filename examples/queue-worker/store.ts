/**
 * The store process: the only owner of the database (PGlite here, one process; with a real
 * Postgres every worker would connect directly and this process would not exist). Workers write
 * through a tiny HTTP API on 127.0.0.1:
 *
 *   GET  /cursor?external_user_id=&merchant_id=   → { cursor }
 *   POST /pages  { external_user_id, merchant_id, transactions, checkpoint }
 *        one SQL transaction: upsert every transaction on id, then store the checkpoint, so a
 *        crash never stores a cursor ahead of its transactions.
 *   POST /jobs/start, /jobs/end  { key, pid }  → bookkeeping of jobs running per account (the
 *        demo checks that it never exceeds 1); POST /workers/gone { pid } forgets a killed worker's
 *        jobs
 *   GET  /accounts/ids?external_user_id=&merchant_id= → { ids }   GET /stats
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { announce, onShutdown } from './shared.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS knot_transactions (
  id               TEXT PRIMARY KEY,
  external_user_id TEXT NOT NULL,
  merchant_id      INTEGER NOT NULL,
  raw              JSONB NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS knot_transactions_account ON knot_transactions (external_user_id, merchant_id);
CREATE TABLE IF NOT EXISTS knot_sync_cursors (
  external_user_id TEXT NOT NULL,
  merchant_id      INTEGER NOT NULL,
  cursor           TEXT NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (external_user_id, merchant_id)
);`;

const db = new PGlite(process.env.PGLITE_DATA_DIR);
await db.exec(SCHEMA);

/** Per account: the pids of the workers running a sync of it right now. */
const active = new Map<string, number[]>();
let maxParallelPerAccount = 0;
let jobsStarted = 0;
let pagesWritten = 0;

const MAX_BODY = 16 * 1024 * 1024;

function readJson(req: IncomingMessage): Promise<any> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, payload: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(payload));
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://store');
  const ref = { user: url.searchParams.get('external_user_id') ?? '', merchant: Number(url.searchParams.get('merchant_id')) };
  if (req.method === 'GET' && url.pathname === '/cursor') {
    const { rows } = await db.query<{ cursor: string }>(
      'SELECT cursor FROM knot_sync_cursors WHERE external_user_id = $1 AND merchant_id = $2',
      [ref.user, ref.merchant],
    );
    return reply(res, 200, { cursor: rows[0]?.cursor ?? null });
  }
  if (req.method === 'POST' && url.pathname === '/pages') {
    const page = await readJson(req);
    await db.transaction(async (tx) => {
      if (page.transactions.length > 0) {
        await tx.query(
          `INSERT INTO knot_transactions (id, external_user_id, merchant_id, raw)
           SELECT t->>'id', $1, $2, t FROM jsonb_array_elements($3::jsonb) AS t
           ON CONFLICT (id) DO UPDATE SET raw = EXCLUDED.raw, updated_at = now()`,
          [page.external_user_id, page.merchant_id, JSON.stringify(page.transactions)],
        );
      }
      if (page.checkpoint !== null) {
        await tx.query(
          `INSERT INTO knot_sync_cursors (external_user_id, merchant_id, cursor) VALUES ($1, $2, $3)
           ON CONFLICT (external_user_id, merchant_id) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
          [page.external_user_id, page.merchant_id, page.checkpoint],
        );
      }
    });
    pagesWritten += 1;
    return reply(res, 200, { ok: true });
  }
  if (req.method === 'POST' && (url.pathname === '/jobs/start' || url.pathname === '/jobs/end')) {
    const { key, pid } = (await readJson(req)) as { key: string; pid: number };
    const running = active.get(key) ?? [];
    if (url.pathname === '/jobs/start') {
      running.push(pid);
      jobsStarted += 1;
      maxParallelPerAccount = Math.max(maxParallelPerAccount, running.length);
    } else if (running.includes(pid)) {
      running.splice(running.indexOf(pid), 1);
    }
    active.set(key, running);
    return reply(res, 200, { active: running.length });
  }
  if (req.method === 'POST' && url.pathname === '/workers/gone') {
    const { pid } = (await readJson(req)) as { pid: number };
    let dropped = 0;
    for (const running of active.values()) {
      for (let i = running.indexOf(pid); i !== -1; i = running.indexOf(pid)) {
        running.splice(i, 1);
        dropped += 1;
      }
    }
    return reply(res, 200, { dropped });
  }
  if (req.method === 'GET' && url.pathname === '/accounts/ids') {
    const { rows } = await db.query<{ id: string }>(
      'SELECT id FROM knot_transactions WHERE external_user_id = $1 AND merchant_id = $2 ORDER BY id',
      [ref.user, ref.merchant],
    );
    return reply(res, 200, { ids: rows.map((r) => r.id) });
  }
  if (req.method === 'GET' && url.pathname === '/stats') {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM knot_transactions');
    return reply(res, 200, { transactions: rows[0]?.n ?? 0, pagesWritten, jobsStarted, maxParallelPerAccount });
  }
  reply(res, 404, { error: 'not_found' });
}

const server = createServer((req, res) => {
  route(req, res).catch((error: unknown) => reply(res, 500, { error: String(error) }));
});
server.listen(Number(process.env.STORE_PORT ?? 0), '127.0.0.1', () => {
  announce({ type: 'ready', role: 'store', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});

onShutdown(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
});
