/**
 * An in-memory stand-in for your database, for the guides' examples: the helpers each example
 * defines below its snippet (`loadCursor`, `saveCursor`, `upsert`, ...) keep their data here.
 * (Module-level, so it exists before the snippet runs: function helpers are hoisted, `const`s are not.)
 */
import type { Transaction } from 'knotapi-node';

export const memory = {
  /** Resume points, by account key. A missing entry means "first sync". */
  cursors: new Map<string, string>(),
  /** Transactions by id: an upsert on `id` makes duplicate deliveries harmless. */
  transactions: new Map<string, Transaction>(),
  /** Upserts made, duplicates included. */
  upserts: 0,
};
