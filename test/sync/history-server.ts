/**
 * A tiny POST /transactions/sync server on 127.0.0.1 for the sync cases the fake Knot API cannot
 * stage: a request held open to watch it being aborted, a cursor that never advances. Same cursor
 * semantics as the fake: a page with transactions points after its last one, an empty page ends
 * the sync with `next_cursor: null`; with `lastPageEnds`, the page that reaches the end of the
 * history already answers `next_cursor: null` (Knot may end a sync that way).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface SyncRequestLog {
  cursor: string | null;
  limit: number;
  receivedAt: number;
  /** Set when the client closed the connection before the answer was sent. */
  aborted: boolean;
  answered: boolean;
}

type Answer =
  | { kind: 'page' }
  | { kind: 'json'; status: number; body: unknown }
  /** Never answers; the test expects the client to abort. */
  | { kind: 'hold' };

export interface HistoryServer {
  url: string;
  requests: SyncRequestLog[];
  /** Transactions `txn-0000`… in order. */
  total: number;
  /** The page holding the last transaction answers `next_cursor: null` (no closing empty page). */
  lastPageEnds: boolean;
  /** Per request (0-based index): what to do instead of answering a page; delay in ms before answering. */
  script: (index: number, cursor: string | null) => { answer?: Answer; delayMs?: number } | undefined;
  close(): Promise<void>;
}

export const txnId = (i: number) => `txn-${String(i).padStart(4, '0')}`;
const cursorOf = (seq: number) => `c${seq}`;

function transaction(i: number) {
  return {
    id: txnId(i),
    external_id: null,
    datetime: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    url: null,
    order_status: 'COMPLETED',
    payment_methods: [],
    price: { sub_total: '1.00', adjustments: [], total: '1.00', currency: 'USD' },
    products: [],
  };
}

export async function startHistoryServer(total: number): Promise<HistoryServer> {
  const sockets = new Set<import('node:net').Socket>();
  const state: HistoryServer = {
    url: '',
    requests: [],
    total,
    lastPageEnds: false,
    script: () => undefined,
    close: async () => {},
  };

  const handle = (res: ServerResponse, raw: string) => {
    const body = JSON.parse(raw || '{}') as { cursor?: string; limit?: number };
    const log: SyncRequestLog = {
      cursor: body.cursor ?? null,
      limit: body.limit ?? 5,
      receivedAt: performance.now(),
      aborted: false,
      answered: false,
    };
    const index = state.requests.push(log) - 1;
    res.on('close', () => {
      if (!res.writableFinished) log.aborted = true;
    });
    const step = state.script(index, log.cursor) ?? {};
    const answer = step.answer ?? { kind: 'page' };
    if (answer.kind === 'hold') return;
    const send = () => {
      if (res.destroyed) return;
      let status = 200;
      let json: unknown;
      if (answer.kind === 'json') {
        status = answer.status;
        json = answer.body;
      } else {
        // Any letter prefix: tests can hand out distinct cursors for the same position.
        const from = log.cursor === null ? 0 : Number(log.cursor.replace(/^[a-z]+/, ''));
        const to = Math.min(state.total, from + log.limit);
        const txns = [];
        for (let i = from; i < to; i++) txns.push(transaction(i));
        const more = txns.length > 0 && !(state.lastPageEnds && to === state.total);
        json = { merchant: { id: 19, name: 'DoorDash' }, transactions: txns, next_cursor: more ? cursorOf(to) : null, limit: log.limit };
      }
      log.answered = true;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    if (step.delayMs) setTimeout(send, step.delayMs);
    else send();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}
