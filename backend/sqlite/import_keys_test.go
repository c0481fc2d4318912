package sqlite_test

import (
	"context"
	"maps"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

func TestRecordService_ExistingSourceKeys(t *testing.T) {
	ctx := context.Background()
	db, _ := MustOpenDB(t)
	svc := sqlite.NewRecordService(db)
	a := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	b := MustCreateIncident(t, db, "Search slow", backend.SEV3)
	if _, err := svc.ImportEntries(ctx, a.ID, []backend.ImportedEntry{
		{OccurredAt: t0, Kind: backend.KindNote, Text: "pods restarting", Source: "zoom", SourceKey: "zoom:1"},
		{OccurredAt: t0, Kind: backend.KindNote, Text: "rollback", Source: "zoom", SourceKey: "zoom:2"},
	}); err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		got, err := svc.ExistingSourceKeys(ctx, a.ID, []string{"zoom:2", "zoom:3", "", "zoom:1"})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[string]bool{"zoom:1": true, "zoom:2": true}; !maps.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("OtherIncident", func(t *testing.T) {
		got, err := svc.ExistingSourceKeys(ctx, b.ID, []string{"zoom:1"})
		if err != nil || len(got) != 0 {
			t.Errorf("got %v, %v; want none: the keys belong to another incident", got, err)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		got, err := svc.ExistingSourceKeys(ctx, a.ID, nil)
		if err != nil || len(got) != 0 {
			t.Errorf("got %v, %v; want none", got, err)
		}
	})
	t.Run("ErrNoIncident", func(t *testing.T) {
		_, err := svc.ExistingSourceKeys(ctx, 999, []string{"zoom:1"})
		if code := backend.ErrorCode(err); code != backend.ENOTFOUND {
			t.Errorf("got %v (code %q), want %q", err, code, backend.ENOTFOUND)
		}
	})
}
