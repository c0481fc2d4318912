package backend

// Event names sent from the backend to the UI.
const (
	// EventFocusRequested asks the UI to focus the entry line (a second launch happened).
	EventFocusRequested = "app:focus_requested"
	// EventReminderDue carries a cadence.Reminder that just came due (or turned
	// urgent, or came back from a snooze): the UI shows its banner.
	EventReminderDue = "reminder:due"
	// EventReminderOpen asks the UI to show the card of a reminder
	// ({incidentId, kind, key}); the window has been focused.
	EventReminderOpen = "reminder:open"
	// EventClocksChanged says an incident's clocks may have moved
	// ({incidentId}): refetch its board.
	EventClocksChanged = "clocks:changed"
)
