/**
 * Request params. Every params type is checked before anything is sent: a problem rejects the call
 * with a KnotValidationError whose `issues` name each field, and unknown keys are refused (a misspelt
 * field would otherwise be dropped silently).
 */
import type { MERCHANT_LIST_TYPES, Platform } from './merchant.js';

export const SESSION_TYPES = ['card_switcher', 'transaction_link', 'link', 'vault'] as const;
export const ACCOUNT_TYPES = ['card_switcher', 'transaction_link', 'vault'] as const;

/** @inline */
type SessionType = (typeof SESSION_TYPES)[number];
/** @inline */
type AccountType = (typeof ACCOUNT_TYPES)[number];
/** @inline */
type MerchantListProduct = (typeof MERCHANT_LIST_TYPES)[number];

/**
 * Params of `sessions.create`. `card_id` is required when `type` is `card_switcher`; unknown keys
 * are refused.
 */
export interface SessionCreateParams {
  /**
   * The product the session is for: `transaction_link` for TransactionLink (not
   * `transactions_link`), `card_switcher`, `link` or `vault`.
   */
  type: SessionType;
  /** Your id for the user (non-empty); the same id names the user in every later call and webhook. */
  external_user_id: string;
  /** Your id for the card. Required when `type` is `card_switcher`; otherwise optional, may be `null`. */
  card_id?: string | null;
  /** The user's phone number in E.164 form, e.g. `+11234567890`. */
  phone_number?: string;
  /** The user's email address. */
  email?: string;
  /** A Plaid `processor_token`, to detect merchants from the user's Plaid transactions; may be `null`. */
  processor_token?: string | null;
  /** Card state hints for CardSwitcher. */
  card?: SessionCardHints;
  /** Up to 10 string values of at most 500 characters each, echoed back in webhooks as `data.metadata`. */
  metadata?: Record<string, string>;
}

/** Card state hints for a CardSwitcher session. */
export interface SessionCardHints {
  /** The card is blocked (default `false`). */
  blocked?: boolean;
  /** The card has funds (default `true`). */
  has_funds?: boolean;
}

/** Params of `sessions.extend`. */
export interface SessionExtendParams {
  /** The `session` returned by `sessions.create` (non-empty); it gets another 30 minutes. */
  session_id: string;
}

/** Params of `merchants.list`. Send `platform` to learn each merchant's `min_sdk_version`. */
export interface MerchantListParams {
  /** The product to list merchants for, e.g. `transaction_link`; only the known values are accepted. */
  type: MerchantListProduct;
  /** `ios`, `android` or `web`: when sent, each merchant also carries `min_sdk_version` for that platform. */
  platform?: Platform;
  /** A keyword matched against merchant names (e.g. `hub` finds Grubhub and StubHub); omit it to list them all. */
  search?: string;
  /**
   * Your id for a user (non-empty): each merchant then also carries that user's legacy `status` at
   * the merchant. Sent when given.
   *
   * @deprecated Knot deprecated this field; it is the only way to get `Merchant.status`, which is
   * legacy too. For a user's accounts use `knot.accounts.list({ external_user_id })`.
   */
  external_user_id?: string;
}

/** Params of `accounts.list`. */
export interface AccountListParams {
  /** Your id for the user (non-empty), as given to `sessions.create`. */
  external_user_id: string;
  /** The product whose latest login attempt `lifecycle.status` reports: `card_switcher`, `transaction_link` or `vault`. */
  type?: AccountType;
}

/** Params of `accounts.get`: the user and the merchant whose account to read. */
export interface AccountGetParams {
  /** Your id for the user (non-empty), as given to `sessions.create`. */
  external_user_id: string;
  /** The merchant's id: a positive integer, the same in every environment. */
  merchant_id: number;
  /** The product whose latest login attempt `lifecycle.status` reports: `card_switcher`, `transaction_link` or `vault`. */
  type?: AccountType;
}

/** Params of `accounts.unlink`: the user and the merchant to unlink. */
export interface AccountUnlinkParams {
  /** Your id for the user (non-empty), as given to `sessions.create`. */
  external_user_id: string;
  /** The merchant's id: a positive integer, the same in every environment. */
  merchant_id: number;
}

/** Params of `transactions.syncPage`: one merchant account, and where to resume. */
export interface SyncPageParams {
  /** The merchant's id: a positive integer, the same in every environment. */
  merchant_id: number;
  /** Your id for the user (non-empty), as given to `sessions.create`. */
  external_user_id: string;
  /** Where to resume (a stored `checkpoint`, non-empty); omitted, `undefined` or `null` starts from the beginning. */
  cursor?: string | null;
  /** The page size, an integer from 1 to 100. Default 100 (the fewest requests); always sent. */
  limit?: number;
}

/** Params of `transactions.refresh`: the merchant account to re-extract. */
export interface RefreshParams {
  /** Your id for the user (non-empty), as given to `sessions.create`. */
  external_user_id: string;
  /** The merchant's id: a positive integer, the same in every environment. */
  merchant_id: number;
}

/**
 * Params of `development.linkAccount`. `transactions.updated` requires `transactions.new`, and
 * `card_switcher` (which requires `card_id`) cannot be combined with `transactions`.
 */
export interface LinkAccountParams {
  /** Your id for the user (non-empty). Use a new id for each test run: the account is linked for that user. */
  external_user_id: string;
  /** The merchant's id, a positive integer; 19 (DoorDash) is the usual choice for TransactionLink. */
  merchant_id: number;
  /** Simulate TransactionLink data: sample transactions now, and optionally updates to some of them. */
  transactions?: LinkAccountTransactions;
  /** Simulate CardSwitcher instead (requires `card_id`; not with `transactions`). */
  card_switcher?: boolean;
  /** Your id for the card (non-empty), for `card_switcher`. */
  card_id?: string;
}

/** What `development.linkAccount` should generate for TransactionLink. */
export interface LinkAccountTransactions {
  /** Generate sample transactions (about 205) and send `NEW_TRANSACTIONS_AVAILABLE`. */
  new: boolean;
  /** Then update a few of them and send `UPDATED_TRANSACTIONS_AVAILABLE`; requires `new: true`. */
  updated?: boolean;
}

/** Params of `development.disconnectAccount`: the merchant account to mark disconnected. */
export interface DisconnectAccountParams {
  /** Your id for the user (non-empty), as given to `sessions.create`. */
  external_user_id: string;
  /** The merchant's id: a positive integer, the same in every environment. */
  merchant_id: number;
}
