/**
 * The fake's HTTP surface as plain data: one route per row of the SDK's endpoint table
 * (src/endpoints.ts: method, path pattern, success status) with the engine call that answers it.
 * The socket server, the in-memory dispatcher and the optional msw handlers all serve these routes.
 */
import { ENDPOINTS, type Operation } from '../endpoints.js';
import type { KnotEngine } from './engine.js';
import type { Fields } from './validate.js';

/** What a route's engine call gets from the request. */
export interface RouteCall {
  /** The JSON body (an empty object when there was none). */
  body: Fields;
  /** Query string parameters. */
  query: Fields;
  /** Path parameters (`:id` in the pattern), percent-decoded. */
  params: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Path pattern: literal segments and `:name` segments (one non-empty segment each). */
  path: string;
  /** Status of a successful answer. */
  status: number;
  /** Answers the call (or a promise of the answer), or throws or rejects with a `MockKnotError` carrying Knot's error answer. */
  handle: (engine: KnotEngine, call: RouteCall) => unknown;
}

/** How the fake answers each row of the SDK's endpoint table: the type makes a missing row a compile error. */
const ENGINE_CALLS: { [K in Operation]: Route['handle'] } = {
  'sessions.create': (e, c) => e.createSession(c.body),
  'sessions.extend': (e, c) => e.extendSession(c.body),
  'merchants.list': (e, c) => e.listMerchants(c.body),
  // One fake route serves both rows of GET /accounts/get (with and without merchant_id).
  'accounts.list': (e, c) => e.getAccounts(c.query),
  'accounts.get': (e, c) => e.getAccounts(c.query),
  'accounts.unlink': (e, c) => e.unlinkAccount(c.body),
  'transactions.syncPage': (e, c) => e.sync(c.body),
  'transactions.get': (e, c) => e.getTransaction(c.params.id ?? ''),
  'transactions.refresh': (e, c) => e.refresh(c.body),
  'users.delete': (e, c) => e.deleteUser(c.body),
  'subscriptions.list': (e, c) => e.subscriptions.list(c.body),
  'subscriptions.get': (e, c) => e.subscriptions.get(c.params.id ?? ''),
  'subscriptions.cancel': (e, c) => e.subscriptions.cancel(c.params.id ?? '', c.body),
  'detect.start': (e, c) => e.detect.start(c.body),
  'detectedAccounts.list': (e, c) => e.detect.list(c.body),
  'detectedAccounts.search': (e, c) => e.detect.search(c.body),
  // Card Switcher
  'cards.jweKey': (e) => e.cards.jweKey(),
  'cards.switch': (e, c) => e.cards.switchCard(c.body),
  'shopping.syncCart': (e, c) => e.shopping.syncCart(c.body),
  'shopping.checkout': (e, c) => e.shopping.checkout(c.body),
  'development.linkAccount': (e, c) => e.linkAccount(c.body),
  'development.disconnectAccount': (e, c) => e.disconnectAccount(c.body),
};

/** Routes the table has no row for, served because Knot documents them too. */
const EXTRA_ROUTES: readonly Route[] = [
  // Knot's skill and a legacy page document GET with a query string: accept it too.
  { method: 'GET', path: '/merchant/list', status: 200, handle: (e, c) => e.listMerchants(c.query) },
];

/** The table's rows as routes, one per method and path (first row wins), then the extras. */
function tableRoutes(): Route[] {
  const routes = new Map<string, Route>();
  for (const [operation, spec] of Object.entries(ENDPOINTS) as [Operation, (typeof ENDPOINTS)[Operation]][]) {
    const key = `${spec.method} ${spec.path}`;
    if (!routes.has(key)) routes.set(key, { method: spec.method, path: spec.path, status: spec.status, handle: ENGINE_CALLS[operation] });
  }
  return [...routes.values()];
}

export const ROUTES: readonly Route[] = [...tableRoutes(), ...EXTRA_ROUTES];

/**
 * Where a request lands in the table: a route (with its decoded params), a path that exists only
 * for other methods (405), a path parameter that is not valid percent-encoding (400), or nothing
 * (404).
 */
export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'bad_encoding' }
  | { kind: 'not_found' };

/** Path segments, still percent-encoded; a trailing slash is ignored, as most web frameworks do. */
function segments(path: string): string[] {
  const parts = path.split('/').slice(1);
  if (parts.length > 1 && parts.at(-1) === '') parts.pop();
  return parts;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // e.g. `%ZZ` or a lone surrogate's bytes
  }
}

/** Pure: matches `method` and a raw (still percent-encoded) `pathname` against the table. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const actual = segments(pathname);
  const allowed: string[] = [];
  for (const route of routes) {
    const pattern = segments(route.path);
    if (pattern.length !== actual.length) continue;
    const raw: Record<string, string> = {};
    const fits = pattern.every((part, i) => {
      const value = actual[i]!;
      if (!part.startsWith(':')) return part === value;
      raw[part.slice(1)] = value;
      return value !== '';
    });
    if (!fits) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw)) {
      const decoded = decode(value);
      if (decoded === undefined) return { kind: 'bad_encoding' };
      params[name] = decoded;
    }
    return { kind: 'route', route, params };
  }
  return allowed.length > 0 ? { kind: 'method_not_allowed', allowed: [...new Set(allowed)] } : { kind: 'not_found' };
}
