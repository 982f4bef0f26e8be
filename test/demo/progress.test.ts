import { describe, expect, it } from 'vitest';
import { isLiveTerminal, type Output, renderStatus, shortCursor, SyncProgress } from '../../examples/demo/progress.js';

/** An output that records every write, as a terminal (isTTY) or a pipe. */
function recorder(isTTY: boolean): Output & { text: string; writes: string[] } {
  const out = {
    isTTY,
    writes: [] as string[],
    get text() {
      return out.writes.join('');
    },
    write(chunk: string) {
      out.writes.push(chunk);
      return true;
    },
  };
  return out;
}

/** Two pages of 30 and 5 transactions, then the empty page that ends the sync. */
function simulate(progress: SyncProgress): void {
  for (const [size, cursor] of [
    [30, 'eyJ0IjoiYWJjZGVmIiwicyI6MzB9'],
    [5, 'eyJ0IjoiYWJjZGVmIiwicyI6MzV9'],
  ] as const) {
    progress.page(size);
    for (let i = 0; i < size; i++) progress.transaction();
    progress.checkpoint(cursor);
  }
  progress.page(0);
  progress.finish(true);
}

describe('the demo progress display', () => {
  it('renders one status line: pages, transactions, checkpoints and a shortened cursor', () => {
    const counts = { pages: 2, transactions: 200, checkpoints: 1, cursor: 'eyJ0IjoiYWJjZGVmIiwicyI6MTAwfQ' };
    expect(renderStatus('initial sync', counts, 'done')).toBe('✔ initial sync  page 2 · 200 transactions · 1 checkpoint · cursor eyJ0Ijoi…MTAwfQ');
    expect(renderStatus('x', { pages: 1, transactions: 1, checkpoints: 0, cursor: null }, 'failed')).toBe(
      '✘ x  page 1 · 1 transaction · 0 checkpoints · cursor none yet',
    );
    expect(renderStatus('x', counts, 0)).not.toBe(renderStatus('x', counts, 1)); // the spinner moves
    expect(shortCursor('short')).toBe('short');
  });

  it('on a terminal, redraws one line in place and ends it once', () => {
    const out = recorder(true);
    simulate(new SyncProgress('initial sync', out, true));
    const redraws = out.writes.filter((w) => w.startsWith('\r\x1b[2K'));
    expect(redraws.length).toBeGreaterThan(6); // pages, every 10 items, checkpoints
    expect(out.text.split('\n')).toHaveLength(2); // one finished line, then nothing
    expect(out.writes.at(-1)).toBe('\r\x1b[2K✔ initial sync  page 3 · 35 transactions · 2 checkpoints · cursor eyJ0Ijoi…I6MzV9\n');
  });

  it('elsewhere (pipe, CI), prints a plain line per page and checkpoint, with no escape codes', () => {
    const out = recorder(false);
    simulate(new SyncProgress('initial sync', out, false));
    expect(out.text).not.toContain('\r');
    expect(out.text).not.toContain('\x1b');
    expect(out.text.trimEnd().split('\n')).toEqual([
      '  initial sync: page 1 received, 30 transactions',
      '  initial sync: checkpoint 1 saved (30 transactions so far), cursor eyJ0Ijoi…I6MzB9',
      '  initial sync: page 2 received, 5 transactions',
      '  initial sync: checkpoint 2 saved (35 transactions so far), cursor eyJ0Ijoi…I6MzV9',
      '  initial sync: page 3 received, 0 transactions',
      '✔ initial sync  page 3 · 35 transactions · 2 checkpoints · cursor eyJ0Ijoi…I6MzV9',
    ]);
  });

  it('is live only on a TTY outside CI and dumb terminals', () => {
    expect(isLiveTerminal({ write: () => true, isTTY: true }, {})).toBe(true);
    expect(isLiveTerminal({ write: () => true, isTTY: false }, {})).toBe(false);
    expect(isLiveTerminal({ write: () => true }, {})).toBe(false);
    expect(isLiveTerminal({ write: () => true, isTTY: true }, { CI: 'true' })).toBe(false);
    expect(isLiveTerminal({ write: () => true, isTTY: true }, { CI: 'false' })).toBe(true);
    expect(isLiveTerminal({ write: () => true, isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});
