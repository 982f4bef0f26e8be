import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// src/internal/in-place-check.ts reads zod's private `_zod.def` and `_zod.optin`. zod is a `^4`
// dependency (pinning it exactly would force a second zod copy on every user with another 4.x), so
// a zod release may change these internals. This file pins down every one the checker relies on:
// when it fails, re-read in-place-check.ts against the new zod before updating anything here.

const zodVersion = JSON.parse(readFileSync(new URL('../../node_modules/zod/package.json', import.meta.url), 'utf8')).version;
const internals = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Record<string, any>; optin?: string } })._zod;
const def = (schema: z.ZodType) => internals(schema).def;

describe(`zod ${zodVersion}: the internals in-place-check.ts reads`, () => {
  it('names each schema kind in def.type', () => {
    expect([z.string(), z.number(), z.boolean(), z.unknown(), z.any()].map((s) => def(s).type)).toEqual(['string', 'number', 'boolean', 'unknown', 'any']);
    expect(def(z.string().nullable()).type).toBe('nullable');
    expect(def(z.string().optional()).type).toBe('optional');
    expect(def(z.array(z.string())).type).toBe('array');
    expect(def(z.record(z.string(), z.number())).type).toBe('record');
    expect(def(z.looseObject({})).type).toBe('object');
  });

  it('keeps refinements and coercion where the checker looks (def.checks, def.coerce)', () => {
    expect(def(z.string()).checks ?? []).toHaveLength(0);
    expect(def(z.string().min(1)).checks).toHaveLength(1);
    expect(def(z.number().int()).checks).toHaveLength(1);
    expect(def(z.string().refine(() => true)).checks).toHaveLength(1);
    expect(def(z.coerce.number()).coerce).toBe(true);
  });

  it('reaches inner schemas through innerType, element, keyType, valueType and shape', () => {
    const inner = z.string();
    expect(def(inner.nullable()).innerType).toBe(inner);
    expect(def(inner.optional()).innerType).toBe(inner);
    expect(def(z.array(inner)).element).toBe(inner);
    const record = def(z.record(inner, z.number()));
    expect(record.keyType).toBe(inner);
    expect(def(record.valueType).type).toBe('number');
    expect(record.mode).toBeUndefined();
    expect(def(z.looseObject({ a: inner })).shape.a).toBe(inner);
  });

  it('tells loose, plain and strict objects apart by def.catchall', () => {
    expect(def(def(z.looseObject({})).catchall).type).toBe('unknown');
    expect(def(z.object({})).catchall).toBeUndefined();
    expect(def(def(z.strictObject({})).catchall).type).toBe('never');
  });

  it('marks optional fields with optin', () => {
    expect(internals(z.string().optional()).optin).toBe('optional');
    expect(internals(z.string()).optin).toBeUndefined();
    expect(internals(z.string().nullable()).optin).toBeUndefined();
  });

  it('moves transforms, defaults and unions out of the kinds the checker accepts', () => {
    expect(def(z.string().transform((s) => s.length)).type).toBe('pipe');
    expect(def(z.string().default('x')).type).toBe('default');
    expect(def(z.union([z.string(), z.number()])).type).toBe('union');
  });
});
