/**
 * The modules in this folder define schemas as functions of the zod namespace instead of building
 * them at import: defining a function loads nothing, so a module that only might validate (the
 * webhook parser, in a process that may never receive one) costs no zod at import. The caller hands
 * in zod once it has it (src/internal/zod.ts); the request-side modules one folder up call the same
 * builders with their statically imported zod, so each shape is written once.
 */
import type { z } from 'zod';

/** The `z` namespace a builder uses: whichever copy of zod the caller loaded. */
export type Zod = typeof z;
