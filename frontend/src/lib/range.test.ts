import { describe, expect, it } from 'vitest';
import { exportRange, isZone, iso, parseRangeTime, wallClock, zoneOffsetMs } from './range';

const at = (p: ReturnType<typeof parseRangeTime>) => {
  if (!p || 'error' in p) throw new Error(`not a time: ${JSON.stringify(p)}`);
  return iso(p.at);
};

describe('wallClock', () => {
  it('reads a wall clock in a half-hour zone', () => {
    expect(iso(wallClock(2026, 11, 21, 14, 5, 0, 'Asia/Kolkata'))).toBe('2026-11-21T08:35:00Z');
  });

  it('reads UTC as is', () => {
    expect(iso(wallClock(2026, 11, 21, 14, 5, 30, 'UTC'))).toBe('2026-11-21T14:05:30Z');
  });

  it('follows summer time', () => {
    expect(iso(wallClock(2026, 7, 1, 12, 0, 0, 'Europe/Berlin'))).toBe('2026-07-01T10:00:00Z');
    expect(iso(wallClock(2026, 12, 1, 12, 0, 0, 'Europe/Berlin'))).toBe('2026-12-01T11:00:00Z');
  });

  it('moves a time in the spring-forward gap past the gap', () => {
    // 02:30 does not exist in Berlin on 29 March 2026: it reads as 03:30 CEST.
    expect(iso(wallClock(2026, 3, 29, 2, 30, 0, 'Europe/Berlin'))).toBe('2026-03-29T01:30:00Z');
  });

  it('takes the first of a repeated autumn hour', () => {
    expect(iso(wallClock(2026, 10, 25, 2, 30, 0, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00Z');
  });

  it('agrees with zoneOffsetMs', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 10, 21), 'Asia/Kolkata')).toBe(5.5 * 3600000);
    expect(zoneOffsetMs(Date.UTC(2026, 10, 21), 'UTC')).toBe(0);
  });
});

describe('parseRangeTime', () => {
  it('puts a bare time on the base day', () => {
    expect(at(parseRangeTime('14:05', '2026-11-21', 'UTC'))).toBe('2026-11-21T14:05:00Z');
    expect(at(parseRangeTime(' 9:05:07 ', '2026-11-21', 'UTC'))).toBe('2026-11-21T09:05:07Z');
    expect(at(parseRangeTime('@14:05', '2026-11-21', 'Asia/Kolkata'))).toBe('2026-11-21T08:35:00Z');
  });

  it('reads a date and time, with a space or a T', () => {
    expect(at(parseRangeTime('2026-11-22 01:10', '2026-11-21', 'Asia/Kolkata'))).toBe('2026-11-21T19:40:00Z');
    expect(at(parseRangeTime('2026-11-22T01:10:05', '', 'UTC'))).toBe('2026-11-22T01:10:05Z');
  });

  it('reads a trailing Z as UTC whatever the zone', () => {
    expect(at(parseRangeTime('14:05Z', '2026-11-21', 'Asia/Kolkata'))).toBe('2026-11-21T14:05:00Z');
    expect(at(parseRangeTime('2026-11-21 14:05z', '', 'Asia/Kolkata'))).toBe('2026-11-21T14:05:00Z');
  });

  it('leaves a blank end open', () => {
    expect(parseRangeTime('  ', '2026-11-21', 'UTC')).toBeNull();
  });

  it('explains what is wrong', () => {
    expect(parseRangeTime('yesterday', '2026-11-21', 'UTC')).toEqual({ error: '"yesterday" is not a time: write 14:05 or 2026-11-21 14:05.' });
    expect(parseRangeTime('25:00', '2026-11-21', 'UTC')).toEqual({ error: '"25:00" is not a real time: hours go to 23, minutes to 59.' });
    expect(parseRangeTime('2026-02-30 10:00', '', 'UTC')).toHaveProperty('error');
    expect(parseRangeTime('14:05', '', 'UTC')).toEqual({ error: '"14:05" needs a date: write it as 2026-11-21 14:05.' });
  });
});

describe('exportRange', () => {
  it('converts both ends to RFC 3339 UTC', () => {
    expect(exportRange('14:00', '15:30', '2026-11-21', 'Asia/Kolkata')).toEqual({ from: '2026-11-21T08:30:00Z', to: '2026-11-21T10:00:00Z' });
  });

  it('leaves open ends empty', () => {
    expect(exportRange('', '', '2026-11-21', 'UTC')).toEqual({ from: '', to: '' });
    expect(exportRange('14:00', '', '2026-11-21', 'UTC')).toEqual({ from: '2026-11-21T14:00:00Z', to: '' });
  });

  it('moves a bare To before From to the next day', () => {
    expect(exportRange('23:00', '01:30', '2026-11-21', 'UTC')).toEqual({ from: '2026-11-21T23:00:00Z', to: '2026-11-22T01:30:00Z' });
  });

  it('refuses a dated range that ends before it starts', () => {
    expect(exportRange('2026-11-22 10:00', '2026-11-21 10:00', '2026-11-21', 'UTC')).toEqual({ error: 'The range ends before it starts: swap From and To.' });
  });

  it('names the field in error', () => {
    expect(exportRange('14:00', 'soon', '2026-11-21', 'UTC')).toEqual({ error: 'To: "soon" is not a time: write 14:05 or 2026-11-21 14:05.' });
    expect(exportRange('x', '', '2026-11-21', 'UTC')).toHaveProperty('error', 'From: "x" is not a time: write 14:05 or 2026-11-21 14:05.');
  });
});

describe('isZone', () => {
  it('knows IANA names and UTC, not garbage', () => {
    expect(isZone('Europe/Berlin')).toBe(true);
    expect(isZone('UTC')).toBe(true);
    expect(isZone('Mars/Olympus')).toBe(false);
    expect(isZone('')).toBe(false);
  });
});
