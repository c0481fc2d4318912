package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"bridgelog/backend"
)

// ParseRecord reads Bridgelog's own JSON export. It checks that the file is
// one, that this Bridgelog can read its version, and that its parts refer to
// each other consistently, so the store's import meets only sound records.
// Unknown fields are ignored: a newer Bridgelog may add optional ones
// without changing the version.
func ParseRecord(name string, data []byte) (*backend.Record, error) {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	// Entries are counted without decoding them (an empty struct takes no
	// memory), so an oversized record is refused before it is read.
	var head struct {
		Format  *string    `json:"format"`
		Version *int       `json:"version"`
		Entries []struct{} `json:"entries"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonError(baseName(name), data, err, fixRecord)
	}
	file := baseName(name)
	switch {
	case head.Format == nil:
		return nil, errorf(backend.EINVALID, "%s is not a Bridgelog incident record (it has no format field): choose a .json file Bridgelog exported", file)
	case *head.Format != backend.RecordFormat:
		return nil, errorf(backend.EINVALID, "%s is not a Bridgelog incident record (its format is %q): choose a .json file Bridgelog exported", file, *head.Format)
	case head.Version == nil || *head.Version < 1:
		return nil, errorf(backend.EINVALID, "%s has no valid record version: the file is damaged; export the incident again", file)
	case *head.Version > backend.RecordVersion:
		return nil, errorf(backend.EINVALID, "%s was written by a newer Bridgelog (record version %d; this one reads version %d): update Bridgelog to import it", file, *head.Version, backend.RecordVersion)
	case len(head.Entries) > MaxRecordEntries:
		return nil, errorf(backend.ETOOLARGE, "%s holds %d entries; Bridgelog imports records of up to %d entries: check it is the incident you meant, as Bridgelog exported it", file, len(head.Entries), MaxRecordEntries)
	}
	var rec backend.Record
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, jsonError(baseName(name), data, err, fixRecord)
	}
	if err := checkRecord(file, &rec); err != nil {
		return nil, err
	}
	return &rec, nil
}

// checkRecord verifies what the store cannot repair: refs within the record,
// known kinds, and attachments whose bytes match their checksum.
func checkRecord(file string, rec *backend.Record) error {
	damaged := func(format string, args ...any) error {
		return errorf(backend.EINVALID, "%s: %s: the file is damaged or was edited by hand; export the incident again", file, fmt.Sprintf(format, args...))
	}
	if rec.Incident.UID == "" {
		return damaged("the incident has no uid")
	}
	if rec.Incident.Title == "" {
		return damaged("the incident has no title")
	}
	n := len(rec.Entries)
	ref := func(r int) bool { return r >= 1 && r <= n }
	kinds := map[backend.Kind]bool{}
	for _, k := range backend.Kinds {
		kinds[k] = true
	}
	for i, e := range rec.Entries {
		switch {
		case e.Ref != i+1:
			return damaged("entry %d has ref %d", i+1, e.Ref)
		case !kinds[e.Kind]:
			return damaged("entry %d has the unknown kind %q", e.Ref, e.Kind)
		case e.OccurredAt.IsZero():
			return damaged("entry %d has no time", e.Ref)
		case len(e.Text) > backend.MaxEntryBytes || len(e.Raw) > backend.MaxEntryBytes:
			return damaged("entry %d is longer than an entry can be", e.Ref)
		case e.Severity != "" && !e.Severity.Valid():
			return damaged("entry %d has the unknown severity %q", e.Ref, e.Severity)
		case e.Phase != "" && !e.Phase.Valid():
			return damaged("entry %d has the unknown phase %q", e.Ref, e.Phase)
		case e.Overrode != 0 && !ref(e.Overrode):
			return damaged("entry %d overrode entry %d, which is not in the record", e.Ref, e.Overrode)
		}
		if a := e.Attachment; a != nil {
			sum := sha256.Sum256(a.Data)
			switch {
			case len(a.Data) > backend.MaxAttachmentBytes:
				return damaged("entry %d's attachment %s is larger than an attachment can be", e.Ref, quote(a.Name))
			case int64(len(a.Data)) != a.Size:
				return damaged("entry %d's attachment %s is %d bytes, not the %d it should be", e.Ref, quote(a.Name), len(a.Data), a.Size)
			case hex.EncodeToString(sum[:]) != a.SHA256:
				return damaged("entry %d's attachment %s does not match its checksum", e.Ref, quote(a.Name))
			}
		}
	}
	for _, a := range rec.Actions {
		if !ref(a.Entry) {
			return damaged("an action refers to entry %d, which is not in the record", a.Entry)
		}
	}
	for _, a := range rec.ActionEvents {
		if !ref(a.Entry) || !ref(a.Action) {
			return damaged("an action event refers to entries %d and %d, not both in the record", a.Entry, a.Action)
		}
	}
	for _, s := range rec.StatusUpdates {
		if !ref(s.Entry) {
			return damaged("a status update refers to entry %d, which is not in the record", s.Entry)
		}
		if !s.Audience.Valid() {
			return damaged("a status update has the unknown audience %q", s.Audience)
		}
	}
	for _, w := range rec.Watches {
		if !ref(w.StartEntry) {
			return damaged("a watch refers to entry %d, which is not in the record", w.StartEntry)
		}
	}
	return nil
}
