// What a reminder's buttons say and do. "Acknowledge" once meant three
// things (dismiss the banner, record a check-in silently, leave an update
// overdue); each button now says what it does, and what it records goes on
// the timeline. Pure, so the wording is tested without a window.
import type { Reminder } from './api/types';

/** What the first button does. */
export type ReminderDo = 'compose' | 'checkin' | 'ackAction' | 'reportBack' | 'delegate' | 'handoff' | 'open';

export interface ReminderButtons {
  /** The reminder's own step, the first button (Ctrl+Shift+A). */
  primary: { label: string; does: ReminderDo };
  /** Hides the reminder for good without doing it (Ctrl+Shift+X); null where that makes no sense. */
  dismiss: string | null;
}

const owner = (r: Reminder) => (r.person ? ` by @${r.person}` : '');

export function reminderButtons(r: Pick<Reminder, 'kind' | 'person'>): ReminderButtons {
  const rr = r as Reminder;
  switch (r.kind) {
    case 'status': return { primary: { label: 'Compose update', does: 'compose' }, dismiss: 'Dismiss' };
    // The check-in is the point of the reminder: it is recorded or snoozed, not dismissed.
    case 'checkin': return { primary: { label: 'Record check-in', does: 'checkin' }, dismiss: null };
    case 'action_ack': return { primary: { label: `Mark acknowledged${owner(rr)}`, does: 'ackAction' }, dismiss: 'Dismiss' };
    case 'action_checkin': return { primary: { label: `Record check-in${r.person ? ` from @${r.person}` : ''}`, does: 'reportBack' }, dismiss: 'Dismiss' };
    case 'idle': return { primary: { label: 'Delegate an action', does: 'delegate' }, dismiss: 'Dismiss' };
    case 'fatigue': return { primary: { label: 'Start handoff', does: 'handoff' }, dismiss: 'Dismiss' };
    case 'watch': return { primary: { label: 'Open the watch', does: 'open' }, dismiss: 'Dismiss' };
    case 'gdpr': return { primary: { label: 'Open the security card', does: 'open' }, dismiss: 'Dismiss' };
    default: return { primary: { label: 'Open', does: 'open' }, dismiss: 'Dismiss' };
  }
}
