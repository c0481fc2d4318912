package backup_test

import (
	"testing"

	"bridgelog/backend/backup"
)

func TestParseName(t *testing.T) {
	for _, tt := range []struct {
		file string
		want backup.Name
	}{
		{"bridgelog-20261122T181500Z-1204e-3i-resolved.db",
			backup.Name{Time: t0, Reason: "resolved", Seq: 1, Counted: true, Entries: 1204, Incidents: 3}},
		{"bridgelog-20261122T181500Z-0e-0i-quit-2.db",
			backup.Name{Time: t0, Reason: "quit", Seq: 2, Counted: true}},
		{"bridgelog-20261122T181500Z-7e-1i-before-recovery.db",
			backup.Name{Time: t0, Reason: "before-recovery", Seq: 1, Counted: true, Entries: 7, Incidents: 1}},
		// Names from before counts were recorded, and raw copies.
		{"bridgelog-20261122T181500Z-resolved.db", backup.Name{Time: t0, Reason: "resolved", Seq: 1}},
		{"bridgelog-20261122T181500Z-before-restore-12.db", backup.Name{Time: t0, Reason: "before-restore", Seq: 12}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			got, ok := backup.ParseName(tt.file)
			if !ok || !got.Time.Equal(tt.want.Time) {
				t.Fatalf("got %+v, %v; want %+v", got, ok, tt.want)
			}
			got.Time = tt.want.Time // same instant, maybe another *Location
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if got, want := got.String(), tt.file; got != want {
				t.Errorf("got name %q back, want %q", got, want)
			}
		})
	}

	// Not backups: never listed, never pruned.
	for _, file := range []string{
		"bridgelog-20261122T181500Z-unknown.db",
		"bridgelog-20261122T181500Z-1204e-resolved.db",     // no incidents
		"bridgelog-20261122T181500Z-1204e-3i.db",           // no reason
		"bridgelog-20261122T181500Z-01e-3i-resolved.db",    // two spellings of one count
		"bridgelog-20261122T181500Z-+1e-3i-resolved.db",    // a sign
		"bridgelog-20261122T181500Z-1e-3i-resolved.db-wal", // a side file
		"bridgelog-20261122T181500Z-3i-1204e-resolved.db",  // counts the other way round
		"bridgelog-20261122T181500Z-99999999999999999999e-1i-quit.db",
		".bridgelog-partial-123.db",
		"notes.txt",
	} {
		t.Run(file, func(t *testing.T) {
			if got, ok := backup.ParseName(file); ok {
				t.Errorf("got %+v, want no backup name", got)
			}
		})
	}
}
