import { describe, expect, it } from 'vitest';
import { KnotClient, KnotWebhookError } from '../../src/index.js';
import { signWebhook } from '../../src/webhooks/verify.js';

const SECRET = 'whsec_client_secret_1';
const event = { event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: 'u-1', merchant: { id: 19, name: 'DoorDash' }, timestamp: 1710864923198 };

describe('knot.webhooks', () => {
  it('verifies with the client secret and parses', () => {
    const knot = new KnotClient({ clientId: 'id', secret: SECRET, logLevel: 'off' });
    const body = JSON.stringify(event);
    const headers = signWebhook({ body, secret: SECRET });
    expect(knot.webhooks.verify(body, headers)).toBe(true);
    expect(knot.webhooks.unwrap(body, headers)).toMatchObject({ event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: 'u-1' });
  });

  it('rejects a webhook signed with another secret', () => {
    const knot = new KnotClient({ clientId: 'id', secret: SECRET, logLevel: 'off' });
    const body = JSON.stringify(event);
    const headers = signWebhook({ body, secret: 'someone_else' });
    expect(knot.webhooks.verify(body, headers)).toBe(false);
    expect(() => knot.webhooks.unwrap(body, headers)).toThrow(KnotWebhookError);
  });

  it('offers a Node handler', () => {
    const knot = new KnotClient({ clientId: 'id', secret: SECRET, logLevel: 'off' });
    expect(typeof knot.webhooks.handler({ on: {} })).toBe('function');
  });
});
