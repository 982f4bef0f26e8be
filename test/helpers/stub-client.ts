import type { RequestHandler } from 'msw';
import { afterEach } from 'vitest';
import { KnotClient, type KnotClientOptions } from '../../src/index.js';
import { serveStubs } from './stub-server.js';

interface Closeable {
  close(): Promise<void>;
}

/**
 * Per-test stub servers and clients with a file's default options, all closed after each test
 * (newest first, so clients go before the servers they talk to): the setup the client tests share.
 * Call once at the top level of a test file.
 */
export function stubClients(defaults: KnotClientOptions) {
  const open: Closeable[] = [];
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close();
  });
  /** Closes `item` after the current test; returns it. */
  const closeAfterTest = <T extends Closeable>(item: T): T => {
    open.push(item);
    return item;
  };
  /** A client with the file's defaults aimed at `baseUrl`. */
  const clientAt = (baseUrl: string, options: KnotClientOptions = {}) => closeAfterTest(new KnotClient({ ...defaults, baseUrl, ...options }));
  /** A stub server answering with `handlers`, and a client aimed at it. */
  const clientFor = async (handlers: RequestHandler | RequestHandler[], options: KnotClientOptions = {}) => {
    const stub = closeAfterTest(await serveStubs(...[handlers].flat()));
    return { stub, knot: clientAt(stub.url, options) };
  };
  return { clientFor, clientAt, closeAfterTest };
}
