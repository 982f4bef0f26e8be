/** CR or LF in a header would let a value smuggle in extra headers. */
export function hasLineBreak(text: string): boolean {
  return /[\r\n\0]/.test(text);
}

/**
 * What HTTP (and undici) accepts in a header value: tab, visible ASCII, space and obs-text. Anything
 * else makes undici throw at send time, which would surface as a retried connection error.
 */
export function isHeaderValue(text: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(text);
}
