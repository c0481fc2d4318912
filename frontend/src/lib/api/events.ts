// The one adapter for backend-to-UI events. Event names mirror backend/events.go.
import { EventsOn } from '../../../wailsjs/runtime/runtime';

export const EventFocusRequested = 'app:focus_requested';

/** onFocusRequested calls fn when a second launch asks for the entry line; returns an unsubscribe. */
export function onFocusRequested(fn: () => void): () => void {
  try {
    return EventsOn(EventFocusRequested, () => fn());
  } catch {
    // Outside the Wails webview (a plain browser) there is no runtime: nothing to listen to.
    return () => {};
  }
}
