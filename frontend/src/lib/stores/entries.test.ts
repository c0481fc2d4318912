import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as B from '../../../wailsjs/go/app/Timeline';
import { entries } from './entries.svelte';
import type { Entry } from '../api/types';

const zero = '0001-01-01T00:00:00Z';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 14, minute)).toISOString();
const goEntry = (id: number, minute: number, kind = 'note') => ({
  id, incidentId: 1, kind, text: `e${id}`, raw: `e${id}`, occurredAt: at(minute), recordedAt: at(minute), author: '', authorRole: '',
  key: false, internal: false, revisions: 0, deletedAt: zero,
});
const entry = (id: number, minute: number, kind = 'note'): Entry => ({
  ...goEntry(id, minute, kind), kind: kind as Entry['kind'], occurredAt: new Date(at(minute)), recordedAt: new Date(at(minute)), deletedAt: null,
});

// Go's store over a timeline of 1,000 entries, one a minute: the windows it answers.
const store = Array.from({ length: 1000 }, (_, i) => goEntry(i + 1, i, i % 10 === 0 ? 'decision' : 'note'));
function answer(kind: string, offset: number, limit: number) {
  const kept = store.filter((e) => !kind || e.kind === kind);
  const from = offset < 0 || offset > kept.length - limit ? Math.max(0, kept.length - limit) : offset;
  return {
    incidentId: 1, kind, offset: from, total: kept.length, all: store.length, entries: kept.slice(from, from + limit),
    prevAt: from > 0 ? kept[from - 1].occurredAt : undefined, firstAt: store[0].occurredAt, lastAt: store.at(-1)!.occurredAt, overrode: {},
  };
}

beforeEach(() => {
  vi.mocked(B.Window).mockImplementation(async (_id: number, kind: string, offset: number, limit: number) => answer(kind, offset, limit) as never);
});

describe('entries store', () => {
  it('opens on the newest window, with the counts from the store', async () => {
    await entries.open(1);
    expect(entries.total).toBe(1000);
    expect(entries.all).toBe(1000);
    expect(entries.held.segments.map((s) => [s.start, s.items.length])).toEqual([[500, 500]]);
    expect(entries.at(999)?.id).toBe(1000);
    expect(entries.at(10)).toBeUndefined();
  });

  it('reads another window and holds both', async () => {
    await entries.open(1);
    const w = await entries.read(0);
    entries.apply(w!);
    expect(entries.at(0)?.id).toBe(1);
    expect(entries.held.segments.length).toBe(1); // 0-499 touches 500-999
  });

  it('puts a saved line at the end and takes a pending one back', async () => {
    await entries.open(1);
    const pending = { ...entry(-1, 2000), pending: true };
    entries.put(pending);
    expect(entries.hasPending).toBe(true);
    expect(entries.total).toBe(1001);
    entries.remove(pending);
    entries.put(entry(1001, 2000));
    expect(entries.hasPending).toBe(false);
    expect([entries.total, entries.all]).toEqual([1001, 1001]);
    expect(entries.at(1000)?.id).toBe(1001);
    expect(entries.lastSaved()?.id).toBe(1001);
  });

  it('counts a backdated line in the gap without holding it', async () => {
    await entries.open(1);
    entries.put(entry(1002, 10.5));
    expect(entries.total).toBe(1001);
    expect(entries.held.segments[0].start).toBe(501);
    expect(entries.byId(1002)).toBeNull();
  });

  it('holds only the filter\'s kind, and counts the rest', async () => {
    await entries.filter('decision');
    expect([entries.total, entries.all]).toEqual([100, 1000]);
    entries.put(entry(1003, 2001));
    expect([entries.total, entries.all]).toEqual([100, 1001]);
    entries.put(entry(1004, 2002, 'decision'));
    expect([entries.total, entries.all]).toEqual([101, 1002]);
    expect(entries.at(100)?.id).toBe(1004);
    await entries.filter('');
  });

  it('steps to neighbours it holds, and says when Go must be asked', async () => {
    await entries.open(1);
    expect(entries.neighbour(600, -1)?.id).toBe(599);
    expect(entries.neighbour(501, -1)).toBeUndefined();
    expect(entries.neighbour(1000, 1)).toBeNull();
  });
});
