import { afterEach, describe, expect, it, vi } from 'vitest';
import * as B from '../../../wailsjs/go/app/Timeline';
import * as C from '../../../wailsjs/go/app/Clocks';
import { clock } from './clock.svelte';

afterEach(() => {
  vi.useRealTimers();
});

describe('clock', () => {
  it('follows Go clock, not the machine', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-21T14:00:00Z'));
    // A test clock in Go, an hour and a half ahead, with nine fraction digits.
    vi.mocked(B.Now).mockResolvedValue('2026-11-21T15:30:00.000000001Z');
    await clock.sync();
    expect(clock.offset).toBe(90 * 60_000);
    expect(new Date(clock.now).toISOString()).toBe('2026-11-21T15:30:00.000Z');
    vi.advanceTimersByTime(2000);
    clock.tick();
    expect(new Date(clock.now).toISOString()).toBe('2026-11-21T15:30:02.000Z');
    expect(clock.iso()).toBe('2026-11-21T15:30:02.000Z');
  });

  it('keeps the last offset when Go cannot be reached', async () => {
    vi.mocked(B.Now).mockResolvedValue('2026-11-21T15:30:00Z');
    await clock.sync();
    const before = clock.offset;
    vi.mocked(B.Now).mockRejectedValue(new Error('gone'));
    await clock.sync();
    expect(clock.offset).toBe(before);
  });

  it('waits until just after the next second turns, or a real second on a faster clock', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-21T14:00:00.300Z'));
    vi.mocked(B.Now).mockResolvedValue('2026-11-21T15:30:00.700Z');
    await clock.sync();
    const t = Date.now();
    const wait = clock.untilNextSecond(t);
    // Go's clock reads 15:30:00.700: its next second is 300 ms away.
    expect(wait, 'a tick before the second turns would change nothing').toBeGreaterThan(300);
    expect(wait, 'a tick long after it shows the old second meanwhile').toBeLessThan(400);
    expect(new Date(clock.at(t + wait)).toISOString().slice(0, 19)).toBe('2026-11-21T15:30:01');
    vi.mocked(C.TimeScale).mockResolvedValue(60);
    await clock.loadScale();
    expect(clock.untilNextSecond(t), 'a 60x clock turns 60 seconds a real second; one tick a real second').toBe(1000);
    vi.mocked(C.TimeScale).mockResolvedValue(1);
    await clock.loadScale();
  });

  it('runs at the test clock speed between syncs, without a jump when the scale arrives', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-21T14:00:00Z'));
    vi.mocked(B.Now).mockResolvedValue('2026-11-21T14:00:00Z');
    await clock.sync();
    vi.mocked(C.TimeScale).mockResolvedValue(60);
    await clock.loadScale();
    expect(clock.scale).toBe(60);
    expect(new Date(clock.now).toISOString()).toBe('2026-11-21T14:00:00.000Z');
    vi.advanceTimersByTime(5000);
    clock.tick();
    // Five real seconds are five app minutes.
    expect(new Date(clock.now).toISOString()).toBe('2026-11-21T14:05:00.000Z');
    vi.mocked(C.TimeScale).mockResolvedValue(1);
    await clock.loadScale();
  });
});
