/**
 * Sync cursors: base64url of `{"t":"<account tag>","s":<sequence>}`. Opaque to clients, like Knot's
 * (which look like base64 JSON too). `s` is the number of transactions already delivered, so a
 * cursor resumes exactly after the last transaction of the page that produced it.
 */

export interface CursorPosition {
  tag: number;
  sequence: number;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ t: position.tag.toString(16), s: position.sequence }), 'utf8').toString('base64url');
}

/** The position a cursor names, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): CursorPosition | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { t, s } = parsed as { t?: unknown; s?: unknown };
  if (typeof t !== 'string' || !/^[0-9a-f]{1,8}$/.test(t)) return undefined;
  if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) return undefined;
  return { tag: Number.parseInt(t, 16), sequence: s };
}
