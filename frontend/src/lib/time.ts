// Pure time formatting. Every function takes the time zone explicitly
// (undefined = the machine's local zone, "UTC", or any IANA name) so tests pin it
// and the display toggle between local time and UTC is one argument.

const cache = new Map<string, Intl.DateTimeFormat>();

// Formatters are costly to build and the timeline formats thousands of times.
function fmt(name: string, tz: string | undefined, opts: Intl.DateTimeFormatOptions, locale = 'en-GB'): Intl.DateTimeFormat {
  const k = `${name}|${tz ?? ''}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: tz });
    cache.set(k, f);
  }
  return f;
}

function parts(f: Intl.DateTimeFormat, d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(d)) out[p.type] = p.value;
  return out;
}

const hms: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };

/** clock formats a time of day as "14:05:12". */
export function clock(d: Date, tz?: string): string {
  const p = parts(fmt('hms', tz, hms), d);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** hourMinute formats a time of day as "14:05". */
export function hourMinute(d: Date, tz?: string): string {
  return clock(d, tz).slice(0, 5);
}

/** dayKey names the calendar day of an instant, "2026-11-21", for grouping. */
export function dayKey(d: Date, tz?: string): string {
  // Built from parts: a locale's whole-date pattern varies with the ICU data
  // (WebKitGTK's en-CA writes 11/22/2026), the parts do not.
  const p = parts(fmt('day', tz, { year: 'numeric', month: '2-digit', day: '2-digit' }), d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** dayLabel is a date separator's text: "Saturday 21 November 2026". */
export function dayLabel(d: Date, tz?: string): string {
  const p = parts(fmt('label', tz, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }), d);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** dateTime formats "2026-11-21 14:05", the form the time-override grammar reads back. */
export function dateTime(d: Date, tz?: string): string {
  return `${dayKey(d, tz)} ${hourMinute(d, tz)}`;
}

/** shortDate formats "21 Nov 2026" for lists of incidents. */
export function shortDate(d: Date, tz?: string): string {
  return fmt('short', tz, { day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}

/** zoneFor maps the UTC toggle to a time zone argument. */
export function zoneFor(showUTC: boolean): string | undefined {
  return showUTC ? 'UTC' : undefined;
}

/** otherZone is the hover text of a time: the same instant in the zone not shown. */
export function otherZone(d: Date, showUTC: boolean, localTz?: string): string {
  return showUTC ? `${dateTime(d, localTz)} local time` : `${dateTime(d, 'UTC')} UTC`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** duration formats a span coarsely for people: "45s", "12m", "1h 05m", "2d 03h". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${pad(h % 24)}h`;
}

/** minutes formats a check-in given in minutes: "10m", "1h", "1h 30m". */
export function minutes(n: number): string {
  if (n < 60) return `${n}m`;
  return n % 60 === 0 ? `${n / 60}h` : `${Math.floor(n / 60)}h ${pad(n % 60)}m`;
}

/** heldFor is how long a role has been held, to the minute: "for 12m", "for <1m". */
export function heldFor(from: Date, now: number): string {
  const ms = now - from.getTime();
  return `for ${ms < 60_000 ? '<1m' : duration(ms)}`;
}

/**
 * elapsed is a running clock since an instant, to the minute: "<1m", "42m", "1h 05m";
 * hours keep counting past 24 ("26h 00m"), days from two days on ("3d 04h"). No seconds: a text that changes
 * every second costs WebKit a frame a second for the whole call.
 */
export function elapsed(from: Date, now: number): string {
  const m = Math.max(0, Math.floor((now - from.getTime()) / 60_000));
  if (m < 1) return '<1m';
  return minutesSpan(m);
}

/** minutesSpan formats whole minutes: "42m", "1h 05m", "26h 00m", and days from two days on ("3d 04h"): "97565h 15m" makes a reader count. */
export function minutesSpan(m: number): string {
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h ${pad(m % 60)}m` : `${Math.floor(h / 24)}d ${pad(h % 24)}h`;
}
