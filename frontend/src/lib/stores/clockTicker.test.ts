import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as B from '../../../wailsjs/go/app/Timeline';
import * as C from '../../../wailsjs/go/app/Clocks';
import { clock } from './clock.svelte';
import { startTicker, type Page } from './clockTicker';

/** A page the test hides and shows, as a minimised window and its restore would. */
class TestPage implements Page {
  hidden = false;
  private listeners = new Set<() => void>();
  addEventListener(_type: 'visibilitychange', fn: () => void): void {
    this.listeners.add(fn);
  }
  removeEventListener(_type: 'visibilitychange', fn: () => void): void {
    this.listeners.delete(fn);
  }
  show(visible: boolean): void {
    this.hidden = !visible;
    for (const fn of this.listeners) fn();
  }
}

/** Each tick's local time and the app clock it set, recorded by a chore run on every tick. */
function record(): { seen: { at: number; now: number }[]; chore: { everyMs: number; run: () => void } } {
  const seen: { at: number; now: number }[] = [];
  return { seen, chore: { everyMs: 0, run: () => seen.push({ at: Date.now(), now: clock.now }) } };
}

const second = (ms: number) => new Date(ms).toISOString().slice(11, 19);

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-21T14:00:00.300Z'));
  // Go's clock is 400 ms further into its second than the machine's.
  vi.mocked(B.Now).mockResolvedValue('2026-11-21T14:00:00.700Z');
  await clock.sync();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('startTicker', () => {
  it('ticks at once, then just after each second of the app clock turns', () => {
    const { seen, chore } = record();
    const stop = startTicker([chore], new TestPage());
    vi.advanceTimersByTime(3000);
    stop();
    expect(seen.map((s) => second(s.now))).toEqual(['14:00:00', '14:00:01', '14:00:02', '14:00:03']);
    for (const s of seen.slice(1)) {
      const into = (s.now % 1000 + 1000) % 1000;
      expect(into, `tick at ${new Date(s.now).toISOString()}`).toBeLessThan(100);
    }
  });

  it('runs each chore once its period has passed', () => {
    let syncs = 0;
    let boards = 0;
    const stop = startTicker(
      [
        { everyMs: 60_000, run: () => syncs++ },
        { everyMs: 30_000, run: () => boards++ },
      ],
      new TestPage(),
    );
    vi.advanceTimersByTime(29_000);
    expect([syncs, boards]).toEqual([0, 0]);
    vi.advanceTimersByTime(36_000);
    stop();
    expect([syncs, boards]).toEqual([1, 2]);
  });

  it('stops while the page is hidden, and catches up the moment it shows', () => {
    const page = new TestPage();
    const { seen, chore } = record();
    let boards = 0;
    const stop = startTicker([chore, { everyMs: 30_000, run: () => boards++ }], page);
    vi.advanceTimersByTime(1000);
    const before = seen.length;
    page.show(false);
    vi.advanceTimersByTime(45_000);
    expect(seen.length, 'ticks while hidden').toBe(before);
    expect(boards, 'board refetches while hidden').toBe(0);
    page.show(true);
    expect(seen.length, 'a tick on showing').toBe(before + 1);
    expect(second(seen[seen.length - 1].now)).toBe('14:00:46');
    expect(boards, 'the overdue refetch runs on showing').toBe(1);
    vi.advanceTimersByTime(1000);
    stop();
    expect(seen.length, 'one tick a second again, not two').toBe(before + 2);
  });

  it('does nothing once stopped', () => {
    const page = new TestPage();
    const { seen, chore } = record();
    const stop = startTicker([chore], page);
    stop();
    vi.advanceTimersByTime(5000);
    page.show(false);
    page.show(true);
    expect(seen.length).toBe(1);
  });

  it('ticks once a real second on a faster test clock', async () => {
    vi.mocked(C.TimeScale).mockResolvedValue(60);
    await clock.loadScale();
    try {
      const { seen, chore } = record();
      const stop = startTicker([chore], new TestPage());
      vi.advanceTimersByTime(3000);
      stop();
      expect(seen.map((s) => s.at - seen[0].at)).toEqual([0, 1000, 2000, 3000]);
      expect(seen[3].now - seen[0].now, 'three real seconds are three app minutes').toBe(180_000);
    } finally {
      vi.mocked(C.TimeScale).mockResolvedValue(1);
      await clock.loadScale();
    }
  });
});
