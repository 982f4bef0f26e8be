/**
 * Typechecks every ```ts block in the TSDoc comments under src/ (the `@example`s TypeDoc publishes),
 * against the real API, in one TypeScript program with the repository's compiler options.
 *
 * Each block becomes its own ES module: a preamble that imports every public name of `knotapi-node`
 * and `knotapi-node/testing` and declares the few names that stand for the reader's own code
 * (`knot`, `mock`, `queue`, `req`, `res`...), then the block. The preamble leaves out any name the
 * block imports or declares at its top level itself, so a block that shows its imports still compiles.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');

interface DocBlock {
  /** The source file, relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every ```ts (or ```typescript) block inside a `/** ... *\/` comment, with each line's leading ` * ` removed. */
function findDocBlocks(file: string, text: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const lines = text.split('\n');
  let inDoc = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!inDoc) {
      if (/^\s*\/\*\*/.test(line) && !/\*\/\s*$/.test(line)) inDoc = true;
      continue;
    }
    if (/\*\/\s*$/.test(line)) {
      inDoc = false;
      continue;
    }
    const body = line.replace(/^\s*\* ?/, '');
    if (!/^```(ts|typescript)\s*$/.test(body)) continue;
    const start = i;
    const code: string[] = [];
    for (i++; i < lines.length; i++) {
      const inner = lines[i]!.replace(/^\s*\* ?/, '');
      if (/^```\s*$/.test(inner) || /\*\/\s*$/.test(lines[i]!)) break;
      code.push(inner);
    }
    if (/\*\/\s*$/.test(lines[i] ?? '')) throw new Error(`${file}:${start + 1}: a \`\`\`ts block that is never closed`);
    blocks.push({ file, line: start + 1, code: code.join('\n') });
  }
  return blocks;
}

/**
 * The names that stand for the reader's own code and framework: the examples use them without
 * showing where they come from. Everything else an example uses must be a public export of the
 * package, a global, or imported by the example itself.
 */
const DECLARED: Record<string, string> = {
  // A client, and in tests a fake Knot API with one linked account, set up as the guides show.
  knot: 'declare const knot: KnotClient;',
  mock: 'declare const mock: MockKnot;',
  account: 'declare const account: MockAccountRef;',
  expect: "import { expect } from 'vitest';",
  afterEach: "import { afterEach } from 'vitest';",
  // The reader's web server: an Express app and the request being answered, or a Fetch-style route's Request.
  app: "declare const app: import('express').Express;",
  req: "declare const req: import('express').Request;",
  res: "declare const res: import('express').Response;",
  rawBody: 'declare const rawBody: Buffer;',
  request: 'declare const request: Request;',
  // The reader's job queue and store.
  queue: "declare const queue: import('bullmq').Queue;",
  upsert: 'declare function upsert(transaction: Transaction): Promise<void>;',
  upsertMany: 'declare function upsertMany(transactions: Transaction[]): Promise<void>;',
  loadCursor: 'declare function loadCursor(): Promise<string | null>;',
  saveCursor: 'declare function saveCursor(cursor: string): Promise<void>;',
  markDisconnected: 'declare function markDisconnected(externalUserId: string, merchantId: number): Promise<void>;',
  reportError: 'declare function reportError(error: unknown, context?: unknown): void;',
};

/** The exports of the package's two entry points, split into values and types (types need `import type`). */
function publicNames(program: ts.Program, entries: Record<string, string>): Record<string, { values: string[]; types: string[] }> {
  const checker = program.getTypeChecker();
  const out: Record<string, { values: string[]; types: string[] }> = {};
  for (const [specifier, file] of Object.entries(entries)) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read the exports of ${file}`);
    const values: string[] = [];
    const types: string[] = [];
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const typeOnly = !(target.flags & ts.SymbolFlags.Value) || exportedAsType(checker, symbol);
      (typeOnly ? types : values).push(symbol.name);
    }
    out[specifier] = { values, types };
  }
  return out;
}

/** Whether a re-export chain passes through `export type` (a class exported that way is a type to importers). */
function exportedAsType(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  for (let link: ts.Symbol | undefined = symbol; link && link.flags & ts.SymbolFlags.Alias; link = checker.getImmediateAliasedSymbol(link)) {
    const typeOnly = link.declarations?.some(
      (d) => (ts.isExportSpecifier(d) || ts.isImportSpecifier(d)) && (d.isTypeOnly || d.parent.parent.isTypeOnly),
    );
    if (typeOnly) return true;
  }
  return false;
}

/** Names a block brings in itself: its imports and its top-level declarations. */
function ownNames(code: string): Set<string> {
  const source = ts.createSourceFile('block.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const { name, namedBindings } = statement.importClause;
      if (name) names.add(name.text);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) names.add(namedBindings.name.text);
      if (namedBindings && ts.isNamedImports(namedBindings)) for (const element of namedBindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

function preamble(code: string, exported: ReturnType<typeof publicNames>): string {
  const own = ownNames(code);
  const lines: string[] = [];
  for (const [specifier, { values, types }] of Object.entries(exported)) {
    const names = [...values.filter((n) => !own.has(n)), ...types.filter((n) => !own.has(n)).map((n) => `type ${n}`)];
    if (names.length > 0) lines.push(`import { ${names.join(', ')} } from '${specifier}';`);
  }
  for (const [name, declaration] of Object.entries(DECLARED)) if (!own.has(name)) lines.push(declaration);
  // Keep the block's own line numbers: the preamble is one line.
  return lines.join(' ');
}

function typecheck(blocks: DocBlock[]): string[] {
  const configPath = join(repo, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repo, undefined, configPath);

  const entries = { 'knotapi-node': join(repo, 'src/index.ts'), 'knotapi-node/testing': join(repo, 'src/testing.ts') };
  const host = ts.createCompilerHost(options, true);
  const base = ts.createProgram(Object.values(entries), options, host);
  const exported = publicNames(base, entries);

  // In memory, next to the tests: `.mts` makes each an ES module, where top-level await is allowed.
  const virtual = new Map<string, { block: DocBlock; text: string }>();
  blocks.forEach((block, i) => {
    const name = join(repo, 'test/docs', `__tsdoc_example_${i}.mts`);
    virtual.set(name, { block, text: `${preamble(block.code, exported)}\n${block.code}\n` });
  });
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const memoryHost: ts.CompilerHost = {
    ...host,
    getSourceFile: (fileName, languageVersion, ...rest) => {
      const entry = virtual.get(resolve(fileName));
      return entry ? ts.createSourceFile(fileName, entry.text, languageVersion, true) : getSourceFile(fileName, languageVersion, ...rest);
    },
    fileExists: (fileName) => virtual.has(resolve(fileName)) || fileExists(fileName),
    readFile: (fileName) => virtual.get(resolve(fileName))?.text ?? readFile(fileName),
  };
  const program = ts.createProgram([...virtual.keys()], options, memoryHost, base);

  const problems: string[] = [];
  for (const [fileName, { block }] of virtual) {
    const source = program.getSourceFile(fileName)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    for (const diagnostic of diagnostics) {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      const line = diagnostic.start === undefined ? undefined : source.getLineAndCharacterOfPosition(diagnostic.start).line;
      const where = line === undefined ? '' : line === 0 ? ' (in the preamble)' : ` (line ${line} of the example)`;
      problems.push(`${block.file}:${block.line}: TS${diagnostic.code}${where}: ${message}`);
    }
  }
  return problems;
}

describe('TSDoc examples', () => {
  const blocks = sourceFiles(join(repo, 'src'))
    .sort()
    .flatMap((path) => findDocBlocks(relative(repo, path).split('\\').join('/'), readFileSync(path, 'utf8')));

  it('finds the ```ts blocks in the doc comments under src/', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(100);
  });

  it('every ```ts block in a doc comment typechecks against the real API', () => {
    expect(typecheck(blocks)).toEqual([]);
  }, 60_000);
});
