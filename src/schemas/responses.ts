/** The small answers of the session and acknowledgement endpoints. */

/**
 * A session for the client-side Knot SDK: hand `session` to the app, which opens the SDK with it.
 * It lasts 30 minutes; treat it as a secret (do not log it).
 */
export interface SessionResponse {
  /** The session id to open the Knot SDK with; valid for 30 minutes (extend it with `sessions.extend`). */
  session: string;
}

/**
 * The answer of endpoints that only acknowledge (unlink, refresh, the development endpoints). The
 * HTTP status is available through `.withResponse()`.
 */
export interface MessageResponse {
  /** Knot's acknowledgement, `"Success"`; not meant to be parsed. */
  message: string;
}
