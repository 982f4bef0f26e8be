import { KnotValidationError } from '../core/errors.js';

/**
 * Encodes one path segment. `.` and `..` (and the empty string) would change which resource the
 * path names once a URL parser normalises it, so they are refused rather than encoded.
 */
export function encodePathSegment(value: string, name: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new KnotValidationError(`Invalid ${name}: ${JSON.stringify(value)} would change the request path.`, [
      { path: name, message: 'must not be empty, "." or ".."' },
    ]);
  }
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws a URIError).
  if (/\p{Cs}/u.test(value)) {
    throw new KnotValidationError(`Invalid ${name}: it contains a lone UTF-16 surrogate and cannot be sent.`, [
      { path: name, message: 'must be well-formed Unicode' },
    ]);
  }
  return encodeURIComponent(value);
}

/** A query string from defined values only, in a stable order. */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Fills the `:name` segments of a path pattern from `params`, each encoded as one segment, and
 * returns the params that are left for the body or query.
 */
export function fillPath(pattern: string, params: unknown): { path: string; rest: Record<string, unknown> | undefined } {
  if (params === null || typeof params !== 'object') return { path: pattern, rest: undefined };
  const rest: Record<string, unknown> = { ...(params as Record<string, unknown>) };
  const path = pattern.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodePathSegment(String(value ?? ''), name);
  });
  return { path, rest };
}
