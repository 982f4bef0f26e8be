/** Helpers for the guides' webhook examples: a local receiver on a free port, and waiting for side effects. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Receiver {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `listener` on 127.0.0.1, any free port. */
export async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<Receiver> {
  return started(createServer(listener).listen(0, '127.0.0.1'));
}

/** The address of a server that was told to listen, once it does; `close()` ends it and its idle sockets. */
export async function started(server: Server): Promise<Receiver> {
  if (!server.listening) await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/**
 * Resolves once `predicate` holds, checking every 20 ms; rejects after `ms`. For work that outlives
 * the response (a handler past `ackTimeoutMs`, a sync started in the background), a test waits for
 * what it does, not for the response.
 */
export async function waitFor(what: string, predicate: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
