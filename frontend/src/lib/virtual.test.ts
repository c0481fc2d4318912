import { describe, expect, it } from 'vitest';
import { estimateHeight, layout, layoutRange, offsets, rowAt, rowIn, top, visibleRange } from './virtual';

const uniform = (n: number, h: number) => offsets(new Array(n).fill(h));

describe('offsets and rowAt', () => {
  it('sums heights into row tops', () => {
    expect(Array.from(offsets([10, 20, 30]))).toEqual([0, 10, 30, 60]);
    expect(Array.from(offsets([]))).toEqual([0]);
    expect(Array.from(offsets([-5, 5]))).toEqual([0, 0, 5]);
  });

  it('finds the row under a position', () => {
    const o = offsets([10, 20, 30]);
    expect(rowAt(o, 0)).toBe(0);
    expect(rowAt(o, 9.9)).toBe(0);
    expect(rowAt(o, 10)).toBe(1);
    expect(rowAt(o, 59)).toBe(2);
    expect(rowAt(o, 1000)).toBe(2);
    expect(rowAt(o, -10)).toBe(0);
  });
});

describe('visibleRange', () => {
  it('renders nothing for an empty list', () => {
    expect(visibleRange(offsets([]), 0, 500, 5)).toEqual({ start: 0, end: 0, top: 0, bottom: 0, total: 0 });
  });

  it('renders the rows in view plus overscan, padding for the rest', () => {
    // 10,000 rows of 30px; viewport 300px scrolled to row 100.
    const r = visibleRange(uniform(10_000, 30), 3000, 300, 5);
    expect(r).toEqual({ start: 95, end: 115, top: 95 * 30, bottom: (10_000 - 115) * 30, total: 300_000 });
    expect(r.end - r.start).toBeLessThan(30);
  });

  it('keeps padding plus rendered rows equal to the total height', () => {
    const heights = Array.from({ length: 500 }, (_, i) => 20 + (i % 7) * 13);
    const o = offsets(heights);
    for (const scrollTop of [0, 123, 4567, 9999, 1e9]) {
      const r = visibleRange(o, scrollTop, 400, 3);
      let rendered = 0;
      for (let i = r.start; i < r.end; i++) rendered += heights[i];
      expect(r.top + rendered + r.bottom).toBe(r.total);
    }
  });

  it('covers the whole viewport with variable heights', () => {
    const heights = [100, 10, 10, 10, 300, 10, 10];
    const r = visibleRange(offsets(heights), 105, 130, 0);
    // 105..235 spans rows 1 (100-110), 2, 3, 4 (130-430).
    expect([r.start, r.end]).toEqual([1, 5]);
  });

  it('clamps a scroll position past the end to the last page (pinned to the bottom)', () => {
    const r = visibleRange(uniform(1000, 30), 1e9, 300, 2);
    expect(r.end).toBe(1000);
    expect(r.start).toBe(1000 - 10 - 2);
    expect(r.bottom).toBe(0);
  });

  it('renders everything when the list is shorter than the viewport', () => {
    const r = visibleRange(uniform(3, 30), 0, 500, 5);
    expect([r.start, r.end, r.top, r.bottom]).toEqual([0, 3, 0, 0]);
  });
});

describe('estimateHeight', () => {
  it('grows with wrapped lines and line breaks', () => {
    expect(estimateHeight(10, 0, 80, 20, 8)).toBe(28);
    expect(estimateHeight(200, 0, 80, 20, 8)).toBe(68);
    expect(estimateHeight(10, 4, 80, 20, 8)).toBe(108);
  });
});

describe('layout of a list held in parts', () => {
  // 1,000 rows of unit 30; rows 100-102 held at 10, 50, 90; rows 500-501 at 60 each.
  const l = layout(1000, 30, [
    { start: 100, heights: [10, 50, 90] },
    { start: 500, heights: [60, 60] },
  ]);

  it('adds the held rows to the unit rows', () => {
    expect(l.height).toBe(1000 * 30 + (150 - 90) + (120 - 60));
  });

  it('places every row, held or not, in order', () => {
    expect(top(l, 0)).toBe(0);
    expect(top(l, 100)).toBe(3000);
    expect(top(l, 101)).toBe(3010);
    expect(top(l, 103)).toBe(3150);
    expect(top(l, 104)).toBe(3180);
    expect(top(l, 500)).toBe(3150 + 397 * 30);
    expect(top(l, 502)).toBe(top(l, 500) + 120);
    expect(top(l, 1000)).toBe(l.height);
    for (let i = 1; i <= 1000; i++) expect(top(l, i)).toBeGreaterThan(top(l, i - 1));
  });

  it('finds the row under every position', () => {
    for (let i = 0; i < 1000; i++) {
      expect(rowIn(l, top(l, i))).toBe(i);
      expect(rowIn(l, top(l, i + 1) - 0.5)).toBe(i);
    }
    expect(rowIn(l, -5)).toBe(0);
    expect(rowIn(l, l.height + 100)).toBe(999);
  });

  it('renders the rows in view with padding for the rest', () => {
    const r = layoutRange(l, top(l, 100), 100, 2);
    expect([r.start, r.end]).toEqual([98, 105]);
    expect(r.top).toBe(top(l, 98));
    expect(r.bottom).toBe(l.height - top(l, 105));
    expect(layoutRange(layout(0, 30, []), 0, 100, 2)).toEqual({ start: 0, end: 0, top: 0, bottom: 0, total: 0 });
  });
});
