package export_test

import (
	"context"
	"encoding/base64"
	"time"

	"bridgelog/backend"
)

// tinyPNG is a 1x1 PNG, the fixture's screenshot.
var tinyPNG, _ = base64.StdEncoding.DecodeString(
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")

// at is a time on the fixture's first day, 2026-11-21, in UTC.
func at(hhmm string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", "2026-11-21 "+hhmm)
	if err != nil {
		panic(err)
	}
	return t
}

// Payloads are the hostile strings placed in the fixture's entries: every
// format must show them as text and never as markup, a link or a script.
var Payloads = []string{
	`<script>document.title='pwned'</script>`,
	`<img src=x onerror="document.title='pwned'">`,
	`[click me](javascript:document.title='pwned')`,
	`| a | b | pipe | and ` + "`backticks`",
	`=HYPERLINK("http://example.invalid","csv injection")`,
	"line one\nline two",
}

// fixtureReport is a SEV1 that crosses midnight in UTC: every kind, a
// handoff, a late status update, an edit, a hidden entry, an imported
// chat message, an attachment, and the hostile payloads.
func fixtureReport() *backend.Report {
	declared := at("22:10")
	inc := &backend.Incident{ID: 7, UID: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", Title: "EU logins failing <b>bold</b> | pipe",
		DeclaredAt: declared, DetectedAt: at("22:02"), CreatedAt: declared, UpdatedAt: at("23:59").Add(95 * time.Minute),
		Severity: backend.SEV2, Phase: backend.PhaseResolved, Impact: "EU customers cannot log in",
		MitigatedAt: at("23:40"), ResolvedAt: at("23:59").Add(91 * time.Minute)}
	var entries []*backend.Entry
	add := func(e backend.Entry) *backend.Entry {
		e.ID = int64(len(entries) + 1)
		e.IncidentID = inc.ID
		if e.RecordedAt.IsZero() {
			e.RecordedAt = e.OccurredAt
		}
		if e.Raw == "" {
			e.Raw = e.Text
		}
		entries = append(entries, &e)
		return &e
	}
	add(backend.Entry{Kind: backend.KindSeverity, Severity: backend.SEV2, Text: "Declared SEV2", Key: true, OccurredAt: declared, Author: "Priya", AuthorRole: backend.RoleIC})
	add(backend.Entry{Kind: backend.KindRole, Role: backend.RoleIC, Person: "Priya", Text: "Priya", OccurredAt: declared, Author: "Priya", AuthorRole: backend.RoleIC})
	add(backend.Entry{Kind: backend.KindRole, Role: backend.RoleScribe, Person: "Sam", Text: "Sam", OccurredAt: at("22:11"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindImpact, Text: "EU customers cannot log in", OccurredAt: at("22:12"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindHypothesis, Text: "cache stampede after deploy 41", OccurredAt: at("22:15"), Author: "Sam", AuthorRole: backend.RoleScribe, Revisions: 1})
	add(backend.Entry{Kind: backend.KindSeverity, Severity: backend.SEV1, Text: "checkout failing too", Key: true, OccurredAt: at("22:20"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindAction, Text: "restart the session cache", Owner: "jon", CheckIn: 10, OccurredAt: at("22:22"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindStatus, Text: "SEV1: EU logins failing, next update 22:55", OccurredAt: at("22:25"), Author: "Priya", AuthorRole: backend.RoleIC})
	add(backend.Entry{Kind: backend.KindNote, Text: Payloads[0], OccurredAt: at("22:26"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindNote, Text: Payloads[1], OccurredAt: at("22:27"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindNote, Text: Payloads[2], OccurredAt: at("22:28"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindNote, Text: Payloads[3], OccurredAt: at("22:29"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindNote, Text: Payloads[4], OccurredAt: at("22:30"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindEvidence, Text: Payloads[5], OccurredAt: at("22:31"), Author: "Sam", AuthorRole: backend.RoleScribe})
	shot := add(backend.Entry{Kind: backend.KindEvidence, Text: "Screenshot error-rate.png", OccurredAt: at("22:33"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindNote, Text: "vendor contract says 4h response", Internal: true, OccurredAt: at("22:35"), Author: "Priya", AuthorRole: backend.RoleIC})
	add(backend.Entry{Kind: backend.KindNote, Text: "TL: deploy 41 touched the session cache", Key: true, OccurredAt: at("22:36"), Author: "Ana", Source: "zoom"})
	add(backend.Entry{Kind: backend.KindDecision, Text: "roll back to v40 (@jon)", Key: true, OccurredAt: at("22:40"), Author: "Sam", AuthorRole: backend.RoleScribe})
	hidden := add(backend.Entry{Kind: backend.KindNote, Text: "wrong incident, ignore", OccurredAt: at("22:41"), Author: "Sam", AuthorRole: backend.RoleScribe})
	hidden.DeletedAt = at("22:42")
	add(backend.Entry{Kind: backend.KindMitigation, Text: "rollback to v40 started", OccurredAt: at("22:45"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindPhase, Phase: backend.PhaseMitigating, Text: "", OccurredAt: at("22:45"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindStatus, Text: "SEV1: rollback under way, next update 23:30", OccurredAt: at("23:05"), Author: "Priya", AuthorRole: backend.RoleIC})
	add(backend.Entry{Kind: backend.KindRole, Role: backend.RoleIC, Person: "Marco", Text: "Marco", OccurredAt: at("23:20"), Author: "Priya", AuthorRole: backend.RoleIC})
	add(backend.Entry{Kind: backend.KindSeverity, Severity: backend.SEV2, Text: "logins recovering", OccurredAt: at("23:35"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindPhase, Phase: backend.PhaseMonitoring, Text: "error rate back to baseline", Key: true, OccurredAt: at("23:40"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindFactor, Text: "no alert on session cache hit rate", OccurredAt: at("23:45"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindFollowUp, Text: "@jon alert on session cache hit rate due 2026-12-04", OccurredAt: at("23:50"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindFollowUp, Text: "canary deploys for the session service", OccurredAt: at("23:52"), Author: "Sam", AuthorRole: backend.RoleScribe})
	add(backend.Entry{Kind: backend.KindPhase, Phase: backend.PhaseResolved, Text: "stable for 90 minutes", Key: true, OccurredAt: inc.ResolvedAt, Author: "Marco", AuthorRole: backend.RoleIC})
	inc.EntryCount = len(entries) - 1

	shotMeta := backend.Attachment{ID: 1, EntryID: shot.ID, Name: "error-rate.png", MIME: "image/png",
		Size: int64(len(tinyPNG)), SHA256: "fixture", Width: 1, Height: 1, CreatedAt: shot.OccurredAt}
	shot.Attachment = &shotMeta
	return &backend.Report{
		Incident: inc,
		Entries:  entries,
		Revisions: map[int64][]backend.Revision{5: {{EntryID: 5, Raw: "? cache stampede", Text: "cache stampede",
			Kind: backend.KindHypothesis, OccurredAt: at("22:15"), RevisedAt: at("22:16")}}},
		Attachments: map[int64]backend.Attachment{shot.ID: shotMeta},
		Roles: []backend.RoleAssignment{
			{Role: backend.RoleIC, Person: "Priya", From: declared, To: at("23:20"), EntryID: 2},
			{Role: backend.RoleScribe, Person: "Sam", From: at("22:11"), EntryID: 3},
			{Role: backend.RoleIC, Person: "Marco", From: at("23:20"), EntryID: 23},
		},
		Actions: []backend.Action{{ID: 1, IncidentID: inc.ID, EntryID: 7, Owner: "jon", Text: "restart the session cache",
			State: backend.ActionDone, AskedAt: at("22:22"), AckedAt: at("22:23"), CheckInAt: at("22:32"), ClosedAt: at("22:38")}},
		Updates: []backend.StatusUpdate{
			{EntryID: 8, Audience: backend.AudienceExternal, SentAt: at("22:25"), NextAt: at("22:55"), Text: entries[7].Text},
			{EntryID: 22, Audience: backend.AudienceExternal, SentAt: at("23:05"), NextAt: at("23:30"), Text: entries[21].Text},
		},
		Pages: []backend.Page{{ID: 1, IncidentID: inc.ID, Person: "jon", Level: 1, State: backend.PageJoined,
			PagedAt: at("22:12"), AnsweredAt: at("22:14")}},
		Record: &backend.Record{Format: backend.RecordFormat, Version: backend.RecordVersion,
			Incident: backend.RecordIncident{UID: inc.UID, Title: inc.Title, DeclaredAt: declared, CreatedAt: declared, UpdatedAt: inc.UpdatedAt}},
		AttachmentData: func(_ context.Context, id int64) ([]byte, error) {
			if id != 1 {
				return nil, backend.Errorf(backend.ENOTFOUND, "No attachment %d", id)
			}
			return tinyPNG, nil
		},
	}
}

// fixedNow is when the fixture's exports are made: the morning after.
var fixedNow = at("23:59").Add(10 * time.Hour)
