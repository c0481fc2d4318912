// The timeline's rows: entries, with a date separator wherever the day changes,
// and one above the first entry when its day is not today, so a timeline
// written up after the fact says its date. A call that happens today, on one
// day, stays clean.
import type { Entry } from './api/types';
import { dayKey, dayLabel } from './time';

export type Row =
  // est is the timeline's height estimate at width estWidth, kept on the row
  // (rows are kept per entry) so a change does not estimate 10,000 rows again.
  | { type: 'entry'; key: string; entry: Entry; est?: number; estWidth?: number }
  | { type: 'separator'; key: string; label: string };

// Formatting a day is the costly step with 10,000 entries; entries are immutable,
// so the day of each is remembered per zone.
const days = new Map<string, WeakMap<Entry, string>>();

function day(e: Entry, tz: string | undefined): string {
  let m = days.get(tz ?? '');
  if (!m) days.set(tz ?? '', (m = new WeakMap()));
  let d = m.get(e);
  if (d === undefined) {
    d = dayKey(e.occurredAt, tz);
    m.set(e, d);
  }
  return d;
}

// The entry rows themselves are kept too: a change at 10,000 entries then
// allocates only the new list, not 10,000 rows and their keys.
const entryRows = new WeakMap<Entry, Row>();

function entryRow(e: Entry): Row {
  let r = entryRows.get(e);
  if (r === undefined) {
    r = { type: 'entry', key: `e${e.id}`, entry: e };
    entryRows.set(e, r);
  }
  return r;
}

/**
 * buildRows interleaves date separators between entries of different days in
 * tz, and labels the first day too when the rows span days or their day is
 * not today (a dayKey in tz; "" leaves today unknown).
 */
export function buildRows(list: readonly Entry[], tz: string | undefined, today = ''): Row[] {
  const rows: Row[] = [];
  const first = list.length > 0 ? day(list[0], tz) : '';
  const multiDay = list.length > 1 && first !== day(list[list.length - 1], tz);
  const labelFirst = multiDay || (today !== '' && first !== '' && first !== today);
  let prev = '';
  for (const e of list) {
    if (labelFirst) {
      const d = day(e, tz);
      if (d !== prev) rows.push({ type: 'separator', key: `d${d}`, label: dayLabel(e.occurredAt, tz) });
      prev = d;
    }
    rows.push(entryRow(e));
  }
  return rows;
}
