import { createServer, type IncomingMessage, type Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signWebhook, type WebhookHandlerOptions, Webhooks } from '../../src/webhooks/index.js';
import { newTransactions, SECRET, updatedTransactions } from './fixtures.js';
import { closeServer, listen, send } from './http-helpers.js';

const quiet = { warn() {}, error() {} };
let server: Server | undefined;

afterEach(async () => {
  await closeServer(server);
  server = undefined;
});

function signed(payload: object, secret = SECRET) {
  const body = JSON.stringify(payload);
  return { body, headers: signWebhook({ body, secret }) };
}

/** An Express app: `setup` adds middleware, then the webhook route is mounted at /webhooks. */
async function serveExpress(
  setup: (app: express.Express) => void,
  options: WebhookHandlerOptions = {},
  route: (app: express.Express, handler: express.RequestHandler) => void = (app, h) => app.post('/webhooks', h),
): Promise<number> {
  const app = express();
  setup(app);
  route(app, new Webhooks({ secret: SECRET, logger: quiet }).handler(options));
  server = createServer(app);
  return listen(server);
}

describe('webhook handler in Express', () => {
  it('reads the raw stream itself when no body parser ran → 200 and the handler runs', async () => {
    const seen = vi.fn();
    const port = await serveExpress(() => {}, { on: { UPDATED_TRANSACTIONS_AVAILABLE: seen } });
    const reply = await send(port, signed(updatedTransactions));
    expect(reply.status).toBe(200);
    await vi.waitFor(() => expect(seen).toHaveBeenCalledWith(updatedTransactions), { timeout: 2_000 });
  });

  it("uses the Buffer from express.raw({ type: 'application/json' })", async () => {
    const seen = vi.fn();
    const port = await serveExpress(
      () => {},
      { on: { NEW_TRANSACTIONS_AVAILABLE: seen } },
      (app, h) => app.post('/webhooks', express.raw({ type: 'application/json' }), h),
    );
    expect((await send(port, signed(newTransactions))).status).toBe(200);
    await vi.waitFor(() => expect(seen).toHaveBeenCalledTimes(1), { timeout: 2_000 });
  });

  it('uses the string from express.text()', async () => {
    const seen = vi.fn();
    const port = await serveExpress((app) => app.use(express.text({ type: 'application/json' })), {
      on: { NEW_TRANSACTIONS_AVAILABLE: seen },
    });
    expect((await send(port, signed(newTransactions))).status).toBe(200);
    await vi.waitFor(() => expect(seen).toHaveBeenCalledTimes(1), { timeout: 2_000 });
  });

  it('400 with a how-to when express.json() already parsed the body', async () => {
    const seen = vi.fn();
    const port = await serveExpress((app) => app.use(express.json()), { on: { NEW_TRANSACTIONS_AVAILABLE: seen } });
    const reply = await send(port, signed(newTransactions));
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe('parsed_body');
    expect(reply.json.message).toMatch(/raw body/);
    expect(reply.json.message).toContain("express.raw({ type: 'application/json' })");
    expect(seen).not.toHaveBeenCalled();
  });

  it('uses req.rawBody when express.json() kept it (the verify option), though req.body is parsed', async () => {
    const seen = vi.fn();
    const keepRaw = (req: IncomingMessage & { rawBody?: Buffer }, _res: unknown, buf: Buffer) => {
      req.rawBody = buf;
    };
    const port = await serveExpress((app) => app.use(express.json({ verify: keepRaw })), { on: { NEW_TRANSACTIONS_AVAILABLE: seen } });
    expect((await send(port, signed(newTransactions))).status).toBe(200);
    expect(seen).toHaveBeenCalledWith(newTransactions);
  });

  it('400 naming express.raw when other middleware drained the stream and kept nothing', async () => {
    const port = await serveExpress((app) =>
      app.use((req, _res, next) => {
        req.resume();
        req.on('end', () => next());
      }),
    );
    const reply = await send(port, signed(newTransactions));
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe('body_consumed');
    expect(reply.json.message).toContain("express.raw({ type: 'application/json' })");
  });

  it('still reads the stream when express.json() skipped the request (content type not matched)', async () => {
    const seen = vi.fn();
    const port = await serveExpress((app) => app.use(express.json({ type: 'application/vnd.other+json' })), {
      on: { NEW_TRANSACTIONS_AVAILABLE: seen },
    });
    expect((await send(port, signed(newTransactions))).status).toBe(200);
    await vi.waitFor(() => expect(seen).toHaveBeenCalledTimes(1), { timeout: 2_000 });
  });

  it('401 for a bad signature and 400 for bad JSON', async () => {
    const port = await serveExpress(() => {});
    expect((await send(port, signed(newTransactions, 'other'))).status).toBe(401);
    const headers = { ...signWebhook({ body: newTransactions, secret: SECRET }), 'Content-Length': '1' };
    expect((await send(port, { body: '{', headers })).status).toBe(400);
  });

  it('413 when a raw body parser with a higher limit hands over more than maxBodyBytes; the app keeps serving', async () => {
    const port = await serveExpress(
      () => {},
      { maxBodyBytes: 1024 },
      (app, h) => app.post('/webhooks', express.raw({ type: 'application/json', limit: '1mb' }), h),
    );
    const body = JSON.stringify({ ...newTransactions, pad: 'x'.repeat(4096) });
    const reply = await send(port, { body, headers: signWebhook({ body, secret: SECRET }) });
    expect(reply.status).toBe(413);
    expect((await send(port, signed(newTransactions))).status).toBe(200);
  });

  it('405 when mounted with app.use for every method', async () => {
    const port = await serveExpress(
      () => {},
      {},
      (app, h) => app.use('/webhooks', h),
    );
    expect((await send(port, { method: 'GET' })).status).toBe(405);
  });

  it('a handler error goes to onError and the answer is 500, so Knot delivers again', async () => {
    const onError = vi.fn();
    const port = await serveExpress(() => {}, {
      on: {
        NEW_TRANSACTIONS_AVAILABLE: async () => {
          throw new Error('express boom');
        },
      },
      onError,
    });
    expect((await send(port, signed(newTransactions))).status).toBe(500);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    expect(onError.mock.calls[0]![0]).toMatchObject({ message: 'express boom' });
  });
});
