// The reminder banner's queue across incidents: reminder:due adds, Reminders.List
// (on load and on clocks:changed) makes it the full current set, Acknowledge and
// Snooze take one out at once (and put it back if Go refuses).
import * as api from '../api/clocks';
import type { Reminder } from '../api/types';
import { addReminder, removeReminder, syncReminders } from '../clocks';

export const snoozeMinutes = 5;

class RemindersStore {
  queue = $state.raw<Reminder[]>([]);
  current = $derived(this.queue[0] ?? null);
  private seq = 0;

  /** due queues a reminder that just came due (or turned urgent). */
  due(r: Reminder): void {
    this.queue = addReminder(this.queue, r);
  }

  /** load replaces the queue with what is due now across incidents; the latest call wins. */
  async load(): Promise<void> {
    const seq = ++this.seq;
    const list = await api.listReminders(0);
    if (seq === this.seq) this.queue = syncReminders(this.queue, list);
  }

  find(incidentId: number, key: string): Reminder | null {
    return this.queue.find((r) => r.incidentId === incidentId && r.key === key) ?? null;
  }

  async ack(r: Reminder): Promise<void> {
    await this.settle(r, () => api.ackReminder(r.incidentId, r.key));
  }

  async snooze(r: Reminder, minutes = snoozeMinutes): Promise<void> {
    await this.settle(r, () => api.snoozeReminder(r.incidentId, r.key, minutes));
  }

  /** settle takes r out of the queue while fn does what settles it; it comes back if fn fails. */
  async settle(r: Reminder, fn: () => Promise<unknown>): Promise<void> {
    this.seq++; // a List answer from before this would bring it back
    this.queue = removeReminder(this.queue, r);
    try {
      await fn();
    } catch (err) {
      this.queue = addReminder(this.queue, r);
      throw err;
    }
  }
}

export const reminders = new RemindersStore();
