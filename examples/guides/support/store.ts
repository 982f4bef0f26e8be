/**
 * An in-memory stand-in for your database, shared by the guides' examples: transactions keyed by
 * id (an upsert), and one sync cursor per account.
 */
export interface AccountRef {
  external_user_id: string;
  merchant_id: number;
}

export function createStore() {
  const store = new Map<string, unknown>();
  const cursors = new Map<string, string>();
  const key = (account: AccountRef) => `${account.merchant_id}:${account.external_user_id}`;
  return {
    store,
    cursors,
    async upsert(txn: { id: string }): Promise<void> {
      store.set(txn.id, txn);
    },
    async loadCursor(account: AccountRef): Promise<string | null> {
      return cursors.get(key(account)) ?? null;
    },
    async saveCursor(account: AccountRef, cursor: string): Promise<void> {
      cursors.set(key(account), cursor);
    },
  };
}
