import { z } from 'zod';
import type { Clean } from './shared.js';

export const SessionResponseSchema = z.looseObject({ session: z.string() });
export const MessageResponseSchema = z.looseObject({ message: z.string() });

export type SessionResponse = Clean<z.infer<typeof SessionResponseSchema>>;
export type MessageResponse = Clean<z.infer<typeof MessageResponseSchema>>;
