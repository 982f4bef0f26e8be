/**
 * docs/webhooks.md, "The raw body" with Fastify (or any framework): `knot.webhooks.unwrap()` on the
 * raw body, the work, then 200 (500 when the work failed, so Knot delivers the event again). Fastify is not a dependency of this repository, so the
 * route runs here with stand-ins for the two objects it uses (`request.body` is the Buffer kept by
 * the `parseAs: 'buffer'` content type parser).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { KnotClient, type KnotWebhookEvent, KnotWebhookError, signWebhook } from 'knotapi-node';

/** The parts of Fastify's request and reply the route uses. */
interface FastifyRequest {
  body: unknown;
  headers: IncomingHttpHeaders;
}
interface FastifyReply {
  code(status: number): FastifyReply;
  send(payload: unknown): FastifyReply;
}

const knot = new KnotClient(); // its secret (KNOT_SECRET) is the webhook signing key

async function route(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  // #region fastify
  let event: KnotWebhookEvent;
  try {
    event = knot.webhooks.unwrap(request.body as Buffer, request.headers);
  } catch (error) {
    if (!(error instanceof KnotWebhookError)) throw error;
    reply.code(error.reason.endsWith('_signature') ? 401 : 400).send({ error: error.reason });
    return;
  }
  try {
    await handle(event); // idempotent: Knot may deliver the same event again
    reply.code(200).send({ received: true });
  } catch (error) {
    report(error);
    reply.code(500).send({ error: 'handler_failed' }); // Knot delivers the event again
  }
  // #endregion
}

const handled: string[] = [];
async function handle(event: KnotWebhookEvent): Promise<void> {
  if (event.event === 'NEW_TRANSACTIONS_AVAILABLE') handled.push(event.external_user_id);
}
function report(error: unknown): void {
  console.warn('webhook work failed', error);
}

/** Runs the route as Fastify would, with the raw body as a Buffer; returns what it answered. */
async function post(body: string, headers: Record<string, string>): Promise<string> {
  let answer = '';
  const reply: FastifyReply = {
    code(status) {
      answer = `${status}`;
      return reply;
    },
    send(payload) {
      answer += ` ${JSON.stringify(payload)}`;
      return reply;
    },
  };
  await route({ body: Buffer.from(body), headers: lower(headers) }, reply);
  return answer;
}
const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

const secret = process.env.KNOT_SECRET!;
const body = JSON.stringify({ event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: 'user-1', merchant: { id: 19, name: 'DoorDash' }, timestamp: Date.now() });
const answers = [
  await post(body, signWebhook({ body, secret })),
  await post(body, signWebhook({ body, secret: 'another_environments_secret' })),
  await post(body, { 'Content-Type': 'application/json' }),
  await post('{"event":"NEW_TRANSACTIONS_AVAILABLE"}', signWebhook({ body: '{"event":"NEW_TRANSACTIONS_AVAILABLE"}', secret })),
];
const expected = ['200 {"received":true}', '401 {"error":"invalid_signature"}', '401 {"error":"missing_signature"}', '400 {"error":"invalid_payload"}'];
if (answers.join('\n') !== expected.join('\n')) throw new Error(`answers:\n${answers.join('\n')}`);
if (handled.join() !== 'user-1') throw new Error(`handled: ${handled.join()}`);
console.log(answers.join('; '));
await knot.close();
