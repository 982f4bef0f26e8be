import { z } from 'zod';
import type { Clean } from './shared.js';

export const SessionResponseSchema = z.looseObject({ session: z.string() });
export const MessageResponseSchema = z.looseObject({ message: z.string() });

// Each exported wire type maps over its `...Shape` instead of aliasing it: the mapped copy is a type
// of its own, so editors and the API docs name it (`KnotPromise<Transaction>`) rather than spell
// out every field. The shape is the same.
type SessionResponseShape = Clean<z.infer<typeof SessionResponseSchema>>;
/**
 * A session for the client-side Knot SDK: hand `session` to the app, which opens the SDK with it.
 * It lasts 30 minutes; treat it as a secret (do not log it).
 *
 * @interface
 */
export type SessionResponse = { [K in keyof SessionResponseShape]: SessionResponseShape[K] };

type MessageResponseShape = Clean<z.infer<typeof MessageResponseSchema>>;
/**
 * The answer of endpoints that only acknowledge (unlink, refresh, the development endpoints):
 * `message` is `"Success"`. The HTTP status is available through `.withResponse()`.
 *
 * @interface
 */
export type MessageResponse = { [K in keyof MessageResponseShape]: MessageResponseShape[K] };
