// The export dialog's time range and time zone: what the scribe types ("14:05",
// "2026-11-21 14:05") becomes RFC 3339 for Go. Pure, with the zone passed in
// (undefined = this computer's zone), so tests pin it.

/** A zone choice in the export dialog: "" is this computer's zone, "UTC" is UTC only. */
export type ZoneChoice = string;

/** Zones offered besides this computer's and UTC; any other IANA name can be typed. */
export const commonZones: readonly string[] = [
  'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Denver',
  'America/Los_Angeles', 'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Sydney',
];

/** localZone names this computer's time zone ("Europe/Berlin"), or "" when the runtime cannot tell. */
export function localZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    return '';
  }
}

/** isZone reports whether name is a time zone the runtime knows (IANA names, "UTC"). */
export function isZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name.trim() });
    return true;
  } catch {
    return false;
  }
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** zoneOffsetMs is how far the zone's wall clock is ahead of UTC at instant ms. */
export function zoneOffsetMs(ms: number, tz?: string): number {
  const k = tz ?? '';
  let f = offsetFormats.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    offsetFormats.set(k, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * wallClock returns the instant a wall-clock time names in a zone. A time the
 * clocks skip (a spring-forward gap) moves forward by the gap; a time that
 * happens twice (autumn) is its first occurrence.
 */
export function wallClock(y: number, mo: number, d: number, h: number, mi: number, s: number, tz?: string): Date {
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  // The offsets in force a day either side bracket any transition near this time.
  const day = 86400000;
  const tries = [naive - zoneOffsetMs(naive - day, tz), naive - zoneOffsetMs(naive, tz), naive - zoneOffsetMs(naive + day, tz)];
  const exact = tries.filter((t) => t + zoneOffsetMs(t, tz) === naive);
  if (exact.length > 0) return new Date(Math.min(...exact));
  // In a gap: the offset from before the change reads it as the time after the gap.
  return new Date(Math.max(...tries));
}

export type Parsed = { at: Date } | { error: string } | null;

const timeOnly = /^@?(\d{1,2}):(\d{2})(?::(\d{2}))?(Z)?$/i;
const dateTime = /^@?(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(Z)?$/i;

/**
 * parseRangeTime reads one end of a range: "HH:MM[:SS]" on baseDay
 * ("YYYY-MM-DD"), or "YYYY-MM-DD HH:MM[:SS]", in zone tz; a trailing Z means
 * UTC. Blank is null (that side stays open).
 */
export function parseRangeTime(text: string, baseDay: string, tz?: string): Parsed {
  const s = text.trim();
  if (s === '') return null;
  let y: number, mo: number, d: number, h: number, mi: number, sec: number, z: string | undefined;
  let m = timeOnly.exec(s);
  if (m) {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(baseDay);
    if (!day) return { error: `"${s}" needs a date: write it as 2026-11-21 ${s}.` };
    [y, mo, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    [h, mi, sec, z] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), m[4]];
  } else if ((m = dateTime.exec(s))) {
    [y, mo, d, h, mi, sec, z] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7]];
  } else {
    return { error: `"${s}" is not a time: write 14:05 or 2026-11-21 14:05.` };
  }
  if (h > 23 || mi > 59 || sec > 59 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) {
    return { error: `"${s}" is not a real time: hours go to 23, minutes to 59.` };
  }
  return { at: wallClock(y, mo, d, h, mi, sec, z ? 'UTC' : tz) };
}

function daysIn(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export interface Range {
  /** RFC 3339 in UTC, or "" for an open end. */
  from: string;
  to: string;
}

/**
 * exportRange turns the From and To fields into RFC 3339. A time without a date
 * is on baseDay (the incident's declared day); a To written as a bare time
 * that falls before From is on the next day (14:00 to 02:00 spans midnight).
 */
export function exportRange(fromText: string, toText: string, baseDay: string, tz?: string): Range | { error: string } {
  const from = parseRangeTime(fromText, baseDay, tz);
  if (from && 'error' in from) return { error: `From: ${from.error}` };
  let to = parseRangeTime(toText, baseDay, tz);
  if (to && 'error' in to) return { error: `To: ${to.error}` };
  if (from && to && to.at < from.at && timeOnly.test(toText.trim())) {
    const next = new Date(Date.UTC(...dayParts(baseDay)) + 86400000).toISOString().slice(0, 10);
    to = parseRangeTime(toText, next, tz) as { at: Date };
  }
  if (from && to && to.at < from.at) return { error: 'The range ends before it starts: swap From and To.' };
  return { from: from ? iso(from.at) : '', to: to ? iso(to.at) : '' };
}

function dayParts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y, m - 1, d];
}

/** iso writes an instant as RFC 3339 in UTC without fractions: "2026-11-21T14:05:00Z". */
export function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
