/**
 * The fake's in-memory world: users, their linked merchant accounts and sessions. An account keeps
 * a transaction *count* and the batches they were added in (for datetimes), plus the few updated
 * transactions; every other transaction is regenerated on demand (generate.ts).
 */
import type { Transaction } from '../schemas/transaction.js';
import type { CatalogueMerchant } from './catalogue.js';
import { applyUpdate, generateTransaction } from './generate.js';
import { parseTransactionId, tagKey, transactionId } from './ids.js';
import { createRng, hash32 } from './prng.js';

/** Transactions added together: index range and how their datetimes are spread before `atMs`. */
interface Batch {
  start: number;
  count: number;
  atMs: number;
  spacingMs: number;
}

export interface AccountState {
  readonly user: string;
  readonly merchant: CatalogueMerchant;
  readonly tag: number;
  status: 'connected' | 'disconnected';
  count: number;
  linkedAt: number;
  lastRefreshAt: number | undefined;
  readonly batches: Batch[];
  readonly updated: Map<number, Transaction>;
  updateRounds: number;
}

export interface UserState {
  readonly id: string;
  readonly accounts: Map<number, AccountState>;
}

export interface SessionState {
  readonly id: string;
  readonly type: string;
  readonly externalUserId: string;
  expiresAt: number;
}

const DAY = 86_400_000;
/** History spans about two years; spacing shrinks for big histories, never more than 3 days. */
const HISTORY_MS = 730 * DAY;

export class MockState {
  readonly users = new Map<string, UserState>();
  readonly sessions = new Map<string, SessionState>();
  /** Accounts by the 28-bit tag key embedded in their transaction ids. */
  private readonly byTagKey = new Map<number, AccountState[]>();

  constructor(private readonly seed: number) {}

  ensureUser(id: string): UserState {
    let user = this.users.get(id);
    if (!user) {
      user = { id, accounts: new Map() };
      this.users.set(id, user);
    }
    return user;
  }

  /** Links (or reconnects) an account. */
  link(userId: string, merchant: CatalogueMerchant, atMs: number): AccountState {
    const user = this.ensureUser(userId);
    const existing = user.accounts.get(merchant.id);
    if (existing) {
      existing.status = 'connected';
      existing.linkedAt = atMs;
      return existing;
    }
    const account: AccountState = {
      user: userId,
      merchant,
      tag: hash32(this.seed, 'account', userId, merchant.id),
      status: 'connected',
      count: 0,
      linkedAt: atMs,
      lastRefreshAt: undefined,
      batches: [],
      updated: new Map(),
      updateRounds: 0,
    };
    user.accounts.set(merchant.id, account);
    const key = tagKey(account.tag);
    this.byTagKey.set(key, [...(this.byTagKey.get(key) ?? []), account]);
    return account;
  }

  unlink(account: AccountState): void {
    this.users.get(account.user)?.accounts.delete(account.merchant.id);
    const key = tagKey(account.tag);
    const rest = (this.byTagKey.get(key) ?? []).filter((a) => a !== account);
    if (rest.length > 0) this.byTagKey.set(key, rest);
    else this.byTagKey.delete(key);
  }

  /**
   * Appends `count` transactions dated up to `atMs`. `history: true` spreads them over the past
   * two years (a first link); otherwise a minute apart (new orders).
   */
  addTransactions(account: AccountState, count: number, atMs: number, history: boolean): void {
    if (count <= 0) return;
    const spacingMs = history ? Math.max(60_000, Math.min(3 * DAY, Math.floor(HISTORY_MS / count))) : 60_000;
    account.batches.push({ start: account.count, count, atMs, spacingMs });
    account.count += count;
  }

  /** The current version of transaction `index` (the updated one if it was updated). */
  transactionAt(account: AccountState, index: number): Transaction {
    const updated = account.updated.get(index);
    if (updated) return updated;
    return generateTransaction({
      seed: this.seed,
      tag: account.tag,
      index,
      merchant: account.merchant,
      datetimeMs: this.datetimeOf(account, index),
    });
  }

  private datetimeOf(account: AccountState, index: number): number {
    // Batches are few and sorted by start: a linear scan from the end is cheap.
    for (let b = account.batches.length - 1; b >= 0; b--) {
      const batch = account.batches[b]!;
      if (index >= batch.start) {
        const fromEnd = batch.count - 1 - (index - batch.start);
        // Round to whole seconds: Knot's datetimes have no milliseconds.
        return Math.floor((batch.atMs - fromEnd * batch.spacingMs) / 1000) * 1000;
      }
    }
    return account.linkedAt;
  }

  /** Updates `count` transactions (not updated before, when possible); returns their indexes. */
  updateTransactions(account: AccountState, count: number): number[] {
    const rng = createRng(hash32(this.seed, account.tag, 'update', account.updateRounds++));
    const wanted = Math.min(count, account.count);
    const chosen = new Set<number>();
    // Bounded: random probes first, then a linear fill so this always terminates.
    for (let tries = 0; chosen.size < wanted && tries < wanted * 20; tries++) {
      const index = rng.int(0, account.count - 1);
      if (!account.updated.has(index)) chosen.add(index);
    }
    for (let index = account.count - 1; chosen.size < wanted && index >= 0; index--) chosen.add(index);
    const indexes = [...chosen].sort((a, b) => a - b);
    for (const index of indexes) account.updated.set(index, applyUpdate(this.transactionAt(account, index), rng));
    return indexes;
  }

  /** Finds a transaction by id among live accounts. */
  findTransaction(id: string): { account: AccountState; index: number } | undefined {
    const parsed = parseTransactionId(id);
    if (!parsed) return undefined;
    for (const account of this.byTagKey.get(parsed.key) ?? []) {
      const index = parsed.indexFor(account.tag);
      if (index < account.count && transactionId(this.seed, account.tag, index) === id) return { account, index };
    }
    return undefined;
  }
}
