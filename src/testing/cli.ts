#!/usr/bin/env node
/**
 * `knot-mock`: serves the fake Knot API from the command line.
 *
 *   knot-mock --port 4010 --webhook-url http://127.0.0.1:3000/webhooks [--seed 1] [--client-id x --secret y]
 *
 * Prints the URL and the credentials as lines to paste into a shell, and stops on SIGINT / SIGTERM.
 * Needs no msw.
 */
import { parseArgs } from 'node:util';
import { banner } from './banner.js';
import { createMockKnot } from './mock.js';

const USAGE = `Usage: knot-mock [--port 4010] [--webhook-url URL] [--seed N] [--client-id ID] [--secret SECRET]
                 [--transactions-per-link N]

Serves a fake Knot API on 127.0.0.1 (port 0 = any free port).`;

function fail(message: string): never {
  process.stderr.write(`knot-mock: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) fail(`--${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'webhook-url': { type: 'string' },
        seed: { type: 'string' },
        'client-id': { type: 'string' },
        secret: { type: 'string' },
        'transactions-per-link': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const webhookUrl = values['webhook-url'] as string | undefined;
  if (webhookUrl !== undefined && !/^https?:\/\//.test(webhookUrl)) fail('--webhook-url must be an http(s) URL');
  const port = integer(values.port as string | undefined, 'port', 4010);
  if (port > 65_535) fail('--port must be at most 65535');

  const mock = createMockKnot({
    clientId: values['client-id'] as string | undefined,
    secret: values.secret as string | undefined,
    webhookUrl: webhookUrl ?? null,
    seed: integer(values.seed as string | undefined, 'seed', 1),
    transactionsPerLink: integer(values['transactions-per-link'] as string | undefined, 'transactions-per-link', 205),
  });
  const server = await mock.listen({ port });
  process.stdout.write(banner({ url: server.url, clientId: mock.clientId, secret: mock.secret, webhookUrl: webhookUrl ?? null }));

  // A closed stdout (`knot-mock | head`) must not crash the shutdown message with EPIPE.
  process.stdout.on('error', () => {});
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, shutting down.\n`);
    // Pending webhook retries are not awaited: stopping must be prompt.
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`knot-mock: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
