/**
 * The cursor guard on its own: the rules any cursor-paginated list follows, with no server and no
 * notion of what a page holds (only its item count).
 */
import { describe, expect, it } from 'vitest';
import { CursorGuard, isUsableCursor, MAX_CONSECUTIVE_EMPTY_PAGES, resumePoint } from '../../src/core/cursor-guard.js';
import { KnotResponseValidationError } from '../../src/index.js';

const context = { method: 'POST', path: '/subscriptions/list' };

describe('isUsableCursor and resumePoint', () => {
  it.each([
    ['abc', true],
    [' a ', true],
    ['', false],
    ['   ', false],
    ['\t\r\n', false],
    [null, false],
    [undefined, false],
  ] as const)('%j usable: %s', (cursor, usable) => {
    expect(isUsableCursor(cursor)).toBe(usable);
  });

  it('resumes at next_cursor when usable, else at the cursor sent; never blank', () => {
    expect(resumePoint('n', 's')).toBe('n');
    expect(resumePoint(null, 's')).toBe('s');
    expect(resumePoint('', 's')).toBe('s');
    expect(resumePoint('  ', null)).toBeNull();
    expect(resumePoint(null, null)).toBeNull();
  });
});

describe('CursorGuard', () => {
  it('follows fresh cursors and ends at null or blank (telling which)', () => {
    const guard = new CursorGuard(null, context);
    expect(guard.follow('a', 3)).toEqual({ next: 'a' });
    expect(guard.follow('b', 0)).toEqual({ next: 'b' });
    expect(guard.follow(null, 2)).toEqual({ next: null, blank: false });
    expect(new CursorGuard('x', context).follow('', 0)).toEqual({ next: null, blank: true });
    expect(new CursorGuard('x', context).follow(' \n', 1)).toEqual({ next: null, blank: true });
  });

  it.each([
    ['A→A (the start cursor)', 'A', ['A']],
    ['A→B→A', 'A', ['B', 'A']],
    ['start→A→B→C→B', null, ['A', 'B', 'C', 'B']],
  ] as const)('a cycle %s is a KnotResponseValidationError naming the request and the cursor', (_name, start, answers) => {
    const guard = new CursorGuard(start, context);
    const last = answers.length - 1;
    for (const c of answers.slice(0, last)) expect(guard.follow(c, 1)).toEqual({ next: c });
    let error: unknown;
    try {
      guard.follow(answers[last]!, 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect(error).toMatchObject({ status: 200, method: 'POST', path: '/subscriptions/list', issues: [{ path: 'next_cursor' }] });
    expect((error as Error).message).toMatch(new RegExp(`^POST /subscriptions/list → 200: next_cursor "${answers[last]}" was already sent in this run`));
  });

  it('a huge repeated cursor is shortened in the message', () => {
    const long = 'x'.repeat(10_000);
    const guard = new CursorGuard(long, context);
    expect(() => guard.follow(long, 1)).toThrow(/"x{64}…"/);
  });

  it(`allows ${MAX_CONSECUTIVE_EMPTY_PAGES} empty pages in a row that point on, refuses one more`, () => {
    const guard = new CursorGuard(null, context);
    for (let i = 1; i <= MAX_CONSECUTIVE_EMPTY_PAGES; i++) expect(guard.follow(`e${i}`, 0)).toEqual({ next: `e${i}` });
    expect(() => guard.follow('e-last', 0)).toThrow(KnotResponseValidationError);
    expect(() => new CursorGuard(null, { ...context, maxEmptyPages: 0 }).follow('a', 0)).toThrow(/more than 0 empty pages in a row/);
  });

  it('a page with items resets the count; a final empty page is never refused', () => {
    const guard = new CursorGuard(null, { ...context, maxEmptyPages: 2 });
    guard.follow('a', 0);
    guard.follow('b', 0);
    guard.follow('c', 1);
    guard.follow('d', 0);
    guard.follow('e', 0);
    expect(guard.follow(null, 0)).toEqual({ next: null, blank: false });
    expect(() => guard.follow('f', 0)).toThrow(/more than 2 empty pages/);
  });
});
