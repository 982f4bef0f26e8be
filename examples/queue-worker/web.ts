/**
 * The web process: receives Knot webhooks and turns each NEW_TRANSACTIONS_AVAILABLE into a sync job.
 *
 * The job is enqueued *before* answering 200: if Redis is unreachable the answer is 503 and Knot
 * delivers the webhook again (up to 2 more times), instead of a 200 for work that was never queued.
 * (The SDK's `webhooks.handler()` also answers only after the handler, with 500 when it throws;
 * `unwrap` is used directly here to answer 503, the status for "try again later".)
 *
 * Jobs are deduplicated per account (`deduplication.id` = the account key) with
 * `keepLastIfActive`: while a sync of the account waits, more webhooks add nothing; while one runs,
 * exactly one follow-up is kept and queued when it finishes. So one sync per account runs at a
 * time, and a webhook that arrives mid-sync is never lost (a plain `jobId` would drop it: BullMQ
 * ignores an add whose id is still active).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { KnotWebhookError } from '../../src/index.js'; // in your app: from 'knotapi-node'
import { Webhooks } from '../../src/webhooks/index.js'; // in your app: from 'knotapi-node'
import { type AccountRef, accountKey, announce, knotCredentials, onShutdown, QUEUE_NAME, redisOptions } from './shared.js';

const MAX_BODY = 1024 * 1024;
const webhooks = new Webhooks({ secret: knotCredentials().secret });
const queue = new Queue<AccountRef>(QUEUE_NAME, { connection: redisOptions() });
let enqueued = 0;

function readRaw(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
  });
}

function reply(res: ServerResponse, status: number, payload: unknown): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(payload));
}

/** Queues one sync of the account (see the header comment for the deduplication). */
export async function enqueueSync(target: Queue<AccountRef>, ref: AccountRef): Promise<void> {
  await target.add('sync', ref, {
    deduplication: { id: accountKey(ref), keepLastIfActive: true },
    // A failed job resumes from the stored checkpoint on its next attempt.
    attempts: 8,
    backoff: { type: 'exponential', delay: 250 },
    removeOnComplete: 1_000,
    removeOnFail: 5_000,
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST' || req.url !== '/webhooks/knot') return reply(res, 404, { error: 'not_found' });
  const body = await readRaw(req);
  if (body === null) return reply(res, 413, { error: 'payload_too_large' });
  let event: ReturnType<Webhooks['unwrap']>;
  try {
    event = webhooks.unwrap(body, req.headers);
  } catch (error) {
    if (!(error instanceof KnotWebhookError)) throw error;
    const status = error.reason === 'missing_signature' || error.reason === 'invalid_signature' ? 401 : 400;
    return reply(res, status, { error: error.reason });
  }
  if (event.event === 'NEW_TRANSACTIONS_AVAILABLE') {
    try {
      await enqueueSync(queue, { external_user_id: event.external_user_id, merchant_id: event.merchant.id });
      enqueued += 1;
    } catch (error) {
      console.error(`[web] could not enqueue: ${String(error)}`);
      return reply(res, 503, { error: 'queue_unavailable' }); // Knot retries the delivery
    }
  }
  reply(res, 200, { received: true });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error('[web] unexpected:', error);
    reply(res, 500, { error: 'internal_error' });
  });
});
server.listen(Number(process.env.WEB_PORT ?? 0), '127.0.0.1', () => {
  announce({ type: 'ready', role: 'web', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});

onShutdown(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await queue.close();
  announce({ type: 'stopped', role: 'web', enqueued });
});
