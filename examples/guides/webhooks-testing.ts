/**
 * docs/webhooks.md, "Testing your endpoint": POST an event signed with `signWebhook` to your
 * handler; its work is done when the 200 arrives. `expect` is vitest's, which also works in a plain
 * script.
 */
import { expect } from 'vitest';
import { close, port, received } from './support/endpoint.js'; // your endpoint, on a free port, secret 'test_secret'
// #region sign
import { signWebhook } from 'knotapi-node';

const body = JSON.stringify({
  event: 'NEW_TRANSACTIONS_AVAILABLE',
  external_user_id: 'user-1',
  merchant: { id: 19, name: 'DoorDash' },
  timestamp: Date.now(),
});
const res = await fetch(`http://127.0.0.1:${port}/knot/webhooks`, {
  method: 'POST',
  headers: signWebhook({ body, secret: 'test_secret' }), // Knot-Signature, Content-Type, Content-Length, Encryption-Type
  body, // send exactly the string that was signed
});
expect(res.status).toBe(200);
expect(received).toEqual(['user-1/19']); // the handler ran before the answer
// #endregion

// Signed with another secret: refused before the handler runs.
const forged = await fetch(`http://127.0.0.1:${port}/knot/webhooks`, { method: 'POST', headers: signWebhook({ body, secret: 'other' }), body });
expect(forged.status).toBe(401);
expect(await forged.json()).toMatchObject({ error: 'invalid_signature' });
console.log(`signed: ${res.status}, handled ${received.join()}; other secret: ${forged.status}`);
await close();
