/**
 * Every JSON example of knot-api.md §5 and §11 that the SDK parses, as a fixture file under
 * test/fixtures/knot-api/ (copied verbatim; a few built from the doc's own prose, e.g. "CHECKOUT_FAILED
 * is the same with ..."). sources.json names the section each came from. An example that does not
 * parse, or loses a field, fails here rather than as a 400 Knot retries twice and then drops.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JweKeySchema } from '../../src/schemas/zod/card.js';
import {
  isKnownWebhookEvent,
  type KnotWebhookEventName,
  parseWebhook,
  WEBHOOK_EVENT_NAMES,
  webhookEventName,
} from '../../src/webhooks/index.js';
import { LOGIN_STEP_EVENTS } from './fixtures.js';

const root = resolve(import.meta.dirname, '../fixtures/knot-api');

interface Source {
  section: string;
  from: 'verbatim' | 'derived';
  note?: string;
}

const sources = JSON.parse(readFileSync(join(root, 'sources.json'), 'utf8')) as Record<string, Source>;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [relative(root, join(dir, entry.name))],
  );
}

const fixtureFiles = filesUnder(root).filter((file) => file !== 'sources.json');
const webhookFiles = fixtureFiles.filter((file) => file.startsWith('webhooks/'));
const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const payloadOf = (file: string) => JSON.parse(read(file)) as Record<string, unknown> & { event: string };

/** Events Knot names but shows no JSON example for; the union types them from the doc's tables. */
const WITHOUT_EXAMPLE: KnotWebhookEventName[] = [
  // §5.3: "data: { card_id, metadata? }", "same" for each; no payload printed.
  ...LOGIN_STEP_EVENTS,
  // §11.8: "payload not captured".
  'CANCELLATION_FAILED',
  'VAULTING_FAILED',
];

describe('knot-api.md examples as fixtures', () => {
  it('every fixture names its section in sources.json, and every entry there is a file', () => {
    expect(fixtureFiles.sort()).toEqual(Object.keys(sources).sort());
    for (const [file, source] of Object.entries(sources)) {
      expect(source.section, file).toMatch(/^§(5|11)(\.\d+)*$/);
      expect(['verbatim', 'derived'], file).toContain(source.from);
      if (source.from === 'derived') expect(source.note, file).toBeTruthy();
    }
  });

  it('every fixture event is one this SDK knows (WEBHOOK_EVENT_NAMES)', () => {
    const unknown = webhookFiles.map((file) => payloadOf(file).event).filter((name) => !WEBHOOK_EVENT_NAMES.includes(name as KnotWebhookEventName));
    expect(unknown).toEqual([]);
  });

  it('every known event has an example, except those Knot shows none for', () => {
    const covered = new Set(webhookFiles.map((file) => payloadOf(file).event));
    expect(WEBHOOK_EVENT_NAMES.filter((name) => !covered.has(name)).sort()).toEqual([...WITHOUT_EXAMPLE].sort());
  });
});

describe('every webhook example parses with parseWebhook', () => {
  it.each(webhookFiles)('%s: to its own event type, every field kept as sent', (file) => {
    const raw = read(file);
    const payload = payloadOf(file);
    const event = parseWebhook(raw);
    expect(isKnownWebhookEvent(event)).toBe(true);
    expect(webhookEventName(event)).toBe(payload.event);
    // The only change parseWebhook makes: a numeric-string timestamp becomes a number.
    expect(event).toEqual({ ...payload, timestamp: Number(payload.timestamp) });
  });

  it.each(webhookFiles)('%s: keeps fields Knot adds later, at the top and inside data', (file) => {
    const payload = payloadOf(file);
    const data = payload.data;
    const extended = {
      ...payload,
      added_later: { nested: [1, 'two'] },
      ...(data && typeof data === 'object' ? { data: { ...data, added_later: true } } : {}),
    };
    const event = parseWebhook(Buffer.from(JSON.stringify(extended))) as unknown as Record<string, unknown>;
    expect(event.added_later).toEqual({ nested: [1, 'two'] });
    if (data && typeof data === 'object') expect((event.data as Record<string, unknown>).added_later).toBe(true);
  });
});

describe('specific examples', () => {
  it('SYNC_CART_SUCCEEDED (§11.8): the string timestamp arrives as a number, the cart typed', () => {
    const event = parseWebhook(read('webhooks/sync-cart-succeeded.json'));
    if (event.event !== 'SYNC_CART_SUCCEEDED') throw new Error(`parsed as ${webhookEventName(event)}`);
    expect(event.timestamp).toBe(1710864923198);
    const product = event.data.cart!.products![0]!;
    expect(product.fulfillment!.type).toBe('SCHEDULED_DELIVERY');
    expect(product.fulfillment!.options![0]!.availabilityStart).toBe('2025-08-10T15:00:00Z-05:00');
    expect(event.data.cart!.price!.adjustments![0]!.amount).toBe('3.67');
  });

  it.each(['webhooks/sync-cart-failed.overview-no-data.json', 'webhooks/checkout-failed.overview-no-data.json'])(
    '%s: a Shopping failure without data (§11.12 #1) is accepted, data undefined',
    (file) => {
      const event = parseWebhook(read(file));
      if (event.event !== 'SYNC_CART_FAILED' && event.event !== 'CHECKOUT_FAILED') throw new Error(`parsed as ${webhookEventName(event)}`);
      expect(event.data).toBeUndefined();
      expect(event.data?.reason).toBeUndefined();
    },
  );

  it('NEW_DETECTED_ACCOUNTS_AVAILABLE: both documented variants (§11.12 #7)', () => {
    const listed = parseWebhook(read('webhooks/new-detected-accounts-available.detected-accounts.json'));
    const flagged = parseWebhook(read('webhooks/new-detected-accounts-available.has-supported-merchants.json'));
    if (listed.event !== 'NEW_DETECTED_ACCOUNTS_AVAILABLE' || flagged.event !== 'NEW_DETECTED_ACCOUNTS_AVAILABLE') throw new Error('not narrowed');
    expect(listed.data?.detected_accounts?.map((m) => m.name)).toEqual(['Spotify', 'Walmart']);
    expect(listed.has_supported_merchants).toBeUndefined();
    expect(flagged.has_supported_merchants).toBe(true);
    expect(flagged.data).toBeUndefined();
  });
});

describe('response examples of §11 that have a schema', () => {
  it('GET /jwe/key (§11.3.1) parses with JweKeySchema, every member kept, once its elided modulus is filled in', () => {
    const body = JSON.parse(read('responses/jwe-key.json'));
    // The docs elide the modulus ("..."): as printed, no key could encrypt with it, and the SDK says so.
    expect(body.n).toBe('...');
    expect(() => JweKeySchema.parse(body)).toThrow(/cannot encrypt card data: the key has no RSA modulus/);
    const filled = { ...body, n: `w${'A'.repeat(341)}` }; // 2048 bits
    expect(JweKeySchema.parse(filled)).toEqual(filled);
  });
});
