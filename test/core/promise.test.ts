import { describe, expect, it } from 'vitest';
import { KnotPromise } from '../../src/core/promise.js';

const info = { status: 201, headers: new Headers({ 'x-request-id': 'r1' }) };

function unhandledDuring(fn: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', onUnhandled);
  return fn()
    .then(() => new Promise((r) => setTimeout(r, 20)))
    .then(() => seen)
    .finally(() => process.off('unhandledRejection', onUnhandled));
}

describe('KnotPromise', () => {
  it('resolves to the data, and withResponse() to data + status + headers', async () => {
    const p = new KnotPromise(Promise.resolve({ data: [1, 2], response: info }));
    expect(p).toBeInstanceOf(Promise);
    expect(await p).toEqual([1, 2]);
    const { data, response } = await p.withResponse();
    expect(data).toEqual([1, 2]);
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('r1');
  });

  it('then/catch/finally return plain promises and chain', async () => {
    const p = new KnotPromise(Promise.resolve({ data: 2, response: info }));
    const doubled = p.then((n) => n * 2);
    expect(doubled).not.toBeInstanceOf(KnotPromise);
    expect(await doubled).toBe(4);
    let ran = false;
    expect(
      await p.finally(() => {
        ran = true;
      }),
    ).toBe(2);
    expect(ran).toBe(true);
  });

  it('rejects both views with the same error', async () => {
    const error = new Error('boom');
    const p = new KnotPromise<number>(Promise.reject(error));
    await expect(p).rejects.toBe(error);
    await expect(p.withResponse()).rejects.toBe(error);
    expect(await p.catch((e: unknown) => e)).toBe(error);
  });

  it('leaves no unhandled rejection when only withResponse() is awaited', async () => {
    const seen = await unhandledDuring(async () => {
      const p = new KnotPromise<number>(Promise.reject(new Error('only-with-response')));
      await expect(p.withResponse()).rejects.toThrow('only-with-response');
    });
    expect(seen).toEqual([]);
  });

  it('leaves no unhandled rejection when only the data view is awaited', async () => {
    const seen = await unhandledDuring(async () => {
      const p = new KnotPromise<number>(Promise.reject(new Error('only-data')));
      await expect(p).rejects.toThrow('only-data');
    });
    expect(seen).toEqual([]);
  });

  it('works with Promise.all and await in try/catch', async () => {
    const ok = new KnotPromise(Promise.resolve({ data: 'a', response: info }));
    expect(await Promise.all([ok, ok])).toEqual(['a', 'a']);
    const bad = new KnotPromise<string>(Promise.reject(new Error('x')));
    let caught: unknown;
    try {
      await bad;
    } catch (e) {
      caught = e;
    }
    expect((caught as Error).message).toBe('x');
  });
});
