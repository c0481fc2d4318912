import { describe, expect, it, vi } from 'vitest';
import * as C from '../../../wailsjs/go/app/Clocks';
import * as R from '../../../wailsjs/go/app/Reminders';
import * as RT from '../../../wailsjs/runtime/runtime';
import { ackReminder, board, listReminders, openReminder, snoozeReminder, timeScale } from './clocks';
import { EventClocksChanged, EventReminderDue, EventReminderOpen, onClocksChanged, onReminderDue, onReminderOpen } from './events';

const zero = '0001-01-01T00:00:00Z';
const cd = (due: string, state = 'ok') => ({ dueAt: due, amberAt: '2026-11-21T14:18:00Z', redAt: due, state });
const goAction = {
  id: 4, incidentId: 3, entryId: 9, owner: 'sam', text: 'restart the queue', state: 'asked',
  askedAt: '2026-11-21T14:05:00Z', ackedAt: zero, checkInAt: '2026-11-21T14:15:00Z', closedAt: zero,
};
const goReminder = {
  incidentId: 3, kind: 'action_ack', key: 'action_ack:4', dueAt: '2026-11-21T14:07:00Z', urgentAt: zero,
  urgency: 'urgent', since: '2026-11-21T14:05:00Z', title: 'Get an acknowledgement', body: 'sam has not acknowledged', actionId: 4,
};
const goBoard = {
  incidentId: 3, now: '2026-11-21T14:10:00.123456789Z', timeScale: 60, severity: 'SEV2', phase: 'mitigating', impact: 'EU checkout',
  declaredAt: '2026-11-21T14:00:00Z', elapsedSeconds: 600,
  status: { ...cd('2026-11-21T14:20:00Z'), lastAt: zero, promisedAt: zero, first: true },
  checkIn: { ...cd('2026-11-21T14:15:00Z', 'amber'), lastAt: zero, impact: 'EU checkout' },
  mitigation: { entryId: 7, text: 'failover', since: '2026-11-21T14:08:00Z' },
  watch: null, review: null, regulatory: null,
  security: { on: false, becameAwareAt: zero, locked: false, checklist: null },
  roles: [{ role: 'ic', roleLabel: 'Incident Commander', person: 'Priya', since: '2026-11-21T14:00:00Z', minutes: 10, weightedMinutes: 10, fatigue: 'ok', gentleAt: '2026-11-21T15:00:00Z', urgentAt: '2026-11-21T17:00:00Z' }],
  actions: [goAction],
  reminders: [goReminder],
};

describe('board', () => {
  it('maps times, nulls and zero times', async () => {
    vi.mocked(C.Board).mockResolvedValue(goBoard as never);
    const b = await board(3);
    expect(C.Board).toHaveBeenCalledWith(3);
    expect(b.now.toISOString()).toBe('2026-11-21T14:10:00.123Z');
    expect(b.timeScale).toBe(60);
    expect(b.status?.first).toBe(true);
    expect(b.status?.lastAt).toBeNull();
    expect(b.status?.dueAt?.toISOString()).toBe('2026-11-21T14:20:00.000Z');
    expect(b.checkIn?.state).toBe('amber');
    expect(b.mitigation?.since.toISOString()).toBe('2026-11-21T14:08:00.000Z');
    expect(b.watch).toBeNull();
    expect(b.review).toBeNull();
    expect(b.regulatory).toBeNull();
    expect(b.security).toEqual({ on: false, becameAwareAt: null, locked: false, checklist: [] });
    expect(b.roles[0].gentleAt?.toISOString()).toBe('2026-11-21T15:00:00.000Z');
    expect(b.actions[0]).toMatchObject({ id: 4, state: 'asked', ackedAt: null, closedAt: null });
    expect(b.actions[0].checkInAt?.toISOString()).toBe('2026-11-21T14:15:00.000Z');
    expect(b.reminders[0]).toMatchObject({ kind: 'action_ack', urgency: 'urgent', actionId: 4, urgentAt: null });
  });

  it('maps a watch, review, regulatory clock and checklist', async () => {
    vi.mocked(C.Board).mockResolvedValue({
      ...goBoard, status: null, checkIn: null, mitigation: null, timeScale: 0, roles: null, actions: null, reminders: null,
      watch: { ...cd('2026-11-21T14:25:00Z', 'red'), startEntryId: 12, startedAt: '2026-11-21T14:10:00Z', minutes: 15, ended: true,
        criteria: [{ text: 'error rate < 1%', done: true, doneAt: '2026-11-21T14:12:00Z', doneBy: 'Ada' }] },
      review: { ...cd('2026-11-22T14:00:00Z', 'off'), resolvedAt: '2026-11-21T14:00:00Z', limitAt: '2026-11-24T14:00:00Z' },
      regulatory: { ...cd('2026-11-24T14:00:00Z', 'weird'), becameAwareAt: '2026-11-21T14:00:00Z', locked: true },
      security: { on: true, becameAwareAt: '2026-11-21T14:00:00Z', locked: true,
        checklist: [{ key: 'legal_reporting', group: 'legal', label: 'Statutory or regulatory reporting', done: false, doneAt: zero, doneBy: '' }] },
    } as never);
    const b = await board(3);
    expect(b.status).toBeNull();
    expect(b.mitigation).toBeNull();
    expect(b.timeScale).toBe(1);
    expect(b.roles).toEqual([]);
    expect(b.watch).toMatchObject({ minutes: 15, ended: true, state: 'red', startEntryId: 12 });
    expect(b.watch?.criteria[0].doneAt?.toISOString()).toBe('2026-11-21T14:12:00.000Z');
    expect(b.review?.limitAt?.toISOString()).toBe('2026-11-24T14:00:00.000Z');
    expect(b.regulatory?.state).toBe('off');
    expect(b.security.checklist[0]).toMatchObject({ key: 'legal_reporting', group: 'legal', done: false, doneAt: null });
  });

  it('maps where the elapsed clock starts and stops, and why it cannot run', async () => {
    vi.mocked(C.Board).mockResolvedValue({ ...goBoard, startedAt: '2026-11-21T13:30:00Z', endedAt: zero } as never);
    let b = await board(3);
    expect(b.startedAt?.toISOString()).toBe('2026-11-21T13:30:00.000Z');
    expect(b.endedAt).toBeNull();
    expect(b.elapsedNote).toBe('');
    vi.mocked(C.Board).mockResolvedValue({ ...goBoard, startedAt: '2026-11-21T13:30:00Z', endedAt: '2026-11-21T13:00:00Z',
      elapsedSeconds: 0, elapsedNote: 'Starts after 2026-11-21 13:00Z: check the entry times' } as never);
    b = await board(3);
    expect(b.endedAt?.toISOString()).toBe('2026-11-21T13:00:00.000Z');
    expect(b.elapsedNote).toBe('Starts after 2026-11-21 13:00Z: check the entry times');
  });

  it('reports errors with their message', async () => {
    vi.mocked(C.Board).mockRejectedValue({ code: 'not_found', message: 'No incident 9.' });
    await expect(board(9)).rejects.toMatchObject({ code: 'not_found', message: 'No incident 9.' });
  });

  it('reads the time scale, 1 when unusable', async () => {
    vi.mocked(C.TimeScale).mockResolvedValue(60);
    expect(await timeScale()).toBe(60);
    vi.mocked(C.TimeScale).mockResolvedValue(0);
    expect(await timeScale()).toBe(1);
  });
});

describe('reminders', () => {
  it('lists, acks, snoozes and opens with the incident and key', async () => {
    vi.mocked(R.List).mockResolvedValue(null as never);
    expect(await listReminders(0)).toEqual([]);
    vi.mocked(R.List).mockResolvedValue([goReminder] as never);
    const [r] = await listReminders(0);
    expect(R.List).toHaveBeenCalledWith(0);
    expect(r.dueAt?.toISOString()).toBe('2026-11-21T14:07:00.000Z');
    await ackReminder(3, 'status');
    expect(R.Ack).toHaveBeenCalledWith(3, 'status');
    await snoozeReminder(3, 'status', 5);
    expect(R.Snooze).toHaveBeenCalledWith(3, 'status', 5);
    await openReminder(3, 'status', 'status');
    expect(R.Open).toHaveBeenCalledWith(3, 'status', 'status');
  });

  it('reports a refused snooze', async () => {
    vi.mocked(R.Snooze).mockRejectedValue({ code: 'invalid', message: 'Snooze for 1 to 240 minutes, not 0.' });
    await expect(snoozeReminder(3, 'status', 0)).rejects.toThrow('Snooze for 1 to 240 minutes, not 0.');
  });
});

describe('clock events', () => {
  function capture() {
    const handlers = new Map<string, (d: unknown) => void>();
    vi.mocked(RT.EventsOn).mockImplementation((name, cb) => {
      handlers.set(name, cb as (d: unknown) => void);
      return () => {};
    });
    return handlers;
  }

  it('delivers reminders, open requests and changes typed', () => {
    const h = capture();
    const due = vi.fn();
    const open = vi.fn();
    const changed = vi.fn();
    onReminderDue(due);
    onReminderOpen(open);
    onClocksChanged(changed);
    h.get(EventReminderDue)?.(goReminder);
    h.get(EventReminderOpen)?.({ incidentId: 3, kind: 'checkin', key: 'checkin' });
    h.get(EventClocksChanged)?.({ incidentId: 3 });
    h.get(EventClocksChanged)?.(null);
    expect(due.mock.calls[0][0]).toMatchObject({ kind: 'action_ack', urgency: 'urgent' });
    expect(due.mock.calls[0][0].dueAt).toBeInstanceOf(Date);
    expect(open).toHaveBeenCalledWith({ incidentId: 3, kind: 'checkin', key: 'checkin' });
    expect(changed.mock.calls).toEqual([[3], [0]]);
  });

  it('does nothing outside Wails', () => {
    vi.mocked(RT.EventsOn).mockImplementation(() => { throw new TypeError('window.runtime is undefined'); });
    expect(() => onReminderDue(() => {})()).not.toThrow();
    expect(() => onClocksChanged(() => {})()).not.toThrow();
  });
});
