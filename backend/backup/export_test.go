package backup

// OnRestoreStep replaces what Restore calls after each of its steps.
func OnRestoreStep(f func(step string)) { stepDone = f }
