import { describe, expect, it } from 'vitest';
import { insertSorted, lastRecorded, sortEntries } from './order';

const e = (id: number, at: string, rec = at) => ({ id, occurredAt: new Date(`2026-11-21T${at}Z`), recordedAt: new Date(`2026-11-21T${rec}Z`) });
const ids = (l: { id: number }[]) => l.map((x) => x.id);

describe('insertSorted', () => {
  const list = [e(1, '14:00:00'), e(2, '14:05:00'), e(3, '14:10:00')];

  it('appends an entry that happened last', () => {
    expect(ids(insertSorted(list, e(4, '14:11:00')))).toEqual([1, 2, 3, 4]);
  });

  it('puts a backdated entry in its place', () => {
    expect(ids(insertSorted(list, e(4, '14:02:00')))).toEqual([1, 4, 2, 3]);
    expect(ids(insertSorted(list, e(4, '13:00:00')))).toEqual([4, 1, 2, 3]);
  });

  it('orders equal times by id', () => {
    expect(ids(insertSorted(list, e(0, '14:05:00')))).toEqual([1, 0, 2, 3]);
    expect(ids(insertSorted(list, e(9, '14:05:00')))).toEqual([1, 2, 9, 3]);
  });

  it('replaces an entry with the same id, moving it if its time changed', () => {
    const out = insertSorted(list, e(1, '14:07:00'));
    expect(ids(out)).toEqual([2, 1, 3]);
    expect(out).toHaveLength(3);
  });

  it('leaves the original list alone', () => {
    insertSorted(list, e(4, '14:02:00'));
    expect(ids(list)).toEqual([1, 2, 3]);
  });

  it('sorts a list', () => {
    expect(ids(sortEntries([e(3, '14:10:00'), e(1, '14:00:00'), e(2, '14:00:00')]))).toEqual([1, 2, 3]);
  });
});

describe('lastRecorded', () => {
  it('picks the entry written last, not the latest in the timeline', () => {
    expect(lastRecorded([e(1, '14:00:00', '14:00:00'), e(2, '13:00:00', '14:20:00'), e(3, '14:10:00', '14:10:00')])?.id).toBe(2);
    expect(lastRecorded([e(1, '14:00:00'), e(2, '14:00:00')])?.id).toBe(2);
    expect(lastRecorded([])).toBeNull();
  });
});
