/**
 * An undici `Dispatcher` that answers every request with the fake's app (app.ts), in memory: no
 * socket, no port. Pass it as the `dispatcher` of a KnotClient, `undici.request` or undici's fetch.
 *
 * It speaks both handler APIs of undici 7: the controller API (`onRequestStart`, `onResponseStart`,
 * ...) and the legacy one (`onConnect`, `onHeaders`, ...) that `undici.request` and fetch still use.
 */
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import type * as Undici from 'undici';
import { letNodeFetchClaimGlobalDispatcher } from '../internal/undici.js';
import type { KnotApp } from './app.js';
import { isNetworkError } from './connection-reset.js';

// Loaded by require, not import: an import is hoisted above every statement (and, bundled, above
// every module), so Node's fetch could not claim the global dispatcher before undici evaluates.
letNodeFetchClaimGlobalDispatcher();
const { Dispatcher } = createRequire(import.meta.url)('undici') as typeof Undici;

type Controller = Undici.Dispatcher.DispatchController;
type Handler = Undici.Dispatcher.DispatchHandler;
type Headers_ = Record<string, string | string[]>;

/** The error a reset connection gives, shaped like Node's (`code: 'ECONNRESET'`). */
export function connectionResetError(): Error {
  return Object.assign(new Error('read ECONNRESET (connection reset by the fake Knot API)'), {
    code: 'ECONNRESET',
    errno: -104,
    syscall: 'read',
  });
}

class MockController implements Controller {
  #aborted = false;
  #finished = false;
  #paused = false;
  #reason: Error | null = null;
  #resumeWaiters: Array<() => void> = [];
  /** Aborted with the controller, so a handler still sleeping on injected latency stops early. */
  readonly requestAbort = new AbortController();
  constructor(private readonly onAbort: (reason: Error) => void) {}
  get aborted() {
    return this.#aborted;
  }
  get paused() {
    return this.#paused;
  }
  get reason() {
    return this.#reason;
  }
  abort(reason: Error): void {
    if (this.#aborted || this.#finished) return;
    this.#aborted = true;
    this.#reason = reason;
    this.resume();
    this.requestAbort.abort(reason);
    this.onAbort(reason);
  }
  pause(): void {
    this.#paused = true;
  }
  resume(): void {
    this.#paused = false;
    for (const wake of this.#resumeWaiters.splice(0)) wake();
  }
  /** After the response ended: a late abort() must not report an error. */
  finish(): void {
    this.#finished = true;
  }
  /** Resolves when not paused (or aborted). */
  whenFlowing(): Promise<void> {
    if (!this.#paused || this.#aborted) return Promise.resolve();
    return new Promise((resolve) => this.#resumeWaiters.push(resolve));
  }
}

/** Adapts a legacy handler (`onConnect`/`onHeaders`/`onData`/`onComplete`/`onError`) to the controller API. */
function controllerHandler(handler: Handler): Required<Pick<Handler, 'onRequestStart' | 'onResponseStart' | 'onResponseData' | 'onResponseEnd' | 'onResponseError'>> {
  if (typeof handler.onRequestStart === 'function') {
    return {
      onRequestStart: (c, ctx) => handler.onRequestStart?.(c, ctx),
      onResponseStart: (c, s, h, m) => handler.onResponseStart?.(c, s, h, m),
      onResponseData: (c, chunk) => handler.onResponseData?.(c, chunk),
      onResponseEnd: (c, t) => handler.onResponseEnd?.(c, t),
      onResponseError: (c, e) => handler.onResponseError?.(c, e),
    };
  }
  const raw = (headers: Headers_) => {
    const list: Buffer[] = [];
    for (const [name, value] of Object.entries(headers)) {
      for (const v of Array.isArray(value) ? value : [value]) list.push(Buffer.from(name, 'latin1'), Buffer.from(v, 'latin1'));
    }
    return list;
  };
  return {
    onRequestStart: (c) => handler.onConnect?.((reason) => c.abort(reason ?? new Error('aborted'))),
    onResponseStart: (c, status, headers, message) => {
      if (handler.onHeaders?.(status, raw(headers as Headers_), () => c.resume(), message ?? '') === false) c.pause();
    },
    onResponseData: (c, chunk) => {
      if (handler.onData?.(chunk) === false) c.pause();
    },
    onResponseEnd: () => handler.onComplete?.([]),
    onResponseError: (_c, error) => handler.onError?.(error),
  };
}

function toHeaders(input: Undici.Dispatcher.DispatchOptions['headers']): Headers {
  const headers = new Headers();
  if (!input) return headers;
  const add = (name: unknown, value: unknown) => {
    if (value === undefined || value === null) return;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(String(name), String(v));
  };
  if (Array.isArray(input)) {
    // Either [[name, value], ...] or a flat [name, value, name, value, ...].
    if (input.length > 0 && Array.isArray(input[0])) for (const [n, v] of input as unknown as [string, string][]) add(n, v);
    else for (let i = 0; i + 1 < input.length; i += 2) add(input[i], input[i + 1]);
  } else if (typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [n, v] of input as Iterable<[string, string]>) add(n, v);
  } else {
    for (const [n, v] of Object.entries(input as Record<string, unknown>)) add(n, v);
  }
  return headers;
}

async function readBody(body: Undici.Dispatcher.DispatchOptions['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  const source = body instanceof Readable ? body : (body as Iterable<unknown> | AsyncIterable<unknown>);
  for await (const chunk of source as AsyncIterable<unknown>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}

export class MockDispatcher extends Dispatcher {
  #closed = false;

  constructor(private readonly app: KnotApp) {
    super();
  }

  override dispatch(options: Undici.Dispatcher.DispatchOptions, handler: Handler): boolean {
    const h = controllerHandler(handler);
    // Every failure goes through abort(), which reports it once and stops the response.
    const controller: MockController = new MockController((reason) => h.onResponseError(controller, reason));
    if (options.upgrade || options.method === 'CONNECT') {
      queueMicrotask(() => controller.abort(new Error('The mock dispatcher does not support upgrade or CONNECT requests')));
      return true;
    }
    if (this.#closed) {
      queueMicrotask(() => controller.abort(Object.assign(new Error('The mock dispatcher is closed'), { code: 'UND_ERR_CLOSED' })));
      return true;
    }
    // Start asynchronously, as a real dispatcher does: callers expect dispatch() to return first.
    queueMicrotask(() => {
      void this.#run(options, h, controller).catch((error: unknown) =>
        controller.abort(error instanceof Error ? error : new Error(String(error))),
      );
    });
    return true;
  }

  async #run(options: Undici.Dispatcher.DispatchOptions, h: ReturnType<typeof controllerHandler>, controller: MockController): Promise<void> {
    h.onRequestStart(controller, {});
    if (controller.aborted) return;
    const url = new URL(options.path, options.origin);
    if (options.query) for (const [k, v] of Object.entries(options.query)) url.searchParams.append(k, String(v));
    const method = options.method.toUpperCase();
    const body = await readBody(options.body);
    const request = new Request(url, {
      method,
      headers: toHeaders(options.headers),
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
      signal: controller.requestAbort.signal,
    });
    const response = await this.app(request);
    if (controller.aborted) return;
    if (isNetworkError(response)) {
      controller.abort(connectionResetError());
      return;
    }
    const headers: Headers_ = {};
    response.headers.forEach((value, name) => {
      const previous = headers[name];
      headers[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    });
    h.onResponseStart(controller, response.status, headers, response.statusText);
    if (response.body && method !== 'HEAD') {
      const reader = response.body.getReader();
      for (;;) {
        await controller.whenFlowing();
        if (controller.aborted) {
          await reader.cancel().catch(() => {});
          return;
        }
        const { done, value } = await reader.read();
        if (done) break;
        h.onResponseData(controller, Buffer.from(value));
      }
    }
    if (controller.aborted) return;
    controller.finish();
    h.onResponseEnd(controller, {});
  }

  override async close(callback?: () => void): Promise<void> {
    this.#closed = true;
    callback?.();
  }

  override async destroy(errorOrCallback?: Error | null | (() => void), callback?: () => void): Promise<void> {
    this.#closed = true;
    (typeof errorOrCallback === 'function' ? errorOrCallback : callback)?.();
  }
}
