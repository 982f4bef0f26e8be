/**
 * Encodes an id as one path segment. The ids' schemas (`TransactionIdSchema`) have already refused
 * what would change the path once a URL parser normalises it (`''`, `.`, `..`) and what cannot be
 * percent-encoded (a lone UTF-16 surrogate), with a KnotValidationError naming the param.
 */
export function encodePathSegment(value: string): string {
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
    return encodePathSegment(String(value ?? ''));
  });
  return { path, rest };
}
