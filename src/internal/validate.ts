import type { z } from 'zod';
import { KnotResponseValidationError, KnotValidationError } from '../core/errors.js';
import { compileInPlaceCheck } from './in-place-check.js';
import { describeIssues, toIssues } from './issues.js';

/** Parses params, or throws a {@link KnotValidationError} naming each problem by path. */
export function parseParams<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  throw new KnotValidationError(`Invalid params for ${what}: ${describeIssues(issues)}. Nothing was sent.`, issues);
}

/** Validates a 2xx body, or throws a {@link KnotResponseValidationError}. */
export function parseResponse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  context: { method: string; path: string; status: number },
): z.output<S> {
  // The common case, a well-formed answer, is proven in place without copying it (see in-place-check.ts).
  // Anything else, and every failure, goes through zod so the issues are exactly zod's.
  const check = compileInPlaceCheck(schema);
  if (check?.(value)) return value as z.output<S>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  throw new KnotResponseValidationError(
    `${context.method} ${context.path} → ${context.status}: the response does not have the expected structure: ${describeIssues(issues, 5)}.`,
    { issues, ...context },
  );
}
