import { describe, expect, it } from 'vitest';
import { reminderButtons } from './reminderButtons';

describe('reminder buttons', () => {
  it('say what they do, per kind', () => {
    expect(reminderButtons({ kind: 'status' }).primary.label).toBe('Compose update');
    expect(reminderButtons({ kind: 'checkin' })).toEqual({ primary: { label: 'Record check-in', does: 'checkin' }, dismiss: null });
    expect(reminderButtons({ kind: 'action_ack', person: 'lena' }).primary.label).toBe('Mark acknowledged by @lena');
    expect(reminderButtons({ kind: 'action_ack' }).primary.label).toBe('Mark acknowledged');
    expect(reminderButtons({ kind: 'action_checkin', person: 'sam' }).primary).toEqual({ label: 'Record check-in from @sam', does: 'reportBack' });
    expect(reminderButtons({ kind: 'idle' }).primary.does).toBe('delegate');
    expect(reminderButtons({ kind: 'fatigue' }).primary.does).toBe('handoff');
    expect(reminderButtons({ kind: 'review' }).dismiss).toBe('Dismiss');
  });

});
