// Typed wrappers over the Clocks and Reminders bindings: the IC dashboard's
// clocks card and the reminder banner. Go's zero times and nulls become null.
import * as B from '../../../wailsjs/go/app/Clocks';
import * as R from '../../../wailsjs/go/app/Reminders';
import type { backend, cadence, clocks } from '../../../wailsjs/go/models';
import { call } from './errors';
import { parseTime, requireTime } from './convert';
import type {
  Action, ActionState, Board, CheckInClock, ChecklistItem, Countdown, CountdownState, Fatigue, Reminder, RoleClock,
  Security, StatusClock, WatchClock,
} from './types';

type GoCountdown = { dueAt: string; amberAt: string; redAt: string; state: string };

const states: readonly string[] = ['off', 'ok', 'amber', 'red'];

function toCountdown(c: GoCountdown): Countdown {
  return {
    dueAt: parseTime(c.dueAt),
    amberAt: parseTime(c.amberAt),
    redAt: parseTime(c.redAt),
    state: (states.includes(c.state) ? c.state : 'off') as CountdownState,
  };
}

export function toAction(a: backend.Action): Action {
  return {
    id: a.id,
    incidentId: a.incidentId,
    entryId: a.entryId,
    owner: a.owner ?? '',
    text: a.text ?? '',
    state: (a.state || 'asked') as ActionState,
    askedAt: requireTime(a.askedAt),
    ackedAt: parseTime(a.ackedAt),
    checkInAt: parseTime(a.checkInAt),
    checkInEvery: a.checkInEvery || 0,
    closedAt: parseTime(a.closedAt),
  };
}

function toChecklistItem(i: backend.ChecklistItem): ChecklistItem {
  return { key: i.key, group: i.group ?? '', label: i.label ?? i.key, done: !!i.done, doneAt: parseTime(i.doneAt), doneBy: i.doneBy ?? '' };
}

export function toSecurity(s: backend.Security | null | undefined): Security {
  return {
    on: !!s?.on,
    becameAwareAt: parseTime(s?.becameAwareAt),
    locked: !!s?.locked,
    checklist: (s?.checklist ?? []).map(toChecklistItem),
  };
}

export function toWatch(w: clocks.Watch): WatchClock {
  return {
    ...toCountdown(w),
    startEntryId: w.startEntryId ?? 0,
    startedAt: parseTime(w.startedAt),
    minutes: w.minutes ?? 0,
    criteria: (w.criteria ?? []).map((c) => ({ text: c.text, done: !!c.done, doneAt: parseTime(c.doneAt), doneBy: c.doneBy ?? '' })),
    ended: !!w.ended,
  };
}

function toRoleClock(r: clocks.RoleClock): RoleClock {
  const f = r.fatigue === 'gentle' || r.fatigue === 'urgent' ? r.fatigue : 'ok';
  return {
    role: r.role,
    roleLabel: r.roleLabel || r.role,
    person: r.person,
    since: requireTime(r.since),
    minutes: r.minutes ?? 0,
    weightedMinutes: r.weightedMinutes ?? 0,
    fatigue: f as Fatigue,
    gentleAt: parseTime(r.gentleAt),
    urgentAt: parseTime(r.urgentAt),
  };
}

export function toReminder(r: cadence.Reminder): Reminder {
  return {
    incidentId: r.incidentId,
    kind: r.kind,
    key: r.key,
    dueAt: parseTime(r.dueAt),
    urgentAt: parseTime(r.urgentAt),
    urgency: r.urgency === 'urgent' ? 'urgent' : 'normal',
    since: parseTime(r.since),
    title: r.title ?? '',
    body: r.body ?? '',
    actionId: r.actionId || undefined,
    person: r.person || undefined,
  };
}

export function toBoard(b: clocks.Board): Board {
  const status: StatusClock | null = b.status
    ? { ...toCountdown(b.status), lastAt: parseTime(b.status.lastAt), promisedAt: parseTime(b.status.promisedAt), first: !!b.status.first }
    : null;
  const checkIn: CheckInClock | null = b.checkIn
    ? { ...toCountdown(b.checkIn), lastAt: parseTime(b.checkIn.lastAt), impact: b.checkIn.impact ?? '' }
    : null;
  return {
    incidentId: b.incidentId,
    now: requireTime(b.now),
    timeScale: b.timeScale > 0 ? b.timeScale : 1,
    severity: b.severity ?? '',
    phase: b.phase ?? '',
    impact: b.impact ?? '',
    declaredAt: requireTime(b.declaredAt),
    startedAt: parseTime(b.startedAt),
    endedAt: parseTime(b.endedAt),
    elapsedSeconds: b.elapsedSeconds ?? 0,
    elapsedNote: b.elapsedNote ?? '',
    lastAt: parseTime(b.lastAt),
    writtenUp: !!b.writtenUp,
    status,
    checkIn,
    mitigation: b.mitigation && b.mitigation.entryId ? { entryId: b.mitigation.entryId, text: b.mitigation.text ?? '', since: requireTime(b.mitigation.since) } : null,
    watch: b.watch ? toWatch(b.watch) : null,
    review: b.review ? { ...toCountdown(b.review), resolvedAt: parseTime(b.review.resolvedAt), limitAt: parseTime(b.review.limitAt) } : null,
    regulatory: b.regulatory
      ? { ...toCountdown(b.regulatory), becameAwareAt: parseTime(b.regulatory.becameAwareAt), locked: !!b.regulatory.locked }
      : null,
    security: toSecurity(b.security),
    roles: (b.roles ?? []).map(toRoleClock),
    actions: (b.actions ?? []).map(toAction),
    reminders: (b.reminders ?? []).map(toReminder),
  };
}

/** board returns everything the clocks card shows for one incident. */
export async function board(incidentId: number): Promise<Board> {
  return toBoard(await call(() => B.Board(incidentId)));
}

/** timeScale is how fast the app clock runs: 1, or N under BRIDGELOG_TIME_SCALE (tests, demos). */
export async function timeScale(): Promise<number> {
  const n = await call(() => B.TimeScale());
  return typeof n === 'number' && n > 0 ? n : 1;
}

/** listReminders returns the reminders due now for one incident, or for all when incidentId is 0. */
export async function listReminders(incidentId: number): Promise<Reminder[]> {
  return ((await call(() => R.List(incidentId))) ?? []).map(toReminder);
}

/** ackReminder quiets a reminder for good; acking a check-in reminder is the check-in. */
export async function ackReminder(incidentId: number, key: string): Promise<void> {
  await call(() => R.Ack(incidentId, key));
}

export async function snoozeReminder(incidentId: number, key: string, minutes: number): Promise<void> {
  await call(() => R.Snooze(incidentId, key, minutes));
}

/** openReminder focuses the window and has Go emit reminder:open. */
export async function openReminder(incidentId: number, kind: string, key: string): Promise<void> {
  await call(() => R.Open(incidentId, kind, key));
}
