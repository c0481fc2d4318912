// The incident's "Detected at" field accepts the timeline's time-override forms
// (@14:05, @2026-11-21 23:58, -10m, Z for UTC); the leading "@" may be left out.
// This only normalises the text; Go resolves it (through Preview) with its own
// clock and zone rules, so the field and the entry line agree.

const tokenRe = /^(-(?:\d+h)?(?:\d+m)?(?:\d+s)?|@(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?Z?)$/;

export type TokenResult = { token: string | null } | { error: string };

/** timeToken turns field text into an override token; blank means "no change". */
export function timeToken(input: string): TokenResult {
  let s = input.trim().replace(/\s+/g, ' ');
  if (s === '') return { token: null };
  if (!s.startsWith('@') && !s.startsWith('-')) s = '@' + s;
  if (s !== '-' && tokenRe.test(s)) return { token: s };
  return { error: `"${input.trim()}" is not a time: use 14:05, 2026-11-21 23:58 or -10m (add Z for UTC), or leave it blank.` };
}
