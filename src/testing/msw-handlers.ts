/**
 * `mock.handlers`: the route table adapted to msw, for code that calls Knot with `fetch` under
 * msw's `setupServer`. msw is an optional peer dependency, so it is loaded here, on first use, and
 * never by importing `knotapi-node/testing` (a missing or unloadable msw must not break the rest).
 */
import { createRequire } from 'node:module';
import type * as Msw from 'msw';
import { KnotConfigError } from '../core/errors.js';
import type { KnotApp } from './app.js';
import { matchRoute, type Route } from './routes.js';

/** Pure: why msw could not be loaded, and what to do about it. */
export function mswLoadError(error: unknown): KnotConfigError {
  const code = (error as { code?: unknown })?.code;
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const fix =
    code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND'
      ? 'msw is an optional peer dependency that npm does not install by itself: run `npm i -D msw`.'
      : code === 'ERR_REQUIRE_ESM'
        ? 'msw needs require(esm) (Node.js ≥ 20.19). Upgrade Node.js, or use `mock.listen()` or `mock.dispatcher`, which need no msw.'
        : 'Check that msw (^2.15) is installed (`npm i -D msw`), or use `mock.listen()` or `mock.dispatcher`, which need no msw.';
  return new KnotConfigError(`mock.handlers needs msw, which could not be loaded (${detail}). ${fix}`, { cause: error });
}

function loadMsw(): typeof Msw {
  try {
    return createRequire(import.meta.url)('msw') as typeof Msw;
  } catch (error) {
    throw mswLoadError(error);
  }
}

/**
 * One msw handler per route, each answering through the app. Each matches with the route table's
 * own matcher (an msw predicate), not an msw path: msw's path matching throws on bad
 * percent-encoding (`/transactions/%ZZ`), which must be the fake's 400, as over the other transports.
 */
export function mswHandlers(routes: readonly Route[], app: KnotApp): Msw.RequestHandler[] {
  const { http } = loadMsw();
  return routes.map((route) => {
    const on = route.method === 'GET' ? http.get : http.post;
    const matches = ({ request }: { request: Request }) => {
      const match = matchRoute([route], request.method, new URL(request.url).pathname);
      return match.kind === 'route' || match.kind === 'bad_encoding';
    };
    return on(matches, ({ request }) => app(request));
  });
}
