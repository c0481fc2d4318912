package backend

// Event names sent from the backend to the UI.
const (
	// EventFocusRequested asks the UI to focus the entry line (a second launch happened).
	EventFocusRequested = "app:focus_requested"
)
