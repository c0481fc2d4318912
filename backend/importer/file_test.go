package importer_test

import (
	"os"
	"path/filepath"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

func TestParseFile(t *testing.T) {
	dir := writeExport(t, map[string]string{
		"Zoom/2026-11-21 09.00.00 Bridge/meeting_saved_chat.txt": "09:01:00 From Ana to Everyone:\n\tTL: checkout errors start\n",
		"slack/channels.json":           `[{"id":"C1","name":"general"}]`,
		"slack/general/2025-11-21.json": `[{"type":"message","user":"U1","text":"hi","ts":"1763700000.000100"}]`,
	})
	t.Run("ZoomChat", func(t *testing.T) {
		res, err := importer.ParseFile(filepath.Join(dir, "Zoom", "2026-11-21 09.00.00 Bridge", "meeting_saved_chat.txt"), importer.Options{Zone: zone})
		if err != nil {
			t.Fatal(err)
		}
		if m := res.Messages[0]; m.At != local("09:01:00") || !m.Key || !m.Selected || res.Source != "Zoom chat meeting_saved_chat.txt" {
			t.Errorf("got %+v from %q", m, res.Source)
		}
	})
	t.Run("SlackFolder", func(t *testing.T) {
		res, err := importer.ParseFile(filepath.Join(dir, "slack"), importer.Options{})
		if err != nil || res.Source != "Slack #general" || len(res.Messages) != 1 {
			t.Fatalf("got %+v, %v", res, err)
		}
	})
	t.Run("Missing", func(t *testing.T) {
		_, err := importer.ParseFile(filepath.Join(dir, "gone.txt"), importer.Options{})
		wantError(t, err, backend.ENOTFOUND, "gone.txt was not found")
	})
	t.Run("TooLargeBeforeReading", func(t *testing.T) {
		p := filepath.Join(dir, "big.zip")
		if err := os.WriteFile(p, make([]byte, 4096), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := importer.ParseFile(p, importer.Options{MaxBytes: 1024, MaxRecordBytes: 2048})
		wantError(t, err, backend.ETOOLARGE, "big.zip is 4 KB", "up to 2 KB", "unpack it and choose the folder")
	})
	t.Run("RecordLargerThanChats", func(t *testing.T) {
		data := marshal(t, sampleRecord())
		small := int64(len(data) - 1)
		if _, err := importer.Parse("incident.json", data, importer.Options{MaxBytes: small}); err != nil {
			t.Errorf("a record over the chat limit but under the record limit: %v", err)
		}
		_, err := importer.Parse("incident.json", data, importer.Options{MaxBytes: small, MaxRecordBytes: small})
		wantError(t, err, backend.ETOOLARGE, "incident.json is")
	})
}
