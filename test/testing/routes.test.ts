import { describe, expect, it } from 'vitest';
import { matchRoute, ROUTES } from '../../src/testing/routes.js';

describe('matchRoute: the fake’s route table, matched without msw', () => {
  it('finds a literal route and the method it was registered for', () => {
    const match = matchRoute(ROUTES, 'POST', '/transactions/sync');
    expect(match).toMatchObject({ kind: 'route', route: { method: 'POST', path: '/transactions/sync', status: 200 }, params: {} });
    expect(matchRoute(ROUTES, 'POST', '/transactions/refresh')).toMatchObject({ kind: 'route', route: { status: 202 } });
  });

  it('tells GET and POST of the same path apart', () => {
    expect(matchRoute(ROUTES, 'GET', '/merchant/list')).toMatchObject({ kind: 'route', route: { method: 'GET' } });
    expect(matchRoute(ROUTES, 'POST', '/merchant/list')).toMatchObject({ kind: 'route', route: { method: 'POST' } });
  });

  it('decodes a path parameter as one segment', () => {
    expect(matchRoute(ROUTES, 'GET', '/transactions/a%2Fb%20c')).toEqual({
      kind: 'route',
      route: expect.objectContaining({ path: '/transactions/:id' }),
      params: { id: 'a/b c' },
    });
  });

  it('reports bad percent-encoding instead of throwing', () => {
    for (const path of ['/transactions/%ZZ', '/transactions/%', '/transactions/%E0%A4%A']) {
      expect(matchRoute(ROUTES, 'GET', path), path).toEqual({ kind: 'bad_encoding' });
    }
  });

  it('answers 405 material (the allowed methods) for a known path and a wrong method', () => {
    expect(matchRoute(ROUTES, 'GET', '/session/create')).toEqual({ kind: 'method_not_allowed', allowed: ['POST'] });
    // A literal segment of another route is still a valid :id for GET (a transaction named "sync").
    expect(matchRoute(ROUTES, 'GET', '/transactions/sync')).toMatchObject({ kind: 'route', params: { id: 'sync' } });
    expect(matchRoute(ROUTES, 'DELETE', '/merchant/list')).toEqual({ kind: 'method_not_allowed', allowed: ['POST', 'GET'] });
  });

  it('ignores one trailing slash and finds nothing for unknown or partial paths', () => {
    expect(matchRoute(ROUTES, 'POST', '/transactions/sync/')).toMatchObject({ kind: 'route' });
    for (const path of ['/', '/transactions', '/transactions/', '/transactions/a/b', '/nope', '/session/create/extra']) {
      expect(matchRoute(ROUTES, 'GET', path).kind, path).toMatch(/^(not_found|method_not_allowed)$/);
    }
    expect(matchRoute(ROUTES, 'GET', '/transactions/')).toEqual({ kind: 'not_found' });
    expect(matchRoute(ROUTES, 'GET', '/nope')).toEqual({ kind: 'not_found' });
  });

  it('is a plain table: every row is a method, a path pattern, a status and a function', () => {
    for (const route of ROUTES) {
      expect(Object.keys(route).sort()).toEqual(['handle', 'method', 'path', 'status']);
      // Literal segments may hold hyphens (`/detected-accounts/list`), parameter names may not.
      expect(route.path).toMatch(/^(\/(:[a-z_]+|[a-z_-]+))+$/);
    }
  });
});
