/**
 * The page walk of KnotPagePromise against an in-memory source: which requests it makes, in which
 * order, and where it stops or fails. The wire (params, retries, typed errors) is in
 * test/pagination/list-wire.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { KnotAbortError, KnotResponseValidationError } from '../../src/core/errors.js';
import { KnotPagePromise } from '../../src/core/page-promise.js';

interface Page {
  items: string[];
  next_cursor?: string | null;
}

/** A list whose pages are `pages[cursor]` (the first under `start`), recording every request. */
function listOf(pages: Record<string, Page>, options: { start?: string | null; signal?: AbortSignal } = {}) {
  const start = options.start ?? null;
  const fetched: string[] = [];
  const warnings: string[] = [];
  let firstRequests = 0;
  const pageAt = (cursor: string) => {
    const page = pages[cursor];
    if (!page) throw new Error(`no page at ${cursor}`);
    return page;
  };
  const first = Promise.resolve().then(() => {
    firstRequests++;
    return { data: pageAt(start ?? 'first'), response: { status: 200, headers: new Headers() } };
  });
  const list = new KnotPagePromise<string, Page>({
    first,
    startCursor: () => start,
    fetch: async (cursor) => {
      fetched.push(cursor);
      return pageAt(cursor);
    },
    items: (page) => page.items,
    signal: () => options.signal,
    operation: 'things.list',
    method: 'POST',
    path: '/things/list',
    warn: (message) => void warnings.push(message),
  });
  return { list, fetched, warnings, firstRequests: () => firstRequests };
}

const three: Record<string, Page> = {
  first: { items: ['a', 'b'], next_cursor: 'c1' },
  c1: { items: [], next_cursor: 'c2' },
  c2: { items: ['c'], next_cursor: null },
};

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('KnotPagePromise: reading the list', () => {
  it('awaits to the first page as sent and requests nothing else', async () => {
    const { list, fetched } = listOf(three);
    expect(await list).toEqual(three.first);
    expect((await list.withResponse()).response.status).toBe(200);
    expect(fetched).toEqual([]);
  });

  it('iterates every item of every page in order, across an empty page', async () => {
    const { list, fetched } = listOf(three);
    expect(await collect(list)).toEqual(['a', 'b', 'c']);
    expect(fetched).toEqual(['c1', 'c2']);
  });

  it('pages() hands over whole pages, the first included', async () => {
    const { list } = listOf(three);
    expect(await collect(list.pages())).toEqual([three.first, three.c1, three.c2]);
  });

  it('awaiting, then iterating, uses the first page already received', async () => {
    const { list, fetched, firstRequests } = listOf(three);
    await list;
    expect(await collect(list)).toEqual(['a', 'b', 'c']);
    expect(await collect(list.pages())).toHaveLength(3);
    expect(firstRequests()).toBe(1);
    // Each walk requests the later pages anew.
    expect(fetched).toEqual(['c1', 'c2', 'c1', 'c2']);
  });

  it('break sends nothing more: a later page is requested only when the loop reaches it', async () => {
    const { list, fetched } = listOf(three);
    for await (const item of list) {
      expect(item).toBe('a');
      break;
    }
    expect(fetched).toEqual([]);
    // The item after the first page's last one is what asks for the next page.
    const seen: string[] = [];
    for await (const item of listOf(three).list) {
      seen.push(item);
      if (item === 'b') break;
    }
    expect(seen).toEqual(['a', 'b']);
  });

  it('an absent next_cursor ends the list like null', async () => {
    const { list, fetched } = listOf({ first: { items: ['a'] } });
    expect(await collect(list)).toEqual(['a']);
    expect(fetched).toEqual([]);
  });

  it('starts from the cursor of the params', async () => {
    const { list, fetched } = listOf(three, { start: 'c1' });
    expect(await collect(list)).toEqual(['c']);
    expect(fetched).toEqual(['c2']);
  });
});

describe('KnotPagePromise: the cursor guards (shared with transactions.sync)', () => {
  it('a cycle A→B→A rejects before the repeating page is handed over', async () => {
    const { list, fetched } = listOf({
      first: { items: ['x'], next_cursor: 'A' },
      A: { items: ['y'], next_cursor: 'B' },
      B: { items: ['z'], next_cursor: 'A' },
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const item of list) seen.push(item);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect((error as Error).message).toMatch(/^POST \/things\/list → 200: next_cursor "A" was already sent/);
    expect(seen).toEqual(['x', 'y']);
    expect(fetched).toEqual(['A', 'B']);
  });

  it('a first page pointing back at the starting cursor is a cycle', async () => {
    const { list } = listOf({ S: { items: ['x'], next_cursor: 'S' } }, { start: 'S' });
    await expect(collect(list)).rejects.toBeInstanceOf(KnotResponseValidationError);
  });

  it.each(['', '  '])('a blank next_cursor %j ends the list, with a warning', async (blank) => {
    const { list, fetched, warnings } = listOf({ first: { items: ['a'], next_cursor: blank } });
    expect(await collect(list)).toEqual(['a']);
    expect(fetched).toEqual([]);
    expect(warnings.join()).toMatch(/things\.list: Knot answered a blank next_cursor/);
  });

  it('100 empty pages in a row are followed; the 101st rejects', async () => {
    const chain = (n: number) => {
      const pages: Record<string, Page> = { first: { items: [], next_cursor: 'e1' } };
      for (let i = 1; i < n; i++) pages[`e${i}`] = { items: [], next_cursor: `e${i + 1}` };
      pages[`e${n}`] = { items: ['end'], next_cursor: null };
      return pages;
    };
    expect(await collect(listOf(chain(100)).list)).toEqual(['end']);
    const { list, fetched } = listOf(chain(101));
    await expect(collect(list)).rejects.toThrow(/more than 100 empty pages in a row/);
    expect(fetched).toHaveLength(100);
  });
});

describe('KnotPagePromise: abort', () => {
  it('a signal fired between pages stops the walk without another request', async () => {
    const controller = new AbortController();
    const { list, fetched } = listOf(three, { signal: controller.signal });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const page of list.pages()) {
        seen.push(...page.items);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotAbortError);
    expect(seen).toEqual(['a', 'b']);
    expect(fetched).toEqual([]);
  });

  it('a signal fired mid-page stops the items of the page already received', async () => {
    const controller = new AbortController();
    const { list } = listOf(three, { signal: controller.signal });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const item of list) {
        seen.push(item);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotAbortError);
    expect(seen).toEqual(['a']);
  });
});
