/**
 * The rules every cursor-paginated list follows, whatever its pages hold (transactions.sync today;
 * the `KnotPage` lists reuse them). A misbehaving server must end a run with an error, never loop
 * forever and never hand the caller a cursor that wedges the next run.
 *
 * - A blank `next_cursor` (`""`, whitespace) ends the list like `null`: sending it back could only
 *   fail, and storing it would make every later run fail before it starts.
 * - A `next_cursor` already sent in this run (A→A, A→B→A, any cycle) is an error.
 * - More than {@link MAX_CONSECUTIVE_EMPTY_PAGES} empty pages in a row that each point on is an
 *   error: nothing reaches the caller while they arrive, so without a bound it spins silently.
 *
 * Over a screen because this list and the error messages are its documentation; the logic is
 * `follow()`, under twenty lines.
 */
import { KnotResponseValidationError } from './errors.js';

/** Empty pages in a row that may still point to another page; one more is an error. */
export const MAX_CONSECUTIVE_EMPTY_PAGES = 100;

/** True for a cursor that names a page: a string with something besides whitespace. */
export function isUsableCursor(cursor: string | null | undefined): cursor is string {
  return typeof cursor === 'string' && cursor.trim() !== '';
}

/**
 * Where to resume after a page: its `next_cursor` when usable, else the cursor sent for it. Never
 * `null` over a real cursor (that would restart from the whole history) and never blank.
 */
export function resumePoint(nextCursor: string | null, sentCursor: string | null): string | null {
  return isUsableCursor(nextCursor) ? nextCursor : sentCursor;
}

/** What to do after a page: request `next`, or stop (`blank`: the server sent a blank cursor). */
export type CursorStep = { next: string } | { next: null; blank: boolean };

/** The request a list pages through, for error messages: `POST /transactions/sync`. */
export interface CursorGuardContext {
  method: string;
  path: string;
  /** Default {@link MAX_CONSECUTIVE_EMPTY_PAGES}. */
  maxEmptyPages?: number;
}

const shown = (cursor: string) => JSON.stringify(cursor.length > 64 ? `${cursor.slice(0, 64)}…` : cursor);

/**
 * Follows one run of a cursor-paginated list, page by page. Remembers every cursor sent in the run
 * (one string per page: small next to the pages themselves).
 */
export class CursorGuard {
  readonly #sent = new Set<string>();
  readonly #context: CursorGuardContext;
  readonly #maxEmptyPages: number;
  #emptyInARow = 0;

  /** `start`: the cursor of the run's first request (`null` for the beginning). */
  constructor(start: string | null, context: CursorGuardContext) {
    this.#context = context;
    this.#maxEmptyPages = context.maxEmptyPages ?? MAX_CONSECUTIVE_EMPTY_PAGES;
    if (start !== null) this.#sent.add(start);
  }

  /**
   * Checks the page just received and says what to request next.
   *
   * @throws {@link KnotResponseValidationError} when `nextCursor` was already sent in this run, or
   *   when this is one empty page too many in a row.
   */
  follow(nextCursor: string | null, itemCount: number): CursorStep {
    if (!isUsableCursor(nextCursor)) return { next: null, blank: nextCursor !== null };
    if (this.#sent.has(nextCursor)) {
      throw this.#error(
        `next_cursor ${shown(nextCursor)} was already sent in this run (a cursor cycle); following it would loop forever. Resume later from your stored cursor.`,
        'repeats a cursor already sent in this run',
      );
    }
    this.#emptyInARow = itemCount === 0 ? this.#emptyInARow + 1 : 0;
    if (this.#emptyInARow > this.#maxEmptyPages) {
      throw this.#error(
        `more than ${this.#maxEmptyPages} empty pages in a row, each pointing to another page; stopped instead of paging on without end. Resume later from your stored cursor.`,
        `points on after ${this.#emptyInARow} empty pages in a row`,
      );
    }
    this.#sent.add(nextCursor);
    return { next: nextCursor };
  }

  #error(text: string, issue: string): KnotResponseValidationError {
    const { method, path } = this.#context;
    return new KnotResponseValidationError(`${method} ${path} → 200: ${text}`, {
      status: 200,
      method,
      path,
      issues: [{ path: 'next_cursor', message: issue }],
    });
  }
}
