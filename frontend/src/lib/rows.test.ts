import { describe, expect, it } from 'vitest';
import type { Entry } from './api/types';
import { buildRows } from './rows';

const entry = (id: number, iso: string): Entry => ({
  id, incidentId: 1, kind: 'note', text: `n${id}`, raw: `n${id}`, key: false, internal: false,
  occurredAt: new Date(iso), recordedAt: new Date(iso), author: 'Ada', authorRole: 'scribe', revisions: 0, deletedAt: null,
});
const shape = (rows: ReturnType<typeof buildRows>) => rows.map((r) => (r.type === 'entry' ? r.entry.id : r.label));

describe('buildRows', () => {
  it('adds no separator when everything happened on one day', () => {
    const list = [entry(1, '2026-11-21T08:00:00Z'), entry(2, '2026-11-21T22:00:00Z')];
    expect(shape(buildRows(list, 'UTC'))).toEqual([1, 2]);
  });

  it('separates days when the incident spans midnight', () => {
    const list = [entry(1, '2026-11-21T22:00:00Z'), entry(2, '2026-11-21T23:59:00Z'), entry(3, '2026-11-22T00:01:00Z'), entry(4, '2026-11-23T09:00:00Z')];
    expect(shape(buildRows(list, 'UTC'))).toEqual(['Saturday 21 November 2026', 1, 2, 'Sunday 22 November 2026', 3, 'Monday 23 November 2026', 4]);
  });

  it('decides days in the display zone', () => {
    // 17:00 and 19:00 UTC share a day in UTC; in Kolkata (+05:30) the second is past midnight.
    const list = [entry(1, '2026-11-21T17:00:00Z'), entry(2, '2026-11-21T19:00:00Z')];
    expect(shape(buildRows(list, 'UTC'))).toEqual([1, 2]);
    expect(shape(buildRows(list, 'Asia/Kolkata'))).toEqual(['Saturday 21 November 2026', 1, 'Sunday 22 November 2026', 2]);
  });

  it('keys rows stably', () => {
    const rows = buildRows([entry(7, '2026-11-21T22:00:00Z'), entry(8, '2026-11-22T01:00:00Z')], 'UTC');
    expect(rows.map((r) => r.key)).toEqual(['d2026-11-21', 'e7', 'd2026-11-22', 'e8']);
  });

  it('labels the first day of a timeline written on another day', () => {
    const list = [entry(1, '2018-01-18T17:49:00Z'), entry(2, '2018-01-18T22:44:00Z')];
    expect(shape(buildRows(list, 'UTC', '2026-12-07'))).toEqual(['Thursday 18 January 2018', 1, 2]);
  });

  it('keeps a call of today clean', () => {
    const list = [entry(1, '2026-12-07T08:00:00Z'), entry(2, '2026-12-07T09:00:00Z')];
    expect(shape(buildRows(list, 'UTC', '2026-12-07'))).toEqual([1, 2]);
  });

  it('handles an empty timeline', () => {
    expect(buildRows([], 'UTC')).toEqual([]);
    expect(buildRows([], 'UTC', '2026-12-07')).toEqual([]);
  });
});
