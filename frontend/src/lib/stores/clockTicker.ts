// The one timer behind every elapsed clock and countdown on screen. Each tick
// that changes a displayed second costs WebKit a frame in both of its
// processes, so there is one tick a second, just after the second turns (not at
// a random phase of it), and none while the window is hidden: minimised or on
// another workspace it draws nothing, and the first tick when it shows again
// brings every clock up to date. A window that is only unfocused keeps ticking:
// the IC watches these clocks beside the video call.
import { clock } from './clock.svelte';

/** A chore runs from the tick every everyMs (Go's clock sync, the board refetch). */
export interface Chore {
  everyMs: number;
  run: () => void;
}

/** Page is the part of document the ticker reads, so tests can hide a page. */
export interface Page {
  readonly hidden: boolean;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/**
 * startTicker ticks the clock now and then just after each second, runs each
 * chore once its period has passed since it last ran (or since the start), and
 * stops while page is hidden. It returns the function that stops it.
 */
export function startTicker(chores: Chore[], page: Page = document): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const last = chores.map(() => Date.now());
  const tick = () => {
    clearTimeout(timer);
    timer = undefined;
    if (page.hidden) return; // visibilitychange starts it again
    clock.tick();
    const t = Date.now();
    chores.forEach((c, i) => {
      if (t - last[i] < c.everyMs) return;
      last[i] = t;
      c.run();
    });
    timer = setTimeout(tick, clock.untilNextSecond(t));
  };
  const onvisibility = () => {
    if (!page.hidden) tick();
  };
  page.addEventListener('visibilitychange', onvisibility);
  tick();
  return () => {
    clearTimeout(timer);
    page.removeEventListener('visibilitychange', onvisibility);
  };
}
