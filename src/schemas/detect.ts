/**
 * Detect (knot-api.md §11.5): which merchant accounts a user has online, found from their email
 * and phone number. Params are checked before anything is sent; answers are read tolerantly.
 */
import type { MerchantRef } from './shared.js';

/** Params of `detect.start`: the user and the contact details Knot looks their accounts up by. */
export interface DetectStartParams {
  /** Your id for the user (non-empty); the same id names the user in the webhook and in `detectedAccounts.*`. */
  external_user_id: string;
  /** The user's email address (required): Knot looks for accounts registered with it. */
  email: string;
  /** The user's phone number in E.164 form, e.g. `+14155551234`; improves what Knot finds. */
  phone_number?: string;
}

/** Params of `detectedAccounts.list`: the user, and where to start. */
export interface DetectedAccountListParams {
  /** Your id for the user (non-empty), as given to `detect.start`. */
  external_user_id: string;
  /**
   * Where to start (a `next_cursor` you stored, non-empty); omitted, `undefined` or `null` starts
   * from the first account detected. A stored cursor returns only accounts detected since.
   */
  cursor?: string | null;
  /** The page size, an integer from 1 to 100. Default 100 (the fewest requests); always sent. */
  limit?: number;
}

/** Params of `detectedAccounts.search`: the user, and the companies to ask about. */
export interface DetectedAccountSearchParams {
  /** Your id for the user (non-empty), as given to `detect.start`. */
  external_user_id: string;
  /**
   * The company names to ask about (at least one; each non-blank), e.g. `['Meta', 'Uber']`: any
   * company, not only merchants Knot supports. Each answer echoes the name as given.
   */
  names: string[];
}

/** One answer of `detectedAccounts.search`: whether the user has an account at the company named. */
export interface DetectedAccountSearchResult {
  /** The company name, exactly as given in `names`. */
  name: string;
  /** `true` when Knot detected an account of the user at this company. */
  detected: boolean;
  /** When the account was detected (ISO 8601, UTC, e.g. `2025-10-23T17:00:00Z`); `null` when not detected. */
  detected_at: string | null;
}

/** A merchant at which Knot detected an account of the user, as `detectedAccounts.list` returns it. */
export interface DetectedAccount {
  /** The merchant: `id` (pass it as `merchant_id`), `name` and `logo`. */
  merchant: MerchantRef;
  /** When the account was detected (ISO 8601, UTC, e.g. `2025-10-23T17:00:00Z`). */
  detected_at: string;
}

/** One page of `detectedAccounts.list`, as Knot sends it. */
export interface DetectedAccountsPage {
  /** The accounts on this page. */
  detected_accounts: DetectedAccount[];
  /**
   * Where the next page starts; `null` (or absent) on the last page. Store the last non-null value
   * to fetch only the accounts detected after it later.
   */
  next_cursor?: string | null;
  /** The page size Knot applied. */
  limit?: number;
}
