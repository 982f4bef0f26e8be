/**
 * A minimal Knot-shaped server that measures what a limiter must guarantee: how many requests are
 * in flight at once (peak) and when each one arrived. Every request is held `holdMs` and answered
 * `{ "session": "<id>" }` (enough for sessions.create/extend).
 */
import { createServer, type Server } from 'node:http';
import { listenOnLoopback } from './loopback.js';

export interface Observer {
  url: string;
  arrivals: number[];
  peakInFlight: number;
  readonly inFlight: number;
  close(): Promise<void>;
}

export async function startObserver(holdMs: number, measuredPath = '/session/extend'): Promise<Observer> {
  let inFlight = 0;
  const state = { peakInFlight: 0, arrivals: [] as number[] };
  const server: Server = createServer((req, res) => {
    const measured = (req.url ?? '').split('?')[0] === measuredPath;
    if (measured) {
      state.arrivals.push(performance.timeOrigin + performance.now());
      inFlight += 1;
      state.peakInFlight = Math.max(state.peakInFlight, inFlight);
    }
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        if (measured) inFlight -= 1;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ session: 'session-ok' }));
      }, holdMs);
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    get arrivals() {
      return state.arrivals;
    },
    get peakInFlight() {
      return state.peakInFlight;
    },
    get inFlight() {
      return inFlight;
    },
    close,
  };
}
