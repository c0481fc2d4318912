import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as R from '../../../wailsjs/go/app/Reminders';
import { reminders } from './reminders.svelte';

const goRem = (incidentId: number, key: string, urgency = 'normal') => ({
  incidentId, key, kind: key, urgency, title: key, body: '', dueAt: '2026-11-21T14:05:00Z', urgentAt: '0001-01-01T00:00:00Z', since: '0001-01-01T00:00:00Z',
});

beforeEach(() => {
  reminders.queue = [];
});

describe('the reminder queue', () => {
  it('loads every incident, shows urgent first and counts the rest', async () => {
    vi.mocked(R.List).mockResolvedValue([goRem(1, 'status'), goRem(2, 'checkin', 'urgent')] as never);
    await reminders.load();
    expect(R.List).toHaveBeenCalledWith(0);
    expect(reminders.current?.key).toBe('checkin');
    expect(reminders.queue).toHaveLength(2);
  });

  it('acks with the incident and key, taking it out at once', async () => {
    vi.mocked(R.List).mockResolvedValue([goRem(1, 'status'), goRem(2, 'status')] as never);
    await reminders.load();
    vi.mocked(R.Ack).mockResolvedValue(undefined as never);
    await reminders.ack(reminders.queue[1]);
    expect(R.Ack).toHaveBeenCalledWith(2, 'status');
    expect(reminders.queue.map((r) => r.incidentId)).toEqual([1]);
  });

  it('snoozes five minutes, and puts a refused one back', async () => {
    vi.mocked(R.List).mockResolvedValue([goRem(1, 'status')] as never);
    await reminders.load();
    vi.mocked(R.Snooze).mockRejectedValue({ code: 'internal', message: 'database is locked' });
    await expect(reminders.snooze(reminders.queue[0])).rejects.toThrow('database is locked');
    expect(R.Snooze).toHaveBeenCalledWith(1, 'status', 5);
    expect(reminders.queue).toHaveLength(1);
  });

  it('ignores a List answer that left before an ack', async () => {
    vi.mocked(R.List).mockResolvedValue([goRem(1, 'status')] as never);
    await reminders.load();
    let answer: (v: unknown) => void = () => {};
    vi.mocked(R.List).mockReturnValue(new Promise((r) => (answer = r)) as never);
    const loading = reminders.load();
    vi.mocked(R.Ack).mockResolvedValue(undefined as never);
    await reminders.ack(reminders.queue[0]);
    answer([goRem(1, 'status')]);
    await loading;
    expect(reminders.queue).toEqual([]);
  });

  it('replaces a reminder that turned urgent in place', () => {
    reminders.due({ incidentId: 1, key: 'a', kind: 'status', urgency: 'normal', title: 'a', body: '', dueAt: null, urgentAt: null, since: null });
    reminders.due({ incidentId: 1, key: 'a', kind: 'status', urgency: 'urgent', title: 'a', body: '', dueAt: null, urgentAt: null, since: null });
    expect(reminders.queue).toHaveLength(1);
    expect(reminders.current?.urgency).toBe('urgent');
  });
});
