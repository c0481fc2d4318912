package app

import (
	"context"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

// Imports is the bound API for bringing chat logs and incident records in.
// The rules are importer.Service's; this adds the open dialog and tells the
// window what changed.
type Imports struct {
	Service *importer.Service
	Dialogs Dialogs
	// Changed is told after an import. Nil is allowed.
	Changed func(incidentID int64)
}

// ImportRequest names the file and what the file itself does not say.
type ImportRequest = importer.Request

// ImportPreview is a parsed file, its messages numbered for Import.
type ImportPreview = importer.Preview

// ChooseFile shows the open dialog for a chat log, a Slack export .zip or an
// incident record. It returns "" when the person cancels.
func (x *Imports) ChooseFile() (string, error) {
	return x.Dialogs.OpenFile("Import a chat log or incident record", "", []FileFilter{
		{Label: "Chat logs, Slack exports and incident records (*.txt, *.zip, *.json)", Pattern: "*.txt;*.zip;*.json"},
		{Label: "All files", Pattern: "*"},
	})
}

// Preview parses the file and marks the messages the incident already holds.
func (x *Imports) Preview(req ImportRequest) (ImportPreview, error) {
	return x.Service.Preview(context.Background(), req)
}

// Import adds the messages at indexes (as the preview numbered them) to the
// incident, in one transaction; messages imported before are skipped.
func (x *Imports) Import(req ImportRequest, indexes []int) (backend.ImportResult, error) {
	out, err := x.Service.Import(context.Background(), req, indexes)
	if err == nil && out.Added > 0 && x.Changed != nil {
		x.Changed(req.IncidentID)
	}
	return out, err
}

// ImportRecord adds a Bridgelog JSON incident record as a new incident.
func (x *Imports) ImportRecord(path string) (*backend.Incident, error) {
	inc, err := x.Service.ImportRecord(context.Background(), path)
	if err == nil && x.Changed != nil {
		x.Changed(inc.ID)
	}
	return inc, err
}
