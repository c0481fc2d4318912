// Go marshals time.Time as RFC 3339 text and its zero value as
// "0001-01-01T00:00:00Z"; the UI works with Date, and null for "not set".

/** parseTime returns the instant, or null for the zero time, blanks and garbage. */
export function parseTime(s: string | null | undefined): Date | null {
  if (!s) return null;
  // Go writes up to nine fraction digits; only three are portable to Date.parse
  // (JavaScriptCore in WebKitGTK is stricter than V8).
  const d = new Date(s.replace(/(\.\d{3})\d+/, '$1'));
  const t = d.getTime();
  // Anything before 1970 is Go's zero time (or another "unset"), never a real event.
  if (Number.isNaN(t) || d.getUTCFullYear() < 1970) return null;
  return d;
}

/** requireTime is parseTime for fields Go always sets; a bad value becomes the epoch, visibly wrong rather than a crash. */
export function requireTime(s: string | null | undefined): Date {
  return parseTime(s) ?? new Date(0);
}

/** timeString keeps a Go time as text (for passing back unchanged), or null when unset. */
export function timeString(s: string | null | undefined): string | null {
  return parseTime(s) ? (s as string) : null;
}
