/** The paging rules every cursor list of the fake shares (transactions, subscriptions, detected accounts). */
import { decodeCursor } from './cursor.js';
import { knotErrors } from './errors.js';
import type { Fields } from './validate.js';

/**
 * `limit` of /subscriptions/list and /detected-accounts/list: 1..100. Knot shows 100 in its
 * answers and documents no default; the fake uses 100.
 */
export function pageLimit(fields: Fields): number {
  const value = fields.limit;
  if (value === undefined || value === null) return 100;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > 100) {
    throw knotErrors.invalidField('The limit must be an integer between 1 and 100.');
  }
  return value;
}

/** The request's `cursor`: `null` when absent, null or empty; INVALID_FIELD when it is not a string. */
export function requestCursor(body: Fields): string | null {
  const { cursor } = body;
  if (cursor !== undefined && cursor !== null && typeof cursor !== 'string') throw knotErrors.invalidField('The cursor must be a string.');
  return typeof cursor === 'string' && cursor !== '' ? cursor : null;
}

/**
 * Where the page starts in a list of `length` items under `tag`: 0 without a cursor. A cursor that
 * is not ours, belongs to another list or points past the end is INVALID_CURSOR_FORMAT.
 */
export function pageStart(cursor: string | null, tag: number, length: number): number {
  if (cursor === null) return 0;
  const position = decodeCursor(cursor);
  if (!position || position.tag !== tag || position.sequence > length) throw knotErrors.invalidCursor();
  return position.sequence;
}
