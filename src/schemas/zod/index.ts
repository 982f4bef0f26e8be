/**
 * Every schema a request needs, as one module: `loadSchemas()` (../load.ts) imports it on the first
 * request, so importing the SDK does not load zod (or build a schema) for requests at all. Resource
 * methods pick their schemas from it by name (`paramsSchema: (s) => s.SyncPageRequestSchema`).
 */
export { z } from 'zod';
export * from './account.js';
export * from './card.js';
export * from './detect.js';
export * from './merchant.js';
export * from './params.js';
export * from './responses.js';
export * from './subscription.js';
export * from './shopping.js';
export * from './transaction.js';
