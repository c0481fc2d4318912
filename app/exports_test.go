package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"bridgelog/app"
	"bridgelog/backend"
	"bridgelog/backend/export"
)

func TestExports_Formats(t *testing.T) {
	r := mustRecs(t)
	got := r.exports.Formats()
	if len(got) != len(export.Formats) {
		t.Fatalf("got %d formats, want %d", len(got), len(export.Formats))
	}
	for i, f := range got {
		if f.Format != string(export.Formats[i].Format) || f.Ext != export.Formats[i].Ext || f.Text != export.Formats[i].Text {
			t.Errorf("format %d: got %+v, want %+v", i, f, export.Formats[i])
		}
	}
}

func TestExports_Text(t *testing.T) {
	t.Run("JSON", func(t *testing.T) {
		r := mustRecs(t)
		out, err := r.exports.Text(app.ExportRequest{IncidentID: r.inc.ID, Format: "json"})
		if err != nil {
			t.Fatal(err)
		}
		var rec backend.Record
		if err := json.Unmarshal([]byte(out), &rec); err != nil {
			t.Fatalf("got %v reading the JSON export", err)
		}
		if rec.Format != backend.RecordFormat || rec.Incident.UID != r.inc.UID || len(rec.Entries) != 4 {
			t.Errorf("got record %q uid %q with %d entries, want %q uid %q with 4 (the severity and 3 lines)", rec.Format, rec.Incident.UID, len(rec.Entries), backend.RecordFormat, r.inc.UID)
		}
	})
	t.Run("ErrPDF", func(t *testing.T) {
		r := mustRecs(t)
		_, err := r.exports.Text(app.ExportRequest{IncidentID: r.inc.ID, Format: "pdf"})
		wantCode(t, err, backend.EINVALID)
	})
	t.Run("ErrFormat", func(t *testing.T) {
		r := mustRecs(t)
		_, err := r.exports.Text(app.ExportRequest{IncidentID: r.inc.ID, Format: "docx"})
		wantCode(t, err, backend.EINVALID)
	})
	t.Run("ErrNoIncident", func(t *testing.T) {
		r := mustRecs(t)
		_, err := r.exports.Text(app.ExportRequest{IncidentID: 999, Format: "json"})
		wantCode(t, err, backend.ENOTFOUND)
	})
}

func TestExports_DefaultPath(t *testing.T) {
	t.Run("XDGDocuments", func(t *testing.T) {
		r := mustRecs(t)
		docs := t.TempDir()
		r.exports.Service.Getenv = func(k string) string {
			if k == "XDG_DOCUMENTS_DIR" {
				return docs
			}
			return ""
		}
		got, err := r.exports.DefaultPath(app.ExportRequest{IncidentID: r.inc.ID, Format: "review"})
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(docs, "Bridgelog", "2026-11-21-eu-logins-failing.review.md"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("HomeDocuments", func(t *testing.T) {
		r := mustRecs(t)
		home := t.TempDir()
		if err := os.Mkdir(filepath.Join(home, "Documents"), 0o700); err != nil {
			t.Fatal(err)
		}
		r.exports.Service.Home = func() (string, error) { return home, nil }
		got, err := r.exports.DefaultPath(app.ExportRequest{IncidentID: r.inc.ID, Format: "pdf"})
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(home, "Documents", "Bridgelog", "2026-11-21-eu-logins-failing.pdf"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("NoDocuments", func(t *testing.T) {
		r := mustRecs(t)
		home := t.TempDir()
		r.exports.Service.Home = func() (string, error) { return home, nil }
		got, err := r.exports.DefaultPath(app.ExportRequest{IncidentID: r.inc.ID, Format: "csv"})
		if err != nil {
			t.Fatal(err)
		}
		// Never the home folder itself: the save makes Documents/Bridgelog.
		if want := filepath.Join(home, "Documents", "Bridgelog", "2026-11-21-eu-logins-failing.csv"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestExports_ChoosePath(t *testing.T) {
	r := mustRecs(t)
	docs := filepath.Join(t.TempDir(), "Docs")
	if err := os.Mkdir(docs, 0o700); err != nil {
		t.Fatal(err)
	}
	r.exports.Service.Getenv = func(k string) string { return map[string]string{"XDG_DOCUMENTS_DIR": docs}[k] }
	r.dialogs.answer = "/tmp/picked.html"
	got, err := r.exports.ChoosePath(app.ExportRequest{IncidentID: r.inc.ID, Format: "html"})
	if err != nil {
		t.Fatal(err)
	}
	if got != "/tmp/picked.html" {
		t.Errorf("got %q, want the dialog's answer", got)
	}
	if want := filepath.Join(docs, "Bridgelog"); r.dialogs.dir != want || r.dialogs.name != "2026-11-21-eu-logins-failing.html" {
		t.Errorf("got dialog in %q with %q, want %q with the default name", r.dialogs.dir, r.dialogs.name, want)
	}
	if st, err := os.Stat(filepath.Join(docs, "Bridgelog")); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("got %v, %v for the Bridgelog folder, want it made with mode 0700", st, err)
	}
}

func TestExports_Save(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		r := mustRecs(t)
		dir := filepath.Join(t.TempDir(), "Bridgelog")
		path := filepath.Join(dir, "incident.json")
		res, err := r.exports.Save(app.ExportRequest{IncidentID: r.inc.ID, Format: "json"}, path)
		if err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Files) != 1 || res.Files[0] != path || res.Bytes != st.Size() || st.Size() == 0 {
			t.Errorf("got %+v, want [%s] and %d bytes", res, path, st.Size())
		}
		if dst, _ := os.Stat(dir); dst.Mode().Perm() != 0o700 {
			t.Errorf("got folder mode %v, want 0700", dst.Mode().Perm())
		}
	})
	t.Run("ErrRelative", func(t *testing.T) {
		r := mustRecs(t)
		_, err := r.exports.Save(app.ExportRequest{IncidentID: r.inc.ID, Format: "json"}, "out.json")
		wantCode(t, err, backend.EINVALID)
	})
	t.Run("ErrFolderFarOff", func(t *testing.T) {
		r := mustRecs(t)
		path := filepath.Join(t.TempDir(), "no", "such", "out.json")
		_, err := r.exports.Save(app.ExportRequest{IncidentID: r.inc.ID, Format: "json"}, path)
		wantCode(t, err, backend.EINVALID)
		if _, err := os.Stat(filepath.Dir(path)); err == nil {
			t.Error("got the folders made, want none")
		}
	})
	t.Run("ErrBadRequestWritesNothing", func(t *testing.T) {
		r := mustRecs(t)
		path := filepath.Join(t.TempDir(), "out.md")
		_, err := r.exports.Save(app.ExportRequest{IncidentID: r.inc.ID, Format: "md", From: "soon"}, path)
		wantCode(t, err, backend.EINVALID)
		if _, err := os.Stat(path); err == nil {
			t.Error("got a file, want none")
		}
	})
}
