package export_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/export"
	"bridgelog/backend/sqlite"
)

// mustService is an export service over a real database in a temporary
// folder, with one incident, and no documents folder of the machine's.
func mustService(tb testing.TB) (*export.Service, *backend.Incident) {
	tb.Helper()
	clock := &backend.FixedClock{T: time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)}
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "bridgelog.db"), clock)
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	incs := sqlite.NewIncidentService(db)
	inc, err := incs.CreateIncident(context.Background(), backend.IncidentCreate{Title: "EU logins failing", Severity: backend.SEV1, Author: "Priya"})
	if err != nil {
		tb.Fatal(err)
	}
	home := tb.TempDir()
	return &export.Service{
		Records: sqlite.NewRecordService(db), Incidents: incs, Clock: clock,
		Getenv: func(string) string { return "" },
		Home:   func() (string, error) { return home, nil },
	}, inc
}

func TestService_SaveExisting(t *testing.T) {
	ctx := context.Background()
	t.Run("ErrConflict", func(t *testing.T) {
		s, inc := mustService(t)
		path := filepath.Join(t.TempDir(), "incident.json")
		if err := os.WriteFile(path, []byte("kept"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := s.Save(ctx, export.Request{IncidentID: inc.ID, Format: "json"}, path)
		if got, want := backend.ErrorCode(err), backend.ECONFLICT; got != want {
			t.Fatalf("got code %q (%v), want %q", got, err, want)
		}
		if msg := backend.ErrorMessage(err); !strings.Contains(msg, path) || !strings.Contains(msg, "Replace") {
			t.Errorf("got %q, want it to name %s and say how to replace it", msg, path)
		}
		if b, _ := os.ReadFile(path); string(b) != "kept" {
			t.Errorf("got file %q, want it unchanged", b)
		}
	})
	t.Run("Replace", func(t *testing.T) {
		s, inc := mustService(t)
		path := filepath.Join(t.TempDir(), "incident.json")
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		res, err := s.Save(ctx, export.Request{IncidentID: inc.ID, Format: "json", Replace: true}, path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		if len(res.Files) != 1 || res.Files[0] != path || !strings.Contains(string(b), "EU logins failing") {
			t.Errorf("got %+v and file %q, want %s replaced by the export", res, b, path)
		}
	})
	t.Run("ErrMarkdownAssets", func(t *testing.T) {
		s, inc := mustService(t)
		dir := t.TempDir()
		path := filepath.Join(dir, "incident.md")
		if err := os.Mkdir(filepath.Join(dir, "incident-assets"), 0o700); err != nil {
			t.Fatal(err)
		}
		_, err := s.Save(ctx, export.Request{IncidentID: inc.ID, Format: "md"}, path)
		if got, want := backend.ErrorCode(err), backend.ECONFLICT; got != want {
			t.Fatalf("got code %q (%v), want %q", got, err, want)
		}
		if msg := backend.ErrorMessage(err); !strings.Contains(msg, "incident-assets") {
			t.Errorf("got %q, want it to name the attachments folder", msg)
		}
		if _, err := os.Stat(path); err == nil {
			t.Error("got the Markdown written, want nothing")
		}
	})
	t.Run("NewFile", func(t *testing.T) {
		s, inc := mustService(t)
		path := filepath.Join(t.TempDir(), "incident.md")
		if _, err := s.Save(ctx, export.Request{IncidentID: inc.ID, Format: "md"}, path); err != nil {
			t.Fatal(err)
		}
		// The second save of the same file is the one that asks.
		_, err := s.Save(ctx, export.Request{IncidentID: inc.ID, Format: "md"}, path)
		if got, want := backend.ErrorCode(err), backend.ECONFLICT; got != want {
			t.Errorf("got code %q (%v) saving twice, want %q", got, err, want)
		}
	})
}

func TestService_DefaultFolder(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		xdg  bool // XDG_DOCUMENTS_DIR set to a folder that exists
		docs bool // ~/Documents exists
		want func(home, xdg string) string
	}{
		{"XDGDocuments", true, true, func(_, xdg string) string { return filepath.Join(xdg, "Bridgelog") }},
		{"HomeDocuments", false, true, func(home, _ string) string { return filepath.Join(home, "Documents", "Bridgelog") }},
		{"NoDocuments", false, false, func(home, _ string) string { return filepath.Join(home, "Documents", "Bridgelog") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, inc := mustService(t)
			home, xdg := t.TempDir(), filepath.Join(t.TempDir(), "Docs")
			s.Home = func() (string, error) { return home, nil }
			if tc.xdg {
				if err := os.Mkdir(xdg, 0o700); err != nil {
					t.Fatal(err)
				}
				s.Getenv = func(k string) string { return map[string]string{"XDG_DOCUMENTS_DIR": xdg}[k] }
			}
			if tc.docs {
				if err := os.Mkdir(filepath.Join(home, "Documents"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			req := export.Request{IncidentID: inc.ID, Format: "csv"}
			path, err := s.DefaultPath(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			want := filepath.Join(tc.want(home, xdg), "2026-11-21-eu-logins-failing.csv")
			if path != want {
				t.Fatalf("got %q, want %q", path, want)
			}
			if _, err := s.Save(ctx, req, path); err != nil {
				t.Fatalf("got %v saving to the default path, want it saved", err)
			}
			for dir := filepath.Dir(path); dir != filepath.Dir(tc.want(home, xdg)); dir = filepath.Dir(dir) {
				st, err := os.Stat(dir)
				if err != nil || !st.IsDir() {
					t.Fatalf("got %v for %s, want a folder", err, dir)
				}
				if got, want := st.Mode().Perm(), os.FileMode(0o700); got != want {
					t.Errorf("got mode %v for %s, want %v", got, dir, want)
				}
			}
			if !tc.docs {
				if st, err := os.Stat(filepath.Join(home, "Documents")); err != nil || st.Mode().Perm() != 0o700 {
					t.Errorf("got %v, %v for ~/Documents, want it made with mode 0700", st, err)
				}
			}
		})
	}
	t.Run("ErrTypedFolderFarOff", func(t *testing.T) {
		s, inc := mustService(t)
		path := filepath.Join(t.TempDir(), "Documents", "Bridgelog", "out.csv")
		_, err := s.Save(ctx, export.Request{IncidentID: inc.ID, Format: "csv"}, path)
		if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
			t.Errorf("got code %q (%v), want %q: only the default path gets two folders made", got, err, want)
		}
	})
}
