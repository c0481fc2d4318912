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

/** A run of rows whose heights are known or estimated, from row start on. */
export interface Block {
  start: number;
  heights: ArrayLike<number>;
}

/**
 * Layout places n rows when only some runs of them are held (a timeline
 * that pages from the store): rows in a block have their own heights, every
 * other row the unit height, so the scrollbar stands for the whole list
 * while only the held rows cost anything to lay out.
 */
export interface Layout {
  n: number;
  unit: number;
  /** The height of every row together. */
  height: number;
  blocks: { start: number; end: number; top: number; offs: Float64Array }[];
}

/** layout builds a Layout; blocks must be in order and apart. */
export function layout(n: number, unit: number, blocks: readonly Block[]): Layout {
  const out: Layout['blocks'] = [];
  let extra = 0; // how much taller than unit rows the blocks so far are
  for (const b of blocks) {
    const offs = offsets(b.heights);
    const len = b.heights.length;
    out.push({ start: b.start, end: b.start + len, top: b.start * unit + extra, offs });
    extra += offs[len] - len * unit;
  }
  return { n, unit, height: Math.max(0, n * unit + extra), blocks: out };
}

/** top is the position of row i's top edge (i = n gives the height). */
export function top(l: Layout, i: number): number {
  let base = 0; // where the unit rows after the last block before i start, less their index
  let from = 0;
  for (const b of l.blocks) {
    if (i < b.start) break;
    if (i < b.end) return b.top + b.offs[i - b.start];
    base = b.top + b.offs[b.end - b.start];
    from = b.end;
  }
  return base + (i - from) * l.unit;
}

/** rowIn returns the row covering y (the last row past the end). */
export function rowIn(l: Layout, y: number): number {
  if (l.n <= 0) return 0;
  let base = 0;
  let from = 0;
  for (const b of l.blocks) {
    if (y < b.top) break;
    if (y < b.top + b.offs[b.end - b.start]) return b.start + rowAt(b.offs, y - b.top);
    base = b.top + b.offs[b.end - b.start];
    from = b.end;
  }
  return Math.min(l.n - 1, Math.max(0, from + Math.floor((y - base) / l.unit)));
}

/** layoutRange is visibleRange over a Layout. */
export function layoutRange(l: Layout, scrollTop: number, viewport: number, overscan: number): Range {
  if (l.n <= 0) return { start: 0, end: 0, top: 0, bottom: 0, total: 0 };
  const y = Math.min(Math.max(0, scrollTop), Math.max(0, l.height - viewport));
  const first = rowIn(l, y);
  const last = rowIn(l, Math.max(y, y + viewport - 0.5));
  const start = Math.max(0, first - overscan);
  const end = Math.min(l.n, last + 1 + overscan);
  return { start, end, top: top(l, start), bottom: l.height - top(l, end), total: l.height };
}
