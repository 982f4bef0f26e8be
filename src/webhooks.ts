/**
 * Knot webhooks for any runtime: Cloudflare Workers, Vercel Edge, Deno, Bun, Next.js route
 * handlers, and Node. This entry imports no Node built-in and not undici: {@link fetchHandler} for a
 * ready endpoint, {@link verifyWebhookSignatureAsync} (Web Crypto) and {@link parseWebhook} for
 * your own, {@link KnotWebhookError} and the event types. The root entry `knotapi-node` exports the
 * same functions and classes.
 *
 * @module knotapi-node/webhooks
 */
import { z } from 'zod';
import { provideZod } from './internal/zod.js';

// Runtimes without require() (Workers, Edge) cannot load zod when parseWebhook first needs it, so
// this entry imports it up front (package.json lists it under sideEffects so bundlers keep this).
provideZod(z);

export * from './webhooks/portable.js';
