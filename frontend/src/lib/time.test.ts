import { describe, expect, it } from 'vitest';
import { clock, dateTime, dayKey, dayLabel, duration, elapsed, heldFor, hourMinute, minutes, otherZone, shortDate, zoneFor } from './time';

// 2026-11-21 23:30:05 UTC: a Saturday in UTC, already Sunday in Kolkata, still Saturday in New York.
const t = new Date('2026-11-21T23:30:05Z');

describe('times of day', () => {
  it('formats HH:MM:SS in the zone asked for', () => {
    expect(clock(t, 'UTC')).toBe('23:30:05');
    expect(clock(t, 'Europe/Paris')).toBe('00:30:05');
    expect(clock(t, 'America/New_York')).toBe('18:30:05');
    expect(clock(t, 'Asia/Kolkata')).toBe('05:00:05');
  });

  it('writes midnight as 00, not 24', () => {
    expect(clock(new Date('2026-11-21T00:00:00Z'), 'UTC')).toBe('00:00:00');
  });

  it('formats HH:MM', () => {
    expect(hourMinute(t, 'UTC')).toBe('23:30');
  });
});

describe('days', () => {
  it('keys a day by its calendar date in the zone', () => {
    expect(dayKey(t, 'UTC')).toBe('2026-11-21');
    expect(dayKey(t, 'Asia/Kolkata')).toBe('2026-11-22');
  });

  it('labels separators without a comma', () => {
    expect(dayLabel(t, 'UTC')).toBe('Saturday 21 November 2026');
    expect(dayLabel(t, 'Asia/Kolkata')).toBe('Sunday 22 November 2026');
  });

  it('formats date and time the way the override grammar reads them', () => {
    expect(dateTime(t, 'UTC')).toBe('2026-11-21 23:30');
    expect(dateTime(t, 'Europe/Paris')).toBe('2026-11-22 00:30');
    expect(shortDate(t, 'UTC')).toBe('21 Nov 2026');
  });

  it('shows the other zone on hover', () => {
    expect(otherZone(t, false)).toBe('2026-11-21 23:30 UTC');
    expect(otherZone(t, true, 'America/New_York')).toBe('2026-11-21 18:30 local time');
    expect(zoneFor(true)).toBe('UTC');
    expect(zoneFor(false)).toBeUndefined();
  });
});

describe('durations', () => {
  it('formats spans for people', () => {
    expect(duration(0)).toBe('0s');
    expect(duration(45_000)).toBe('45s');
    expect(duration(12 * 60_000 + 59_000)).toBe('12m');
    expect(duration(65 * 60_000)).toBe('1h 05m');
    expect(duration((27 * 60 + 4) * 60_000)).toBe('1d 03h');
    expect(duration(-5000)).toBe('0s');
  });

  it('formats check-ins in minutes', () => {
    expect(minutes(10)).toBe('10m');
    expect(minutes(60)).toBe('1h');
    expect(minutes(90)).toBe('1h 30m');
    expect(minutes(125)).toBe('2h 05m');
  });

  it('says how long a role is held', () => {
    expect(heldFor(new Date('2026-11-21T14:00:00Z'), Date.parse('2026-11-21T14:12:30Z'))).toBe('for 12m');
    expect(heldFor(new Date('2026-11-21T14:00:00Z'), Date.parse('2026-11-21T14:00:42Z'))).toBe('for <1m');
  });

  it('runs an elapsed clock past a day', () => {
    const from = new Date('2026-11-21T14:00:00Z');
    expect(elapsed(from, Date.parse('2026-11-21T14:42:10Z'))).toBe('42m');
    expect(elapsed(from, Date.parse('2026-11-21T15:05:59Z'))).toBe('1h 05m');
    expect(elapsed(from, Date.parse('2026-11-22T16:00:01Z'))).toBe('26h 00m');
    expect(elapsed(from, Date.parse('2026-11-23T13:59:59Z'))).toBe('47h 59m');
    expect(elapsed(from, Date.parse('2026-11-23T14:00:00Z'))).toBe('2d 00h');
    expect(elapsed(from, Date.parse('2037-11-21T13:00:00Z'))).toBe('4017d 23h');
    expect(elapsed(from, Date.parse('2026-11-21T13:00:00Z'))).toBe('<1m');
  });
});
