package importer

import (
	"bytes"
	"encoding/json"

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
	case head.Version == nil:
		return nil, backend.CheckRecordFormat(file, *head.Format, 0)
	}
	if err := backend.CheckRecordFormat(file, *head.Format, *head.Version); err != nil {
		return nil, err
	}
	if len(head.Entries) > MaxRecordEntries {
		return nil, errorf(backend.ETOOLARGE, "%s holds %d entries; Bridgelog imports records of up to %d entries: check it is the incident you meant, as Bridgelog exported it", file, len(head.Entries), MaxRecordEntries)
	}
	var rec backend.Record
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, jsonError(baseName(name), data, err, fixRecord)
	}
	// The store holds a record to the same rules (backend.Record.Validate),
	// so a bad record is refused in the same words whichever way it comes.
	if err := rec.Validate(); err != nil {
		return nil, err
	}
	return &rec, nil
}
