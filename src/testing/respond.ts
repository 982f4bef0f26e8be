/**
 * Shared by the dispatcher and the HTTP server: answer a Fetch `Request` with the msw handlers,
 * or with a 404 when no handler matches (msw's `getResponse` then returns undefined).
 */
import { getResponse, type RequestHandler } from 'msw';

export async function respond(handlers: RequestHandler[], request: Request): Promise<Response> {
  const response = await getResponse(handlers, request);
  if (response) return response;
  const path = new URL(request.url).pathname;
  return Response.json({ message: `Not Found: ${request.method} ${path}` }, { status: 404 });
}

/** msw's `HttpResponse.error()` (a `Response.error()`): the fake's way to say "reset the connection". */
export function isNetworkError(response: Response): boolean {
  return response.type === 'error';
}
