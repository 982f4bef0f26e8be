/**
 * The demo's sync progress: one status line redrawn in place on a terminal, plain lines otherwise
 * (a pipe, a log file, CI), where carriage returns and escape codes would only be noise.
 */

export interface SyncCounts {
  /** Pages received from Knot. */
  pages: number;
  /** Transactions stored so far. */
  transactions: number;
  /** Checkpoints saved (one per finished page). */
  checkpoints: number;
  /** The last cursor saved, or null before the first checkpoint. */
  cursor: string | null;
}

/** What the display writes to: `process.stdout`, or anything shaped like it. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Erase the line and return to its start, so a shorter line leaves nothing behind. */
const REDRAW = '\r\x1b[2K';

/** A cursor is long and opaque: its head and tail are enough to see it move. */
export function shortCursor(cursor: string | null): string {
  if (cursor === null) return 'none yet';
  return cursor.length <= 16 ? cursor : `${cursor.slice(0, 8)}…${cursor.slice(-6)}`;
}

/**
 * One status line, e.g. `⠹ initial sync  page 2 · 200 transactions · 1 checkpoint · cursor eyJ0Ijoi…In0`:
 * a spinner frame while running, then a tick or a cross.
 */
export function renderStatus(label: string, counts: SyncCounts, state: number | 'done' | 'failed'): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const mark = state === 'done' ? '✔' : state === 'failed' ? '✘' : SPINNER[state % SPINNER.length];
  return (
    `${mark} ${label}  page ${counts.pages} · ${plural(counts.transactions, 'transaction')} · ` +
    `${plural(counts.checkpoints, 'checkpoint')} · cursor ${shortCursor(counts.cursor)}`
  );
}

/** A redrawn line only on an interactive terminal outside CI (CI logs keep every byte). */
export function isLiveTerminal(out: Output, env: Record<string, string | undefined>): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false';
  return out.isTTY === true && !ci && env.TERM !== 'dumb';
}

export class SyncProgress {
  readonly counts: SyncCounts = { pages: 0, transactions: 0, checkpoints: 0, cursor: null };
  private frame = 0;

  constructor(
    private readonly label: string,
    private readonly out: Output,
    private readonly live: boolean,
  ) {
    if (live) this.draw();
  }

  page(size: number): void {
    this.counts.pages += 1;
    if (this.live) this.draw();
    else this.out.write(`  ${this.label}: page ${this.counts.pages} received, ${size} transactions\n`);
  }

  transaction(): void {
    this.counts.transactions += 1;
    // Every item would redraw hundreds of times a second for nothing the eye can follow.
    if (this.live && this.counts.transactions % 10 === 0) this.draw();
  }

  checkpoint(cursor: string): void {
    this.counts.checkpoints += 1;
    this.counts.cursor = cursor;
    if (this.live) this.draw();
    else this.out.write(`  ${this.label}: checkpoint ${this.counts.checkpoints} saved (${this.counts.transactions} transactions so far), cursor ${shortCursor(cursor)}\n`);
  }

  /** The final state: the live line settles with a tick (or a cross), plain output gets a summary line. */
  finish(ok: boolean): void {
    const line = renderStatus(this.label, this.counts, ok ? 'done' : 'failed');
    this.out.write(this.live ? `${REDRAW}${line}\n` : `${line}\n`);
  }

  private draw(): void {
    this.out.write(REDRAW + renderStatus(this.label, this.counts, this.frame++));
  }
}
