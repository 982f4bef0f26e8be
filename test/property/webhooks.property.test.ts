/**
 * parseWebhook on arbitrary input throws nothing but KnotWebhookError; verifyWebhookSignature never
 * accepts a request whose signature, event, session id or any signed header value was changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KnotWebhookError } from '../../src/index.js';
import { parseWebhook, signWebhook, verifyWebhookSignature } from '../../src/webhooks/index.js';
import { WEBHOOK_EVENT_NAMES } from '../../src/schemas/webhook.js';
import { bodies, nearValid, runs } from './support.js';

const SAMPLES = [
  {
    event: 'AUTHENTICATED',
    session_id: 'fb5aa994-ed1c-4c3e-b29a-b2a53222e584',
    task_id: 25605,
    external_user_id: 'u-1',
    merchant: { id: 10, name: 'Uber' },
    data: { card_id: '1', send_card: true, entrypoint: 'onboarding', metadata: { a: 'b' } },
    timestamp: 1710864923198,
  },
  { event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: 'u', merchant: { id: 36, name: 'Uber Eats' }, timestamp: 1710864923198 },
  {
    event: 'UPDATED_TRANSACTIONS_AVAILABLE',
    external_user_id: 'u',
    merchant: { id: 36, name: 'Uber Eats' },
    updated: [{ id: '13da3c28-a068-4642-9ce2-b730cfda5f5f' }],
    timestamp: 1710864923198,
  },
  {
    event: 'MERCHANT_STATUS_UPDATE',
    merchant: { id: 10, name: 'Uber', category: 'Transportation' },
    data: { type: 'card_switcher', status: 'UP', platform: 'ios', sdk: '1.0.0' },
    timestamp: 1710864923198,
  },
];

const outcomes = { parsed: 0, refused: 0 };

function expectOnlyWebhookErrors(run: () => unknown): void {
  try {
    run();
    outcomes.parsed += 1;
  } catch (error) {
    expect(error).toBeInstanceOf(KnotWebhookError);
    outcomes.refused += 1;
  }
}

/** Runs `check` and asserts it produced both parsed events and refusals (not a vacuous pass). */
function bothOutcomes(check: () => void): void {
  outcomes.parsed = 0;
  outcomes.refused = 0;
  check();
  expect(outcomes.parsed).toBeGreaterThan(0);
  expect(outcomes.refused).toBeGreaterThan(0);
}

describe('parseWebhook on arbitrary input', () => {
  const anyBody = fc.oneof(...SAMPLES.map((s) => bodies(s)));

  it('raw bytes and text: returns an event or throws KnotWebhookError', () => {
    bothOutcomes(() =>
      fc.assert(
        fc.property(anyBody, fc.boolean(), (body, asBuffer) => {
          const input = typeof body === 'string' && asBuffer ? Buffer.from(body, 'utf8') : body;
          expectOnlyWebhookErrors(() => parseWebhook(input));
        }),
        runs(3_000),
      ),
    );
  });

  it('already-parsed values (any JSON, near-valid events, any event name): same', () => {
    const parsed = fc.oneof(
      fc.jsonValue(),
      ...SAMPLES.map((s) => nearValid(s)),
      fc
        .tuple(fc.constantFrom(...WEBHOOK_EVENT_NAMES), fc.dictionary(fc.string(), fc.jsonValue()))
        .map(([event, rest]) => ({ ...rest, event })),
    );
    bothOutcomes(() =>
      fc.assert(
        fc.property(parsed, (value) => {
          // A number or null is not a valid argument type, but JS callers can pass anything.
          expectOnlyWebhookErrors(() => parseWebhook(value as object));
        }),
        runs(3_000),
      ),
    );
  });

  it('an unknown event name is returned, never thrown, and keeps every field', () => {
    const known = new Set<string>(WEBHOOK_EVENT_NAMES);
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !known.has(s)),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (event, rest) => {
          const body = { ...rest, event };
          const parsed = parseWebhook(JSON.stringify(body)) as unknown as Record<string, unknown>;
          expect(parsed.event).toBe(event);
          expect(JSON.parse(JSON.stringify(parsed))).toEqual(JSON.parse(JSON.stringify(body)));
        },
      ),
      runs(1_000),
    );
  });
});

describe('verifyWebhookSignature never accepts a changed request', () => {
  const secret = fc.string({ minLength: 1, maxLength: 40 });
  const sessionId = fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined });
  const signed = fc
    .record({
      secret,
      event: fc.oneof(fc.constantFrom(...WEBHOOK_EVENT_NAMES), fc.string({ minLength: 1, maxLength: 30 })),
      session: sessionId,
      extra: fc.dictionary(
        fc.string().filter((k) => k !== 'event' && k !== 'session_id'),
        fc.jsonValue(),
        { maxKeys: 4 },
      ),
    })
    .map(({ secret, event, session, extra }) => {
      const payload: Record<string, unknown> = { ...extra, event };
      if (session !== undefined) payload.session_id = session;
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = { ...signWebhook({ body, secret }) };
      return { secret, payload, body, headers };
    });

  /** A different value for a header, after the trimming HTTP allows. */
  const otherText = (current: string) =>
    fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== current.trim() && s.trim() !== '');

  it('the untouched request verifies (sanity)', () => {
    fc.assert(
      fc.property(signed, ({ secret, body, headers }) => {
        expect(verifyWebhookSignature({ body, headers, secret })).toBe(true);
        expect(verifyWebhookSignature({ body: Buffer.from(body), headers, secret })).toBe(true);
      }),
      runs(500),
    );
  });

  it('a changed Knot-Signature is refused', () => {
    fc.assert(
      fc.property(
        signed.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.oneof(
              otherText(s.headers['Knot-Signature']!),
              // Same length, one base64 character changed: the near miss.
              fc.nat({ max: 43 }).map((i) => {
                const sig = s.headers['Knot-Signature']!;
                const swapped = sig[i] === 'A' ? 'B' : 'A';
                return sig.slice(0, i) + swapped + sig.slice(i + 1);
              }),
            ),
          ),
        ),
        ([{ secret, body, headers }, signature]) => {
          fc.pre(signature !== headers['Knot-Signature']);
          expect(verifyWebhookSignature({ body, headers: { ...headers, 'Knot-Signature': signature }, secret })).toBe(false);
        },
      ),
      runs(2_000),
    );
  });

  it('a changed event or session_id (changed, added or removed) is refused', () => {
    fc.assert(
      fc.property(
        signed,
        fc.constantFrom('event', 'session_change', 'session_add_or_remove'),
        fc.string({ minLength: 1, maxLength: 40 }),
        ({ secret, payload, headers }, what, replacement) => {
          const changed = { ...payload };
          if (what === 'event') {
            fc.pre(replacement !== payload.event);
            changed.event = replacement;
          } else if (what === 'session_change') {
            fc.pre(payload.session_id !== undefined && replacement !== payload.session_id);
            changed.session_id = replacement;
          } else if (payload.session_id === undefined) {
            changed.session_id = replacement;
          } else {
            delete changed.session_id;
          }
          // Keep Content-Length as signed: only the signed body field differs.
          const body = JSON.stringify(changed);
          expect(verifyWebhookSignature({ body, headers, secret })).toBe(false);
          expect(verifyWebhookSignature({ body: changed, headers, secret })).toBe(false);
        },
      ),
      runs(2_000),
    );
  });

  it('a changed Content-Length, Content-Type or Encryption-Type value is refused', () => {
    fc.assert(
      fc.property(
        signed.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.constantFrom('Content-Length', 'Content-Type', 'Encryption-Type'),
            fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 40 }),
          ),
        ),
        ([{ secret, body, headers }, name, value]) => {
          fc.pre(value.trim() !== '' && value.trim() !== headers[name]!.trim());
          expect(verifyWebhookSignature({ body, headers: { ...headers, [name]: value }, secret })).toBe(false);
        },
      ),
      runs(2_000),
    );
  });

  it('a different secret is refused', () => {
    fc.assert(
      fc.property(signed, fc.string({ minLength: 1, maxLength: 40 }), ({ secret, body, headers }, other) => {
        fc.pre(other !== secret);
        expect(verifyWebhookSignature({ body, headers, secret: other })).toBe(false);
      }),
      runs(1_000),
    );
  });
});
