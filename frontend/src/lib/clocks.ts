// Pure helpers for the IC's clocks: the app clock between board fetches,
// countdown text and colour, fatigue labels, the reminder queue. No Svelte, no
// bindings: every function is unit-tested (clocks.test.ts).
import type { Action, Countdown, CountdownState, Fatigue, Reminder, RoleClock, Rhythm, ClockSettings } from './api/types';
import { minutesSpan } from './time';

/**
 * appNow is the app clock (in ms) at a local instant: the board's `now` plus the
 * real time since the board was fetched, times the clock's scale, so a fast test
 * clock (BRIDGELOG_TIME_SCALE) runs the countdowns at its own speed.
 */
export function appNow(boardNow: Date, timeScale: number, fetchedAtMs: number, localNowMs: number): number {
  const scale = timeScale > 0 ? timeScale : 1;
  return boardNow.getTime() + Math.max(0, localNowMs - fetchedAtMs) * scale;
}

/** countdownState is a countdown's colour at now: red from redAt, amber from amberAt, else ok; off when not running. */
export function countdownState(c: Pick<Countdown, 'dueAt' | 'amberAt' | 'redAt'> | null | undefined, now: number): CountdownState {
  if (!c || !c.dueAt) return 'off';
  if (c.redAt && now >= c.redAt.getTime()) return 'red';
  if (c.amberAt && now >= c.amberAt.getTime()) return 'amber';
  return 'ok';
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * span formats a length of time as a countdown shows it: "4:12", "1:04:12",
 * "2d 23:59" (days and hours:minutes past a day).
 */
export function span(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor(s / 3600) % 24;
  const m = Math.floor(s / 60) % 60;
  if (d > 0) return `${d}d ${pad(h)}:${pad(m)}`;
  if (h > 0) return `${h}:${pad(m)}:${pad(s % 60)}`;
  return `${m}:${pad(s % 60)}`;
}

/** spanMinutes formats a length of time to the minute: "12m", "1h 04m", "2d 23h 59m". */
export function spanMinutes(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor(m / 60) % 24;
  if (d > 0) return `${d}d ${pad(h)}h ${pad(m % 60)}m`;
  if (h > 0) return `${h}h ${pad(m % 60)}m`;
  return `${m}m`;
}

/**
 * Seconds are shown only this close to a due time, on either side. Further
 * out the text changes once a minute, and so does the window: every second's
 * change costs WebKit a frame, which was most of the app's idle CPU.
 */
export const secondsWithinMs = 2 * 60_000;

/**
 * countdownText is "in 5m" before dueAt, "in 1:59" in its last two minutes,
 * "due now" in its first second, then "overdue 1:03" and, two minutes past,
 * "overdue 3m". Time left rounds up ("in 0:01" until the second it is due, "in
 * 5m" with 4:12 left); time overdue rounds down.
 */
export function countdownText(dueAt: Date, now: number, overdue = 'overdue'): string {
  const left = dueAt.getTime() - now;
  if (left > 0) return `in ${left <= secondsWithinMs ? span(left + 999) : spanMinutes(left + 59_999)}`;
  if (left > -1000) return 'due now';
  return `${overdue} ${-left < secondsWithinMs ? span(-left) : spanMinutes(-left)}`;
}

/** stateWord says in text what a countdown's colour says, so colour is never alone. */
export function stateWord(s: CountdownState): string {
  return s === 'red' ? 'late' : s === 'amber' ? 'soon' : '';
}

/**
 * fatigueAt is a role holder's fatigue at now: Go's state at the fetch, raised
 * when now passes Go's thresholds (which already weigh night hours 1.5x).
 */
export function fatigueAt(r: Pick<RoleClock, 'fatigue' | 'gentleAt' | 'urgentAt'>, now: number): Fatigue {
  if (r.fatigue === 'urgent' || (r.urgentAt && now >= r.urgentAt.getTime())) return 'urgent';
  if (r.fatigue === 'gentle' || (r.gentleAt && now >= r.gentleAt.getTime())) return 'gentle';
  return 'ok';
}

/** fatigueLabel is the text beside the colour: "ok", "consider handoff", "hand off now". */
export function fatigueLabel(f: Fatigue): string {
  return f === 'urgent' ? 'hand off now' : f === 'gentle' ? 'consider handoff' : 'ok';
}

/** minutesText formats whole minutes as "45m", "1h 05m". */
export function minutesText(min: number): string {
  return minutesSpan(Math.max(0, Math.floor(min)));
}

/** The outcome words that close a mitigation (backend.MitigationOutcome): such a line never asks. */
const outcomeRe = /^(done|worked|failed|reverted|abandoned|did not work)\b/i;

export function isMitigationOutcome(text: string): boolean {
  return outcomeRe.test(text.trim());
}

// ---------------------------------------------------------------- reminders

/** reminderId names a reminder across incidents: keys are unique within an incident only. */
export function reminderId(r: Pick<Reminder, 'incidentId' | 'key'>): string {
  return `${r.incidentId}:${r.key}`;
}

/** Where a reminder's Open goes. */
export type ReminderTarget = 'composer' | 'handoff' | 'checkin' | 'actions' | 'clocks' | 'watch' | 'security';

export function reminderTarget(kind: string): ReminderTarget {
  switch (kind) {
    case 'status': return 'composer';
    case 'fatigue': return 'handoff';
    case 'checkin': return 'checkin';
    case 'action_ack': case 'action_checkin': case 'idle': return 'actions';
    case 'watch': return 'watch';
    case 'gdpr': return 'security';
    default: return 'clocks';
  }
}

/** sortReminders puts urgent reminders first, keeping arrival order otherwise. */
export function sortReminders(list: Reminder[]): Reminder[] {
  return list
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.urgency === b.r.urgency ? a.i - b.i : a.r.urgency === 'urgent' ? -1 : 1))
    .map((x) => x.r);
}

/** addReminder queues a reminder, replacing the same one (now urgent, say) in its place. */
export function addReminder(queue: Reminder[], r: Reminder): Reminder[] {
  const id = reminderId(r);
  const i = queue.findIndex((q) => reminderId(q) === id);
  const next = i < 0 ? [...queue, r] : queue.map((q, n) => (n === i ? r : q));
  return sortReminders(next);
}

/**
 * syncReminders makes the queue the full current set from Reminders.List:
 * reminders no longer due (acked, snoozed, resolved) leave, the rest keep their
 * place, new ones join at the end.
 */
export function syncReminders(queue: Reminder[], current: Reminder[]): Reminder[] {
  const byId = new Map(current.map((r) => [reminderId(r), r]));
  const kept = queue.filter((q) => byId.has(reminderId(q))).map((q) => byId.get(reminderId(q))!);
  const seen = new Set(kept.map(reminderId));
  return sortReminders([...kept, ...current.filter((r) => !seen.has(reminderId(r)))]);
}

export function removeReminder(queue: Reminder[], r: Pick<Reminder, 'incidentId' | 'key'>): Reminder[] {
  const id = reminderId(r);
  return queue.filter((q) => reminderId(q) !== id);
}

// ---------------------------------------------------------------- settings

/**
 * mergeClockSettings turns the form's numbers into what is saved: a number
 * still equal to the effective default stays 0 ("the default", so a better
 * default later applies) unless it was set explicitly before.
 */
export function mergeClockSettings(saved: ClockSettings, effective: ClockSettings, form: ClockSettings): ClockSettings {
  const keep = (s: number, e: number, f: number) => (s === 0 && f === e ? 0 : f);
  const rhythms: Record<string, Rhythm> = { ...saved.rhythms };
  for (const [sev, fr] of Object.entries(form.rhythms)) {
    const sr = saved.rhythms[sev];
    const er = effective.rhythms[sev];
    const out = { ...fr };
    for (const k of Object.keys(fr) as (keyof Rhythm)[]) out[k] = keep(sr?.[k] ?? 0, er?.[k] ?? 0, fr[k]);
    rhythms[sev] = out;
  }
  return {
    rhythms,
    statusWindow: keep(saved.statusWindow, effective.statusWindow, form.statusWindow),
    fatigueGentle: keep(saved.fatigueGentle, effective.fatigueGentle, form.fatigueGentle),
    fatigueUrgent: keep(saved.fatigueUrgent, effective.fatigueUrgent, form.fatigueUrgent),
    watch: keep(saved.watch, effective.watch, form.watch),
  };
}

/**
 * mostUrgent is the open action the board opens at: a report-back overdue
 * first (the longest overdue), then one nobody acknowledged (the oldest),
 * then the first. -1 for none.
 */
export function mostUrgent(list: readonly Pick<Action, 'state' | 'askedAt' | 'checkInAt'>[], now: number): number {
  if (list.length === 0) return -1;
  const rank = (a: Pick<Action, 'state' | 'askedAt' | 'checkInAt'>): [number, number] => {
    if (a.checkInAt && a.checkInAt.getTime() <= now) return [0, a.checkInAt.getTime()];
    if (a.state === 'asked') return [1, a.askedAt.getTime()];
    return [2, 0];
  };
  let best = 0;
  for (let i = 1; i < list.length; i++) {
    const [a, b] = [rank(list[i]), rank(list[best])];
    if (a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])) best = i;
  }
  return best;
}

/**
 * actionButtonLabel names a row's button for its action, starting with the
 * button's own word so speech input ("click Ack") finds it: "Ack
 * (acknowledge) action: restart the queue".
 */
export function actionButtonLabel(word: 'Ack' | 'Done' | 'Abandon', text: string): string {
  const t = text.length > 80 ? text.slice(0, 79) + '…' : text;
  const says = { Ack: 'Ack (acknowledge)', Done: 'Done (complete)', Abandon: 'Abandon' }[word];
  return `${says} action: ${t}`;
}

/**
 * shiftNextUpdate moves the "Next update by HH:MM" of a status draft by
 * deltaMinutes (when the IC changes the promised interval), keeping the zone
 * Go wrote after it. Text without the phrase is returned unchanged.
 */
export function shiftNextUpdate(text: string, deltaMinutes: number): string {
  if (!deltaMinutes) return text;
  return text.replace(/(Next update by )(\d{1,2}):(\d{2})/, (_, lead: string, h: string, m: string) => {
    const day = 24 * 60;
    const t = (((Number(h) * 60 + Number(m) + deltaMinutes) % day) + day) % day;
    return `${lead}${pad(Math.floor(t / 60))}:${pad(t % 60)}`;
  });
}
