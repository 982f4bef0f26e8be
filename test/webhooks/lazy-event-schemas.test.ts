/**
 * Each webhook event's schema is built the first time that event is parsed, and only that one:
 * importing the SDK builds none, and a receiver of one event type never builds the other 27.
 */
import { describe, expect, it, vi } from 'vitest';

const built = vi.hoisted(() => [] as string[]);
vi.mock('../../src/schemas/zod/builders/webhook.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/schemas/zod/builders/webhook.js')>();
  const counted = Object.fromEntries(
    Object.entries(original.WEBHOOK_EVENT_BUILDERS).map(([name, build]) => [
      name,
      (kit: Parameters<typeof build>[0]) => {
        built.push(name);
        return build(kit);
      },
    ]),
  );
  return { ...original, WEBHOOK_EVENT_BUILDERS: counted };
});

const account = { external_user_id: 'user-1', merchant: { id: 19, name: 'DoorDash' }, timestamp: 1710864923198 };

describe('webhook event schemas', () => {
  it('are built on first use, one event at a time, once each', async () => {
    const { parseWebhook, webhookEventName } = await import('../../src/index.js');
    expect(built).toEqual([]);

    parseWebhook(JSON.stringify({ event: 'NEW_TRANSACTIONS_AVAILABLE', ...account }));
    parseWebhook(JSON.stringify({ event: 'NEW_TRANSACTIONS_AVAILABLE', ...account }));
    expect(built).toEqual(['NEW_TRANSACTIONS_AVAILABLE']);

    // A failed parse builds the schema it needed, once; an unknown event builds nothing.
    expect(() => parseWebhook(JSON.stringify({ event: 'ACCOUNT_LOGIN_REQUIRED' }))).toThrow(/ACCOUNT_LOGIN_REQUIRED does not have the expected structure/);
    expect(webhookEventName(parseWebhook(JSON.stringify({ event: 'SOMETHING_NEW', ...account })))).toBe('SOMETHING_NEW');
    parseWebhook(JSON.stringify({ event: 'ACCOUNT_LOGIN_REQUIRED', ...account }));
    expect(built).toEqual(['NEW_TRANSACTIONS_AVAILABLE', 'ACCOUNT_LOGIN_REQUIRED']);
  });
});
