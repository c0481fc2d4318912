import { describe, expect, it } from 'vitest';
import type { Entry } from './api/types';
import { all, at, count, empty, indexOf, insert, merge, missing, remove, trim, type Held } from './held';
import { sortEntries } from './order';

function entry(id: number, minute: number): Entry {
  const t = new Date(Date.UTC(2026, 10, 21, 14, 0) + minute * 60000);
  return { id, incidentId: 1, kind: 'note', text: `e${id}`, raw: `e${id}`, key: false, internal: false, occurredAt: t, recordedAt: t, author: '', authorRole: '', revisions: 0, deletedAt: null };
}

// The whole timeline, and a window of it as the store would answer.
const timeline = Array.from({ length: 100 }, (_, i) => entry(i + 1, i));
const windowOf = (list: Entry[], start: number, n: number) => ({
  start,
  items: list.slice(start, start + n),
  prevAt: start > 0 ? list[start - 1].occurredAt : null,
});
const ids = (h: Held) => all(h).map((e) => e.id);

describe('held windows', () => {
  it('merges windows that overlap or touch into one segment', () => {
    let h = merge(empty, windowOf(timeline, 10, 10), 100);
    h = merge(h, windowOf(timeline, 20, 5), 100);
    expect(h.segments.map((s) => [s.start, s.items.length])).toEqual([[10, 15]]);
    h = merge(h, windowOf(timeline, 5, 10), 100);
    expect(h.segments.map((s) => [s.start, s.items.length])).toEqual([[5, 20]]);
    expect(h.segments[0].prevAt).toEqual(timeline[4].occurredAt);
    h = merge(h, windowOf(timeline, 60, 10), 100);
    expect(h.segments.map((s) => [s.start, s.items.length])).toEqual([[5, 20], [60, 10]]);
    for (let i = 0; i < 100; i++) expect(at(h, i)?.id).toBe((i >= 5 && i < 25) || (i >= 60 && i < 70) ? i + 1 : undefined);
    expect(indexOf(h, 65)).toBe(64);
    expect(indexOf(h, 40)).toBe(-1);
  });

  it('tells which positions are not held', () => {
    const h = merge(merge(empty, windowOf(timeline, 10, 10), 100), windowOf(timeline, 30, 10), 100);
    expect(missing(h, 10, 20)).toBe(false);
    expect(missing(h, 12, 21)).toBe(true);
    expect(missing(h, 0, 1)).toBe(true);
    expect(missing(h, 30, 40)).toBe(false);
    expect(missing(h, 35, 200)).toBe(true);
    expect(missing(merge(empty, windowOf(timeline, 90, 10), 100), 95, 200)).toBe(false);
  });

  // Each insert is checked against the whole timeline with the entry sorted in:
  // whatever is held must sit at its true position.
  const cases: [string, number][] = [
    ['at the end, held', 99.5],
    ['inside a segment', 15.5],
    ['in the gap between segments', 40.5],
    ['before everything held', 2.5],
    ['first of all', -5],
  ];
  for (const [name, minute] of cases) {
    it(`places a new entry ${name}`, () => {
      let h = merge(merge(empty, windowOf(timeline, 10, 10), 100), windowOf(timeline, 80, 20), 100);
      const e = entry(1000, minute);
      h = insert(h, e);
      const truth = sortEntries([...timeline, e]);
      expect(h.total).toBe(101);
      for (const s of h.segments) s.items.forEach((x, j) => expect(x.id, `position ${s.start + j}`).toBe(truth[s.start + j].id));
      for (const s of h.segments) if (s.start > 0) expect(s.prevAt!.getTime()).toBeLessThanOrEqual(truth[s.start - 1].occurredAt.getTime());
    });
  }

  it('holds the first entry of an empty timeline', () => {
    const h = insert(empty, entry(1, 0));
    expect(ids(h)).toEqual([1]);
    expect(h.total).toBe(1);
    // Entries exist but none is held: only the count moves.
    expect(insert({ total: 5, segments: [] }, entry(9, 0))).toEqual({ total: 6, segments: [] });
  });

  it('removes a held entry and moves the later segments up', () => {
    let h = merge(merge(empty, windowOf(timeline, 10, 10), 100), windowOf(timeline, 50, 10), 100);
    const r = remove(h, timeline[14]);
    expect(r.found).toBe(true);
    h = r.held;
    expect(h.total).toBe(99);
    expect(h.segments.map((s) => [s.start, s.items.length])).toEqual([[10, 9], [49, 10]]);
    expect(at(h, 49)?.id).toBe(51);
    // Not held, in the gap between the two: the later segment moves up.
    const g = remove(h, timeline[39]);
    expect(g.found).toBe(true);
    expect(g.held.segments.map((s) => [s.start, s.items.length])).toEqual([[10, 9], [48, 10]]);
    expect(g.held.total).toBe(98);
    // Inside a segment that does not hold it: its place is unknown.
    expect(remove(h, entry(2000, 12.5)).found).toBe(false);
  });

  it('takes back an entry placed in a gap, as insert placed it', () => {
    const h = merge(merge(empty, windowOf(timeline, 10, 10), 100), windowOf(timeline, 50, 10), 100);
    for (const minute of [40.5, 70.5, 1.5]) {
      const e = entry(1000, minute);
      const r = remove(insert(h, e), e);
      expect(r.found).toBe(true);
      expect(r.held).toEqual(h);
    }
  });

  it('trims the entries furthest from the focus', () => {
    let h = merge(merge(empty, windowOf(timeline, 0, 20), 100), windowOf(timeline, 40, 20), 100);
    h = merge(h, windowOf(timeline, 80, 20), 100);
    expect(count(h)).toBe(60);
    const t = trim(h, 45, 40);
    // The segment furthest from 45 (80-99) goes first; 0-19 is next, and enough.
    expect(t.segments.map((s) => s.start)).toEqual([0, 40]);
    expect(count(trim(h, 45, 20))).toBe(20);
    // A single segment longer than the bound keeps the part around the focus.
    const one = trim(merge(empty, windowOf(timeline, 0, 100), 100), 70, 20);
    expect(one.segments.map((s) => [s.start, s.items.length])).toEqual([[60, 20]]);
    expect(one.segments[0].prevAt).toEqual(timeline[59].occurredAt);
    expect(trim(h, 0, 1000)).toBe(h);
  });
});
