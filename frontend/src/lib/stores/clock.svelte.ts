// The UI's clock follows Go's (Timeline.Now), not the machine's: Go's time is
// measured at load and every minute, and extrapolated in between at the app
// clock's speed (1, or N under BRIDGELOG_TIME_SCALE), so a test clock in Go
// drives the elapsed and "for 12m" displays too. The tick itself is clockTicker.ts.
import { now as goNow } from '../api/timeline';
import { timeScale } from '../api/clocks';

// How long after the second turns a tick comes: the dashboard's clock is
// extrapolated from its own fetch of Go's time, a few milliseconds off this one,
// and should have turned too.
const tickLateMs = 25;

class Clock {
  /** Go's clock minus Date.now() at the last sync, in milliseconds. */
  offset = $state(0);
  /** App-clock seconds per real second. */
  scale = $state(1);
  /** The current time on Go's clock, updated by tick(). */
  now = $state(Date.now());
  /** The machine's time at the last tick: what board countdowns extrapolate from. */
  local = $state(Date.now());

  private anchorLocal = Date.now();
  private anchorGo = Date.now();

  /** at is Go's clock at a local instant. */
  at(localMs: number): number {
    return this.anchorGo + (localMs - this.anchorLocal) * this.scale;
  }

  /**
   * untilNextSecond is how long, in real milliseconds from localMs, until just
   * after the app clock's next whole second: a tick then turns every displayed
   * second once, on time. A faster test clock is ticked once a real second.
   */
  untilNextSecond(localMs: number): number {
    if (this.scale !== 1) return 1000;
    const into = ((this.at(localMs) % 1000) + 1000) % 1000;
    return 1000 - into + tickLateMs;
  }

  tick(): void {
    const t = Date.now();
    this.local = t;
    this.now = this.at(t);
  }

  /** sync measures Go's clock, taking the midpoint of the round trip as Go's moment. */
  async sync(): Promise<void> {
    const t0 = Date.now();
    try {
      const go = new Date((await goNow()).replace(/(\.\d{3})\d+/, '$1')).getTime();
      const t1 = Date.now();
      if (!Number.isNaN(go)) {
        this.anchorLocal = (t0 + t1) / 2;
        this.anchorGo = go;
        this.offset = go - this.anchorLocal;
      }
    } catch {
      // Keep the last measurement: a missed sync only delays a correction.
    }
    this.tick();
  }

  /** loadScale asks Go how fast its clock runs (a test clock runs faster). */
  async loadScale(): Promise<void> {
    try {
      const s = await timeScale();
      if (s !== this.scale) {
        // Re-anchor at the current estimate so the displayed time does not jump.
        const t = Date.now();
        this.anchorGo = this.at(t);
        this.anchorLocal = t;
        this.scale = s;
      }
    } catch {
      // A real clock is the safe assumption.
    }
    this.tick();
  }

  /** iso is Go's estimated now as RFC 3339, for when Timeline.Now cannot be reached. */
  iso(): string {
    return new Date(this.at(Date.now())).toISOString();
  }
}

export const clock = new Clock();
