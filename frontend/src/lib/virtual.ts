// Virtual-list arithmetic for the timeline: with 10,000 entries only the rows in
// view (plus a margin) are in the DOM, and padding above and below keeps the
// scrollbar true to the whole list. Heights are measured where known, estimated
// elsewhere; all of it is plain numbers so it is tested without a browser.

/** offsets returns n+1 prefix sums: offsets[i] is the top of row i, offsets[n] the total height. */
export function offsets(heights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) out[i + 1] = out[i] + Math.max(0, heights[i]);
  return out;
}

/** rowAt returns the index of the row covering y (the last row for y past the end). */
export function rowAt(offs: Float64Array, y: number): number {
  const n = offs.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  // Find the last row whose top is <= y.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offs[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Range {
  /** First rendered row. */
  start: number;
  /** One past the last rendered row. */
  end: number;
  /** Padding standing in for the rows above start. */
  top: number;
  /** Padding standing in for the rows from end on. */
  bottom: number;
  /** The height of every row together. */
  total: number;
}

/** visibleRange picks the rows to render for a scroll position, with overscan rows either side. */
export function visibleRange(offs: Float64Array, scrollTop: number, viewport: number, overscan: number): Range {
  const n = offs.length - 1;
  const total = n > 0 ? offs[n] : 0;
  if (n <= 0) return { start: 0, end: 0, top: 0, bottom: 0, total: 0 };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, total - viewport));
  const first = rowAt(offs, top);
  // The last row that starts before the bottom edge of the viewport.
  const last = rowAt(offs, Math.max(top, top + viewport - 0.5));
  const start = Math.max(0, first - overscan);
  const end = Math.min(n, last + 1 + overscan);
  return { start, end, top: offs[start], bottom: total - offs[end], total };
}

/** estimateHeight guesses a row's height from its text before it is measured. */
export function estimateHeight(textLength: number, newlines: number, charsPerLine: number, lineHeight: number, padding: number): number {
  const wrapped = Math.max(1, Math.ceil(textLength / Math.max(1, charsPerLine)));
  return padding + lineHeight * Math.max(wrapped, newlines + 1);
}
