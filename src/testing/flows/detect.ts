/**
 * Detect in the fake (knot-api.md §11.5): `POST /detect` answers 202 and finishes in the
 * background; then the detected accounts become visible to `/detected-accounts/list` and `/search`
 * and NEW_DETECTED_ACCOUNTS_AVAILABLE goes out, like Knot (which takes up to a minute; the fake,
 * `delayMs`). What a user's detection finds is fixed by the seed, the user and the email: a few
 * merchants of the catalogue plus a few companies Knot does not support (only search sees those).
 */
import { type CatalogueMerchant, MERCHANTS } from '../catalogue.js';
import { encodeCursor } from '../cursor.js';
import { knotErrors } from '../errors.js';
import { pageLimit, pageStart, requestCursor } from '../list-page.js';
import { createRng, hash32, type Rng } from '../prng.js';
import { type Fields, requiredString } from '../validate.js';
import type { WebhookSender } from '../webhook-sender.js';

const E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Companies Knot has no merchant integration for: search finds them, list never shows them. */
const OTHER_COMPANIES = ['Meta', 'TikTok', 'LinkedIn', 'Airbnb', 'Dropbox', 'Johnson & Johnson', 'Duolingo', 'Peloton'] as const;

/** Which documented NEW_DETECTED_ACCOUNTS_AVAILABLE payload the fake sends (knot-api.md §11.8). */
export type DetectWebhookVariant = 'detected_accounts' | 'has_supported_merchants';

export interface DetectFlowOptions {
  seed: number;
  now: () => number;
  webhooks: WebhookSender;
  /** Time from `POST /detect` to its results and webhook. */
  delayMs: number;
  variant: DetectWebhookVariant;
  /** The product gate (403 NO_ACCESS when Detect is switched off). */
  requireAccess: () => void;
  /** Knot knows the user from their first detection on (e.g. `/user/delete` can delete them). */
  ensureUser: (externalUserId: string) => void;
}

interface Found {
  merchant: CatalogueMerchant;
  detectedAt: number;
}

interface Detection {
  /** Ties cursors to this user's list. */
  readonly tag: number;
  /** Merchants found, in the order found: append-only, so a stored cursor returns only new ones. */
  readonly merchants: Found[];
  /** Companies without a Knot integration, by lower-cased name. */
  readonly companies: Map<string, number>;
}

const isoUtc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class DetectFlow {
  /** Users whose detection was started, by external_user_id. */
  private readonly detections = new Map<string, Detection>();

  constructor(private readonly options: DetectFlowOptions) {}

  start(body: Fields): { message: string } {
    this.options.requireAccess();
    const userId = requiredString(body, 'external_user_id', 'external user id field');
    const email = requiredString(body, 'email', 'email field');
    if (!EMAIL.test(email)) throw knotErrors.invalidField('The email must be a valid email address.');
    if (body.phone_number !== undefined && (typeof body.phone_number !== 'string' || !E164.test(body.phone_number))) {
      throw knotErrors.invalidField('The phone number format is invalid.');
    }
    this.options.ensureUser(userId);
    if (!this.detections.has(userId)) {
      this.detections.set(userId, { tag: hash32(this.options.seed, 'detect', userId), merchants: [], companies: new Map() });
    }
    this.options.webhooks.later(this.options.delayMs, () => this.finish(userId, email));
    return { message: 'Success' };
  }

  list(body: Fields): { detected_accounts: Record<string, unknown>[]; next_cursor: string | null; limit: number } {
    this.options.requireAccess();
    const limit = pageLimit(body);
    const cursor = requestCursor(body);
    const detection = this.detection(body);
    const start = pageStart(cursor, detection.tag, detection.merchants.length);
    const page = detection.merchants.slice(start, start + limit);
    return {
      detected_accounts: page.map(({ merchant, detectedAt }) => ({
        merchant: { id: merchant.id, name: merchant.name, logo: merchant.logo },
        detected_at: isoUtc(detectedAt),
      })),
      // Like /transactions/sync: a page with accounts points after its last one, an empty page
      // answers null (nothing more now), and the cursor sent for it fetches only what is found later.
      next_cursor: page.length > 0 ? encodeCursor({ tag: detection.tag, sequence: start + page.length }) : null,
      limit,
    };
  }

  search(body: Fields): { name: string; detected: boolean; detected_at: string | null }[] {
    this.options.requireAccess();
    const names = body.names;
    if (names === undefined || names === null) throw knotErrors.invalidField('The names field is required.');
    if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string' && n.trim() !== '')) {
      throw knotErrors.invalidField('The names must be a non-empty array of company names.');
    }
    const detection = this.detection(body);
    return (names as string[]).map((name) => {
      const key = name.trim().toLowerCase();
      const at =
        detection.merchants.find((f) => f.merchant.name.toLowerCase() === key)?.detectedAt ?? detection.companies.get(key);
      return { name, detected: at !== undefined, detected_at: at === undefined ? null : isoUtc(at) };
    });
  }

  /** Forgets the user's detection (`/user/delete`). */
  forget(userId: string): void {
    this.detections.delete(userId);
  }

  private detection(body: Fields): Detection {
    const userId = requiredString(body, 'external_user_id', 'external user id field');
    const detection = this.detections.get(userId);
    // Knot's list and search know a user only once detection was started for them.
    if (!detection) throw knotErrors.userNotFound();
    return detection;
  }

  /** Detection done: records what was found and returns the webhook for what is new (none: no webhook). */
  private finish(userId: string, email: string): Record<string, unknown> | undefined {
    const detection = this.detections.get(userId);
    if (!detection) return undefined; // deleted meanwhile
    const now = this.options.now();
    const rng = createRng(hash32(this.options.seed, 'detect', userId, email.toLowerCase()));
    const merchants = shuffled(MERCHANTS, rng).slice(0, rng.int(2, 4));
    const fresh = merchants.filter((m) => !detection.merchants.some((f) => f.merchant.id === m.id));
    for (const merchant of fresh) detection.merchants.push({ merchant, detectedAt: now });
    let newCompanies = 0;
    for (const company of shuffled(OTHER_COMPANIES, rng).slice(0, rng.int(1, 3))) {
      const key = company.toLowerCase();
      if (detection.companies.has(key)) continue;
      detection.companies.set(key, now);
      newCompanies++;
    }
    if (fresh.length === 0 && newCompanies === 0) return undefined;
    const envelope = { event: 'NEW_DETECTED_ACCOUNTS_AVAILABLE', external_user_id: userId };
    if (this.options.variant === 'has_supported_merchants') {
      return { ...envelope, has_supported_merchants: detection.merchants.length > 0, timestamp: now };
    }
    return {
      ...envelope,
      data: { detected_accounts: fresh.map((m) => ({ id: m.id, name: m.name, logo: m.logo })) },
      timestamp: now,
    };
  }
}

/** A copy of `items` in an order drawn from `rng` (Fisher–Yates). */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

