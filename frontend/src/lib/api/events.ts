// The one adapter for backend-to-UI events. Event names mirror backend/events.go.
import { EventsOn, OnFileDrop, OnFileDropOff } from '../../../wailsjs/runtime/runtime';
import type { cadence } from '../../../wailsjs/go/models';
import { toReminder } from './clocks';
import type { Reminder } from './types';

export const EventFocusRequested = 'app:focus_requested';
export const EventReminderDue = 'reminder:due';
export const EventReminderOpen = 'reminder:open';
export const EventClocksChanged = 'clocks:changed';

/** What reminder:open asks for: show the card of a reminder's kind. */
export interface ReminderOpenRequest {
  incidentId: number;
  kind: string;
  key: string;
}

function listen(name: string, fn: (data: unknown) => void): () => void {
  try {
    return EventsOn(name, (data: unknown) => fn(data));
  } catch {
    // Outside the Wails webview (a plain browser) there is no runtime: nothing to listen to.
    return () => {};
  }
}

/** onFocusRequested calls fn when a second launch asks for the entry line; returns an unsubscribe. */
export function onFocusRequested(fn: () => void): () => void {
  return listen(EventFocusRequested, () => fn());
}

/** onReminderDue calls fn with each reminder that came due, turned urgent or came back from a snooze. */
export function onReminderDue(fn: (r: Reminder) => void): () => void {
  return listen(EventReminderDue, (data) => {
    if (data && typeof data === 'object') fn(toReminder(data as cadence.Reminder));
  });
}

/** onReminderOpen calls fn when a notification was clicked (or a second launch) for a reminder. */
export function onReminderOpen(fn: (req: ReminderOpenRequest) => void): () => void {
  return listen(EventReminderOpen, (data) => {
    const d = (data ?? {}) as Partial<ReminderOpenRequest>;
    fn({ incidentId: Number(d.incidentId) || 0, kind: String(d.kind ?? ''), key: String(d.key ?? '') });
  });
}

/** onClocksChanged calls fn with the incident whose clocks may have moved. */
export function onClocksChanged(fn: (incidentId: number) => void): () => void {
  return listen(EventClocksChanged, (data) => {
    fn(Number((data as { incidentId?: unknown } | null)?.incidentId) || 0);
  });
}

/**
 * onFileDrop calls fn with the paths of files dropped on the window (Wails'
 * native drop, used in the desktop window where the page gets no File
 * objects); returns an unsubscribe. Outside Wails it does nothing: a browser
 * hands the page the files themselves.
 */
export function onFileDrop(fn: (paths: string[]) => void): () => void {
  try {
    OnFileDrop((_x: number, _y: number, paths: string[]) => fn(paths ?? []), false);
    return () => {
      try {
        OnFileDropOff();
      } catch {
        // Already gone with the runtime.
      }
    };
  } catch {
    return () => {};
  }
}
