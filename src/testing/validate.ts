/**
 * Request field checks with Knot-like messages ("The merchant_id field is required."). Values
 * may come from a JSON body or, for GET, from the query string (all strings).
 */
import { knotErrors } from './errors.js';

export type Fields = Record<string, unknown>;

const missing = (value: unknown) => value === undefined || value === null || value === '';

export function requiredString(fields: Fields, name: string, label = `${name} field`): string {
  const value = fields[name];
  if (missing(value)) throw knotErrors.invalidField(`The ${label} is required.`);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw knotErrors.invalidField(`The ${name} must be a string.`);
  return value;
}

export function optionalString(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw knotErrors.invalidField(`The ${name} must be a string.`);
  return value;
}

function asInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

export function requiredMerchantId(fields: Fields): number {
  const value = fields.merchant_id;
  if (missing(value)) throw knotErrors.invalidField('The merchant_id field is required.');
  const id = asInteger(value);
  if (id === undefined || id < 1) throw knotErrors.invalidField('The merchant_id must be an integer.');
  return id;
}

export function optionalMerchantId(fields: Fields): number | undefined {
  return missing(fields.merchant_id) ? undefined : requiredMerchantId(fields);
}

export function optionalBoolean(fields: Fields, name: string, label = name): boolean | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw knotErrors.invalidField(`The ${label} field must be true or false.`);
  return value;
}

export function oneOf<T extends string>(fields: Fields, name: string, allowed: readonly T[]): T | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw knotErrors.invalidField(`The selected ${name} is invalid.`);
  return value as T;
}

/** `limit` of /transactions/sync: 1..100, Knot's default 5 when absent. */
export function syncLimit(fields: Fields): number {
  const value = fields.limit;
  if (value === undefined || value === null) return 5;
  const limit = asInteger(value);
  if (limit === undefined || limit < 1 || limit > 100) {
    throw knotErrors.invalidField('The limit must be an integer between 1 and 100.');
  }
  return limit;
}
