// The UI's clock follows Go's (Timeline.Now), not the machine's: an offset is
// measured at load and every minute, so a test clock in Go drives the elapsed
// and "for 12m" displays too. The one-second tick is owned by App.svelte.
import { now as goNow } from '../api/timeline';

class Clock {
  /** Go's clock minus Date.now(), in milliseconds. */
  offset = $state(0);
  /** The current time on Go's clock, updated by tick(). */
  now = $state(Date.now());

  tick(): void {
    this.now = Date.now() + this.offset;
  }

  /** sync measures the offset, taking the midpoint of the round trip as Go's moment. */
  async sync(): Promise<void> {
    const t0 = Date.now();
    try {
      const go = new Date((await goNow()).replace(/(\.\d{3})\d+/, '$1')).getTime();
      const t1 = Date.now();
      if (!Number.isNaN(go)) this.offset = go - (t0 + t1) / 2;
    } catch {
      // Keep the last offset: a missed sync only delays a correction.
    }
    this.tick();
  }

  /** iso is Go's estimated now as RFC 3339, for when Timeline.Now cannot be reached. */
  iso(): string {
    return new Date(Date.now() + this.offset).toISOString();
  }
}

export const clock = new Clock();
