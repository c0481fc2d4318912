// The stretches of a long timeline the window holds. The timeline pages from
// Go's store: it holds a few windows of entries (segments), never every entry
// of an incident that may have 200,000, and knows how many there are in all
// (total), so each held entry has its place among them. Pure, so the
// bookkeeping is tested without a window.
import type { Entry } from './api/types';
import { compareEntries } from './order';

/** A run of consecutive entries, from position start among those kept. */
export interface Segment {
  start: number;
  items: Entry[];
  /** The time of the entry just before start (null at the start or unknown). */
  prevAt: Date | null;
}

/** What is held: segments in order, apart (never overlapping or touching), and the count of all. */
export interface Held {
  total: number;
  segments: Segment[];
}

export const empty: Held = { total: 0, segments: [] };

const end = (s: Segment) => s.start + s.items.length;

/** at returns the entry at position i, if held. */
export function at(h: Held, i: number): Entry | undefined {
  for (const s of h.segments) {
    if (i < s.start) return undefined;
    if (i < end(s)) return s.items[i - s.start];
  }
  return undefined;
}

/** indexOf returns an entry's position, or -1 when it is not held. */
export function indexOf(h: Held, id: number): number {
  for (const s of h.segments) {
    const j = s.items.findIndex((e) => e.id === id);
    if (j >= 0) return s.start + j;
  }
  return -1;
}

/** count is how many entries are held. */
export function count(h: Held): number {
  let n = 0;
  for (const s of h.segments) n += s.items.length;
  return n;
}

/** missing says whether any position in [from, to) is not held. */
export function missing(h: Held, from: number, to: number): boolean {
  from = Math.max(0, from);
  to = Math.min(h.total, to);
  for (const s of h.segments) {
    if (from >= to) return false;
    if (from < s.start) return true;
    if (from < end(s)) from = end(s);
  }
  return from < to;
}

/**
 * merge takes in a window read from the store: it replaces what was held
 * over the same positions, joins the segments it touches, and sets the
 * total. A window read after a change the held segments missed would place
 * them wrongly: the caller resets instead (see reset below).
 */
export function merge(h: Held, w: Segment, total: number): Held {
  let seg: Segment = { start: w.start, items: w.items.slice(), prevAt: w.prevAt };
  const out: Segment[] = [];
  for (const s of h.segments) {
    if (end(s) < seg.start || s.start > end(seg)) {
      out.push(s);
      continue;
    }
    // Overlapping or touching: the window's entries win where both hold one.
    const items = seg.items;
    const before = s.start < seg.start ? s.items.slice(0, seg.start - s.start) : [];
    const after = end(s) > end(seg) ? s.items.slice(end(seg) - s.start) : [];
    seg = { start: Math.min(s.start, seg.start), items: [...before, ...items, ...after], prevAt: s.start < seg.start ? s.prevAt : seg.prevAt };
  }
  out.push(seg);
  out.sort((a, b) => a.start - b.start);
  return { total, segments: out.filter((s) => s.items.length > 0 && s.start < total) };
}

function shift(segments: Segment[], from: number, by: number): Segment[] {
  return segments.map((s, k) => (k >= from ? { ...s, start: s.start + by } : s));
}

/**
 * insert places a new entry by timeline order. Within or at a held end it is
 * held; in a gap between segments only the count and the later positions
 * move, since where in the gap it lands is not known here.
 */
export function insert(h: Held, e: Entry): Held {
  const segs = h.segments;
  if (segs.length === 0) {
    return h.total === 0 ? { total: 1, segments: [{ start: 0, items: [e], prevAt: null }] } : { total: h.total + 1, segments: [] };
  }
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k];
    const first = s.items[0];
    const last = s.items[s.items.length - 1];
    const inside = compareEntries(e, last) < 0 && (compareEntries(e, first) >= 0 || s.start === 0);
    if (inside) {
      const items = s.items.slice();
      let lo = 0;
      let hi = items.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compareEntries(items[mid], e) <= 0) lo = mid + 1;
        else hi = mid;
      }
      items.splice(lo, 0, e);
      const out = shift(segs, k + 1, 1);
      out[k] = { ...s, items };
      return { total: h.total + 1, segments: out };
    }
    if (compareEntries(e, first) < 0) {
      // In the gap before s: s and those after it move down one.
      const out = shift(segs, k, 1);
      if (!s.prevAt || e.occurredAt.getTime() >= s.prevAt.getTime()) out[k] = { ...out[k], prevAt: e.occurredAt };
      return { total: h.total + 1, segments: out };
    }
  }
  const k = segs.length - 1;
  const s = segs[k];
  if (end(s) === h.total) {
    const out = segs.slice();
    out[k] = { ...s, items: [...s.items, e] };
    return { total: h.total + 1, segments: out };
  }
  return { total: h.total + 1, segments: segs };
}

/**
 * remove drops an entry. A held one leaves its segment; one in a gap (a
 * line saved while the scribe reads far back) is placed by timeline order
 * as insert placed it, and the segments after it move up. found is false
 * when its place cannot be told (it would be inside a segment that does not
 * hold it): the caller then reads the windows again.
 */
export function remove(h: Held, e: Entry): { held: Held; found: boolean } {
  for (let k = 0; k < h.segments.length; k++) {
    const s = h.segments[k];
    const j = s.items.findIndex((x) => x.id === e.id);
    if (j < 0) continue;
    const out = shift(h.segments, k + 1, -1);
    out[k] = { ...s, items: s.items.filter((x) => x.id !== e.id) };
    return { held: { total: h.total - 1, segments: out.filter((x) => x.items.length > 0) }, found: true };
  }
  for (let k = 0; k < h.segments.length; k++) {
    const s = h.segments[k];
    if (compareEntries(e, s.items[0]) < 0) {
      if (s.start === 0) break;
      return { held: { total: h.total - 1, segments: shift(h.segments, k, -1) }, found: true };
    }
    if (compareEntries(e, s.items[s.items.length - 1]) < 0) return { held: h, found: false };
  }
  const last = h.segments[h.segments.length - 1];
  if (h.total > 0 && (!last || end(last) < h.total)) return { held: { total: h.total - 1, segments: h.segments }, found: true };
  return { held: h, found: false };
}

/**
 * trim keeps at most max entries, dropping those furthest from position
 * focus first, so a scribe who scrolls through the whole of a long call
 * does not end up holding it all.
 */
export function trim(h: Held, focus: number, max: number): Held {
  let n = count(h);
  if (n <= max) return h;
  const segs = h.segments.map((s) => ({ ...s }));
  const distance = (s: Segment) => (focus < s.start ? s.start - focus : focus >= end(s) ? focus - end(s) + 1 : 0);
  // Whole segments away from the focus go first, the furthest first.
  const order = segs.map((s, k) => k).sort((a, b) => distance(segs[b]) - distance(segs[a]));
  const dropped = new Set<number>();
  for (const k of order) {
    if (n <= max || distance(segs[k]) === 0) break;
    dropped.add(k);
    n -= segs[k].items.length;
  }
  let out = segs.filter((_, k) => !dropped.has(k));
  if (n > max) {
    // One segment around the focus is still too long: keep max entries centred on it.
    out = out.map((s) => {
      if (distance(s) !== 0 || s.items.length <= max) return s;
      const from = Math.min(Math.max(0, focus - s.start - (max >> 1)), s.items.length - max);
      return { start: s.start + from, items: s.items.slice(from, from + max), prevAt: from > 0 ? s.items[from - 1].occurredAt : s.prevAt };
    });
  }
  return { total: h.total, segments: out };
}

/** all returns every held entry, in order (for tests and small timelines). */
export function all(h: Held): Entry[] {
  return h.segments.flatMap((s) => s.items);
}
