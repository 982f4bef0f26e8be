/**
 * What a user sees when hovering in an editor, asked of the TypeScript language service (the engine
 * behind VS Code's hovers) on a consumer file that imports the built package (dist/*.d.ts, what npm
 * ships; `npm test` builds it first).
 *
 * 1. The SDK's return values show by name: `const tx: Transaction`, not an expanded object.
 * 2. Every field of those types, and of the named types inside them (`Price`, `Adjustment`...), has
 *    documentation, and its hover names its type instead of spelling out an object.
 *
 * A new wire type (e.g. `Subscription`) is one line in RETURN_VALUES; a new webhook event is covered
 * through WEBHOOK_EVENT_NAMES.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_NAMES } from '../../src/index.js';

const repo = resolve(import.meta.dirname, '../..');

/** Type name → an expression of the consumer file whose value has that type. */
const RETURN_VALUES: Record<string, string> = {
  Transaction: "await knot.transactions.get('txn-1')",
  SyncPage: "await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'user-1' })",
  MerchantAccount: "await knot.accounts.get({ external_user_id: 'user-1', merchant_id: 19 })",
  Merchant: "(await knot.merchants.list({ type: 'transaction_link' }))[0]!",
  SessionResponse: "await knot.sessions.create({ type: 'transaction_link', external_user_id: 'user-1' })",
  MessageResponse: "await knot.transactions.refresh({ merchant_id: 19, external_user_id: 'user-1' })",
  Subscription: "await knot.subscriptions.get('sub-1')",
  SubscriptionPage: "await knot.subscriptions.list({ external_user_id: 'user-1' })",
  DetectedAccountsPage: "await knot.detectedAccounts.list({ external_user_id: 'user-1' })",
  DetectedAccount: "(await knot.detectedAccounts.list({ external_user_id: 'user-1' })).detected_accounts[0]!",
  DetectedAccountSearchResult: "(await knot.detectedAccounts.search({ external_user_id: 'user-1', names: ['Meta'] }))[0]!",
  // Params types are what the user writes: their fields are documented where they type them.
  SyncCartParams: 'null as unknown as Parameters<KnotClient["shopping"]["syncCart"]>[0]',
  JweKey: 'await knot.cards.jweKey()',
  CheckoutParams: 'null as unknown as Parameters<KnotClient["shopping"]["checkout"]>[0]',
};

/** `NEW_TRANSACTIONS_AVAILABLE` → `NewTransactionsAvailableEvent`. */
const eventTypeName = (event: string) =>
  `${event
    .toLowerCase()
    .split('_')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')}Event`;

const variable = (name: string) => `v${name}`;

function consumerSource(): string {
  const lines = [
    "import { KnotClient } from 'knotapi-node';",
    'declare const knot: KnotClient;',
    'declare const body: string;',
    'export async function main(): Promise<void> {',
    '  const event = knot.webhooks.unwrap(body, {});',
  ];
  for (const [name, expression] of Object.entries(RETURN_VALUES)) lines.push(`  const ${variable(name)} = ${expression};`);
  for (const event of WEBHOOK_EVENT_NAMES) {
    // Narrowed by the discriminant, as a `switch (event.event)` or an `if` does.
    lines.push(`  if (event.event === '${event}') { const ${variable(eventTypeName(event))} = event; void ${variable(eventTypeName(event))}; }`);
  }
  // The handler's callbacks get the event by name too.
  lines.push('  knot.webhooks.handler({ on: {');
  for (const event of WEBHOOK_EVENT_NAMES) lines.push(`    ${event}: (h${variable(eventTypeName(event))}) => { void h${variable(eventTypeName(event))}; },`);
  lines.push('  } });');
  return lines.join('\n');
}

class Consumer {
  readonly file = resolve(repo, '__hover_consumer__.ts');
  text = '';
  readonly service: ts.LanguageService;
  #version = 0;

  constructor(text: string) {
    this.text = text;
    const options: ts.CompilerOptions = {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      skipLibCheck: true,
      types: ['node'],
      noEmit: true,
    };
    const read = (path: string) => (path === this.file ? this.text : ts.sys.readFile(path));
    this.service = ts.createLanguageService({
      getScriptFileNames: () => [this.file],
      getScriptVersion: (path) => (path === this.file ? String(this.#version) : '0'),
      getScriptSnapshot: (path) => {
        const text = read(path);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => repo,
      getCompilationSettings: () => options,
      getDefaultLibFileName: ts.getDefaultLibFilePath,
      fileExists: (path) => path === this.file || ts.sys.fileExists(path),
      readFile: read,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    });
  }

  update(text: string): void {
    this.text = text;
    this.#version++;
  }

  errors(): string[] {
    return this.service.getSemanticDiagnostics(this.file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  /** The hover over the last character of `needle`, found from `from` on and followed by `after`. */
  hover(needle: string, { from = 0, after = '' } = {}): { display: string; docs: string } {
    const at = this.text.indexOf(needle + after, from);
    if (at < 0) throw new Error(`not in the consumer file: ${needle}${after}`);
    const info = this.service.getQuickInfoAtPosition(this.file, at + needle.length - 1);
    return { display: ts.displayPartsToString(info?.displayParts), docs: ts.displayPartsToString(info?.documentation) };
  }
}

/**
 * Every field reachable from `expression` (of type `type`), as property-access paths: nullable
 * fields get `!`, arrays `[0]!`, and the walk descends into object types (each named type once).
 */
function fieldPaths(checker: ts.TypeChecker, node: ts.Node, expression: string, type: ts.Type, seen: Set<ts.Type>): string[] {
  if (seen.has(type)) return [];
  seen.add(type);
  const paths: string[] = [];
  for (const property of checker.getPropertiesOfType(type)) {
    const path = `${expression}.${property.name}`;
    paths.push(path);
    let inner = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, node));
    let innerPath = `${path}!`;
    if (checker.isArrayType(inner)) {
      inner = checker.getTypeArguments(inner as ts.TypeReference)[0]!;
      innerPath = `${path}![0]!`;
    }
    // Object types of the SDK's own declarations (not Record<string, unknown>, not strings).
    const declared = inner.getSymbol()?.getDeclarations()?.[0]?.getSourceFile().fileName ?? '';
    if (inner.flags & ts.TypeFlags.Object && declared.includes(`${repo}/dist/`)) {
      paths.push(...fieldPaths(checker, node, innerPath, inner, seen));
    }
  }
  return paths;
}

describe('hovers in an editor (TypeScript language service over dist/*.d.ts)', () => {
  let consumer: Consumer;
  const named = [...Object.keys(RETURN_VALUES), ...WEBHOOK_EVENT_NAMES.map(eventTypeName)];

  beforeAll(() => {
    if (!existsSync(resolve(repo, 'dist/index.d.ts'))) throw new Error('dist/index.d.ts is missing: run `npm run build` first');
    consumer = new Consumer(consumerSource());
    expect(consumer.errors()).toEqual([]);
  });

  it.each(named)('shows %s by name where the SDK hands one over', (name) => {
    expect(consumer.hover(`const ${variable(name)}`, { after: ' = ' }).display).toBe(`const ${variable(name)}: ${name}`);
  });

  it.each(WEBHOOK_EVENT_NAMES)("names the %s handler's event parameter", (event) => {
    const name = eventTypeName(event);
    expect(consumer.hover(`${event}: (h${variable(name)}`).display).toBe(`(parameter) h${variable(name)}: ${name}`);
  });

  it.each(named)("documents every field of %s and of the types inside it, and names each field's type", (name) => {
    const program = consumer.service.getProgram()!;
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(consumer.file)!;
    let declaration: ts.VariableDeclaration | undefined;
    const find = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && node.name.getText(source) === variable(name)) declaration = node;
      else ts.forEachChild(node, find);
    };
    find(source);
    const paths = fieldPaths(checker, declaration!, variable(name), checker.getTypeAtLocation(declaration!.name), new Set());
    expect(paths.length).toBeGreaterThan(0);

    const base = consumer.text;
    const marker = '\n// fields\n';
    consumer.update(`${base}${marker}async function fields(): Promise<void> {\n${declarationLine(base, name)}\n${paths.map((p) => `  ${p};`).join('\n')}\n}\nvoid fields;\n`);
    try {
      const undocumented: string[] = [];
      const expanded: string[] = [];
      let from = consumer.text.indexOf(marker);
      for (const path of paths) {
        const hover = consumer.hover(`  ${path}`, { from, after: ';' });
        from = consumer.text.indexOf(`  ${path};`, from) + 1;
        if (hover.docs.trim() === '') undocumented.push(path);
        // An anonymous object type in a hover is spelt out over several lines.
        if (hover.display.includes('{\n')) expanded.push(`${path}: ${hover.display}`);
      }
      expect(undocumented).toEqual([]);
      expect(expanded).toEqual([]);
    } finally {
      consumer.update(base);
    }
  });
});

/** The variable's declaration again, inside the helper function (the original is block-scoped). */
function declarationLine(text: string, name: string): string {
  const events = WEBHOOK_EVENT_NAMES.map(eventTypeName);
  if (events.includes(name)) return `  const ${variable(name)} = null as unknown as import('knotapi-node').${name};`;
  const line = text.split('\n').find((l) => l.includes(`const ${variable(name)} = `));
  if (!line) throw new Error(`no declaration of ${variable(name)}`);
  return line;
}
