// Backdating, as the scribe sees it: on the line, whether the time typed was
// read ("(backdated)" beside it); on the timeline, which rows were written well
// after the moment they are dated at, and when.
import type { Entry, LinePreview } from './api/types';
import { hourMinute } from './time';

/**
 * A row is marked as backdated when it was written more than this long after
 * the moment it is dated at. An undated line is dated at its first keystroke
 * and saved when Enter is pressed: a long line, a pause mid-sentence or a slow
 * save puts a minute or so between the two without anyone backdating it. Two
 * minutes keeps those rows unmarked while "-3m", the shortest override people
 * use for "just now", is marked.
 */
export const backdatedAfterMs = 2 * 60_000;

/** rowBackdated reports whether an entry was written well after the moment it is dated at. */
export function rowBackdated(e: Pick<Entry, 'occurredAt' | 'recordedAt'>): boolean {
  return e.recordedAt.getTime() - e.occurredAt.getTime() > backdatedAfterMs;
}

/** backdatedTitle names both times of a backdated row: "Written 14:20, dated 14:05". */
export function backdatedTitle(e: Pick<Entry, 'occurredAt' | 'recordedAt'>, tz?: string): string {
  return `Written ${hourMinute(e.recordedAt, tz)}, dated ${hourMinute(e.occurredAt, tz)}`;
}

/**
 * lineTimeRead reports whether the line's time token was read: the preview
 * names a time and the grammar found no problem with the line. Only then does
 * the line say "(backdated)" and show the resolved time; "@25:99" is not a time.
 */
export function lineTimeRead(p: LinePreview | null | undefined): boolean {
  return !!p && !!p.line.time && p.occurredAt !== null && !p.line.problem;
}
