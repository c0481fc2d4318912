import { describe, expect, it } from 'vitest';
import {
  actionButtonLabel, mostUrgent, addReminder, appNow, countdownState, countdownText, spanMinutes, fatigueAt, fatigueLabel, isMitigationOutcome,
  mergeClockSettings, minutesText, reminderId, reminderTarget, removeReminder, shiftNextUpdate, span, stateWord, syncReminders,
} from './clocks';
import type { ClockSettings, Reminder, Rhythm } from './api/types';

const t = (iso: string) => new Date(iso);
const at = (iso: string) => Date.parse(iso);

describe('appNow', () => {
  it('adds the real time since the fetch at the board scale', () => {
    const now = t('2026-11-21T14:00:00Z');
    expect(appNow(now, 1, 1000, 6000)).toBe(at('2026-11-21T14:00:05Z'));
    // A 60x test clock: 5 real seconds are 5 app minutes.
    expect(appNow(now, 60, 1000, 6000)).toBe(at('2026-11-21T14:05:00Z'));
  });

  it('never runs backwards before the fetch, and treats a bad scale as 1', () => {
    const now = t('2026-11-21T14:00:00Z');
    expect(appNow(now, 60, 5000, 4000)).toBe(now.getTime());
    expect(appNow(now, 0, 0, 2000)).toBe(at('2026-11-21T14:00:02Z'));
  });
});

describe('countdownState', () => {
  const cd = { dueAt: t('2026-11-21T14:20:00Z'), amberAt: t('2026-11-21T14:18:00Z'), redAt: t('2026-11-21T14:20:00Z') };

  it('is ok, then amber, then red at the board thresholds', () => {
    expect(countdownState(cd, at('2026-11-21T14:17:59Z'))).toBe('ok');
    expect(countdownState(cd, at('2026-11-21T14:18:00Z'))).toBe('amber');
    expect(countdownState(cd, at('2026-11-21T14:19:59Z'))).toBe('amber');
    expect(countdownState(cd, at('2026-11-21T14:20:00Z'))).toBe('red');
    expect(countdownState(cd, at('2026-11-21T16:00:00Z'))).toBe('red');
  });

  it('is off without a countdown or a due time', () => {
    expect(countdownState(null, 0)).toBe('off');
    expect(countdownState({ dueAt: null, amberAt: null, redAt: null }, 0)).toBe('off');
  });

  it('says the colour in words', () => {
    expect(stateWord('red')).toBe('late');
    expect(stateWord('amber')).toBe('soon');
    expect(stateWord('ok')).toBe('');
  });
});

describe('countdownText and span', () => {
  const due = t('2026-11-21T14:20:00Z');

  it('counts down to the minute, rounding up, and to the second in the last two minutes', () => {
    expect(countdownText(due, at('2026-11-21T14:15:48Z'))).toBe('in 5m');
    expect(countdownText(due, at('2026-11-21T14:16:00Z'))).toBe('in 4m');
    expect(countdownText(due, at('2026-11-21T14:17:59.5Z'))).toBe('in 3m');
    expect(countdownText(due, at('2026-11-21T14:18:00Z'))).toBe('in 2:00');
    expect(countdownText(due, at('2026-11-21T14:18:00.5Z'))).toBe('in 2:00');
    expect(countdownText(due, at('2026-11-21T14:19:59.2Z'))).toBe('in 0:01');
    expect(countdownText(t('2026-11-21T16:20:00Z'), at('2026-11-21T14:15:48Z'))).toBe('in 2h 05m');
  });

  it('says overdue after the due time, to the second for two minutes', () => {
    expect(countdownText(due, at('2026-11-21T14:20:00.5Z'))).toBe('due now');
    expect(countdownText(due, at('2026-11-21T14:21:03Z'))).toBe('overdue 1:03');
    expect(countdownText(due, at('2026-11-21T14:21:03Z'), 'ended')).toBe('ended 1:03');
    expect(countdownText(due, at('2026-11-21T14:21:59.9Z'))).toBe('overdue 1:59');
    expect(countdownText(due, at('2026-11-21T14:22:00Z'))).toBe('overdue 2m');
    expect(countdownText(due, at('2026-11-21T15:25:30Z'))).toBe('overdue 1h 05m');
  });

  it('changes its text once a minute until the last two minutes', () => {
    const texts = new Set<string>();
    for (let s = 0; s < 60; s++) texts.add(countdownText(due, at('2026-11-21T14:10:00Z') + s * 1000));
    expect([...texts]).toEqual(['in 10m']);
  });

  it('shows hours and days for long clocks (review, GDPR)', () => {
    expect(span(3_600_000 + 4 * 60_000 + 12_000)).toBe('1:04:12');
    expect(span(71 * 3_600_000 + 59 * 60_000)).toBe('2d 23:59');
    expect(span(-5)).toBe('0:00');
    expect(spanMinutes(71 * 3_600_000 + 59 * 60_000)).toBe('2d 23h 59m');
    expect(spanMinutes(-5)).toBe('0m');
  });
});

describe('fatigue', () => {
  const r = { fatigue: 'ok' as const, gentleAt: t('2026-11-21T15:00:00Z'), urgentAt: t('2026-11-21T17:00:00Z') };

  it('rises at Go thresholds between fetches', () => {
    expect(fatigueAt(r, at('2026-11-21T14:59:59Z'))).toBe('ok');
    expect(fatigueAt(r, at('2026-11-21T15:00:00Z'))).toBe('gentle');
    expect(fatigueAt(r, at('2026-11-21T17:00:00Z'))).toBe('urgent');
  });

  it('never goes below what Go said', () => {
    expect(fatigueAt({ ...r, fatigue: 'urgent' }, at('2026-11-21T14:00:00Z'))).toBe('urgent');
    expect(fatigueAt({ fatigue: 'gentle', gentleAt: null, urgentAt: null }, 0)).toBe('gentle');
  });

  it('labels each state in words', () => {
    expect(fatigueLabel('ok')).toBe('ok');
    expect(fatigueLabel('gentle')).toBe('consider handoff');
    expect(fatigueLabel('urgent')).toBe('hand off now');
    expect(minutesText(45.9)).toBe('45m');
    expect(minutesText(65)).toBe('1h 05m');
    expect(minutesText(47 * 60 + 59)).toBe('47h 59m');
    expect(minutesText(97565 * 60 + 20)).toBe('4065d 05h');
  });
});

describe('isMitigationOutcome', () => {
  it('recognises the words that end a mitigation, as Go does', () => {
    for (const s of ['worked', 'failed: made it worse', 'Done', 'reverted the flag', 'abandoned', 'did not work']) expect(isMitigationOutcome(s), s).toBe(true);
    for (const s of ['failover to eu-west', 'donezo', 'restart pods', '']) expect(isMitigationOutcome(s), s).toBe(false);
  });
});

const rem = (incidentId: number, key: string, urgency: 'normal' | 'urgent' = 'normal', kind = 'status'): Reminder => ({
  incidentId, key, kind, urgency, title: key, body: '', dueAt: null, urgentAt: null, since: null,
});

describe('reminder queue', () => {
  it('names reminders by incident and key', () => {
    expect(reminderId(rem(3, 'status'))).toBe('3:status');
  });

  it('queues, replaces in place and puts urgent ones first', () => {
    let q = addReminder([], rem(1, 'status'));
    q = addReminder(q, rem(1, 'checkin'));
    q = addReminder(q, rem(2, 'status'));
    expect(q.map(reminderId)).toEqual(['1:status', '1:checkin', '2:status']);
    q = addReminder(q, rem(1, 'checkin', 'urgent'));
    expect(q.map(reminderId)).toEqual(['1:checkin', '1:status', '2:status']);
    expect(q[0].urgency).toBe('urgent');
    expect(removeReminder(q, { incidentId: 1, key: 'status' }).map(reminderId)).toEqual(['1:checkin', '2:status']);
  });

  it('syncs with the current set: gone ones leave, new ones join at the end', () => {
    const q = [rem(1, 'a'), rem(1, 'b'), rem(1, 'c')];
    const next = syncReminders(q, [rem(1, 'd'), rem(1, 'c'), rem(1, 'a', 'normal', 'checkin')]);
    expect(next.map(reminderId)).toEqual(['1:a', '1:c', '1:d']);
    expect(next[0].kind).toBe('checkin');
  });

  it('maps each kind to where Open goes', () => {
    expect(reminderTarget('status')).toBe('composer');
    expect(reminderTarget('fatigue')).toBe('handoff');
    expect(reminderTarget('checkin')).toBe('checkin');
    for (const k of ['action_ack', 'action_checkin', 'idle']) expect(reminderTarget(k)).toBe('actions');
    expect(reminderTarget('watch')).toBe('watch');
    expect(reminderTarget('gdpr')).toBe('security');
    expect(reminderTarget('review')).toBe('clocks');
  });
});

describe('mergeClockSettings', () => {
  const rh = (n: number): Rhythm => ({ firstStatus: n, statusEvery: n, statusLater: n, statusUrgent: n, checkInEvery: n, actionAck: n, idle: n });
  const cs = (r: Rhythm, n: number): ClockSettings => ({ rhythms: { SEV1: r }, statusWindow: n, fatigueGentle: n, fatigueUrgent: n, watch: n });

  it('keeps defaults as 0 and saves only what was changed or set before', () => {
    const saved = cs({ ...rh(0), idle: 7 }, 0);
    const effective = cs({ ...rh(10), idle: 7 }, 60);
    const form = cs({ ...rh(10), statusEvery: 15, idle: 7 }, 60);
    form.watch = 30;
    const out = mergeClockSettings(saved, effective, form);
    expect(out.rhythms.SEV1).toEqual({ ...rh(0), statusEvery: 15, idle: 7 });
    expect(out.watch).toBe(30);
    expect(out.statusWindow).toBe(0);
  });
});

describe('shiftNextUpdate and labels', () => {
  it('moves the promised time of a draft, wrapping midnight, keeping the zone', () => {
    expect(shiftNextUpdate('SEV2.\nNext update by 14:25 UTC.', 10)).toBe('SEV2.\nNext update by 14:35 UTC.');
    expect(shiftNextUpdate('Next update by 23:50 CET.', 20)).toBe('Next update by 00:10 CET.');
    expect(shiftNextUpdate('Next update by 00:10 CET.', -20)).toBe('Next update by 23:50 CET.');
    expect(shiftNextUpdate('no promise here', 10)).toBe('no promise here');
  });

  it('names action buttons after the action', () => {
    expect(actionButtonLabel('Ack', 'restart the queue')).toBe('Ack (acknowledge) action: restart the queue');
    expect(actionButtonLabel('Done', 'restart the queue')).toBe('Done (complete) action: restart the queue');
    expect(actionButtonLabel('Abandon', 'x'.repeat(100))).toHaveLength('Abandon action: '.length + 80);
  });
});

describe('mostUrgent', () => {
  const t = (m: number) => new Date(Date.UTC(2026, 10, 21, 14, m));
  const now = t(30).getTime();
  it('opens at an overdue report-back, then the oldest unacknowledged, then the first', () => {
    const acked = { state: 'acknowledged' as const, askedAt: t(0), checkInAt: null };
    const asked = (m: number) => ({ state: 'asked' as const, askedAt: t(m), checkInAt: null });
    const late = (m: number) => ({ state: 'acknowledged' as const, askedAt: t(0), checkInAt: t(m) });
    expect(mostUrgent([], now)).toBe(-1);
    expect(mostUrgent([acked, acked], now)).toBe(0);
    expect(mostUrgent([acked, asked(20), asked(10)], now)).toBe(2);
    expect(mostUrgent([asked(1), late(25), late(20), late(40)], now)).toBe(2);
  });
});
