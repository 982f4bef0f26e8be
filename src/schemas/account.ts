/** Merchant accounts as `accounts.list` and `accounts.get` return them (knot-api.md §3.4). */
import type { MerchantRef } from './shared.js';

export const CONNECTION_STATUSES = ['connected', 'disconnected'] as const;

/** @inline */
type KnownConnectionStatus = (typeof CONNECTION_STATUSES)[number];
/**
 * Whether Knot can still log in to the merchant account: `connected`, or `disconnected` (e.g. the
 * user changed their password; no new data until they link it again). Open: a value Knot adds later
 * arrives as a plain string.
 */
export type ConnectionStatus = KnownConnectionStatus | (string & {});

/**
 * A user's link to one merchant, as `accounts.list` and `accounts.get` return it. Unlinked accounts
 * are not returned.
 */
export interface MerchantAccount {
  /** The linked merchant. */
  merchant: MerchantRef;
  /** Whether Knot can still reach the account, and what the link allows. */
  connection: MerchantAccountConnection;
  /** The latest login attempt for the product named by the request's `type`; `null` or absent when none. */
  lifecycle?: MerchantAccountLifecycle | null;
  /** The user's latest action on the account, when Knot reports one; `null` or absent otherwise. */
  last_user_action?: LastUserAction | null;
}

/** The state of a merchant account's connection. */
export interface MerchantAccountConnection {
  /**
   * `connected`, or `disconnected` when Knot can no longer log in (e.g. the user changed their
   * password): no new transactions until the user links the account again.
   */
  status: ConnectionStatus;
  /** What the link allows, e.g. `[{ type: 'update_card' }]`; `[]` when disconnected, absent in older payloads. */
  scopes?: ConnectionScope[];
}

/** One permission of a merchant account's link. */
export interface ConnectionScope {
  /** The permission, e.g. `update_card` (CardSwitcher may switch the card on file). */
  type: string;
}

/** The latest login attempt at a merchant for one product. */
export interface MerchantAccountLifecycle {
  /** The attempt's status (legacy values: `enrolling`, `credentials`, `otp`, `enrolled`, `failed`...); `null` when none. */
  status: string | null;
}

/** The user's latest action on a merchant account. */
export interface LastUserAction {
  /** When the user acted (a timestamp string, presumably ISO 8601); `null` when never. */
  attempted_at: string | null;
  /** The outcome of that action; `null` when none. Read it with `type: 'card_switcher'` if a webhook was missed. */
  status: string | null;
}
