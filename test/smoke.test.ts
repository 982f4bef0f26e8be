import { HttpResponse, http } from 'msw';
import { afterEach, expect, it } from 'vitest';
import { KnotClient } from '../src/index.js';
import { serveStubs, type StubServer } from './helpers/stub-server.js';

let stub: StubServer | undefined;
afterEach(async () => stub?.close());

it('lists merchants over a real socket with Basic auth and the Knot-Version header', async () => {
  stub = await serveStubs(http.post('*/merchant/list', () => HttpResponse.json([{ id: 19, name: 'DoorDash', extra: 1 }])));
  const knot = new KnotClient({ clientId: 'id', secret: 'shh-secret', baseUrl: stub.url });
  const { data, response } = await knot.merchants.list({ type: 'transaction_link' }).withResponse();
  expect(data).toEqual([{ id: 19, name: 'DoorDash', extra: 1 }]);
  expect(response.status).toBe(200);
  expect(stub.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('id:shh-secret').toString('base64')}`);
  expect(stub.requests[0]?.headers['knot-version']).toBe('2.0');
  await knot.close();
});
