// How a backup is named on screen: when (local time), why, how big. Pure, so
// the names people and tests find buttons by are pinned by unit tests.
import type { Backup } from './api/backups';
import { clock, dayKey, hourMinute } from './time';

const reasons: Record<string, string> = {
  resolved: 'incident resolved',
  quit: 'on quit',
  periodic: 'during an incident',
  'before-restore': 'before a restore',
  'before-recovery': 'before a recovery',
  manual: 'made by hand',
};

/** reasonLabel says why a backup was made. */
export function reasonLabel(reason: string): string {
  return reasons[reason] ?? reason;
}

const dayFmt = new Map<string, Intl.DateTimeFormat>();

function dayName(d: Date, tz?: string): string {
  const k = tz ?? '';
  let f = dayFmt.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: tz });
    dayFmt.set(k, f);
  }
  return f.format(d).replace(',', '');
}

/**
 * backupLabels names each backup by when it was made: "14:05" today, "Sat 21
 * Nov 14:05" on another day; with seconds where two would read the same, and
 * a number after that, so every restore button has its own name.
 */
export function backupLabels(list: readonly Backup[], now: Date, tz?: string): string[] {
  const today = dayKey(now, tz);
  const base = (b: Backup, seconds: boolean) => {
    const t = seconds ? clock(b.time, tz) : hourMinute(b.time, tz);
    return dayKey(b.time, tz) === today ? t : `${dayName(b.time, tz)} ${t}`;
  };
  const short = list.map((b) => base(b, false));
  const labels = list.map((b, i) => (short.indexOf(short[i]) !== short.lastIndexOf(short[i]) ? base(b, true) : short[i]));
  const seen = new Map<string, number>();
  // The list is newest first: the later copy of a second gets the number, as
  // in its file name (bridgelog-…-quit-2.db).
  for (let i = labels.length - 1; i >= 0; i--) {
    const n = (seen.get(labels[i]) ?? 0) + 1;
    seen.set(labels[i], n);
    if (n > 1) labels[i] = `${labels[i]} (${n})`;
  }
  return labels;
}

/** sizeLabel formats bytes for people: "812 KB", "3.4 MB". */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 10 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** incidentsLabel counts incidents: "1 incident", "12 incidents". */
export function incidentsLabel(n: number): string {
  return n === 1 ? '1 incident' : `${n} incidents`;
}
