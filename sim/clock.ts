/**
 * Simulated time: the start instant, plus wall time elapsed, plus whatever advanceTime()
 * added. Each advance is recorded as a window so that account-regions generated lazily
 * later replay exactly the same evolution as ones generated up front.
 */
export interface TimeWindow {
  index: number;
  fromMs: number;
  toMs: number;
}

export class SimClock {
  readonly startMs: number;
  private readonly startWall: number;
  private advancedMs = 0;
  readonly windows: TimeWindow[] = [];

  constructor(start: Date) {
    this.startMs = start.getTime();
    this.startWall = Date.now();
  }

  nowMs(): number {
    return this.startMs + (Date.now() - this.startWall) + this.advancedMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Moves the clock and returns the window records may now appear in. */
  advance(ms: number): TimeWindow {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`advanceTime expects a non-negative number of ms, got ${ms}`);
    const fromMs = this.nowMs();
    this.advancedMs += ms;
    const window = { index: this.windows.length, fromMs, toMs: fromMs + ms };
    this.windows.push(window);
    return window;
  }
}
