/**
 * Issue #13: an unauthenticated request must not be able to write its own lines into the log, and
 * every webhook log line starts with `[knotapi-node]`, whichever logger receives it.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { KnotClient } from '../../src/client.js';
import type { Logger } from '../../src/core/logger.js';
import { Webhooks } from '../../src/webhooks/index.js';
import { SECRET } from './fixtures.js';
import { closeServer, httpServer, listen, send } from './http-helpers.js';

let server: Server | undefined;
afterEach(async () => {
  await closeServer(server);
  server = undefined;
});

/** Every call as the one line a console-like logger would print. */
function capture() {
  const lines: string[] = [];
  const write = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  const logger: Logger = { debug: write, info: write, warn: write, error: write };
  return { logger, lines };
}

const FORGED = '[knotapi-node] webhook accepted: payout approved';
/** Unauthenticated: any Knot-Signature value, a body that is not JSON but carries line breaks. */
const attacks = [
  `x\n${FORGED}`,
  `x\r\n${FORGED}`,
  `{"event": "\u2028${FORGED}`,
  `\u001b[2K\r${FORGED}`, // an ANSI "erase line" then carriage return
];

async function attack(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<void> {
  server = httpServer(handler);
  const port = await listen(server);
  for (const body of attacks) {
    const reply = await send(port, { body, headers: { 'Knot-Signature': 'anything', 'Content-Type': 'application/json' } });
    expect(reply.status).toBe(400);
  }
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
  });
}

function expectNoForgedLines(lines: string[]): void {
  expect(lines.length).toBe(attacks.length);
  for (const line of lines) {
    expect(line.startsWith('[knotapi-node] ')).toBe(true);
    expect(hasControlCharacter(line)).toBe(false);
  }
}

describe('webhook log lines cannot be forged', () => {
  it('a custom logger given to new Webhooks(): escaped, one line each, prefixed', async () => {
    const { logger, lines } = capture();
    await attack(new Webhooks({ secret: SECRET, logger }).handler({}));
    expectNoForgedLines(lines);
    expect(lines[0]).toContain('"x\\n[knotapi'); // the parser's quote of the body, escaped
  });

  it("the client's logger: escaped and prefixed once", async () => {
    const { logger, lines } = capture();
    const knot = new KnotClient({ clientId: 'id', secret: SECRET, logger });
    await attack(knot.webhooks.handler({}));
    expectNoForgedLines(lines);
    expect(lines.every((line) => !line.startsWith('[knotapi-node] [knotapi-node]'))).toBe(true);
  });

  it('the KnotWebhookError message itself carries no raw line break', () => {
    const webhooks = new Webhooks({ secret: SECRET, logger: capture().logger });
    for (const body of attacks) {
      let message = '';
      try {
        webhooks.unwrap(body, { 'knot-signature': 'x' });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/not valid JSON/);
      expect(hasControlCharacter(message)).toBe(false);
    }
  });
});
