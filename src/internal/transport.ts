import type { Dispatcher } from 'undici';
import { KnotConnectionError, KnotResponseValidationError, KnotTimeoutError } from '../core/errors.js';
import { abortedByCaller, throwIfAborted } from './abort.js';
import { loadUndici, undici, undiciLoaded } from './undici.js';

export interface TransportRequest {
  method: 'GET' | 'POST';
  origin: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  maxBodyBytes: number;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** 16 MiB: far above any real Knot page (100 transactions), far below what would hurt the process. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const TIMEOUT = Symbol('timeout');
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}

function tooLarge(req: TransportRequest, status: number): KnotResponseValidationError {
  return new KnotResponseValidationError(
    `${req.method} ${req.path} → ${status}: the response body exceeds ${req.maxBodyBytes} bytes and was aborted.`,
    { status, method: req.method, path: req.path },
  );
}

/**
 * Reads the whole body, aborting past `maxBodyBytes`. Plain stream events rather than `for await`:
 * the async iterator costs a promise and several stream-machinery calls per chunk, measurable on
 * the sync hot path (a page of 100 transactions arrives in ~10 chunks).
 */
function readBody(body: Dispatcher.ResponseData['body'], req: TransportRequest, status: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('close', onClose);
      // The 'error' listener stays: a late error must not become an uncaught 'error' event
      // (rejecting a settled promise is a no-op).
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > req.maxBodyBytes) {
        done();
        body.destroy();
        reject(tooLarge(req, status));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    // Closed without 'end' and without an error (what `for await` reports as a premature close).
    const onClose = () => {
      done();
      reject(Object.assign(new Error('the response body closed before it ended'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    };
    body.on('error', (error: Error) => {
      done();
      reject(error);
    });
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('close', onClose);
  });
}

/**
 * One HTTP attempt: sends the request, reads the whole body (capped), and maps every failure to a
 * typed error. The attempt's deadline covers DNS, connect, TLS, headers and body together, on a
 * plain timer (precise to a few ms, unlike undici's own timeouts, which stay as a backstop).
 */
export async function sendOnce(dispatcher: () => Dispatcher, req: TransportRequest): Promise<TransportResponse> {
  throwIfAborted(req.signal, `${req.method} ${req.path}`);
  // undici loads with the first request (see undici.ts); the dispatcher getter may need it, so it is
  // called only after.
  if (!undiciLoaded()) await loadUndici();
  const { request } = undici();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMEOUT), req.timeoutMs);
  const onCallerAbort = () => controller.abort(req.signal?.reason);
  req.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const sent = request(req.origin + req.path, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      dispatcher: dispatcher(),
      signal: controller.signal,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    const res = await untilAborted(sent, controller.signal, (late) => late.body.destroy());
    const declared = Number(res.headers['content-length']);
    if (declared > req.maxBodyBytes) {
      res.body.destroy();
      throw tooLarge(req, res.statusCode);
    }
    const body = await readBody(res.body, req, res.statusCode);
    return { status: res.statusCode, headers: toHeaders(res.headers), body };
  } catch (error) {
    throw mapTransportError(error, req, controller.signal);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * `work`, or a rejection with the signal's reason as soon as it fires. undici acts on an abort only
 * once the request has a socket: while it is still connecting (DNS, TCP, the TLS handshake) the
 * abort waits for undici's own connect timeout, whose coarse timers fire up to a second late. This
 * makes the attempt's deadline (and the caller's signal) exact in every phase. A response that
 * arrives after the abort is released with `onLate`; a late failure is already handled here.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, onLate: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) onLate(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function mapTransportError(error: unknown, req: TransportRequest, signal: AbortSignal): unknown {
  if (error instanceof KnotResponseValidationError) return error;
  const what = `${req.method} ${req.path}`;
  if (signal.aborted && signal.reason === TIMEOUT) {
    return new KnotTimeoutError(`${what} timed out after ${req.timeoutMs} ms. Raise timeoutMs if Knot is slow to answer.`, {
      cause: error,
    });
  }
  if (req.signal?.aborted) return abortedByCaller(req.signal, what);
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return new KnotTimeoutError(`${what} timed out after ${req.timeoutMs} ms (${code}).`, { cause: error });
  }
  const detail = error instanceof Error ? `${error.message}${typeof code === 'string' ? ` (${code})` : ''}` : String(error);
  return new KnotConnectionError(`${what} failed: ${detail}. Check your network and baseUrl.`, { cause: error });
}
