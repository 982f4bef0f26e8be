/**
 * docs/webhooks.md, "The raw body" with Express: the webhook route reads the stream itself, or gets
 * the Buffer from its own `express.raw()`; `express.json()` comes after it. Each form receives a
 * signed event; a route behind `express.json()` answers 400 parsed_body.
 */
import express, { type Express } from 'express';
import { KnotClient, signWebhook, type WebhookEventHandlers } from 'knotapi-node';
import { started, waitFor } from './support/receiver.js';

const knot = new KnotClient(); // its secret (KNOT_SECRET) is the webhook signing key
const received: string[] = [];
const on: WebhookEventHandlers = {
  NEW_TRANSACTIONS_AVAILABLE: (event) => void received.push(event.external_user_id),
};

// The guide's lines, as written: two alternatives for the same path (the first one answers).
const app = express();
// #region express
app.post('/knot/webhooks', knot.webhooks.handler({ on }));                                      // reads the stream
app.post('/knot/webhooks', express.raw({ type: 'application/json' }), knot.webhooks.handler({ on })); // uses the Buffer
app.use(express.json()); // after the webhook route
// #endregion

// Each alternative alone, and the mistake the handler explains.
const rawOnly = express();
rawOnly.post('/knot/webhooks', express.raw({ type: 'application/json' }), knot.webhooks.handler({ on }));
const jsonFirst = express();
jsonFirst.use(express.json());
jsonFirst.post('/knot/webhooks', knot.webhooks.handler({ on }));

async function deliver(target: Express, userId: string): Promise<{ status: number; error?: string }> {
  const server = await started(target.listen(0, '127.0.0.1'));
  try {
    const body = JSON.stringify({ event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: userId, merchant: { id: 19, name: 'DoorDash' }, timestamp: Date.now() });
    const res = await fetch(`${server.url}/knot/webhooks`, { method: 'POST', headers: signWebhook({ body, secret: process.env.KNOT_SECRET! }), body });
    return { status: res.status, ...((await res.json()) as { error?: string }) };
  } finally {
    await server.close();
  }
}

const outcomes = [await deliver(app, 'user-1'), await deliver(rawOnly, 'user-2'), await deliver(jsonFirst, 'user-3')];
const seen = outcomes.map((o) => o.error ?? o.status).join(', ');
if (seen !== '200, 200, parsed_body') throw new Error(`answers: ${seen}`);
await waitFor('both handlers', () => received.length === 2);
if (received.join() !== 'user-1,user-2') throw new Error(`handled: ${received.join()}`);
console.log(`stream: 200, express.raw: 200, behind express.json(): 400 ${outcomes[2]!.error}`);
await knot.close();
