/**
 * Text from the network (a request body, a header, an event name) must not be able to start a new
 * log line or rewrite the terminal: a body `"x\n[knotapi-node] all good"` would otherwise print a
 * second, forged line. Control characters become visible escapes, and the text is capped so one
 * request cannot flood the log.
 */

const MAX_LOGGED_CHARS = 500;

// C0 controls, DEL, C1 controls, the Unicode line/paragraph separators (JavaScript line breaks) and
// the bidirectional overrides that can reorder what a terminal shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's job
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control character written as an escape, cut to `max` characters. */
export function escapeForLog(text: string, max = MAX_LOGGED_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
  return cut.replace(UNSAFE, escapeChar);
}
