import type { z } from 'zod';

/**
 * A structural checker compiled once from a response schema: it walks the parsed JSON in place and
 * answers "zod would accept this and hand back an equal copy". It exists because zod's parse
 * rebuilds every object and array of the answer (a 100-transaction page is ~20,000 allocations and
 * was the largest SDK cost on the sync hot path), while a check that allocates nothing is several
 * times cheaper. The checker is generated as one straight-line function per schema (like zod's own
 * JIT), so each field is a named property load that V8 caches for the shape JSON.parse produced.
 *
 * Soundness is the only contract: `true` must mean zod would succeed with an output equal to the
 * input. Anything the checker does not model (transforms, refinements, defaults, checks such as
 * `.min()`, strict or stripping objects, unions...) makes `compileInPlaceCheck` return `null`, and a
 * `false` answer proves nothing: the caller then runs zod itself, so errors and their issues are
 * exactly zod's. Being stricter than zod is therefore harmless; being looser would be a bug (the
 * differential test in test/internal/in-place-check.test.ts compares the two on generated inputs).
 *
 * It reads zod's private `_zod.def` and `_zod.optin`. zod stays a `^4` range (pinning it exactly would
 * give users with another zod 4.x two copies); test/internal/zod-internals.test.ts pins down every
 * internal read here, so a zod release that changes one fails CI by name.
 */
export type InPlaceCheck = (value: unknown) => boolean;

type Def = {
  type: string;
  checks?: unknown[];
  coerce?: boolean;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  mode?: string;
};

const compiled = new WeakMap<object, InPlaceCheck | null>();

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function optIn(schema: z.ZodType): string | undefined {
  return (schema as unknown as { _zod: { optin?: string } })._zod.optin;
}

/** Plain `z.string()` / `z.unknown()` etc.: no checks, no coercion. */
function plain(def: Def): boolean {
  return (def.checks === undefined || def.checks.length === 0) && def.coerce !== true;
}

function accepts(def: Def): boolean {
  return def.type === 'unknown' || def.type === 'any';
}

/** Unsupported schema: the whole checker is abandoned and zod decides. */
class Unsupported extends Error {}

/**
 * Emits statements that `return false` unless the value in variable `v` passes `schema`.
 * `fresh` hands out unique variable names.
 */
function emit(schema: z.ZodType, v: string, fresh: () => string): string {
  const def = defOf(schema);
  if (!plain(def)) throw new Unsupported();
  switch (def.type) {
    case 'string':
      return `if (typeof ${v} !== 'string') return false;`;
    case 'number':
      // zod's number rejects NaN and ±Infinity (JSON never produces them, but objects passed in can).
      return `if (typeof ${v} !== 'number' || !Number.isFinite(${v})) return false;`;
    case 'boolean':
      return `if (typeof ${v} !== 'boolean') return false;`;
    case 'unknown':
    case 'any':
      return '';
    case 'nullable':
      return `if (${v} !== null) { ${emit(def.innerType!, v, fresh)} }`;
    case 'optional':
      return `if (${v} !== undefined) { ${emit(def.innerType!, v, fresh)} }`;
    case 'array': {
      const i = fresh();
      const e = fresh();
      const inner = emit(def.element!, e, fresh);
      const loop = inner ? `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) { const ${e} = ${v}[${i}]; ${inner} }` : '';
      return `if (!Array.isArray(${v})) return false; ${loop}`;
    }
    case 'record': {
      // Only `z.record(z.string(), V)`: every JSON key is a string, so only the values need a look.
      // Stricter than zod's isPlainObject on purpose: an unusual prototype goes to zod.
      const key = defOf(def.keyType!);
      if (def.mode !== undefined || key.type !== 'string' || !plain(key)) throw new Unsupported();
      const k = fresh();
      const e = fresh();
      const inner = emit(def.valueType!, e, fresh);
      const proto = fresh();
      return `if (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v})) return false;
        const ${proto} = Object.getPrototypeOf(${v});
        if (${proto} !== Object.prototype && ${proto} !== null) return false;
        if (Object.hasOwn(${v}, '__proto__')) return false;
        ${inner ? `for (const ${k} in ${v}) { if (!Object.hasOwn(${v}, ${k})) continue; const ${e} = ${v}[${k}]; ${inner} }` : ''}`;
    }
    case 'object': {
      // Only loose objects: unknown keys are kept as they are, so the input is the output. A plain
      // z.object strips unknown keys and a strict one rejects them: both go to zod.
      if (!def.catchall || !plain(defOf(def.catchall)) || !accepts(defOf(def.catchall))) throw new Unsupported();
      // An own "__proto__" key (JSON.parse makes one) is dropped by zod: zod decides, so the caller
      // never gets a key that Object.assign would turn into a prototype swap.
      let code = `if (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v}) || Object.hasOwn(${v}, '__proto__')) return false;`;
      for (const [key, field] of Object.entries(def.shape!)) {
        if (key === '__proto__') throw new Unsupported();
        const f = fresh();
        const name = JSON.stringify(key);
        code += `const ${f} = ${v}[${name}];`;
        // zod reports a missing required key even when its schema would accept undefined (e.g.
        // z.unknown()); an optional field may be absent.
        if (optIn(field) !== 'optional') code += `if (${f} === undefined && !(${name} in ${v})) return false;`;
        code += emit(field, f, fresh);
      }
      return code;
    }
    default:
      throw new Unsupported();
  }
}

function build(schema: z.ZodType): InPlaceCheck | null {
  let n = 0;
  const fresh = () => `v${++n}`;
  try {
    const code = `return function inPlaceCheck(v0) { ${emit(schema, 'v0', fresh)} return true; };`;
    return new Function(code)() as InPlaceCheck;
  } catch {
    // Unsupported schema, or code generation disallowed (--disallow-code-generation-from-strings):
    // zod decides, as before.
    return null;
  }
}

/** The checker for `schema`, built on first use and cached; `null` when zod must decide. */
export function compileInPlaceCheck(schema: z.ZodType): InPlaceCheck | null {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = build(schema);
    compiled.set(schema, check);
  }
  return check;
}
