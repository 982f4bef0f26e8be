/** Reading request headers in any of the shapes frameworks hand over (no Node built-in needed). */

/**
 * Request headers in any of the usual shapes: a Fetch `Headers`, Node's `req.headers`, a plain
 * record, or anything with a `get(name)` method. Names are matched case-insensitively; of a repeated
 * header the first value counts.
 *
 * @example
 * ```ts
 * knot.webhooks.verify(rawBody, req.headers); // node:http, Express: IncomingHttpHeaders
 * knot.webhooks.verify(rawBody, request.headers); // Fetch Request (Hono, Next.js): Headers
 * // AWS Lambda: a plain record, any letter case
 * export const handler = async (event: { body: string; headers: Record<string, string | undefined> }) =>
 *   ({ statusCode: knot.webhooks.verify(event.body, event.headers) ? 200 : 401 });
 * ```
 */
export type WebhookHeaders =
  | Headers
  // Node's IncomingHttpHeaders fits this record, so the type needs nothing from node:http.
  | Record<string, string | readonly string[] | number | null | undefined>
  | {
      /** The value of header `name`, or `null`/`undefined` when absent. */
      get(name: string): string | null | undefined;
    };

/** One header value: case-insensitive name, first value of a list, numbers as strings. */
export function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const lower = name.toLowerCase();
  let raw: unknown;
  const source = headers as {
    get?: (n: string) => unknown;
    forEach?: (fn: (value: unknown, key: unknown) => void) => void;
  };
  if (typeof source.get === 'function') {
    // Fetch Headers are case-insensitive already; a Map is not, so fall back to a scan.
    raw = source.get(name) ?? source.get(lower);
    if (raw == null && typeof source.forEach === 'function') {
      source.forEach((value, key) => {
        if (raw == null && typeof key === 'string' && key.toLowerCase() === lower) raw = value;
      });
    }
  } else {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === lower) {
        raw = (headers as Record<string, unknown>)[key];
        break;
      }
    }
  }
  if (Array.isArray(raw)) raw = raw[0];
  if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
  return typeof raw === 'string' ? raw.trim() : undefined;
}
