import { z } from 'zod';

export const SessionResponseSchema = z.looseObject({ session: z.string() });
export const MessageResponseSchema = z.looseObject({ message: z.string() });
