package export

import (
	"encoding/json"
	"io"
	"slices"

	"bridgelog/backend"
)

// writeJSON writes the incident record: every entry, hidden ones and
// revisions included, whatever the options say, because it is the lossless
// form an import reads back. build/schema/incident-record.schema.json
// documents it.
//
// The bytes are deterministic: two-space indent, fields in struct order,
// lists in the order the store sorted them, and a final newline. Go's
// default HTML escaping is kept (<, > and & are written \u003c, \u003e,
// \u0026, as are U+2028 and U+2029): any JSON parser reads them back the
// same, and a record pasted into a web page or a <script> cannot end it.
func writeJSON(w io.Writer, rep *backend.Report) error {
	if rep.Record == nil {
		return backend.Errorf(backend.EINTERNAL, "The incident record was not read: export the incident again")
	}
	data, err := json.MarshalIndent(normalRecord(rep.Record), "", "  ")
	if err != nil {
		return backend.Errorf(backend.EINTERNAL, "Could not encode the incident record: %v", err)
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// normalRecord is rec with every list present: an empty list is written []
// and never null, so a reader need not tell the two apart and a record
// reads the same after a round trip. rec itself is not changed.
func normalRecord(rec *backend.Record) *backend.Record {
	r := *rec
	r.Entries = orEmpty(r.Entries)
	r.Actions = orEmpty(r.Actions)
	r.ActionEvents = orEmpty(r.ActionEvents)
	r.StatusUpdates = orEmpty(r.StatusUpdates)
	r.Pages = orEmpty(r.Pages)
	r.Reminders = orEmpty(r.Reminders)
	r.Watches = make([]backend.RecordWatch, len(rec.Watches))
	for i, w := range rec.Watches {
		w.Criteria = orEmpty(w.Criteria)
		r.Watches[i] = w
	}
	// An empty file's bytes may come back from the store as nil.
	copied := false
	for i := range r.Entries {
		a := r.Entries[i].Attachment
		if a == nil || a.Data != nil {
			continue
		}
		if !copied {
			r.Entries, copied = slices.Clone(r.Entries), true
		}
		c := *a
		c.Data = []byte{}
		r.Entries[i].Attachment = &c
	}
	return &r
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
