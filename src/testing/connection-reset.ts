/**
 * How the fake says "reset the connection" through a Fetch `Response`: `Response.error()`, a
 * network error, which the socket server turns into a destroyed socket and the dispatcher into
 * `ECONNRESET` (msw, when it serves `mock.handlers`, reads it the same way).
 */
export function connectionReset(): Response {
  return Response.error();
}

export function isNetworkError(response: Response): boolean {
  return response.type === 'error';
}
