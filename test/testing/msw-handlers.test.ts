import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { KnotConfigError } from '../../src/index.js';
import { createMockKnot } from '../../src/testing.js';
import { mswLoadError } from '../../src/testing/msw-handlers.js';
import { basic } from './helpers.js';

describe('mswLoadError: why mock.handlers cannot work, and the fix', () => {
  it('names `npm i -D msw` when msw is not installed', () => {
    const missing = Object.assign(new Error("Cannot find module 'msw'\nRequire stack:\n- /app/x.js"), { code: 'MODULE_NOT_FOUND' });
    const error = mswLoadError(missing);
    expect(error).toBeInstanceOf(KnotConfigError);
    expect(error.message).toBe(
      "mock.handlers needs msw, which could not be loaded (Cannot find module 'msw'). msw is an optional peer dependency that npm does not install by itself: run `npm i -D msw`.",
    );
    expect(error.cause).toBe(missing);
  });

  it('explains require(esm) on an older Node, and points to listen()/dispatcher otherwise', () => {
    const esm = Object.assign(new Error('require() of ES Module rettime'), { code: 'ERR_REQUIRE_ESM' });
    expect(mswLoadError(esm).message).toMatch(/needs require\(esm\) \(Node\.js ≥ 20\.19\).*mock\.listen\(\)/);
    expect(mswLoadError(new Error('boom')).message).toMatch(/\(boom\)\. Check that msw .*npm i -D msw/);
  });
});

it('mock.handlers serve the route table through msw, path parameters decoded by the fake', async () => {
  const mock = createMockKnot();
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const auth = { authorization: basic(mock.clientId, mock.secret) };
    expect(mock.handlers).toBe(mock.handlers); // built once
    expect(mock.handlers).toHaveLength(11);
    const bad = await fetch('https://development.knotapi.com/transactions/%ZZ', { headers: auth });
    expect(bad.status).toBe(400);
    const missing = await fetch('https://development.knotapi.com/transactions/a%2Fb', { headers: auth });
    expect(await missing.json()).toMatchObject({ error_code: 'TRANSACTION_NOT_FOUND' });
    expect(mock.requests.at(-1)?.path).toBe('/transactions/a%2Fb');
  } finally {
    server.close();
    await mock.close();
  }
});
