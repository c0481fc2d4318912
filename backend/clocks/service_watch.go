package clocks

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"bridgelog/backend"
)

// runningWatch reads the incident and its running watch, failing with a
// conflict when the incident is not monitoring.
func (s *Service) runningWatch(ctx context.Context, incidentID int64) (*backend.Snapshot, *Watch, error) {
	snap, err := s.Calls.Snapshot(ctx, incidentID)
	if err != nil {
		return nil, nil, err
	}
	b := BuildBoard(snap, s.policy(), s.Clock.Now(), max(s.TimeScale, 1), s.criteria())
	if b.Watch == nil {
		return nil, nil, backend.Errorf(backend.ECONFLICT, "No monitoring watch is running: mark the incident mitigated (phase monitoring) first")
	}
	return snap, b.Watch, nil
}

// saveWatch stores the watch's length and criteria with a timeline note,
// then returns it as the board now shows it.
func (s *Service) saveWatch(ctx context.Context, incidentID int64, w *Watch, note string) (*Watch, error) {
	rec := backend.WatchRecord{StartEntryID: w.StartEntryID, Minutes: w.Minutes, Criteria: w.Criteria}
	if err := s.Calls.SaveWatch(ctx, incidentID, rec, note, s.me()); err != nil {
		return nil, err
	}
	s.changed(incidentID)
	_, saved, err := s.runningWatch(ctx, incidentID)
	return saved, err
}

// StartWatch moves the incident to monitoring if needed (which starts a
// watch) and sets the watch's length (0: the default) and exit criteria
// (none: the defaults).
func (s *Service) StartWatch(ctx context.Context, incidentID int64, minutes int, criteria []string) (*Watch, error) {
	// Checked before the phase changes, so refused criteria change nothing.
	texts, err := cleanCriteria(criteria)
	if err != nil {
		return nil, err
	}
	inc, err := s.Incidents.FindIncident(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	if inc.Phase != backend.PhaseMonitoring {
		phase := backend.PhaseMonitoring
		if _, err := s.Incidents.UpdateIncident(ctx, incidentID, backend.IncidentUpdate{Phase: &phase, Author: s.me()}); err != nil {
			return nil, err
		}
		s.changed(incidentID)
	}
	_, w, err := s.runningWatch(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	if minutes > 0 {
		w.Minutes = minutes
	}
	if len(texts) > 0 {
		w.Criteria = make([]backend.WatchCriterion, len(texts))
		for i, t := range texts {
			w.Criteria[i].Text = t
		}
	}
	var list []string
	for _, c := range w.Criteria {
		list = append(list, c.Text)
	}
	return s.saveWatch(ctx, incidentID, w, fmt.Sprintf("Monitoring watch of %d min; exit criteria: %s", w.Minutes, strings.Join(list, "; ")))
}

// Bounds of a watch's exit criteria: a few conditions a person can check
// during the watch, each a sentence.
const (
	maxWatchCriteria  = 20
	maxCriterionChars = 300
)

// cleanCriteria cleans the criteria as typed, dropping empty ones, and
// refuses more or longer ones than a watch can show.
func cleanCriteria(criteria []string) ([]string, error) {
	var texts []string
	for _, c := range criteria {
		if c = strings.TrimSpace(backend.CleanText(c)); c != "" {
			texts = append(texts, c)
		}
	}
	if len(texts) > maxWatchCriteria {
		return nil, backend.Errorf(backend.EINVALID, "A watch has up to %d exit criteria, not %d: keep the ones that show the mitigation held", maxWatchCriteria, len(texts))
	}
	for i, c := range texts {
		if n := utf8.RuneCountInString(c); n > maxCriterionChars {
			return nil, backend.Errorf(backend.EINVALID, "Exit criterion %d is %d characters: say it in a sentence (up to %d)", i+1, n, maxCriterionChars)
		}
	}
	return texts, nil
}

// TickWatch ticks or unticks an exit criterion by index.
func (s *Service) TickWatch(ctx context.Context, incidentID int64, index int, done bool) (*Watch, error) {
	_, w, err := s.runningWatch(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= len(w.Criteria) {
		return nil, backend.Errorf(backend.EINVALID, "The watch has %d exit criteria; there is no number %d", len(w.Criteria), index+1)
	}
	c := &w.Criteria[index]
	if c.Done == done {
		return w, nil
	}
	c.Done, c.DoneAt, c.DoneBy = done, s.Clock.Now(), s.me()
	note := "Exit criterion met: " + c.Text
	if !done {
		c.DoneAt, c.DoneBy = time.Time{}, ""
		note = "Exit criterion no longer met: " + c.Text
	}
	return s.saveWatch(ctx, incidentID, w, note)
}

// ExtendWatch lengthens the running watch by minutes; the watch reminder
// comes again at the new end.
func (s *Service) ExtendWatch(ctx context.Context, incidentID int64, minutes int) (*Watch, error) {
	_, w, err := s.runningWatch(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	w.Minutes += minutes
	return s.saveWatch(ctx, incidentID, w, fmt.Sprintf("Monitoring watch extended by %d min, to %d min", minutes, w.Minutes))
}

// EndWatch resolves the incident, or reopens it (back to investigating)
// because the mitigation did not hold.
func (s *Service) EndWatch(ctx context.Context, incidentID int64, resolve bool) (*backend.Incident, error) {
	if _, _, err := s.runningWatch(ctx, incidentID); err != nil {
		return nil, err
	}
	phase := backend.PhaseInvestigating
	if resolve {
		phase = backend.PhaseResolved
	}
	inc, err := s.Incidents.UpdateIncident(ctx, incidentID, backend.IncidentUpdate{Phase: &phase, Author: s.me()})
	if err != nil {
		return nil, err
	}
	s.changed(incidentID)
	return inc, nil
}
