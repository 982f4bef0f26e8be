/**
 * The endpoint under test in examples/guides/webhooks-testing.ts: a Knot webhook handler, as your
 * application would mount it, served on 127.0.0.1 at a free port. `received` lists the events its
 * handler ran for (it runs before the answer).
 */
import { Webhooks } from 'knotapi-node';
import { listen } from './receiver.js';

export const received: string[] = [];

const handler = new Webhooks({ secret: 'test_secret' }).handler({
  on: { NEW_TRANSACTIONS_AVAILABLE: (event) => void received.push(`${event.external_user_id}/${event.merchant.id}`) },
});
const server = await listen((req, res) => (req.url === '/knot/webhooks' ? handler(req, res) : res.writeHead(404).end()));

export const port = server.port;
export const close = server.close;
