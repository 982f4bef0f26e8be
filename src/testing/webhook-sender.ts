/**
 * Delivers webhooks like Knot (knot-api.md §5): POST raw JSON signed with `Knot-Signature`, retried
 * up to 2 more times on a non-200 answer or no answer within the timeout. Deliveries run in the
 * background and never fail the API request that caused them. First attempts go out in the order
 * the events happened (so a receiver sees AUTHENTICATED before NEW_TRANSACTIONS_AVAILABLE).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { signWebhook } from '../webhooks/verify.js';
import { sleep } from './sleep.js';

/**
 * One webhook of the fake, as logged in `mock.webhooks`: what was sent and how delivery went. Its
 * fields change while retries run; await `mock.webhooksSettled()` before reading them.
 *
 * @example
 * ```ts
 * await mock.webhooksSettled();
 * const last = mock.webhooks.at(-1)!;
 * expect(last.event).toBe('NEW_TRANSACTIONS_AVAILABLE');
 * expect(last.delivered).toBe(true);
 * const event = parseWebhook(last.body); // or POST last.body with last.headers to your own handler
 * ```
 */
export interface WebhookDelivery {
  /** Where it was sent; `null` when no webhook URL was configured (recorded, not sent). */
  url: string | null;
  /** The event name, e.g. `AUTHENTICATED`. */
  event: string;
  /** The payload as an object. */
  payload: Record<string, unknown>;
  /** The exact body sent. */
  body: string;
  /** The headers sent, `Knot-Signature` included (signed with the mock's secret). */
  headers: Record<string, string>;
  /** Attempts made so far (1..3). */
  attempts: number;
  /** HTTP status of the last attempt; `null` before any answer or after a timeout/network error. */
  status: number | null;
  /** The last network error or timeout, if any. */
  error: string | null;
  /** True once an attempt got a 200. */
  delivered: boolean;
}

export interface WebhookSenderOptions {
  secret: string;
  url: string | null;
  timeoutMs: number;
  retryDelayMs: number;
  maxAttempts: number;
}


export class WebhookSender {
  readonly log: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();
  private chain: Promise<void> = Promise.resolve();
  /** Aborted by stop(): cancels retries and in-flight posts so closing the mock is prompt. */
  private readonly stopper = new AbortController();

  constructor(private readonly options: WebhookSenderOptions) {}

  setUrl(url: string | null): void {
    this.options.url = url;
  }

  send(payload: Record<string, unknown>): WebhookDelivery {
    const body = JSON.stringify(payload);
    // Signed exactly as users' tests sign theirs: one implementation of Knot's scheme.
    const headers: Record<string, string> = { ...signWebhook({ body, secret: this.options.secret }) };
    const delivery: WebhookDelivery = {
      url: this.options.url,
      event: String(payload.event),
      payload,
      body,
      headers,
      attempts: 0,
      status: null,
      error: null,
      delivered: false,
    };
    this.log.push(delivery);
    if (delivery.url !== null && !this.stopper.signal.aborted) this.track(this.deliver(delivery));
    return delivery;
  }

  /**
   * Runs `work` after `delayMs` and sends the payload it returns (none: nothing sent), for flows that
   * finish in the background after their 202, as Knot's do. `settled()` waits for it; `stop()`
   * cancels it before it runs.
   */
  later(delayMs: number, work: () => Record<string, unknown> | undefined): void {
    if (this.stopper.signal.aborted) return;
    this.track(
      sleep(delayMs, this.stopper.signal).then(() => {
        if (this.stopper.signal.aborted) return;
        const payload = work();
        if (payload) this.send(payload);
      }),
    );
  }

  /** Cancels pending retries and in-flight deliveries; later events are only recorded. */
  stop(): void {
    this.stopper.abort();
  }

  /** Resolves when every delivery (with its retries) has finished. */
  async settled(): Promise<void> {
    // Bounded: each round awaits what is pending now; deliveries never start new deliveries.
    for (let round = 0; round < 1000 && this.pending.size > 0; round++) {
      await Promise.allSettled([...this.pending]);
    }
  }

  private track(promise: Promise<void>): void {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    const previous = this.chain;
    let firstDone!: () => void;
    this.chain = new Promise<void>((resolve) => {
      firstDone = resolve;
    });
    await previous;
    try {
      const signal = this.stopper.signal;
      for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
        if (attempt > 1) await sleep(this.options.retryDelayMs, signal);
        if (signal.aborted) {
          delivery.error = 'cancelled: the mock was closed';
          return;
        }
        delivery.attempts = attempt;
        const result = await postOnce(delivery.url!, delivery.body, delivery.headers, this.options.timeoutMs, signal);
        if (attempt === 1) firstDone();
        delivery.status = result.status;
        delivery.error = result.error;
        if (result.status === 200) {
          delivery.delivered = true;
          return;
        }
      }
    } finally {
      firstDone();
    }
  }
}

/** One POST with node:http(s); resolves with the status or the error, never rejects. */
function postOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<{ status: number | null; error: string | null }> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ status: null, error: `invalid webhook URL: ${url}` });
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: 'POST', headers, timeout: timeoutMs, signal }, (res) => {
      // Drain the answer: only the status matters, but the socket must be freed.
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? null, error: null }));
      res.on('error', (error) => resolve({ status: res.statusCode ?? null, error: error.message }));
    });
    req.on('timeout', () => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    req.on('error', (error) => resolve({ status: null, error: error.message }));
    req.end(body);
  });
}
