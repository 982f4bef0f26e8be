/**
 * The documented Card Switcher flow end to end, over real sockets: the fake sends a signed
 * AUTHENTICATED to a `knot.webhooks.handler` on 127.0.0.1, the handler switches the card with the
 * webhook's task_id, and the fake's CARD_UPDATING and CARD_UPDATED reach the same handler, typed.
 */
import { createServer } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { KnotClient } from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { listenOnLoopback, type Loopback } from '../helpers/loopback.js';

let mock: MockKnot | undefined;
let receiver: Loopback | undefined;
let knot: KnotClient | undefined;

afterEach(async () => {
  await mock?.webhooksSettled();
  await knot?.close();
  await receiver?.close();
  await mock?.close();
});

it('AUTHENTICATED → cards.switch({ task_id }) → CARD_UPDATING, CARD_UPDATED', async () => {
  mock = createMockKnot({ seed: 21 });
  const api = await mock.listen();
  knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: api.url, maxRetries: 0 });
  const client = knot;
  const seen: string[] = [];
  const handler = client.webhooks.handler({
    on: {
      AUTHENTICATED: async (event) => {
        seen.push(`AUTHENTICATED send_card=${event.data.send_card}`);
        if (!event.data.send_card || event.task_id === undefined) return;
        const result = await client.cards.switch({
          task_id: event.task_id,
          user: {
            name: { first_name: 'Ada', last_name: 'Lovelace' },
            address: { street: '100 Main Street', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
            phone_number: '+11234567890',
          },
          card: { number: '4242424242424242', expiration: '08/2030', cvv: '012' },
        });
        seen.push(`switch ${result.message}`);
      },
      CARD_UPDATING: (event) => void seen.push(`CARD_UPDATING ${event.data.card_id}`),
      CARD_UPDATED: (event) => void seen.push(`CARD_UPDATED ${event.data.card_id} at ${event.merchant.name}`),
    },
  });
  receiver = await listenOnLoopback(createServer(handler));
  mock.setWebhookUrl(`${receiver.url}/knot`);

  await client.development.linkAccount({ external_user_id: 'user-1', merchant_id: 19, card_switcher: true, card_id: 'card-7' });
  // Bounded: the deliveries chain (AUTHENTICATED's handler triggers the card events).
  for (let i = 0; i < 50 && seen.length < 4; i++) {
    await mock.webhooksSettled();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  expect(seen).toEqual(['AUTHENTICATED send_card=true', 'switch Success', 'CARD_UPDATING card-7', 'CARD_UPDATED card-7 at DoorDash']);
  expect(mock.webhooks.map((w) => w.status)).toEqual([200, 200, 200]);
});
